"""A phrase list compiled as several tries finds what one trie regex of every phrase finds: the
leftmost phrase, the longest there (the split only makes the search cheaper); so does each list
of a union of lists searched as one."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from search.entities.phrases import (
    FIRST_CHARACTERS_PER_PATTERN,
    PhraseUnion,
    compile_phrases,
    phrase_pattern,
)
from search.entities.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def spellings() -> list[str]:
    """Every gazetteer spelling: several hundred first characters, so several tries."""
    parks = load_taxonomy().parks
    names = [spelling for park in parks for spelling in (park.name, *park.aliases)]
    assert len({name[0] for name in names}) > sum(FIRST_CHARACTERS_PER_PATTERN[:3])
    return names


def _texts(spellings: list[str]) -> list[str]:
    """Random texts of the spellings' characters with spellings and their prefixes mixed in."""
    draw = random.Random(13)
    characters = "".join(sorted(set("".join(spellings)))) + "，。的在和"
    texts = []
    for _ in range(400):
        parts = []
        for _ in range(draw.randint(1, 8)):
            spelling = draw.choice(spellings)
            parts.append(spelling[: draw.randint(1, len(spelling))])
            parts.append("".join(draw.choice(characters) for _ in range(draw.randint(0, 6))))
        texts.append("".join(parts))
    return texts


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(tmp_path))


def test_several_tries_find_what_one_trie_finds(spellings: list[str]) -> None:
    whole = re.compile(phrase_pattern(spellings))
    split = compile_phrases(spellings, "test-parks")
    for text in _texts(spellings):
        for position in range(len(text) + 1):
            expected = whole.search(text, position)
            found = split.search(text, position)
            assert (found and (found.start(), found.group())) == (
                expected and (expected.start(), expected.group())
            ), text
        assert [m.group() for m in split.finditer(text)] == whole.findall(text)
        every_start = [(s, m.group()) for s in range(len(text)) if (m := whole.match(text, s))]
        assert split.starts(text) == every_start


def test_a_scanner_moving_forward_finds_what_searching_each_position_finds(
    spellings: list[str],
) -> None:
    """One long text (all the random texts run together, as a table pasted into one paragraph):
    the scanner keeps each trie's next match, so it reads the text once per trie."""
    whole = re.compile(phrase_pattern(spellings))
    split = compile_phrases(spellings, "test-parks")
    text = "".join(_texts(spellings))
    search, draw = split.scanner(text), random.Random(7)
    position = 0
    while position <= len(text):
        expected = whole.search(text, position)
        found = search(position)
        assert (found and (found.start(), found.group())) == (
            expected and (expected.start(), expected.group())
        )
        step = draw.choice([0, 1, 3])  # from just after the match, or a little further
        position = expected.start() + 1 + step if expected else len(text) + 1
    assert [m.group() for m in split.finditer(text)] == whole.findall(text)


def test_an_empty_list_finds_nothing() -> None:
    nothing = compile_phrases([], "test-empty")
    assert nothing.search("中关村") is None
    assert nothing.starts("中关村") == []


def _longer_and_shorter(spellings: list[str]) -> list[str]:
    """A second list sharing the spellings' beginnings and running past their ends: at many
    positions the union's longest phrase is the other list's."""
    return sorted({spelling[:2] for spelling in spellings} | {s + "管委会" for s in spellings[::5]})


def test_each_list_of_a_union_finds_what_it_finds_alone(spellings: list[str]) -> None:
    lists = [spellings, _longer_and_shorter(spellings), ["张江", "中关村科技园区管委会"]]
    union = PhraseUnion("test-union")
    members = [union.member(phrases) for phrases in lists]
    texts = _texts(spellings + lists[1])
    for phrases, member in zip(lists, members, strict=True):
        whole = re.compile(phrase_pattern(phrases))
        for text in texts:
            every_start = [(s, m.group()) for s in range(len(text)) if (m := whole.match(text, s))]
            assert member.starts(text) == every_start, text
            assert [m.group() for m in member.finditer(text)] == whole.findall(text)
            search = member.scanner(text)
            for position in range(len(text) + 1):
                expected = whole.search(text, position)
                for found in (member.search(text, position), search(position)):
                    assert (found and (found.start(), found.end(), found.group())) == (
                        expected and expected.span() + (expected.group(),)
                    ), text


def test_a_list_cannot_join_a_union_already_searched() -> None:
    union = PhraseUnion("test-union-closed")
    parks = union.member(["张江", "光谷"])
    assert parks.starts("张江和光谷") == [(0, "张江"), (3, "光谷")]
    with pytest.raises(RuntimeError):
        union.member(["中关村"])
