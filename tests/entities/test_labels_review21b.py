"""Review 21b of round 17's labels: a trigger pattern's match left out by a span (a year framed by
a five-year plan, a plan aligned with another country's) does not hide the same pattern's later
match in the paragraph, which still decides its label."""

from __future__ import annotations

import pytest

from search.entities.tagger import Tagger

PLAN = "发展规划"


@pytest.mark.parametrize(
    "text",
    [
        "2021年是“十四五”规划开局之年，各地编制了“十四五”规划，明确了产业发展重点。",
        "中国“十三五”规划和老挝“八五”规划有效对接。“十四五”规划提出，建设中老经济走廊。",
    ],
)
def test_a_plan_after_a_plan_in_passing_is_plan_news(tagger: Tagger, text: str) -> None:
    assert PLAN in tagger.tag_text(text).policy_types


def test_a_plan_in_passing_alone_still_decides_nothing(tagger: Tagger) -> None:
    text = "2021年是“十四五”规划开局之年，也是中国共产党成立100周年。"
    assert PLAN not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("中国汽车工业促进会、中国机械工业联合会、中国电子学会等单位参加。", "汽车与智能网联"),
        ("汽车产业推进会、家电、纺织等行业代表参加。", "汽车与智能网联"),
    ],
)
def test_a_body_named_by_a_verb_is_an_item_of_the_list(
    tagger: Tagger, text: str, label: str
) -> None:
    # 促进会 and 推进会 are names in a list of examples, not a subject and its verb.
    assert label not in tagger.tag_text(text).industries


def test_a_verb_still_ends_the_subject_before_a_list(tagger: Tagger) -> None:
    text = "今年以来机械工业加快数字化、智能化、绿色化转型步伐。"
    assert "智能制造与高端装备" in tagger.tag_text(text).industries
