"""The query language: how typed text is understood (parsing never fails)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.engine.query import alias_table, parse_query


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("生物医药 产业园", "生物医药 · 产业园"),
        ('"众创空间" -上海', '"众创空间" · -上海'),
        ("“众创空间”", '"众创空间"'),
        ("「众创空间」", '"众创空间"'),
        ("人工智能 OR 集成电路 西安", "(人工智能 OR 集成电路) · 西安"),
        ("人工智能 AND 西安", "人工智能 · 西安"),
        ("人工智能 NOT 西安", "人工智能 · -西安"),
        ("(生物医药 OR 芯片)", "(生物医药 OR 芯片)"),
        ('"未闭合的引号', '"未闭合的引号"'),
        ('“众创空间" 西安', '"众创空间" · 西安'),  # mixed quote styles still close
        ('"众创空间” 西安', '"众创空间" · 西安'),
        ("生物* 医药?", "生物 · 医药"),
        ("OR", "OR"),
        ("AND OR NOT", "(AND OR NOT)"),
        ("！！。。", ""),
        ("   ", ""),
        ("-", ""),
    ],
)
def test_typed_text_is_understood_as_shown(typed: str, parsed: str) -> None:
    assert parse_query(typed).parsed == parsed


def test_only_punctuation_is_unusable_but_blank_query_browses() -> None:
    assert parse_query("？？").unusable
    assert parse_query("").blank and not parse_query("").unusable
    assert not parse_query("-上海").unusable  # browse everything except 上海


@pytest.mark.parametrize(
    ("typed", "relaxable"),
    [
        ("张江 火星基地", True),  # several keywords
        ("长江上第一座公铁两用桥是哪一年始建的？", True),  # one keyword of several words
        ("高新区", False),
        ('"长江上第一座公铁两用桥"', False),  # a quoted phrase is exact, never partial
        ("高新区 -上海", False),
    ],
)
def test_partial_matches_exist_for_several_keywords_or_words(typed: str, relaxable: bool) -> None:
    assert parse_query(typed).relaxable is relaxable


def test_terms_are_normalized_positive_keywords() -> None:
    assert parse_query("高新區 ＡＩ -上海").terms == ("高新区", "ai")


def test_aliases_expand_to_every_name_of_a_park() -> None:
    aliases = alias_table({"青岛高新区": ("青岛高新技术产业开发区",)})
    assert aliases["青岛高新技术产业开发区"] == ("青岛高新区", "青岛高新技术产业开发区")
    assert aliases["青岛高新区"] == aliases["青岛高新技术产业开发区"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab 高新区"“”「」-()*?OR AND NOT！ '))))
def test_parsing_any_text_never_raises(typed: str) -> None:
    parsed = parse_query(typed)
    assert isinstance(parsed.parsed, str)
    assert parsed.blank or parsed.unusable or parsed.groups or parsed.excluded
