"""Which mentions of a query word count as items of a list (search.engine.listing)."""

from __future__ import annotations

import pytest

from search.engine.listing import listed_share

DRONE = (("无人机",), 1.0)
CAR = (("新能源汽车", "新能源", "汽车"), 2.0)  # a typed keyword and the words it was cut into


@pytest.mark.parametrize(
    ("text", "keywords", "share"),
    [
        ("重点发展光伏、无人机、航空材料等产业。", [DRONE], 1.0),
        ("重点发展光伏和无人机等产业。", [DRONE], 1.0),  # 等 closes a list of one
        ("发展“无人机”、“机器人”产业。", [DRONE], 1.0),  # quotes are no neighbour
        ("无人机可以在山区运送药品。", [DRONE], 0.0),
        # One occurrence says something: the word is not only listed.
        ("光伏、无人机等产业加快发展，无人机可以运送药品。", [DRONE], 0.0),
        # The words of a cut keyword side by side are one occurrence, judged at its ends.
        ("推广新能源汽车、充电桩。", [CAR], 1.0),
        ("新能源汽车销量增长。", [CAR], 0.0),
        # The share is of the query weight present: the car is listed, the drone is not.
        ("无人机运送新能源汽车、充电桩配件。", [DRONE, CAR], 2.0 / 3.0),
        ("这里没有。", [DRONE], 0.0),
    ],
)
def test_a_word_is_listed_when_every_mention_is_a_list_item(text, keywords, share) -> None:
    assert listed_share(text, keywords) == pytest.approx(share)
