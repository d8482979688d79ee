"""Policy-type tags from the wording of the label definitions, words in another sense or said
once in passing, and plans a State Council 批复 approves."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("当地今年新建廉租房2000套，优先保障困难家庭。", "住房保障"),
        ("腾退出来的老厂房将改建为科技园。", "土地与空间"),
        ("目前全市配套供应商已全部复工。", "产业链培育"),
        ("市里专门为企业解决用电难题。", "企业服务与营商环境"),
        ("工信部门帮企业协调了一批原材料。", "企业服务与营商环境"),
        ("服务专班为项目提供全流程服务。", "企业服务与营商环境"),
        ("今年将进一步降低企业用电成本。", "企业服务与营商环境"),
        ("该区明确了“一城两带”的功能定位。", "发展规划"),
        ("会议明确了今年经济社会发展的主要目标。", "发展规划"),
        ("到2035年，新区将基本建成现代化城市。", "发展规划"),
        ("哥方欢迎中方企业积极参与港口建设。", "开放合作"),
        ("嫦娥探测器成功着陆月球背面。", "科技创新与孵化"),
        ("团队在量子通信领域取得新进展。", "科技创新与孵化"),
        ("今年中央投入14亿元用于病虫害防控。", "财政奖补"),
        ("全省发放6亿元消费券，可用于餐饮和购物。", "财政奖补"),
        ("对吸纳就业的企业给予贷款贴息。", "财政奖补"),
        ("山东坚持数字政府先行，提升政府运行效能。", "审批服务改革"),
        ("企业在网上办理了全部手续。", "审批服务改革"),
        ("东莞率先推行大通关改革。", "审批服务改革"),
        ("教育部就业指导中心联合招聘网站开展服务。", "人才政策"),
        ("协会为盲人提供免费职业培训。", "人才政策"),
        ("调查组正在调查客机失事原因，这起事故造成4人死亡。", "安全生产"),
    ],
)
def test_policy_wording_of_the_label_definitions(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("世界贸易组织总干事今天表示将出席会议。", "开放合作"),
        ("陪同访华的有外交和国际贸易部部长。", "开放合作"),
        ("苏方赞赏中方在抗击疫情国际合作中的作用。", "开放合作"),
        ("会议提出做好稳外贸、稳外资工作。", "开放合作"),
        ("今天是废除奴隶贸易国际纪念日。", "开放合作"),
        ("这片上下游都是农田。", "产业链培育"),  # weak, once
        ("村里的耕地今年全部种上了小麦。", "土地与空间"),  # weak, once
        ("一场大火烧毁了仓库。", "安全生产"),  # weak, once
    ],
)
def test_a_word_in_another_sense_or_in_passing_decides_no_policy_type(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


def test_joining_the_world_trade_organization_is_opening_up_news(tagger) -> None:
    tags = tagger.tag_text("今年是中国加入世界贸易组织20周年。")
    assert "开放合作" in tags.policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("圣彼得堡市地铁发生爆炸，造成人员伤亡。", "基础设施建设"),
        ("他在码头上和老朋友偶遇。", "基础设施建设"),
        ("春节前，他乘坐高铁回家过年。", "基础设施建设"),
        ("交通运输部路网中心的数据显示车流量大。", "基础设施建设"),
        ("各地加大进出口食品的抽检力度。", "开放合作"),
        ("盘活存量资产，提高资金效率。", "土地与空间"),
        ("她多年来资助贫困孩子读书。", "财政奖补"),
    ],
)
def test_an_infrastructure_or_money_word_said_once_in_passing_decides_nothing(
    tagger, text, label
) -> None:
    assert label not in tagger.tag_text(text).policy_types


def test_infrastructure_words_said_with_support_decide_their_label(tagger) -> None:
    tags = tagger.tag_text("新建地铁3条，高铁运营里程突破4万公里。")
    assert "基础设施建设" in tags.policy_types


def test_weak_words_said_twice_decide_their_label(tagger) -> None:
    tags = tagger.tag_text("带动上下游企业集聚，上下游配套日益完善。严守耕地红线，提升耕地质量。")
    assert {"产业链培育", "土地与空间"} <= set(tags.policy_types)


def test_a_plan_the_state_council_approves_is_planning_news(tagger) -> None:
    tags = tagger.tag_text("国务院日前批复《广州南沙新区发展规划》，同意新区先行先试。")
    assert ("policy_types", "发展规划", ("《广州南沙新区发展规划》",)) in tags.evidence


@pytest.mark.parametrize(
    "text",
    [
        "该超市投入500万元升级门店。",
        "企业瞄准市场需求投入3亿元研发新产品。",
        "华为在全市投入2亿元建设门店。",
        "该上市公司投入3亿元扩建生产线。",
    ],
)
def test_a_company_spending_is_no_public_money(tagger, text) -> None:
    # 省/市/县 inside a word (超市, 市场, 上市) or 在全市 is no government putting money in.
    assert "财政奖补" not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text", ["今年贵州省还将投入31亿元，用于易地扶贫搬迁。", "我市安排专项资金2亿元支持技改。"]
)
def test_a_province_or_city_putting_money_in_is_public_money(tagger, text) -> None:
    assert "财政奖补" in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "中国队参与了比赛项目。",
        "中国选手参与决赛项目。",
        "中国是现行国际体系的参与者、建设者、贡献者。",
        "爱泼斯坦回到中国参与《中国建设》杂志创刊。",
    ],
)
def test_a_team_a_participant_or_a_magazine_is_no_opening_up(tagger, text) -> None:
    assert "开放合作" not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("加快推进信息网络等新型基础设施建设。", "基础设施建设"),
        ("运营商今年将加大电信基础设施投入。", "基础设施建设"),
        ("县里新修了一批小型水利设施。", "基础设施建设"),
        ("农村供水工程改造提升全面推进。", "基础设施建设"),
        ("以高水平开放促进深层次改革。", "开放合作"),
        ("外国企业对华投资持续增长。", "开放合作"),
        ("新疆是我国向西开放的重要窗口。", "开放合作"),
        ("这座城市正在打造区域人才高地。", "人才政策"),
        ("国家将制定实施基础研究十年规划。", "发展规划"),
    ],
)
def test_round_seven_wording_of_the_label_definitions(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("工人们正在检修这条隧道。", "基础设施建设"),
        ("这是一项重大战略任务。", "发展规划"),
        ("生态文明建设是千年大计。", "发展规划"),
        ("企业家们为中部崛起建言献策。", "发展规划"),
    ],
)
def test_a_strategy_epithet_or_a_tunnel_said_once_decides_nothing(tagger, text, label) -> None:
    # Said once, these words were wrong more often than right: 重大战略任务/问题/判断 is
    # political wording, 千年大计 an epithet, 隧道 a war report or a repair crew.
    assert label not in tagger.tag_text(text).policy_types


def test_a_tunnel_with_other_infrastructure_words_is_infrastructure_news(tagger) -> None:
    tags = tagger.tag_text("这条高速公路全长80公里，其中隧道12座。")
    assert "基础设施建设" in tags.policy_types


@pytest.mark.parametrize(
    "text",
    [
        "今年前7个月，粤港澳大湾区内地9市进出口增长4.7%。",
        "前三季度，长江经济带11省市实现地区生产总值26.7万亿元。",
        "一批长江经济带重点公路项目陆续复工。",
        "长江经济带沿线省市发布了共护长江的联合倡议。",
    ],
)
def test_a_regional_strategy_named_as_the_place_is_no_plan_news(tagger, text) -> None:
    assert "发展规划" not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text", ["国家将研究制定粤港澳大湾区城市群发展规划。", "香港积极参与粤港澳大湾区建设。"]
)
def test_a_regional_strategy_itself_is_plan_news(tagger, text) -> None:
    assert "发展规划" in tagger.tag_text(text).policy_types
