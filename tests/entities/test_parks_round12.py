"""Park rules of round 12 (issue 13), read on the judged batch 14: a former zone (原…开发区), a
place before a known zone's stem, 未来科学城's old name and a nickname naming a border
crossing."""

from __future__ import annotations

import pytest

from tests.corpus_fixtures import article_of


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("北京市原密云经济开发区管理委员会一名干部违规收受礼品。", "密云经开区"),
        ("北京市原平谷经济开发区管委会主任接受审查调查。", "平谷经开区"),
        ("四川省原简阳工业园区管委会主任被开除党籍。", "简阳工业园区"),
    ],
)
def test_a_former_zone_is_still_named(tagger, text, park) -> None:
    """原 (former) before a zone's name is no part of a longer phrase: the zone is named."""
    assert tagger.tag_text(text).parks == (park,)


def test_a_city_starting_with_the_former_character_keeps_its_name(tagger) -> None:
    assert tagger.tag_text("原平经济开发区的企业加快复工。").parks == ("原平经开区",)


@pytest.mark.parametrize(
    "text",
    [
        "位于北京市昌平区未来科技城的研究所是国家级研究机构。",
        "北京未来科技城已聚集多家央企研发机构。",
    ],
)
def test_future_science_city_under_its_old_name_is_the_zone(tagger, text) -> None:
    """北京's 未来科技城 has been 未来科学城 since 2017; a place before the zone's stem is its
    address."""
    assert tagger.tag_text(text).parks == ("未来科学城",)


def test_hangzhous_future_sci_tech_city_stays_its_own(tagger) -> None:
    assert tagger.tag_text("杭州市余杭区未来科技城的企业").parks == ("杭州未来科技城",)


def test_a_nickname_before_kouan_names_a_border_crossing(tagger) -> None:
    """横琴口岸 is the crossing troops and travellers pass, not the cooperation zone."""
    text = "轮换部队采取摩托化机动方式，从横琴口岸进入驻军凼仔军营。"
    assert tagger.tag_text(text).parks == ()


def test_the_nickname_alone_still_names_the_zone(tagger) -> None:
    assert tagger.tag_text("横琴的企业今年营收增长。").parks == ("横琴粤澳深度合作区",)


def test_a_crossings_opening_is_no_zones_story(tagger) -> None:
    article = article_of(
        "横琴口岸新旅检区域今天正式开通",
        "今天下午3时，横琴口岸新旅检区域正式开通。",
        "新旅检区域启用后，口岸的日通关能力将超过22万人次。",
    )
    tagged = tagger.tag_article(article)
    assert tagged.subject_parks == ()
    assert tagged.paragraphs[-1].parks == ()
