"""Industries and policy types, round 17 (dev batch 22, economic news as CCTV words it): a year
framed by a five-year plan, a plan aligned with another country's and the path of Chinese
modernisation decide no plan or road; 基金 and 卫星 said once in passing decide nothing (a fund with
its money, a satellite launched still do); words in another sense (医保基金, 航空公司,
工业通信业, 铁路船舶); vehicles destroyed; a verb ends a list's subject; wording CCTV uses."""

from __future__ import annotations

import pytest

PLAN = "发展规划"
INFRASTRUCTURE = "基础设施建设"
FINANCE = "金融"
MANUFACTURING = "智能制造与高端装备"


@pytest.mark.parametrize(
    "text",
    [
        "会议强调，今年是“十四五”规划收官之年，做好经济工作意义重大。",
        "批示指出，今年是实现“十四五”规划目标任务的关键一年，做好“三农”工作至关重要。",
    ],
)
def test_a_year_framed_by_a_plan_is_no_plan_news(tagger, text) -> None:
    assert PLAN not in tagger.tag_text(text).policy_types


def test_a_plan_itself_is_still_plan_news(tagger) -> None:
    assert (
        PLAN in tagger.tag_text("“十四五”规划提出，到2025年基本建成现代化经济体系。").policy_types
    )


def test_a_plan_aligned_with_another_countrys_is_cooperation_not_plan(tagger) -> None:
    tags = tagger.tag_text("要推动共建“一带一路”同东盟互联互通总体规划对接，促进地区联通。")
    assert PLAN not in tags.policy_types
    assert "开放合作" in tags.policy_types


def test_the_path_of_chinese_modernisation_is_no_road(tagger) -> None:
    text = "中国式现代化是强国建设的唯一正确道路。迈上新征程，道路清晰，步履铿锵。"
    assert INFRASTRUCTURE not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "facet", "label"),
    [
        ("要织密医保基金监管网，确保医保基金安全。", "industries", FINANCE),
        ("“十三五”时期，国家艺术基金共资助近5000个文艺项目。", "industries", FINANCE),
        ("根据最新卫星图像，多处雷达部署点遭到袭击。", "industries", MANUFACTURING),
        ("神舟十三号载人飞行任务新闻发布会在酒泉卫星发射中心举行。", "industries", MANUFACTURING),
        (
            "受天气影响，多家航空公司取消了航班，航空公司正在安排旅客改签。",
            "industries",
            MANUFACTURING,
        ),
        (
            "工信部通报上半年工业通信业发展情况，规模以上工业增加值增长6%。",
            "industries",
            "新一代信息技术",
        ),
        ("铁路船舶航空航天设备制造业增长较快。", "industries", "海洋经济"),
        (
            "铁路船舶航空航天设备等行业生产较快增长，铁路船舶航空航天设备行业投资增长较快。",
            "policy_types",
            INFRASTRUCTURE,
        ),
        ("首都发生汽车炸弹爆炸，30多辆汽车被毁或受损。", "industries", "汽车与智能网联"),
    ],
)
def test_words_in_passing_or_in_another_sense_decide_nothing(tagger, text, facet, label) -> None:
    assert label not in getattr(tagger.tag_text(text), facet)


@pytest.mark.parametrize(
    ("text", "facet", "label"),
    [
        # A fund with its money and a satellite launched are still the news (the seeds' reading).
        ("高新区与大学签署协议，并设立2亿元的成果转化基金。", "industries", FINANCE),
        ("长光卫星成功发射“吉林一号”卫星。", "industries", MANUFACTURING),
        ("铁路船舶航空航天设备制造业增长较快。", "industries", MANUFACTURING),
        (
            "1至4月，全国铁路完成固定资产投资1674亿元，同比增长6.3%。",
            "policy_types",
            INFRASTRUCTURE,
        ),
        ("为缓解小微企业融资难，重庆市创新金融服务方式。", "policy_types", "科技金融"),
        ("今年以来机械工业加快数字化、智能化、绿色化转型步伐。", "industries", MANUFACTURING),
        ("随着气温降低，各地积极推进清洁供暖，努力让蓝天常在。", "industries", "新能源与节能环保"),
        ("会议部署坚决遏制“两高”项目盲目发展。", "industries", "新能源与节能环保"),
        ("美联储宣布降息25个基点。", "industries", FINANCE),
        ("作为工业第一大行业的电子行业增加值同比大幅增长14.0%。", "industries", "新一代信息技术"),
        ("山东提出了高铁沿线土地综合开发方案。", "policy_types", "土地与空间"),
    ],
)
def test_what_the_news_reports_decides_its_label(tagger, text, facet, label) -> None:
    assert label in getattr(tagger.tag_text(text), facet)
