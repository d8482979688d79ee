"""Round 18's fixes (fix22): in an article about a zone, a zone the sentence joins to it by
与/和/同/及/、 (a partner, a list's item) keeps its value; the zone's own parks (新区还积极搭建
科创中心、中关村科技园等) still give none. A tagger made ready has every phrase union compiled,
so a build's forked workers inherit the tries rather than each compiling its own."""

from __future__ import annotations

import pytest
from corpus_fixtures import article_of

from search.entities.tagger import Tagger
from search.entities.taxonomy import load_taxonomy

BEIJING = "中关村科技园区"
TIANJIN = "滨海新区"
TITLE = "雄安新区绘就高质量的城市发展新画卷"


def _parks(tagger, *texts: str) -> list[tuple[str, ...]]:
    tagged = tagger.tag_article(article_of(TITLE, "今天的雄安新区正朝着创新高地加速迈进。", *texts))
    return [paragraph.parks for paragraph in tagged.paragraphs[1:]]


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("雄安新区与滨海新区签署战略合作协议。", TIANJIN),
        ("雄安新区管委会与中关村科技园区管委会签署合作协议。", BEIJING),
        ("新区同中关村科技园区共建创新平台。", BEIJING),
        ("雄安新区、滨海新区和中关村科技园区共同发布倡议。", BEIJING),
    ],
)
def test_a_zone_joined_to_the_subject_zone_keeps_its_value(tagger, text, partner) -> None:
    (parks,) = _parks(tagger, text)
    assert partner in parks


def test_the_subject_zones_own_park_still_gives_no_value(tagger) -> None:
    (parks,) = _parks(tagger, "新区还积极搭建科创中心、中关村科技园等10余个创新平台。")
    assert BEIJING not in parks


def test_a_ready_tagger_has_every_phrase_union_compiled() -> None:
    fresh = Tagger(load_taxonomy())
    assert not any(union.compiled for union in fresh.phrase_unions)
    fresh.ready()
    assert fresh.phrase_unions and all(union.compiled for union in fresh.phrase_unions)
