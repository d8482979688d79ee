"""Park rules of round 16 (issue 13): a bare 自贸试验区 after 建设 is still read by its
province's clause, places listed in the brackets of 中国（…）自由贸易试验区 each name their zone,
and a bare 经开区 or 高新区 in a clause naming one city with such a zone is that city's."""

from __future__ import annotations

import pytest

from tests.corpus_fixtures import article_of


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("党中央决定支持海南全岛建设自由贸易试验区。", "海南自贸试验区"),
        ("浙江将加快建设自贸试验区，扩大对外开放。", "浙江自贸试验区"),
    ],
)
def test_a_province_building_its_pilot_zone_names_it(tagger, text, zone) -> None:
    """建设 before the bare zone is no 新设 (a round-up of new zones)."""
    assert tagger.tag_text(text).parks == (zone,)


@pytest.mark.parametrize(
    "text",
    [
        "国务院决定新设自由贸易试验区，浙江等省份积极申报。",
        "浙江、广东等地加快建设自贸试验区。",
    ],
)
def test_new_or_several_pilot_zones_name_none(tagger, text) -> None:
    """新设 and a list of provinces still give no province's zone."""
    assert tagger.tag_text(text).parks == ()


def test_places_listed_in_the_brackets_each_name_their_zone(tagger) -> None:
    """中国（辽宁、浙江…）自由贸易试验区: a State Council decision naming seven zones at once."""
    article = article_of(
        "国务院印发《中国（辽宁、浙江、河南、湖北、重庆、四川、陕西）自由贸易试验区总体方案》",
        "央视网消息(新闻联播)：日前，国务院分别印发总体方案。",
        "《总体方案》提出，自贸试验区要当好改革开放排头兵、创新发展先行者。",
    )
    tagged = tagger.tag_article(article)
    provinces = ("辽宁", "浙江", "河南", "湖北", "重庆", "四川", "陕西")
    assert set(tagged.subject_parks) == {f"{province}自贸试验区" for province in provinces}
    assert set(tagged.paragraphs[-1].parks) == set(tagged.subject_parks)


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        (
            "中国（广东 天津 福建）自由贸易试验区挂牌。",
            {"广东自贸试验区", "天津自贸试验区", "福建自贸试验区"},
        ),
        ("中国（上海）自由贸易试验区挂牌。", {"上海自贸试验区"}),
    ],
)
def test_a_bracket_names_its_places_zones(tagger, text, zones) -> None:
    """One place, as before, or several written with 、 or spaces."""
    assert set(tagger.tag_text(text).parks) == zones


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("安徽省合肥市对肥西县、经开区两个街道进行全员核酸检测。", "合肥经开区"),
        ("长春市的高新技术产业开发区新增企业300家。", "长春高新区"),
    ],
)
def test_a_bare_zone_in_a_citys_clause_is_the_citys(tagger, text, zone) -> None:
    """A bare 经开区 or 高新区 after a list's comma or 的 in a clause naming one city."""
    assert zone in tagger.tag_text(text).parks


@pytest.mark.parametrize(
    "text",
    [
        "合肥市各经开区加快项目建设。",
        "合肥市召开会议，国家级经开区综合发展水平考核结果公布。",
        "合肥、芜湖两市的经开区合作共建。",
        "全国经开区实现地区生产总值增长。",
    ],
)
def test_a_bare_zone_not_one_citys_names_none(tagger, text) -> None:
    """各, a rank, two cities, a city in another clause or none: no city's zone."""
    assert tagger.tag_text(text).parks == ()
