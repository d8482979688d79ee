"""Park rules of round 17d (issue 13): two cities of different provinces glued before 产业园
are one name (喀什深圳产业园, not a Shenzhen park); a cooperation prefix (中德, 中韩) keeps the
place written before it and gives no value without one; a company's name before a province and a
city makes the park its plant (中粮面业河南漯河产业园)."""

from __future__ import annotations

import pytest


def test_two_cities_of_different_provinces_glued_are_one_name(tagger) -> None:
    """Shenzhen's aid park in Kashgar is not a park of Shenzhen's."""
    text = "围绕“一带一路”建立的“喀什深圳产业园”等一批产业项目开工建设。"
    parks = tagger.tag_text(text).parks
    assert "喀什深圳产业园" in parks
    assert "深圳产业园" not in parks


def test_a_city_before_its_own_county_is_still_its_address(tagger) -> None:
    """苏州太仓: the gazetteer knows no province apart, so the county names the park."""
    assert tagger.tag_text("企业入驻了苏州太仓产业园。").parks == ("太仓产业园",)


def test_a_cooperation_prefix_keeps_the_place_before_it(tagger) -> None:
    text = "位于北京市顺义区的北京中德产业园，通过实施“服务管家”机制推动复工。"
    assert tagger.tag_text(text).parks == ("北京中德产业园",)


@pytest.mark.parametrize(
    "text",
    [
        "双方还可以拓展地方经济合作，共同建设中韩产业园，扩大战略性新兴产业合作。",
        "推动中韩产业园建设尽快取得成效。",
        "在中德产业园，企业陆续复工。",
    ],
)
def test_a_cooperation_prefix_alone_names_no_park(tagger, text) -> None:
    """Which of the Sino-Korean or Sino-German parks is not said: no value."""
    assert tagger.tag_text(text).parks == ()


def test_a_company_before_a_province_and_city_makes_its_plant(tagger) -> None:
    text = "在中粮面业河南漯河产业园扦样区，全自动智能扦样机对小麦进行抽检。"
    assert tagger.tag_text(text).parks == ()


def test_a_province_and_city_after_a_preposition_still_name_the_park(tagger) -> None:
    assert tagger.tag_text("在河南漯河产业园，企业陆续复工。").parks == ("漯河产业园",)
