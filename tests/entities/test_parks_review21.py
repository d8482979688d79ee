"""Review 21 of round 17's trade parks (issue 13): a park's name is still no policy news, only
names `park_names` reads are left to it for the industries, a bare reference (园区, 开发区) is no
trade, and a list's item a clause plans (建设…、…产业园) names no park."""

from __future__ import annotations

import pytest


def mentioned(tagger, text: str) -> list[str]:
    return [text[start:end] for start, end, _ in tagger.park_mentions(text)]


def test_a_parks_name_decides_no_policy_type(tagger) -> None:
    """民营经济 in 广州民营经济科技园 is the park's name; the paragraph is a Party lecture."""
    text = "在广州民营经济科技园里，管委会请来党史专家举行专题讲座，引导党员汲取前进动力。"
    assert "广州民营经济科技园" in tagger.tag_text(text).parks
    assert "企业服务与营商环境" not in tagger.tag_text(text).policy_types


def test_a_software_parks_name_decides_no_industry(tagger) -> None:
    """`park_names` never reads 软件园, so its name stays blanked: a visit is no IT news."""
    text = "武夷新区武夷软件园是廖俊波同志生前直接抓的项目，刘云山专程来到这里看望廖俊波家属。"
    assert "新一代信息技术" not in tagger.tag_text(text).industries


def test_an_unseen_trade_park_reporting_its_business_keeps_its_industry(tagger) -> None:
    text = "这家位于广东汕尾的海上风电产业园7月刚刚投产，一期全面达产后产值将超过100亿元。"
    tags = tagger.tag_text(text)
    assert tags.parks == ("汕尾海上风电产业园",)
    assert "新能源与节能环保" in tags.industries


@pytest.mark.parametrize(
    "text",
    ["记者在芜湖，走进园区新能源产业园。", "在合肥，开发区新能源产业园的企业忙着生产。"],
)
def test_a_bare_reference_is_no_trade(tagger, text) -> None:
    """园区 and 开发区 say which kind of place, not which trade: no 芜湖园区新能源产业园."""
    assert not any("区新能源" in name for name in tagger.tag_text(text).parks)
    assert not any("区新能源" in name for name in mentioned(tagger, text))


@pytest.mark.parametrize(
    "text",
    ["合肥将建设集成电路、新能源汽车产业园。", "合肥市加快打造生物医药、新能源汽车产业园。"],
)
def test_a_planned_lists_item_names_no_park(tagger, text) -> None:
    assert tagger.tag_text(text).parks == ()
    assert mentioned(tagger, text) == []


def test_a_visited_lists_item_is_still_a_mention(tagger) -> None:
    text = "栗战书来到新材料、新能源企业和物联网产业基地、大数据产业园，了解前沿科技。"
    assert mentioned(tagger, text) == ["大数据产业园"]
