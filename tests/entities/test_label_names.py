"""Label words inside a name decide nothing (round 7b): a ministry's or an international body's
name, a company's name whose business another sentence reports, a park named with a trade, an
item listed with an organisation."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("国家防办、应急管理部会同有关部门紧急调运防汛物资。", "应急管理部", "安全生产"),
        ("国家外汇管理局公布了上月全国经济运行数据。", "国家外汇管理局", "金融"),
        ("世界知识产权组织总干事出席峰会并致辞。", "世界知识产权组织", "科技创新与孵化"),
        ("中国民用航空局局长表示，今年将继续提升服务。", "中国民用航空局", "智能制造与高端装备"),
        ("国家中医药管理局局长回答了记者提问。", "国家中医药管理局", "生物医药"),
    ],
)
def test_a_ministry_or_an_international_body_is_a_name_not_its_label(
    tagger, text, name, label
) -> None:
    tags = tagger.tag_text(text)
    assert name in tags.organizations
    assert label not in tags.industries + tags.policy_types


def test_a_work_safety_paragraph_naming_the_ministry_keeps_its_label(tagger) -> None:
    tags = tagger.tag_text("应急管理部部署开展安全生产大检查，严防重特大事故发生。")
    assert "安全生产" in tags.policy_types


def test_international_banks_and_funds_are_known_by_their_short_names(tagger) -> None:
    tags = tagger.tag_text("中方愿同各方共同建设好亚投行，发挥好丝路基金作用。")
    assert set(tags.organizations) == {"亚洲基础设施投资银行", "丝路基金"}
    assert tags.industries == ()


def test_a_business_word_in_another_sentence_does_not_make_a_fund_finance_news(tagger) -> None:
    text = "今年以来，通过贸易投资双轮驱动，一系列举措频出。出资400亿美元成立丝路基金。"
    assert "金融" not in tagger.tag_text(text).industries


def test_a_business_word_in_a_list_of_examples_is_no_banks_business(tagger) -> None:
    text = "双方同意加强在铁路、港口、投资、金融、航天等领域合作，共同建设好亚洲基础设施投资银行。"
    assert "金融" not in tagger.tag_text(text).industries


def test_a_company_whose_business_its_sentence_reports_still_names_the_industry(tagger) -> None:
    assert "生物医药" in tagger.tag_text("恒瑞医药今年投资10亿元扩大产能。").industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("李希来到太重智能高端装备产业园区，要求推进国企改革。", "智能制造与高端装备"),
        ("在中兴特种车辆制造公司、浩源新材料科技园，李长春勉励他们加大力度。", "新材料"),
    ],
)
def test_a_park_named_with_a_trade_is_no_news_of_that_trade(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


def test_kinds_of_parks_in_a_list_still_name_their_trade(tagger) -> None:
    text = "要积极发展现代农业和光伏等产业园区，培育发展新增长极。"
    assert "新能源与节能环保" in tagger.tag_text(text).industries


def test_an_item_listed_with_an_organisation_is_a_name_too(tagger) -> None:
    text = "冠捷集团、东南汽车等一批企业纷纷落户福州，开发区迅速崛起。"
    assert "汽车与智能网联" not in tagger.tag_text(text).industries


def test_a_persons_title_listed_with_an_organisation_is_no_talent_policy(tagger) -> None:
    text = "中国工程院院士、天津中医药大学校长张伯礼肩负起使命。"
    assert "人才政策" not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "ministry"),
    [
        ("各地应急管理部门加强安全生产检查。", "应急管理部"),
        ("当地文旅部门推出一批乡村旅游线路。", "文化和旅游部"),
        ("生态环境部门加强污染防治。", "生态环境部"),
        ("各地交通运输部门加强公路养护。", "交通运输部"),
        ("省人社部门发布就业政策。", "人力资源和社会保障部"),
        ("自然资源部门开展土地调查。", "自然资源部"),
        ("农业农村部门加强技术指导。", "农业农村部"),
    ],
)
def test_a_local_department_is_not_the_ministry(tagger, text, ministry) -> None:
    """…部门 is a county's or a province's department: an analyst ticking the ministry does
    not want it."""
    assert ministry not in tagger.tag_text(text).organizations


def test_a_local_emergency_department_is_work_safety_news(tagger) -> None:
    tags = tagger.tag_text("各地应急管理部门连夜部署，严防汛期事故。")
    assert "安全生产" in tags.policy_types


def test_the_ministrys_web_portal_names_the_ministry(tagger) -> None:
    tags = tagger.tag_text("详情可登录人力资源和社会保障部门户网站查询。")
    assert "人力资源和社会保障部" in tags.organizations


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("光伏项目落户新能源产业园，总投资20亿元。", "新能源与节能环保"),
        ("芯片企业入驻集成电路产业园，当年实现产值5亿元。", "新一代信息技术"),
        ("总投资20亿元的锂电池项目落户工业园，年产电池10GWh。", "新能源与节能环保"),
        ("全市新增人工智能产业园3个，集聚企业200家。", "新一代信息技术"),
        ("这家位于广东汕尾的海上风电产业园7月刚刚投产，产值将超过100亿元。", "新能源与节能环保"),
    ],
)
def test_a_trade_park_whose_sentence_reports_the_trades_business_keeps_it(
    tagger, text, label
) -> None:
    assert label in tagger.tag_text(text).industries


def test_a_visit_to_a_trade_park_with_firms_is_no_news_of_the_trade(tagger) -> None:
    text = "李克强考察了国际智能制造服务产业园，与多家外资企业负责人交流。"
    assert "智能制造与高端装备" not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "民航局表示，今年将加大机场投资。",
        "亚投行今年批准投资项目30个。",
        "证监会表示，将加强投资者保护。",
        "文旅部推动旅游项目投资。",
        "发改委、人社部、银监会等8部门围绕职工安置等问题研究制定投资政策。",
        "肖亚庆表示，“十四五”期间，工信部还将继续推动我国新能源汽车产业发展。",
    ],
)
def test_every_evidence_word_is_in_the_paragraph(tagger, text) -> None:
    """Evidence is marked in the paragraph: a short name's canonical form (证监会 ->
    中国证券监督管理委员会) or a pattern over blanked names is not a span of the text."""
    for facet, value, words in tagger.tag_text(text).evidence:
        assert all(word in text for word in words), (facet, value, words)


def test_a_short_name_alone_decides_no_industry_its_full_name_would(tagger) -> None:
    assert tagger.tag_text("民航局表示，今年将加大机场投资。").industries == ()
    assert "金融" not in tagger.tag_text("证监会表示，将加强投资者保护。").industries
