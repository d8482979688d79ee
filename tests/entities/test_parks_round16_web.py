"""Park rules of round 16 (issue 13, local news and notices from the web): a county whose name is
also a common word names the zone written right after it, a project's landing verb ends a zone's
name as 落户 does, 天津空港经济区 is a known zone, and park mentions are read in traditional
characters as articles are."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("长子经开区今年新开工项目15个。", "长子经开区"),
        ("山西省长子县经济技术开发区新签约项目5个。", "长子经开区"),
        ("今年以来，石首经济开发区新增规上企业12家。", "石首经开区"),
        ("钟祥高新区举行重点项目集中开工仪式。", "钟祥高新区"),
    ],
)
def test_a_county_named_with_a_common_word_names_its_zone(tagger, text, zone) -> None:
    """长子, 石首, 钟祥 are counties whose names are also everyday words: before an economic or a
    high-tech zone's suffix they name that zone."""
    assert tagger.tag_text(text).parks == (zone,)


@pytest.mark.parametrize(
    "text",
    [
        "比如经济开发区，要把招商引资放在首位。",
        "会议决定将延长高新区企业的优惠政策期限。",
        "他的长子在开发区的一家工厂上班。",
        "白云工业园区的路灯已全部更换。",
    ],
)
def test_a_common_word_before_a_zone_word_names_no_zone(tagger, text) -> None:
    """Function and everyday words (比如, 延长) are not on the list, and a listed county names no
    zone before 开发区, 工业园区 or 新区, which everyday words come before more often."""
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    "text",
    [
        "一个新能源电池项目落子嘉兴科技城。",
        "一批重大项目落地嘉兴科技城。",
        "该研究院选址嘉兴科技城，明年建成。",
    ],
)
def test_a_landing_verb_ends_the_zones_name(tagger, text) -> None:
    """落子, 落地 and 选址 are nouns to jieba; before a zone they say where a project lands."""
    assert tagger.tag_text(text).parks == ("嘉兴科技城",)


def test_tianjin_airport_economic_zone_is_known(tagger) -> None:
    """A functional zone of 滨海新区: its paragraphs carry the new area too."""
    parks = tagger.tag_text("天津空港经济区举办秋季招聘会。").parks
    assert parks == ("天津空港经济区", "滨海新区")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("西安高新區新設立企業三千家。", "西安高新區"),
        ("鄒城經濟開發區舉行項目簽約儀式。", "鄒城經濟開發區"),
    ],
)
def test_park_mentions_are_read_in_traditional_characters(tagger, text, written) -> None:
    """Mentions are found where the text writes them, with the simplified value, as an article
    in traditional characters is tagged."""
    mentions = tagger.park_mentions(text)
    assert [text[start:end] for start, end, _ in mentions] == [written]
