"""Park rules of round 13 (issue 13), read on the judged batches 15 and 16: a bare 开发区 is an
经济(技术)开发区, a zone spanning cities is the part of the city the text names, a city written
with 市 before a zone's own name is its address, and two state-approved pilot areas."""

from __future__ import annotations

import pytest

from tests.corpus_fixtures import article_of


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("中央国家机关对口支援赣州18个县(市、区)和赣州开发区。", "赣州经开区"),
        ("在河北唐山南堡开发区的一处近海，网具立在滩涂上。", "唐山南堡经开区"),
    ],
)
def test_a_bare_development_zone_is_an_economic_development_zone(tagger, text, park) -> None:
    """开发区 is the short name of an 经济(技术)开发区, also where the city has a 高新区 too."""
    assert tagger.tag_text(text).parks == (park,)


def test_the_short_name_files_with_the_full_name(tagger) -> None:
    """A user filtering by 唐山南堡经济开发区 finds the paragraphs that wrote 唐山南堡开发区."""
    found = tagger.tag_text("在唐山南堡开发区，一批项目开工。").parks
    assert set(found) == tagger.park_values(["唐山南堡经济开发区"])


def test_a_place_with_only_a_high_tech_zone_keeps_it(tagger) -> None:
    assert tagger.tag_text("燕郊开发区的企业加快复工。").parks == ("燕郊高新区",)


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("重庆正在布局未来产业。在西部科学城，金凤实验室聚焦重大疾病诊断。", "西部（重庆）科学城"),
        ("成都加快建设西部科学城，天府实验室挂牌。", "西部（成都）科学城"),
        ("成渝两地共建西部科学城。", "西部科学城"),
        ("重庆和成都共建西部科学城。", "西部科学城"),
    ],
)
def test_a_zone_spanning_two_cities_is_the_named_citys_part(tagger, text, park) -> None:
    assert tagger.tag_text(text).parks == (park,)


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("在鞍山市达道湾经济技术开发区，一座大型钢铁物流园区正在建设。", "达道湾经开区"),
        ("长春市高新区新增高新技术企业200家。", "长春高新区"),
    ],
)
def test_a_city_written_with_shi_before_a_zones_own_name_is_its_address(tagger, text, park) -> None:
    assert tagger.tag_text(text).parks == (park,)


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("汪洋指出，毕节试验区建设也进入新阶段。", "毕节试验区"),
        ("甘肃华夏文明传承创新区日前获国务院正式批复。", "甘肃华夏文明传承创新区"),
    ],
)
def test_state_approved_pilot_areas_are_named(tagger, text, park) -> None:
    assert tagger.tag_text(text).parks == (park,)


def test_a_pilot_area_of_a_whole_prefecture_is_no_articles_subject(tagger) -> None:
    """Like a 经济特区, the 毕节试验区 is a whole prefecture: a paragraph not naming it is not
    filed under it because the title does."""
    article = article_of(
        "统一战线参与毕节试验区建设座谈会召开",
        "座谈会在贵州省毕节市召开。",
        "与会人员围绕乡村振兴交流了经验。",
    )
    assert tagger.tag_article(article).paragraphs[-1].parks == ()


# Review of round 13 (helper review18a), read on the unjudged xwlb archive.
@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("济宁化工开发区是一个以煤化工为基础的专业园区。", "济宁化工开发区"),
        ("在山东济宁市化工开发区，26个项目获得批准。", "济宁化工开发区"),
    ],
)
def test_a_trades_development_zone_keeps_its_name(tagger, text, park) -> None:
    """A 开发区 named by its trade is no 经济开发区: 济宁化工经开区 is no zone's name."""
    assert tagger.tag_text(text).parks == (park,)


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("黑龙江肇东市开发区干部走出办公室。", "肇东经开区"),
        ("在赣州章贡开发区，一家公司投资建厂。", "章贡经开区"),
        ("福建漳州金峰开发区下起大雨。", "漳州金峰经开区"),
    ],
)
def test_an_unseen_places_development_zone_is_its_economic_zone(tagger, text, park) -> None:
    assert tagger.tag_text(text).parks == (park,)


@pytest.mark.parametrize(
    "text",
    [
        "在这个开发区，企业加快复工。",
        "各开发区要加快转型。",
        "要扩大国家级开发区的开放。",
        "这是一个新开发区。",
    ],
)
def test_a_generic_development_zone_is_no_park(tagger, text) -> None:
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    "text",
    [
        "接下来，重庆力争在“成渝都市圈”协同互动、高水平共建西部科学城等方面实现更大突破。",
        "成渝（兴隆湖）综合性科学中心正式揭牌，西部科学城加快成势。在位于成都的园区，新政策出台。",
    ],
)
def test_a_text_naming_the_cities_together_means_the_whole_zone(tagger, text) -> None:
    """成渝 names 成都 and 重庆 together, as 成渝西部科学城 does: the zone they build jointly."""
    assert tagger.tag_text(text).parks == ("西部科学城",)
