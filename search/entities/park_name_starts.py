"""Whether a zone's short name at a position starts inside another word (目前海盾号, 800年前海上: 前
is 目前's, 年前's) or a person's family name and name (张江红) (round 17b).

jieba cannot say where such a name starts: the tagger teaches it every zone spelling as a very
frequent word (前海, 张江), so it cuts 目/前海 and 张江/红. These checks read the sentence around.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from search.entities.park_name_words import COMMON_WORD_FREQUENCY

Span = tuple[int, int, str]
# A character that stands alone before a name (以前海地标建筑群为卷: 以 is "with", 在前海): a
# preposition or a conjunction ends the word before the name.
_STANDALONE_FLAGS = ("p", "c")
# A given name of one character, then a list's or a clause's end (胡本乐、张江红等4人; 张工 张江汀
# 张福海): a person; not a place's head character or a particle (张江镇、, 中关村里，光谷人、).
_GIVEN_NAME = re.compile(r"([\u4e00-\u9fff])(?=[、，,；;。\s（(等]|$)")
_NOT_GIVEN_NAME = frozenset(
    "镇区路村园岛港湾城谷街站里内外上下中前后东南西北边的地得了着过和与及是在等人"
)
_LEFT_CONTEXT = 3  # characters cut before a name to see where the word before it ends
_TIME_FLAGS = ("m", "t")  # a number or a time word: 多年 of 多年前
_AGO = ("前", "后")


def starts_inside_word(
    text: str,
    start: int,
    frequency: Callable[[str], int],
    words: Callable[[str], Iterable[tuple[str, str]]],
) -> bool:
    """Whether the name at `start` begins with the last character of a word: the few characters
    before and the name's first cut so that the last word is a common word ending in that
    character (目前, 800年前; not 携手/中 of 携手中关村), and the character before it does not
    stand alone (以前海…为卷: 以 is a preposition)."""
    if start == 0:
        return False
    cut = list(words(text[max(0, start - _LEFT_CONTEXT) : start + 1]))
    last, flag = cut[-1] if cut else ("", "")
    if last in _AGO and len(cut) > 1 and cut[-2][1][:1] in _TIME_FLAGS:
        return True  # 800多年前海上: 前 is "ago" after a count of years (not 2016年上海)
    if len(last) < 2 or frequency(last) <= COMMON_WORD_FREQUENCY:
        return False
    before = list(words(text[start - 1]))
    return not (before and before[0][1].startswith(_STANDALONE_FLAGS))


def person_names(text: str, mentions: list[Span]) -> set[str]:
    """Names that are a person's in `text`: a zone's short name and one more character before a
    list's or a clause's end (张江红等, 、张江汀 ); every other use of them in the paragraph is that
    person too (张江红党内严重警告处分)."""
    people = set()
    for start, end, _ in mentions:
        given = _GIVEN_NAME.match(text, end)
        if given and given.group(1) not in _NOT_GIVEN_NAME:
            people.add(text[start : end + 1])
    return people


def without_people(text: str, found: list[Span], nicknames: set[str]) -> list[Span]:
    """`found` without the nicknames that are part of a person's name (`person_names`)."""
    people = person_names(text, [m for m in found if text[m[0] : m[1]] in nicknames])
    return [mention for mention in found if text[mention[0] : mention[1] + 1] not in people]


class ShortNameStarts:
    """Whether a zone's short name (`short_names`: no zone suffix) at a position of a text starts
    inside another word (`starts_inside_word`, with the segmenter's word frequency and cut)."""

    def __init__(
        self,
        short_names: Iterable[str],
        frequency: Callable[[str], int],
        words: Callable[[str], Iterable[tuple[str, str]]],
    ) -> None:
        self._by_first: dict[str, list[str]] = {}
        for name in short_names:
            self._by_first.setdefault(name[0], []).append(name)
        self._frequency, self._words = frequency, words

    def inside_word(self, text: str, start: int) -> bool:
        """Whether the text at `start` is a short name starting inside another word (目前海外经贸
        合作区: no 前海外经贸合作区 is built on it)."""
        if not any(text.startswith(name, start) for name in self._by_first.get(text[start], ())):
            return False
        return starts_inside_word(text, start, self._frequency, self._words)
