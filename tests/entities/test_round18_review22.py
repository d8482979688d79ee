"""Round 18's scene rule on sentences it was not written for (review22): the 在 of a verb
(总部设在北京，) sets no scene for a zone named after it; 在X， opening the sentence or a clause
still does."""

from __future__ import annotations

import pytest

TIANJIN = "滨海新区"
BEIJING = "中关村科技园区"


def test_where_a_company_is_set_is_no_scene_for_the_zone_after_it(tagger) -> None:
    parks = tagger.tag_text("企业总部设在北京，生产基地落户滨海新区，总投资超过20亿元。").parks
    assert TIANJIN in parks


@pytest.mark.parametrize(
    "text",
    [
        "在雄安新区，刚刚建成不久的中关村科技园里迎来了一大批创新型企业签约入驻。",
        "2023年，在雄安新区，刚刚建成不久的中关村科技园里迎来了一大批创新型企业签约入驻。",
    ],
)
def test_a_scene_opening_the_sentence_or_a_clause_still_places_the_zone(tagger, text) -> None:
    assert BEIJING not in tagger.tag_text(text).parks
