"""The title-word lookups (search.engine.title_words) find exactly the words a pass over every
title word finds: containing, beginning and ending a text."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.engine.generation import Generation
from search.engine.title_words import TitleWords

LAST = chr(0x10FFFF)


@pytest.fixture(scope="module")
def title_words(search_index_dir: Path) -> TitleWords:
    generation = Generation(search_index_dir)
    try:
        yield generation.titles.words()
    finally:
        generation.close()


def _texts(words: list[str]) -> list[str]:
    """Every piece of every word, two words together, and texts that no word or every word has."""
    pieces = {
        word[start:end]
        for word in words
        for start in range(len(word))
        for end in range(start + 1, len(word) + 1)
    }
    joined = [first + second for first, second in zip(words, words[1:], strict=False)]
    return sorted(pieces) + joined + ["", "龘", "高新区龘", "zz", LAST, "区" + LAST]


def _assert_same_as_a_scan(found: TitleWords, texts: list[str]) -> None:
    words = found.words
    for text in texts:
        assert found.containing(text).tolist() == [
            number for number, word in enumerate(words) if text in word
        ], text
        assert found.starting_with([text]).tolist() == [
            number for number, word in enumerate(words) if word.startswith(text)
        ], text
        assert found.ending_with([text]).tolist() == [
            number for number, word in enumerate(words) if word.endswith(text)
        ], text


def test_lookups_over_an_index_title_words_equal_a_scan(title_words: TitleWords) -> None:
    words = title_words.words
    assert len(words) > 50 and words == sorted(set(words))
    assert any(len(word) > 3 for word in words)
    _assert_same_as_a_scan(title_words, _texts(words))


def test_several_beginnings_and_endings_equal_a_scan(title_words: TitleWords) -> None:
    words = title_words.words
    for needle in ["武汉东湖高新区", "自由贸易试验区", "产业园", "高新技术产业开发区", "龘区"]:
        heads = {needle[:end] for end in range(1, len(needle))}
        tails = {needle[start:] for start in range(1, len(needle))}
        assert title_words.ending_with(heads).tolist() == [
            number for number, word in enumerate(words) if word.endswith(tuple(heads))
        ]
        assert title_words.starting_with(tails).tolist() == [
            number for number, word in enumerate(words) if word.startswith(tuple(tails))
        ]
    assert title_words.starting_with([]).tolist() == title_words.ending_with([]).tolist() == []


def test_lookups_at_the_ends_of_the_code_points_equal_a_scan() -> None:
    # A prefix ending in the last code point has no successor: its words run to the end.
    words = sorted({"a", "ab", "a" + LAST, "a" + LAST + "b", LAST, LAST + "a", "b", "\x00"})
    found = TitleWords(words)
    _assert_same_as_a_scan(found, [*_texts(words), "a" + LAST, LAST + LAST, "\x00"])
    assert len(TitleWords([]).containing("高")) == 0
