"""The gazetteer's name for a zone written another way: an unseen spelling (燕郊开发区), a listed
place and a shared suffix (广东、天津、福建3个自贸试验区), a place and the rest of its name; the
parts of a zone spanning cities (西部（重庆）科学城).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from search.entities.place_words import PlaceWords
from search.entities.taxonomy import ParkSuffix

# Suffixes read only after a list of places (云南和广西自贸区, 天津、福建和上海自贸区; 平潭、厦门和
# 福州三个片区): alone, a "X自贸区" is as often a trade agreement (中韩自贸区, 亚太自贸区) as a
# zone, and a "X片区" any quarter of a city; listed, each place must name a zone the gazetteer
# knows.
LIST_ONLY_SUFFIXES = {"自贸区": "自贸试验区", "片区": "片区"}
# Named alone a 经济特区 is a zone; listed (深圳、珠海、汕头、厦门、海南5个经济特区), a round-up of
# cities, filed under none.
UNLISTED_SUFFIXES = frozenset({"经济特区"})
# A zone's own name and a bare word for a park (徐汇漕河泾产业园) names the zone itself, as
# 中关村科技园 is 中关村科技园区: no trade between them makes it another park.
_PARK_WORDS = ("产业园", "科技园", "园区")
# A city in brackets names one city's part of a zone (西部（重庆）科学城).
_CITY_BRACKET = re.compile(r"（([^（）]+)）")


def city_parts(names: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Each zone's parts named with a city in brackets:
    西部科学城 -> [(成都, 西部（成都）科学城), (重庆, 西部（重庆）科学城)]."""
    parts: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(names):
        bracket = _CITY_BRACKET.search(name)
        if bracket and (whole := name.replace(bracket.group(), "")) in names:
            parts.setdefault(whole, []).append((bracket.group(1), name))
    return parts


def joint_words(
    canonical: dict[str, str], parts: dict[str, list[tuple[str, str]]]
) -> dict[str, set[str]]:
    """Words naming a split zone's cities together, as its own spellings do
    (成渝西部科学城: 成渝)."""
    joint: dict[str, set[str]] = {}
    for spelling, name in canonical.items():
        if name in parts and spelling.endswith(name) and spelling != name:
            joint.setdefault(name, set()).add(spelling[: -len(name)])
    return joint


class ZoneLookup:
    """Which gazetteer zone a spelling names (`canonical` maps every spelling to its zone)."""

    def __init__(
        self, canonical: Mapping[str, str], places: PlaceWords, suffixes: Mapping[str, ParkSuffix]
    ) -> None:
        self._canonical = canonical
        self._known = set(canonical.values())
        self._places = places
        self._suffixes = suffixes

    def known_spelling(self, name: str) -> str:
        """The gazetteer's name of an unseen spelling (燕郊开发区 -> 燕郊高新区, its only zone;
        漕河泾产业园 -> 漕河泾开发区), or `name` itself."""
        if name in self._canonical:
            return self._canonical[name]
        for word in _PARK_WORDS:
            if name.endswith(word) and name[: -len(word)] in self._canonical:
                return self._canonical[name[: -len(word)]]
        if name.endswith("自贸试验区"):  # 厦门自贸试验区: the city's 片区 of its province's zone
            stem = name[: -len("自贸试验区")]
            return self._canonical.get(stem + "自贸片区", name)
        if name.endswith("开发区"):
            # A bare 开发区 is an 经济(技术)开发区's short name (赣州开发区 is 赣州经开区, though
            # 赣州 has a 高新区 too); only the 高新区 when the place has no 经开区 (燕郊开发区 ->
            # 燕郊高新区).
            stem = name[: -len("开发区")]
            for spelling in (stem + "经开区", stem + "高新区"):
                if spelling in self._canonical:
                    return self._canonical[spelling]
        return name

    def unseen_spelling(self, name: str) -> str:
        """`known_spelling`, and an unseen place's bare 开发区 is its 经开区 (唐山南堡开发区
        -> 唐山南堡经开区). Only for a name of places and proper names: a trade's 开发区
        (济宁化工开发区) is no 经开区 and keeps its name."""
        known = self.known_spelling(name)
        if known == name and name.endswith("开发区") and name not in self._canonical:
            return name[: -len("开发区")] + "经开区"
        return known

    def own_spelling(self, word: str) -> str:
        """A zone's spelling with a city glued on that its name leaves out is its own spelling:
        北京中关村 -> 中关村 (北京中关村东升科技园 is 中关村东升科技园, as 北京市中关村东升科技园
        is); 沧州渤海新区 keeps 沧州, which its name has."""
        zone = self._canonical.get(word)
        if zone is None:
            return word
        for start in range(2, len(word) - 1):
            place, rest = word[:start], word[start:]
            if self._canonical.get(rest) == zone and self._places.is_place(place):
                return word if zone.startswith(place) else rest
        return word

    def listed_zone(self, place: str, suffix: str) -> str | None:
        """The gazetteer's zone named by a listed place and the list's suffix, or None."""
        place = self._places.strip_ending(place)
        if suffix in UNLISTED_SUFFIXES or not self._places.is_place(place):
            return None
        for name in (place + suffix, place + self.canonical_suffix(suffix)):
            known = self.known_spelling(name)
            if known in self._known:
                return known
        return None

    def predicate_zone(self, place: str, rest: str) -> str | None:
        """The gazetteer's zone of a place and the rest of its name (可再生能源示范区), or None."""
        place = self._places.strip_ending(place)
        if not self._places.is_place(place):
            return None
        names = [place + rest]
        names += [
            place + rest[: -len(suffix)] + entry.canonical
            for suffix, entry in self._suffixes.items()
            if rest.endswith(suffix)
        ]
        return next(
            (self._canonical[spelling] for spelling in names if spelling in self._canonical), None
        )

    def bracketed_zone(self, place: str, suffix: str) -> str | None:
        """中国（杭州）跨境电子商务综合试验区 -> 杭州跨境电商综合试验区 (a known place only)."""
        place = self._places.strip_ending(place)
        if not self._places.is_place(place):
            return None
        return self.known_spelling(place + self.canonical_suffix(suffix))

    def canonical_suffix(self, suffix: str) -> str:
        """The gazetteer's spelling of a suffix (自贸区 -> 自贸试验区, 经济技术开发区 -> 经开区)."""
        if suffix in LIST_ONLY_SUFFIXES:
            return LIST_ONLY_SUFFIXES[suffix]
        return self._suffixes[suffix].canonical
