"""Industries and policy types, round 16: a back-reference (《意见》) is 发展规划 news only when
the document it refers to is a plan; words in another sense (手机号, 通信号灯, 能源消费, 航空运输);
人才队伍 said once in passing; wording of the label definitions (老旧小区改造, 投资协定)."""

from __future__ import annotations

import pytest

PLAN = "发展规划"


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        # An opinion on Party supervision, cited in the lead, is no plan.
        (
            "《意见》强调，要加强党委对监督工作的领导，完善党内监督体系。",
            ["关于加强对一把手和领导班子监督的意见"],
        ),
        # A programme for vocational education is talent policy, not a development plan.
        ("《方案》指出，要把职业教育摆在更加突出位置。", ["国家职业教育改革实施方案"]),
        # The full title cited earlier in the same paragraph.
        ("国务院办公厅印发《职业技能提升行动方案》。《方案》指出，要持续开展培训。", []),
    ],
)
def test_a_back_reference_to_no_plan_is_no_plan_news(tagger, text, cited) -> None:
    assert PLAN not in tagger.tag_text(text, cited=list(cited)).policy_types


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        # The document it refers to names a strategy (西部大开发) or a plan.
        (
            "《意见》指出，要加强西部地区同周边国家的联系。",
            ["关于新时代推进西部大开发形成新格局的指导意见"],
        ),
        ("《方案》提出，要优化城市功能布局。", ["城市总体规划实施方案"]),
        # Cited nowhere before: read as before.
        ("《意见》提出，要进一步加强统筹协调。", []),
    ],
)
def test_a_back_reference_to_a_plan_is_still_plan_news(tagger, text, cited) -> None:
    assert PLAN in tagger.tag_text(text, cited=list(cited)).policy_types


WORDS_IN_ANOTHER_SENSE = [
    ("她把自己的手机号挂到了墙上，作为24小时预约热线。", "新一代信息技术"),
    ("各地共查处违反交通信号灯指示通行的违法行为137万起。", "新一代信息技术"),
    ("会议研究部署控制能源消费总量工作，强化能源消费环节税收调节。", "现代服务业"),
    ("作为我国首家进行股改的航空运输企业，公司的航空运输网络遍及全球。", "智能制造与高端装备"),
]


@pytest.mark.parametrize(("text", "label"), WORDS_IN_ANOTHER_SENSE)
def test_words_in_another_sense_decide_no_industry(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


def test_a_workforce_named_once_is_no_talent_policy(tagger) -> None:
    text = "要加强革命化专业化人才队伍建设，推动政治建军走深走实。"
    assert "人才政策" not in tagger.tag_text(text).policy_types
    text = "实施高层次人才引进计划，加强人才队伍建设。"
    assert "人才政策" in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("下一步将继续深入推进城镇老旧小区改造工作，支持有条件的楼栋加装电梯。", "住房保障"),
        ("中欧双方正在开展投资协定文本的审核工作，力争早日签订。", "开放合作"),
    ],
)
def test_wording_of_the_label_definitions(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Words read across: 开展|会务 is no trade fair.
        ("香港中国商会成立以来，积极开展会务活动，取得了积极成效。", "现代服务业"),
        # Retail sales beside another aggregate of a macro report: the economy grows.
        (
            "一季度，规模以上农副食品加工业增加值同比增长6.8%。乡村消费品零售额同比增长3.1%。",
            "现代服务业",
        ),
    ],
)
def test_more_industry_words_in_passing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("第十二届中国深圳文博会今天闭幕，实质性成交额2032亿元。", "现代服务业"),
        ("遂宁每天生产2.8万平方米印制电路板，销往东南沿海地区和欧美国家。", "新一代信息技术"),
    ],
)
def test_industry_wording_added(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A propaganda lecture (作宣讲报告): Party work, not explaining policies to firms.
        (
            "杨凤城教授在银川作宣讲报告。宣讲期间，他还前往高校交流座谈。",
            "企业服务与营商环境",
        ),
        # Two countries' strategies aligned, the verb after them.
        ("双方同意把中国扩大内需和西部大开发战略与巴国内经济发展进程更加紧密结合。", PLAN),
        # The Party's centenary goals.
        (
            "如期全面建成小康社会，实现第一个百年奋斗目标，开启向第二个百年奋斗目标进军新征程。",
            PLAN,
        ),
    ],
)
def test_more_policy_words_in_passing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("回到工作岗位上，要为“十三五”的圆满收官作贡献，以奋斗的姿态迎接“十四五”。", PLAN),
        (
            "注册在贫困县的公司中，18家IPO申请正在接受审核，35家已经进入上市辅导备案阶段。",
            "科技金融",
        ),
        # Approval or review made simpler or shorter.
        ("自然资源部出台了简化用地用海审查、完善工业用地供应方式等政策。", "审批服务改革"),
        ("工商部门开通了绿色通道、缩短商标审查周期，为申请人注册商标提供支持。", "审批服务改革"),
        ("省政府企业投诉中心成立以来，已受理投诉1003件，问责141人。", "企业服务与营商环境"),
        ("这是依法保护产权和企业家合法权益的典型案件。", "企业服务与营商环境"),
    ],
)
def test_policy_wording_added(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types
