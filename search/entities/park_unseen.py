"""Unseen park names read from the words before a zone suffix: places and proper names
(青岛高新区), a known zone's stem spelt another way, or a place plus trade words (无锡电动车产业园).
"""

from __future__ import annotations

import re

from search.entities.park_lookup import ZoneLookup
from search.entities.park_name_words import RANKS, NameWords
from search.entities.place_words import PlaceWords
from search.entities.pos import WindowSegmenter
from search.entities.taxonomy import ParkSuffix

# How far left of a suffix a place name may start; stops early at punctuation and digits.
WINDOW = 10
MAX_NAME_WORDS = 3
# A park may name its trade between the place and the suffix (沈阳航空动力产业园,
# 无锡电动车产业园): up to three noun-like words, eight characters (郑州航空港跨境电商产业园),
# after a known place or zone.
TOPIC_WINDOW = 16
MAX_TOPIC_WORDS = 3
MAX_TOPIC_CHARACTERS = 8
_NAME_CHARACTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_FEATURES = frozenset("港湾岛")
# Endings of an organisation's units (消防支队, 公安局, 派出所): never a park's trade.
_UNIT_ENDINGS = ("队", "局", "所", "院", "厅", "委", "处", "站")
# Words that say where a kind of park lies (临港 by a port, 临空 by an airport, 沿江, 沿边): a
# name made of them alone names a kind of park, not a park (临港工业园区 in a list of fields of
# cooperation); after a place they are part of the name (沧州临港经开区).
_DESCRIPTORS = frozenset({"临港", "临空", "沿江", "沿海", "沿边", "沿河", "港口", "空港"})
# A county named with a common word names only these (长子经开区; not 开发区, 新区, 工业园区).
_WORD_COUNTY_SUFFIXES = frozenset({"经开区", "高新区"})


class UnseenNames:
    """The canonical name of a zone the gazetteer may not know, read before its suffix."""

    def __init__(
        self,
        places: PlaceWords,
        segmenter: WindowSegmenter,
        words: NameWords,
        lookup: ZoneLookup,
        known: set[str],
    ) -> None:
        self._places = places
        self._segmenter = segmenter
        self._words = words
        self._lookup = lookup
        self._known = known

    def unseen(self, text: str, end: int, suffix: ParkSuffix) -> tuple[str, int] | None:
        """(name, length written before the suffix) of the unseen zone whose suffix starts at `end`:
        places and proper names (贵州黔东经济开发区 -> 黔东经开区), or a known zone's stem."""
        start = end
        while start > max(0, end - WINDOW) and _NAME_CHARACTER.match(text[start - 1]):
            start -= 1
        if start == end:
            return None
        words = self._with_features(list(self._segmenter.words(text[start:end])))
        known = self._known_stem(words, suffix)
        if known is not None:
            return known
        written = self._written_name(words)
        if not written and suffix.canonical in _WORD_COUNTY_SUFFIXES:
            written = [word for word, _ in words[-1:] if self._places.is_word_county(word)]
        name_words = self._places.name_words(written)
        if not name_words or all(word in _DESCRIPTORS for word in name_words):
            return None
        # 贵州黔东经济开发区: the mention starts at the province the name leaves out
        province = len("".join(written)) - len("".join(name_words))
        if not suffix.strong:
            first_place = self._places.from_first_place(name_words)
            province = province if first_place == name_words else 0
            name_words = first_place
        if name_words and name_words[0] in self._places.foreign:
            return None  # 开城工业园区: a foreign country's own zone
        before = words[: len(words) - len(name_words)]
        before = before if suffix.strong else self._places.before_province(before)
        if not name_words or not self._words.is_boundary(before):
            return None
        length = province + len("".join(name_words))
        if len(name_words) > 1 and self._places.city_address(name_words[0], name_words[1]):
            name_words = name_words[1:]  # 鞍山市达道湾经济技术开发区 -> 达道湾经开区
        stripped = self._own_place([self._places.strip_ending(w) for w in name_words], suffix)
        name = "".join(stripped) + suffix.canonical
        return name, length

    def _known_stem(
        self, words: list[tuple[str, str]], suffix: ParkSuffix
    ) -> tuple[str, int] | None:
        """A gazetteer zone's stem with another spelling of its suffix (融侨经济技术开发区 ->
        福清融侨经开区, known as 融侨经开区; 重庆市高新区 -> 重庆高新区): a known zone needs no
        proper-name word."""
        for count in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
            written = [word for word, _ in words[-count:]]
            stem = "".join(self._places.strip_ending(word) for word in written)
            if len(stem) < 2:
                continue
            known = self._lookup.known_spelling(stem + suffix.canonical)
            before = words[:-count]
            # 北京市昌平区未来科技城: a place before a known zone is its address
            if known in self._known and (
                self._words.is_boundary(before) or self._places.is_place(before[-1][0])
            ):
                return known, len("".join(written))
        return None

    def _with_features(self, words: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """A place's one-character feature stays with it: 古雷 + 港 -> 古雷港, 舟山 + 港."""
        merged: list[tuple[str, str]] = []
        for word, flag in words:
            if word in _FEATURES and merged and self._words.is_name_word(*merged[-1]):
                merged[-1] = (merged[-1][0] + word, merged[-1][1])
            else:
                merged.append((word, flag))
        return merged

    def topic(self, text: str, end: int, suffix: ParkSuffix) -> tuple[str, int] | None:
        """Place (or known zone) + trade words + suffix: 郑州航空港区智能终端产业园."""
        start = end
        while start > max(0, end - TOPIC_WINDOW) and _NAME_CHARACTER.match(text[start - 1]):
            start -= 1
        words = list(self._segmenter.words(text[start:end]))
        places = self._words.place_run(words, MAX_NAME_WORDS + MAX_TOPIC_WORDS)
        if places is None:
            return None
        first, last = places
        place = [word for word, _ in words[first : last + 1]]
        topic = [word for word, _ in words[last + 1 :]]
        rank = topic[:1] if topic[:1] and topic[0] in RANKS else []
        topic = topic[len(rank) :]
        if any(word in RANKS for word in topic):
            return None
        if not topic or len(topic) > MAX_TOPIC_WORDS or len("".join(topic)) > MAX_TOPIC_CHARACTERS:
            return None
        if any(word.endswith(_UNIT_ENDINGS) for word in topic):
            return None  # 大连消防支队保税区(大队): an organisation's unit, not a zone
        if any(word in self._places.foreign for word in topic):
            return None  # 韩国全面中断开城工业园区: a foreign country's own zone
        length = len("".join(place + rank + topic))
        place = self._places.without_province(place)
        if len(place) == 1 and self._places.is_province(place[0]):
            return None  # 辽宁北斗产业园 names no place a park is known by
        place = [self._lookup.own_spelling(word) for word in place]
        stripped = self._own_place([self._places.strip_ending(w) for w in place], suffix)
        return "".join(stripped + rank + topic) + suffix.canonical, length

    def _own_place(self, words: list[str], suffix: ParkSuffix) -> list[str]:
        """The name from the zone's own place on, unless the whole name is a known zone."""
        whole = self._lookup.known_spelling("".join(words) + suffix.canonical)
        if whole in self._known:
            return words
        return self._places.from_last_place(words)

    def _written_name(self, words: list[tuple[str, str]]) -> list[str]:
        """The proper-name words directly before the suffix; a generic word (各, 国家) ends them."""
        name: list[str] = []
        for word, flag in reversed(words):
            if len(name) == MAX_NAME_WORDS or not self._words.is_name_word(word, flag):
                break
            name.insert(0, word)
        return name
