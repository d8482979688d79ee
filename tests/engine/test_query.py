"""The query language: how typed text is understood (parsing never fails)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.engine.equivalents import Equivalents
from search.engine.plan import plan_query
from search.engine.query import alias_table, parse_query
from search.text.query_words import load_query_words


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
        # A run of minus signs is one minus (before, --张江 excluded the text -张江).
        ("集成电路 --张江", "集成电路 · -张江"),
        ("--张江", "-张江"),
        ('集成电路 --"张江 园区"', '集成电路 · -"张江 园区"'),
        ("--", ""),
        ("集成电路-张江", "集成电路-张江"),  # a minus inside a keyword is text
        # An ASCII apostrophe is punctuation, not a quote (‘…’ is): ignored, except in Xi'an.
        ("'自贸区'", "自贸区"),
        ("自贸区'", "自贸区"),
        ("＇自贸区＇ -'上海'", "自贸区 · -上海"),
        ("集成电路 --'张江'", "集成电路 · -张江"),
        ("自贸区'产业", "自贸区 · 产业"),
        ("Xi'an", "Xi'an"),
        ("'", ""),
        # Full-width forms typed by Chinese keyboards: － excludes, ＂…＂ quotes (review M1).
        ("高新区 －张江", "高新区 · -张江"),
        ("－－张江", "-张江"),
        ("＂众创空间＂ －＂张江 园区＂", '"众创空间" · -"张江 园区"'),
        ("“众创空间＂ 西安", '"众创空间" · 西安'),
        ("集成电路－张江", "集成电路-张江"),  # inside a keyword it is text, as - is
    ],
)
def test_typed_text_is_understood_as_shown(typed: str, parsed: str) -> None:
    assert parse_query(typed).parsed == parsed


def test_only_punctuation_is_unusable_but_blank_query_browses() -> None:
    assert parse_query("？？").unusable
    assert parse_query("").blank and not parse_query("").unusable
    assert not parse_query("-上海").unusable  # browse everything except 上海


@pytest.mark.parametrize(
    ("typed", "units", "ignored"),
    [
        ("张江 火星基地", ["张江", "火星", "基地"], []),  # a keyword cut into its words
        ("高新区如何培育科技型企业", ["高新区", "培育", "科技型", "企业"], ["如何"]),
        ('"长江上第一座公铁两用桥"', [], []),  # a phrase is never cut
        ("冷链", ["冷链"], []),  # jieba's single characters: the keyword stays whole
        ("什么是", ["什么", "是"], []),  # only question words: they are searched
    ],
)
def test_a_query_is_planned_as_meaningful_words(typed: str, units: list, ignored: list) -> None:
    plan = plan_query(parse_query(typed), Equivalents(), load_query_words().stop_words)
    assert [unit.word for unit in plan.units] == units and list(plan.ignored) == ignored


def test_known_names_are_cut_whole_and_expand_to_their_forms() -> None:
    equivalents = Equivalents(
        suffixes=[("经开区", "经开区"), ("经济技术开发区", "经开区")], words=load_query_words()
    )
    plan = plan_query(parse_query("如何建设经开区"), equivalents, frozenset({"如何"}))
    assert plan.expansions == {"经开区": ["经济技术开发区"]} and plan.ignored == ("如何",)
    assert "经开区 (= 经济技术开发区)" in plan.display and "[忽略：如何]" in plan.display
    assert [form.text for form in equivalents.forms("苏州经开区")] == [
        "苏州经开区",
        "苏州经济技术开发区",
    ]
    assert [form.text for form in equivalents.forms("自由贸易试验区")][:2] == [
        "自由贸易试验区",
        "自贸区",
    ]
    assert [(form.text, form.weight) for form in equivalents.forms("集成电路")] == [
        ("集成电路", 1.0)
    ]


def test_aliases_expand_to_every_name_of_a_park() -> None:
    aliases = alias_table({"青岛高新区": ("青岛高新技术产业开发区",)})
    assert aliases["青岛高新技术产业开发区"] == ("青岛高新区", "青岛高新技术产业开发区")
    assert aliases["青岛高新区"] == aliases["青岛高新技术产业开发区"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab 高新区"“”「」-()*?OR AND NOT！ '))))
def test_parsing_any_text_never_raises(typed: str) -> None:
    parsed = parse_query(typed)
    assert parsed.blank or parsed.unusable or parsed.groups or parsed.excluded
