"""Place words before a zone's name: an autonomous region, prefecture or county written in full
(宁夏回族自治区, 延边朝鲜族自治州) is its place, so a zone's value never carries it glued on."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("宁夏回族自治区银川市经济开发区举行项目签约仪式。", "银川经开区"),
        ("广西壮族自治区南宁市经济开发区举行项目签约仪式。", "南宁经开区"),
        ("西藏自治区拉萨经济技术开发区举行项目签约仪式。", "拉萨经开区"),
    ],
)
def test_a_region_written_in_full_is_no_part_of_the_zone_name(tagger, text, park) -> None:
    """The region's long name is the zone's address, as a province's short name is."""
    assert tagger.tag_text(text).parks == (park,)


def test_a_region_alone_names_no_zone(tagger) -> None:
    """A government of an autonomous region is not a park."""
    assert tagger.tag_text("宁夏回族自治区人民政府印发通知。").parks == ()
