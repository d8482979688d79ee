"""Whether a zone's name without its place is another place's own thing (round 17b: 俄罗斯滨海新区,
南昌光谷, 雄安新区中关村科技园; round 18: 在茂名，…入驻滨海新区, 清华科技园太原分园), so no mention
of the zone. Where such a name starts in its words: park_name_starts.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from search.entities.phrases import compile_phrases
from search.entities.place_words import MUNICIPALITIES
from search.entities.taxonomy import Taxonomy

Span = tuple[int, int, str]
# What may stand between a place and its own park's name (南宁·中关村创新示范基地, 保定市高新区).
_JOINERS = "·•-—－ "
_LONGEST_PLACE = 6
# A zone's own name with a park word (滨海新区, 中关村科技园, 清华科技园), not a bare nickname
# (中关村 alone is Beijing's zone wherever the news is: 中关村企业在津冀两地设立分支机构).
_PARK_ENDINGS = ("区", "园", "城")
_SENTENCE_END = re.compile(r"[。！？；;!?]")
# A branch a zone's name starts, named after its own place (清华科技园太原分园, 中关村科技园雄安园).
_BRANCH = re.compile(r"(分园|园区|分区|园)")
_OPENERS = ' \u3000“‘"「（('
_SCENE_ENDS = ("，", ",", "：", ":")
_CLAUSE_STARTS = ("，", ",")  # 在 after one opens a clause (2023年，在雄安新区，)
# What joins a partner or a list's next item to the zone opening the sentence (fix22), and the
# zone's body that may stand between (雄安新区管委会与中关村科技园区管委会签署合作协议).
_PARTNER_JOINERS = "与和同及、"
_ZONE_BODY = re.compile(r"管委会|管理委员会|党工委|管委|管理局|管理办公室|开发公司|集团")
_ABROAD = ""  # a country's "province": never a zone's


def _joined(text: str, opening_end: int, start: int, found: list[Span]) -> bool:
    """Whether the name at `start` is joined to the zone opening its sentence by 与/和/同/及/、,
    through the zone's body (管委会) and other zones of the same list
    (雄安新区管委会与中关村科技园区管委会签署…, 雄安新区、滨海新区和中关村科技园区); not a list
    that starts after a verb (新区还积极搭建科创中心、中关村科技园等)."""
    ends = {where: until for where, until, _ in found}
    position = opening_end
    while True:
        body = _ZONE_BODY.match(text, position)
        position = body.end() if body else position
        if position >= start or text[position] not in _PARTNER_JOINERS:
            return False
        position += 1
        if position == start:
            return True
        if position not in ends:
            return False
        position = ends[position]


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` starts: after the last 。！？； before it."""
    return max((match.end() for match in _SENTENCE_END.finditer(text, 0, position)), default=0)


def _sets_scene(text: str, start: int, end: int, sentence: int) -> bool:
    """Whether the place at start:end is where its sentence's news happens: X， / X： opening
    the sentence, or 在X， opening it or a clause (在茂名，…; 2023年，在雄安新区，…). Not a list's
    item (中关村、张江、东湖高新区), a company's origin (来自北京的企业), nor where something is
    set (总部设在北京，生产基地落户滨海新区: the 在 of a verb)."""
    if text[end : end + 1] not in _SCENE_ENDS:
        return False
    if start == sentence:
        return True
    at = start - 1  # where 在 must be
    return text[at] == "在" and (at == sentence or text[at - 1] in _CLAUSE_STARTS)


class ZoneHomes:
    """Which province each zone lies in, and the province of each city a text may name."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        # China's zones only: a park abroad follows its country (白俄罗斯中白工业园).
        china = set(taxonomy.provinces) | MUNICIPALITIES
        self._provinces = {p.name: p.province for p in taxonomy.parks if p.province in china}
        # A city's province (南昌 -> 江西); a county-level city's zone (昆山) may follow its
        # prefecture (苏州昆山…): only a city of another province is elsewhere.
        self._place_provinces = {park.city: park.province for park in taxonomy.parks if park.city}
        self._place_provinces.update((place, place) for place in taxonomy.provinces)
        self._place_provinces.update((place, place) for place in MUNICIPALITIES)
        self._countries = taxonomy.countries
        self._cities: dict[str, tuple[str, ...]] = {}
        for place, province in self._place_provinces.items():
            self._cities[province] = (*self._cities.get(province, ()), place)
        # Where a text says it is: cities, provinces, countries, and zones' spellings that
        # say their place (雄安, 北京中关村; not 中关村科技园, which another place's park may be).
        self._homes = {country: _ABROAD for country in self._countries}
        for park in taxonomy.parks:
            if park.province in china:
                spellings = (park.name, *park.aliases)
                self._homes.update(
                    (spelling, park.province)
                    for spelling in spellings
                    if not self._placeless(spelling, park.province)
                )
        self._homes.update(self._place_provinces)
        self._home_names = compile_phrases(self._homes, "zone-homes")
        self._references = tuple(taxonomy.bare_references)  # 新区, 园区: the article's zone

    def elsewhere(self, text: str, spelling: str, mention: Span, found: list[Span]) -> bool:
        """Whether a zone's name without its province's places (滨海新区, 光谷, 中关村科技园)
        follows a country (俄罗斯滨海新区), a city of another province (南昌光谷, 南宁·中关村) or a
        zone of another province (雄安新区中关村科技园, 保定市高新区中关村创新基地): that place's
        own thing."""
        start, _, name = mention
        province = self._provinces.get(name)
        if (
            not province
            or province in spelling
            or spelling.startswith(self._cities.get(province, ()))
        ):
            return False
        before = text[:start].rstrip(_JOINERS)
        before = before[:-1] if before.endswith("市") else before
        for _, earlier_end, earlier in found:
            if earlier_end == len(before) and earlier in self._provinces:
                return self._provinces[earlier] != province
        for length in range(_LONGEST_PLACE, 1, -1):  # the longest: 白俄罗斯, not 俄罗斯
            place = before[-length:]
            if len(place) < length:
                continue
            if place in self._countries:
                return True
            if place in self._place_provinces:
                return self._place_provinces[place] != province
        return False

    def placed_elsewhere(self, text: str, spelling: str, mention: Span, found: list[Span]) -> bool:
        """Whether a zone's own name with a park word and none of its province's places
        (滨海新区, 中关村科技园) stands where its text says another place is: its sentence opens
        with another province's place as its scene (在茂名，…入驻滨海新区; 在雄安新区，…
        中关村科技园) and its paragraph names no place of the zone's province; or it starts a
        branch's name with another province's place (清华科技园太原分园)."""
        start, end, name = mention
        province = self._provinces.get(name)
        if not province or not self._placeless(spelling, province):
            return False
        if self._branch_elsewhere(text, end, province):
            return True
        homes = self._named_homes(text, found, province)
        if any(home == province for _, _, home in homes):
            return False
        sentence = _sentence_start(text, start)
        zones = [
            (at, until, self._provinces[zone])
            for at, until, zone in found
            if zone in self._provinces
        ]
        return any(  # 在雄安新区，: a zone is a place too
            home != province
            and sentence <= place_start
            and place_end <= start
            and _sets_scene(text, place_start, place_end, sentence)
            for place_start, place_end, home in homes + zones
        )

    def outside(
        self, text: str, mention: Span, found: list[Span], subject_provinces: set[str]
    ) -> bool:
        """Whether a zone's own name with a park word and none of its province's places is
        another place's own park in an article about a zone of another province: its sentence
        opens with that zone or a bare reference to it (a 雄安新区 story's 新区还积极搭建科创中心、
        中关村科技园等…平台; not 中关村科技园区管委会与雄安新区签约) and its paragraph names no
        place of the zone's province."""
        start, end, name = mention
        province = self._provinces.get(name)
        if not province or not subject_provinces or province in subject_provinces:
            return False
        if not self._placeless(text[start:end], province):
            return False
        sentence = _sentence_start(text, start)
        while sentence < start and text[sentence] in _OPENERS:
            sentence += 1
        opening = next(
            (
                until
                for where, until, zone in found
                if where == sentence and self._provinces.get(zone) in subject_provinces
            ),
            None,
        )
        if opening is None:
            reference = next((r for r in self._references if text.startswith(r, sentence)), "")
            if not reference:
                return False
            opening = sentence + len(reference)
        if _joined(text, opening, start, found):
            return False  # 雄安新区与滨海新区签署…: a partner or a list's item, not its own park
        homes = self._named_homes(text, found, province)
        return not any(home == province for _, _, home in homes)

    def subject_provinces(self, subject: Iterable[str]) -> set[str]:
        """The provinces of an article's subject zones (China's only)."""
        return {self._provinces[name] for name in subject if name in self._provinces}

    def _named_homes(self, text: str, found: list[Span], province: str) -> list[Span]:
        """(start, end, province) of each place `text` names, not counting those inside a placeless
        name of a zone of `province` (the 中关村 of 中关村科技园 says nothing of where it is)."""
        inside = [
            (start, end)
            for start, end, name in found
            if self._provinces.get(name) == province and self._placeless(text[start:end], province)
        ]
        return [
            (match.start(), match.end(), self._homes[match.group()])
            for match in self._home_names.finditer(text)
            if not any(start <= match.start() < end for start, end in inside)
        ]

    def _placeless(self, spelling: str, province: str) -> bool:
        return (
            spelling.endswith(_PARK_ENDINGS)
            and province not in spelling
            and not spelling.startswith(self._cities.get(province, ()))
        )

    def _branch_elsewhere(self, text: str, end: int, province: str) -> bool:
        """清华科技园太原分园: another province's place, then a branch's word, right after."""
        for length in range(_LONGEST_PLACE, 1, -1):
            place = text[end : end + length]
            if len(place) == length and place in self._homes and _BRANCH.match(text, end + length):
                return self._homes[place] != province
        return False
