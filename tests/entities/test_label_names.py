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
