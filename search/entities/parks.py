"""Park recognition: gazetteer names plus unseen "place + 高新区/经开区/产业园 …" names, canonical;
never a generic word (各高新区) or a fragment (在青岛高新区 -> 青岛高新区).
"""

from __future__ import annotations

import re

from search.entities import park_nicknames as nicknames
from search.entities.park_borders import ZoneHomes
from search.entities.park_lists import (
    ClauseZones,
    ListedParks,
    SubParkNames,
    hainan_port,
    predicate_zone,
    without_list_ends,
)
from search.entities.park_lookup import (
    LIST_ONLY_SUFFIXES,
    UNLISTED_SUFFIXES,
    ZoneLookup,
    city_parts,
    joint_words,
)
from search.entities.park_name_starts import ShortNameStarts, without_people
from search.entities.park_name_words import NameWords
from search.entities.park_trades import TradeParks
from search.entities.park_unseen import UnseenNames
from search.entities.phrases import PhraseMatch, PhraseUnion
from search.entities.place_words import MUNICIPALITIES, PlaceWords
from search.entities.pos import WindowSegmenter
from search.entities.taxonomy import Taxonomy

Span = tuple[int, int, str]
# Names ending so are full zone names, never a company's or a person's: no context needed.
_NAMED_ENDINGS = ("区", "园", "城", "港", "谷", "带", "廊")
_STATION = re.compile(r"站(?![在上起出稳立到])")  # 重庆科学城站 is a station, not a zone
_LIST_ONLY = re.compile("|".join(LIST_ONLY_SUFFIXES))
# Zones that are a whole city or province (深圳经济特区): never an article's subject.
WHOLE_AREA_KINDS = ("经济特区", "改革试验区")
# An unseen X经济区 is a region of cities (沈阳经济区, 北部湾经济区), not a zone; the gazetteer's
# (天津临港经济区, 董家口经济区) are found by their names.
_KNOWN_ONLY = frozenset({"经济区"})


class ParkRecognizer:
    """Finds the canonical parks a text mentions, in order of first mention."""

    def __init__(
        self, taxonomy: Taxonomy, segmenter: WindowSegmenter, names: PhraseUnion | None = None
    ) -> None:
        """`names`: the gazetteer's spellings and the suffixes are searched with its other lists
        (the organisations' names: one read of a paragraph for both)."""
        self._places = PlaceWords(taxonomy)
        self._segmenter = segmenter
        self._canonical: dict[str, str] = {}
        for park in taxonomy.parks:
            for spelling in (park.name, *park.aliases):
                self._canonical[spelling] = park.name
        self._parents = {park.name: park.parent for park in taxonomy.parks}
        # Bare nicknames (中关村, 张江) also start company and person names: need context; names
        # with no zone suffix (浦东, 光谷) start facilities' names too (浦东机场, 光谷院区).
        suffixes = tuple(suffix.suffix for suffix in taxonomy.park_suffixes)
        self._short_names = {name for name in self._canonical if not name.endswith(suffixes)}
        self._nicknames = {name for name in self._short_names if not name.endswith(_NAMED_ENDINGS)}
        names = names or PhraseUnion("parks")
        self._gazetteer = names.member(self._canonical)
        self._suffixes = {suffix.suffix: suffix for suffix in taxonomy.park_suffixes}
        self._suffix_pattern = names.member(self._suffixes)
        self._known = set(self._parents)
        words = NameWords(taxonomy, self._places, set(self._canonical), segmenter.frequency)
        self._lookup = ZoneLookup(self._canonical, self._places, self._suffixes)
        self._lists = ListedParks(self._lookup.listed_zone, self._lookup.bracketed_zone)
        self._sub_parks = SubParkNames(self._canonical, self._parents, self._places.is_place)
        self._city_parts = city_parts(self._known)
        self._joint_words = joint_words(self._canonical, self._city_parts)
        # 北京 is where national news is held and dated (在北京举行…自贸试验区…), not whose zone.
        provinces = (*self._places.provinces, *(MUNICIPALITIES - {"北京"}))
        cities = {park.city for park in taxonomy.parks if park.city}
        self._clause_zones = ClauseZones(provinces, cities, self._lookup.listed_zone)
        self._trades = TradeParks.of(taxonomy, self._places, segmenter.words)
        self._homes = ZoneHomes(taxonomy)
        self._starts = ShortNameStarts(self._short_names, segmenter.frequency, segmenter.words)
        self._unseen = UnseenNames(self._places, segmenter, words, self._lookup, self._known)

    @property
    def parents(self) -> dict[str, str | None]:
        """Each gazetteer zone's parent zone (中关村房山园 -> 中关村科技园区), or None."""
        return self._parents

    def find(self, text: str) -> list[str]:
        """Canonical park names mentioned in `text`, each followed by its parent parks."""
        return self.with_parents(self.mentions(text))

    def mentions(
        self, text: str, organizations: list[tuple[int, int, str]] = (), unplaced: bool = False
    ) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every park mention, in text order.

        A bare nickname inside one of the `organizations` spans (中关村发展集团) is no mention.
        `unplaced`: also parks named by their trade alone (碳纤维产业园), as written; they name a
        park but not which one, so they give no facet value.
        """
        found: list[tuple[int, int, str]] = []
        taken, districts = [False] * len(text), False
        position, search = 0, self._gazetteer.scanner(text)  # positions only move forward
        while match := search(position):
            position, spelling = match.end(), match.group()
            resume = self._resume_after(text, match, organizations, found)
            if resume is not None:
                position = resume
                continue
            districts = districts or spelling in nicknames.DISTRICT_NAMES
            found.append((match.start(), match.end(), self._canonical[spelling]))
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
        found = without_people(text, found, self._nicknames)  # 张江红, 张江汀
        found += self._sub_parks.mentions(text, found, taken)
        for match in _LIST_ONLY.finditer(text):
            found += self._lists.mentions(text, match.start(), match.group())
        for match in self._suffix_pattern.finditer(text):
            found += self._lists.mentions(text, match.start(), match.group())
            if not taken[match.start()]:
                found += self._suffix_mentions(text, match, organizations, unplaced)
        found = self._standing(text, found)
        found = without_list_ends(text, found, UNLISTED_SUFFIXES, self._places.is_place)
        found = nicknames.without_districts(text, found) if districts else found
        for number, (start, end, name) in enumerate(found):
            if name in self._city_parts:
                found[number] = (start, end, self._city_part(name, text))
        if "试验区" in text or "经开区" in text or "高新区" in text or "开发区" in text:
            found += self._clause_zones.mentions(text, found)  # a bare word's place, if any
        return sorted(found + hainan_port(text, taken))

    def _standing(self, text: str, found: list[Span]) -> list[Span]:
        """`found` without the names that do not stand as their zone where they are: one
        starting inside another word (目前海外经贸合作区; park_name_starts.py), another place's
        own thing (俄罗斯滨海新区, 在茂名，…入驻滨海新区; park_borders.py)."""
        found = [mention for mention in found if not self._starts.inside_word(text, mention[0])]
        found = [m for m in found if not self._homes.elsewhere(text, text[m[0] : m[1]], m, found)]
        return [
            m for m in found if not self._homes.placed_elsewhere(text, text[m[0] : m[1]], m, found)
        ]

    def _resume_after(
        self, text: str, match: PhraseMatch, organizations: list[Span], found: list[Span]
    ) -> int | None:
        """None when a gazetteer spelling names its zone where it stands, else where the search
        goes on: a short name may be part of another word (目前海盾号; round 17b) or name a
        facility (浦东机场)."""
        spelling, words = match.group(), self._segmenter.words
        if spelling in self._nicknames and not nicknames.nickname_stands(
            text, match, organizations, self._places.is_province, words
        ):
            return match.start() + 1  # 北京中关村示范区: 中关村示范区 may still stand
        if spelling in self._short_names:
            if self._starts.inside_word(text, match.start()):
                return match.start() + 1  # 三年前海南: 海南 may still stand
            if nicknames.names_facility(text, match, words):
                return match.end()
        return None

    def _city_part(self, name: str, text: str) -> str:
        """A zone spanning cities whose parts the gazetteer knows (西部科学城: 西部（重庆）科学城,
        西部（成都）科学城) is the part of the one city the text names; a text naming the cities
        together (成渝…共建西部科学城) means the whole zone."""
        if any(word in text for word in self._joint_words.get(name, ())):
            return name
        parts = self._city_parts.get(name, ())
        named = [part for city, part in parts if city in text]
        return named[0] if len(named) == 1 else name

    def _suffix_mentions(
        self, text: str, match: PhraseMatch, organizations: list[Span], unplaced: bool
    ) -> list[Span]:
        """The zone a suffix not inside a gazetteer name ends: an unseen name, a trade name
        (with its place or, round 17, its sentence's: 在吉林松原的新能源装备产业园) or
        (张家口是我国首个国家级可再生能源示范区) a known zone the sentence says a place is."""
        suffix = self._suffixes[match.group()]
        unseen = self._unseen.unseen(text, match.start(), suffix)
        spelling = self._lookup.unseen_spelling
        if unseen is None:  # a trade's park (济宁化工开发区) is written as its name is
            unseen = self._unseen.topic(text, match.start(), suffix)
            spelling = self._lookup.known_spelling
        if unseen is None:
            said = predicate_zone(text, match.start(), match.group(), self._lookup.predicate_zone)
            if said:
                return [said]
            trade = self._trades.mention(text, match.start(), match.group(), organizations)
            return [trade[:3]] if trade and (trade.placed or unplaced) else []
        if _STATION.match(text, match.end()):
            return []
        name, length = unseen
        if suffix.suffix in _KNOWN_ONLY and spelling(name) not in self._known:
            return []  # 沈阳经济区: a region of cities, not a zone
        return [(match.start() - length, match.end(), spelling(name))]

    def outside_subject(
        self, text: str, mentions: list[Span], subject: tuple[str, ...]
    ) -> list[Span]:
        """`mentions` without another province's zone named without its place in an article
        about a zone elsewhere (a 雄安新区 story's 中关村科技园: `ZoneHomes.outside`)."""
        provinces = self._homes.subject_provinces(subject)
        if not provinces:
            return mentions
        return [m for m in mentions if not self._homes.outside(text, m, mentions, provinces)]

    def with_parents(self, mentions: list[tuple[int, int, str]]) -> list[str]:
        """The mentioned parks in order, each followed by its parent parks, each once."""
        result: list[str] = []
        for _, _, name in mentions:
            while name and name not in result:
                result.append(name)
                name = self._parents.get(name)
        return result
