"""Round 17c: a satellite launched is the equipment industry's news however the launch is worded
(from the satellite, from the rocket carrying it); a fund's money decides 金融 only when the fund is
not an excluded one (医保基金, 基金会); “两高”项目 is energy-saving news with any quotes or none."""

from __future__ import annotations

import pytest

from search.entities.tagger import Tagger

EQUIPMENT = "智能制造与高端装备"
FINANCE = "金融"
GREEN = "新能源与节能环保"


@pytest.mark.parametrize(
    "text",
    [
        "2016年8月，高分三号卫星成功发射。",
        "我国首颗暗物质粒子探测卫星“悟空”在酒泉发射升空。",
        "此次长征八号运载火箭首飞搭载了5颗试验性卫星。",
        "习近平与巴西总统互致贺电，祝贺中巴地球资源卫星04A星发射成功。",
        "长征五号遥三运载火箭将实践二十号卫星准确送入预定轨道。",
        "我国在酒泉卫星发射中心成功发射高分三号卫星。",
    ],
)
def test_a_satellite_launched_is_equipment_news(tagger: Tagger, text: str) -> None:
    assert EQUIPMENT in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "神舟十二号载人飞船在酒泉卫星发射中心发射升空。",
        "各地利用卫星监测秸秆焚烧情况。",
    ],
)
def test_a_launch_site_or_a_look_is_no_satellite_launched(tagger: Tagger, text: str) -> None:
    assert EQUIPMENT not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "今年全国医保基金规模达到3万亿元。",
        "多家企业共出资约4.7亿元成立的基金会受到调查。",
    ],
)
def test_an_excluded_fund_with_its_money_is_no_finance_news(tagger: Tagger, text: str) -> None:
    assert FINANCE not in tagger.tag_text(text).industries


def test_a_fund_with_its_money_is_still_finance_news(tagger: Tagger) -> None:
    assert FINANCE in tagger.tag_text("该市设立2亿元的成果转化基金。").industries


@pytest.mark.parametrize("quoted", ["“两高”项目", '"两高"项目', "「两高」项目", "两高项目"])
def test_two_highs_projects_with_any_quotes(tagger: Tagger, quoted: str) -> None:
    text = f"坚决遏制{quoted}盲目发展。"
    assert GREEN in tagger.tag_text(text).industries
