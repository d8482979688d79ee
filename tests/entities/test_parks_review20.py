"""Parks, a fix after the review of round 15 (review20): a list's next item that is a zone named
after an airport (天津机场片区, 浦东机场综合保税区) is no airport shared by the list's items."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        (
            "天津自贸试验区包括天津港片区、天津机场片区和滨海新区中心商务片区。",
            "天津自贸试验区天津港片区",
        ),
        (
            "天津自贸试验区，范围含盖天津滨海新区天津港片区、天津机场片区、滨海新区中心商务区。",
            "天津自贸试验区天津港片区",
        ),
    ],
)
def test_a_zone_listed_before_an_airports_zone_stands(tagger, text, zone) -> None:
    assert zone in tagger.tag_text(text).parks


def test_a_list_of_airports_still_names_no_zone(tagger) -> None:
    text = "截至17点，浦东、虹桥、杭州、南京等机场共有629个航班延误。"
    assert tagger.tag_text(text).parks == ()
