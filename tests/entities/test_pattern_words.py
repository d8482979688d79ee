"""The label patterns' gate (search/entities/pattern_words.py): a pattern is searched only where
the words every match of it holds are, and never left out where it matches."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from search.entities.pattern_words import PatternGate, required_words
from search.entities.taxonomy import load_taxonomy

JUDGED = Path(__file__).resolve().parent.parent / "data" / "entities_xwlb.jsonl"


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("落地[^，。；]{0,6}项目", [{"落地"}, {"项目"}]),  # literal runs around a class
        ("(减轻|降低)企业", [{"减轻", "降低"}, {"企业"}]),  # one of the alternatives
        ("(?<!金融)支持(?!者)", [{"支持"}]),  # look-arounds require nothing
        ("(最高|一次性)?给予", [{"给予"}]),  # nor does an optional part
        ("(中央|[省市县])安排", [{"安排"}]),  # an alternative without a word: no group
        ("(?:京津冀){1,2}协同", [{"京津冀"}, {"协同"}]),  # a part said at least once
        ("(?i)gdp", []),  # a letter's case may differ
    ],
)
def test_the_words_every_match_holds(pattern: str, words: list[set[str]]) -> None:
    assert required_words(pattern) == [frozenset(group) for group in words]


def test_a_text_without_a_pattern_s_words_asks_for_no_pattern() -> None:
    gate = PatternGate(["引进[^，。；]{0,20}项目", "事故[^。；]{0,12}造成\\d+人死亡"], "test-gate")
    assert gate.possible("今天北京天气晴朗。") == []
    assert gate.possible("该市引进一批重大项目。") == [0]


def test_a_word_inside_a_longer_word_found_still_asks_for_its_pattern() -> None:
    """The trie reports the longest word at a position (十五 over 十): a pattern asking for 十
    is asked for all the same."""
    gate = PatternGate(["十[三四五六]五", "十五"], "test-gate-prefix")
    assert gate.possible("“十五”时期") == [0, 1]
    assert gate.possible("十四五时期") == [0]


def test_a_pattern_with_no_sure_word_is_always_asked_for() -> None:
    gate = PatternGate(["[省市县]\\d+", "引进人才"], "test-gate-always")
    assert gate.possible("天气晴朗") == [0]


def _dev_texts() -> list[str]:
    lines = JUDGED.read_text(encoding="utf-8").splitlines()
    rows = [row for row in map(json.loads, filter(None, lines)) if row["split"] == "dev"]
    return [text for row in rows for text in (row["text"], row["lead"], row["title"]) if text]


def test_no_policy_type_pattern_is_left_out_of_a_text_it_matches() -> None:
    """Every policy-type pattern of the vocabulary, over every judged dev paragraph, lead, title:
    the gate asks for each pattern that matches (the tags are what searching all would give)."""
    patterns = [p for category in load_taxonomy().policy_types for p in category.patterns]
    gate = PatternGate(patterns, "policy-types")
    compiled = [re.compile(pattern) for pattern in patterns]
    matched = 0
    for text in _dev_texts():
        asked = set(gate.possible(text))
        hits = {number for number, pattern in enumerate(compiled) if pattern.search(text)}
        assert hits <= asked, text
        matched += len(hits)
    assert matched > 100  # the sample exercises the patterns
