"""Park rules of round 15 (issue 13): a zone's short name that starts a facility's or an
institution's name (浦东机场, 光谷院区, 中关村街道) names that thing, and 浦东, also 上海's
district, names the zone only in a paragraph about a zone."""

from __future__ import annotations

import pytest

from tests.corpus_fixtures import article_of


@pytest.mark.parametrize(
    "text",
    [
        "受台风影响，浦东机场今天取消全部进出港航班。",
        "C919从上海浦东国际机场第四跑道起飞，空中飞行2个小时。",
        "截至17点，浦东、虹桥、杭州、南京等机场共有629个航班延误。",
        "医疗队进驻湖北省妇幼保健院光谷院区，第一时间展开救治。",
        "澳门大学横琴新校区启用。",
        "最后，他走进中关村街道办事处，慰问基层普查员。",
        "在北京同仁医院亦庄院区，前来急诊的人数明显回落。",
        "深圳前海微众银行的服务重点是个人消费者。",
        "闭幕式在深圳前海欢乐剧场举行。",
        "位于陆家嘴的浦东美术馆自7月开馆以来吸引大量观众。",
    ],
)
def test_a_short_name_starting_a_facilitys_name_is_no_zone(tagger, text) -> None:
    """An airport, a hospital's or a university's campus, a street office, a bank or a venue
    named after the place is that thing, not the zone."""
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("深圳前海引进港澳银行，发展跨境金融。", "前海深港现代服务业合作区"),
        ("横琴引进澳门大学的科研团队，发展中医药产业。", "横琴粤澳深度合作区"),
        ("光谷企业专利申请量快速增长。", "东湖高新区"),
        ("浦东机场综合保税区进出口额增长。", "上海浦东机场综合保税区"),
        ("亦庄，通过空间腾退引入了一批高精尖企业。", "北京经开区"),
    ],
)
def test_a_short_name_naming_the_zone_stands(tagger, text, zone) -> None:
    """A verb after the name (引进) makes no facility's name, and a zone named after the
    facility is still found by its own name."""
    assert zone in tagger.tag_text(text).parks


@pytest.mark.parametrize(
    "text",
    [
        "在浦东，交警推出交通管理智能研判系统，预判清明期间的拥堵时间。",
        "在浦东，8座商场组成的商圈被花串了起来。",
        "浦东花木街道常住人口25万多人，而公务员队伍只有65人。",
    ],
)
def test_the_district_in_news_not_about_a_zone_is_no_zone(tagger, text) -> None:
    """Traffic, festival or city-management news in 浦东 is the district's, not the zone's."""
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    "text",
    [
        "今天的浦东以服务业领跑全国：723家金融机构，187家跨国公司的地区总部。",
        "从安徽小岗村到北京中关村，从深圳前海到上海浦东；重要讲话触动了山南海北的人们。",
        "展厅里有反映上海浦东开发开放旧貌换新颜的视频。",
    ],
)
def test_the_district_in_a_zones_news_is_the_zone(tagger, text) -> None:
    """浦东 with its development, industry or another zone named is the zone (上海浦东 too)."""
    assert "浦东新区" in tagger.tag_text(text).parks


def test_a_hospital_campus_lead_makes_no_subject(tagger) -> None:
    """A lead naming a hospital's campus after the zone gives no paragraph the zone."""
    article = article_of(
        "探访同济医院光谷院区 六省市医疗队入驻",
        "在同济医院光谷院区，来自六个省市的17支医疗队接管了17个重症病区。",
        "医生护士们24小时轮班不停歇地守护患者。",
    )
    assert all(paragraph.parks == () for paragraph in tagger.tag_article(article).paragraphs)
