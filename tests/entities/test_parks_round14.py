"""Park rules of round 14 (issue 13): a bare 自贸试验区 in a clause naming a province is that
province's; an ecological demonstration area and an unseen X经济区 (a region) are no zones."""

from __future__ import annotations

import pytest

from tests.corpus_fixtures import article_of


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("海南：自贸试验区建设高标准起步", "海南自贸试验区"),
        ("今年，浙江还将推进改革、做强自贸试验区等，发展开放型经济。", "浙江自贸试验区"),
        ("重庆还依托自贸试验区、中新互联互通项目等，做大做强开放平台。", "重庆自贸试验区"),
    ],
)
def test_a_bare_pilot_zone_in_a_provinces_clause_is_the_provinces(tagger, text, zone) -> None:
    """China's pilot free-trade zones are one per province: the clause says whose."""
    assert zone in tagger.tag_text(text).parks


@pytest.mark.parametrize(
    "text",
    [
        "福建将加快建设开放型经济新体制，将核心区、自贸试验区等多区叠加的政策优势转变为发展优势。",
        "广东要学习借鉴各自贸试验区的经验。",
        "国务院批复同意在北京设立3个自贸试验区。",
        "商务部今天在北京介绍自贸试验区建设情况。",
        "山东和江苏正在总结自贸试验区的经验。",
        "自贸试验区建设取得新进展。",
    ],
)
def test_a_bare_pilot_zone_needs_one_province_in_its_clause(tagger, text) -> None:
    """Another clause, a count, 各, the capital where national news is held, two provinces
    or none: the bare word names no province's zone."""
    assert not any(park.endswith("自贸试验区") for park in tagger.tag_text(text).parks)


def test_a_titles_provincial_pilot_zone_is_the_articles_subject(tagger) -> None:
    """A kicker's province with a bare 自贸试验区 makes the story the province's zone's."""
    article = article_of(
        "海南：自贸试验区建设高标准起步",
        "新春伊始，海南鼓足干劲加快发展，一系列制度创新取得突破。",
        "接下来，崖州湾科技城将重点建设教育和医疗卫生等公共服务机构。",
    )
    assert "海南自贸试验区" in tagger.tag_article(article).paragraphs[1].parks


def test_a_named_pilot_zone_is_read_as_before(tagger) -> None:
    assert tagger.tag_text("上海自贸试验区挂牌运行。").parks == ("上海自贸试验区",)
    listed = tagger.tag_text("广东、天津、福建3个自贸试验区同时挂牌。").parks
    assert set(listed) == {"广东自贸试验区", "天津自贸试验区", "福建自贸试验区"}


def test_an_ecological_demonstration_area_is_no_zone(tagger) -> None:
    """A designation for a county's ecology (国家级生态示范区), not a development zone."""
    text = "在雅鲁藏布江北岸南木林生态示范区，绿树黄花，和着潺潺的江水。"
    assert tagger.tag_text(text).parks == ()


def test_an_unseen_economic_region_is_no_zone(tagger) -> None:
    """沈阳经济区 is a region of eight cities; the gazetteer's 经济区 zones are still named."""
    text = "辽宁下一步将以沈阳大连为主轴，把沈阳经济区和沿海经济带有机连接起来。"
    assert tagger.tag_text(text).parks == ()
    assert "天津临港经济区" in tagger.tag_text("天津临港经济区的企业加快复工。").parks
