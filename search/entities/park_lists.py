"""Zone names the one-name rules cannot read: places sharing one suffix (广东、天津3个自贸试验区), a
city in brackets (中国（杭州）跨境电子商务综合试验区), a sub-park's short name (中关村…房山园), a
zone a sentence says a place is (张家口是我国首个国家级可再生能源示范区).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from search.entities.spans import SENTENCE_MARKS

Mention = tuple[int, int, str]
# Between the last place of a list and the suffix, a count closes it (3个, 三个, 三大, 三地),
# perhaps with what the items share (三个新设立的自贸区, 4个新设自贸试验区);
# a list closed by 等 gives examples (天津、辽宁等10个自贸试验区), not the zones the paragraph
# is about.
_COUNT = re.compile(r"(?:\d+|[两三四五六七八九十]+)[个大地](?:[\u4e00-\u9fff]{1,5}的|新设立?)?$")
_EXAMPLES = re.compile(r"等(?:\d+|[两三四五六七八九十]+)?个?$")
JOINERS = "、和及与"  # the characters that join the places of a list
MAX_ITEM = 5  # characters of one listed place (黑龙江, 乌鲁木齐)
MIN_ITEMS = 2
# 中国（上海）自由贸易试验区; a State Council decision names several at once with its places
# listed in the brackets: 中国（辽宁、浙江、河南…）自由贸易试验区, 中国（广东 天津 福建）….
_BRACKETED = re.compile(r"中国[（(]([\u4e00-\u9fff]{2,5}(?:[、 ][\u4e00-\u9fff]{2,5}){0,11})[）)]$")


class ListedParks:
    """Finds zones named as items of a list of places, or with the city in brackets.

    `lookup(place, suffix)` gives the gazetteer's name of place + suffix, or None: a listed
    place makes a zone only when that zone is known (广东、江西、贵州生态文明试验区 gives none).
    """

    def __init__(
        self,
        lookup: Callable[[str, str], str | None],
        unseen: Callable[[str, str], str | None],
    ) -> None:
        self._lookup = lookup
        self._unseen = unseen

    def mentions(self, text: str, suffix_start: int, suffix: str) -> list[Mention]:
        """Zones named before the suffix that starts at `suffix_start`."""
        before = text[max(0, suffix_start - 60) : suffix_start]
        offset = suffix_start - len(before)
        bracketed = _BRACKETED.search(before)
        if bracketed:
            span = (offset + bracketed.start(), suffix_start + len(suffix))
            return [(*span, name) for name in self._bracketed(bracketed.group(1), suffix)]
        if _EXAMPLES.search(before):
            return []
        count = _COUNT.search(before)
        end = count.start() if count else len(before)
        found: list[Mention] = []
        while True:
            item = self._place_ending_at(before, end, suffix)
            if item is None:
                break
            start, name = item
            found.append((offset + start, offset + end, name))
            if start == 0 or before[start - 1] not in JOINERS:
                break
            end = start - 1
        # 山东省、青岛市、青岛经济技术开发区 lists levels of government, not zones sharing a suffix.
        return found if len({name for *_, name in found}) >= MIN_ITEMS else []

    def _bracketed(self, places: str, suffix: str) -> list[str]:
        """The zone of each place in the brackets, or none when one of several is unknown."""
        items = re.split("[、 ]", places)
        if len(items) == 1:
            name = self._lookup(places, suffix) or self._unseen(places, suffix)
            return [name] if name else []
        names = [self._lookup(item, suffix) for item in items]
        return [name for name in names if name] if all(names) else []

    def _place_ending_at(self, text: str, end: int, suffix: str) -> tuple[int, str] | None:
        """The longest place ending at `end` that names a known zone with `suffix`."""
        for length in range(min(MAX_ITEM, end), 1, -1):
            name = self._lookup(text[end - length : end], suffix)
            if name:
                return end - length, name
        return None


def without_list_ends(
    text: str, mentions: list[Mention], suffixes: Collection[str], is_place: Callable[[str], bool]
) -> list[Mention]:
    """`mentions` less each zone named with one of `suffixes` that closes a list of places
    (深圳、珠海、汕头和厦门经济特区: a round-up of cities, like 深圳、珠海…5个经济特区)."""
    ends = tuple(suffixes)
    return [m for m in mentions if not (m[2].endswith(ends) and _closes_list(text, m[0], is_place))]


def _closes_list(text: str, start: int, is_place: Callable[[str], bool]) -> bool:
    if start < 3 or text[start - 1] not in JOINERS:
        return False
    lengths = range(2, min(MAX_ITEM, start - 1) + 1)
    return any(is_place(text[start - 1 - length : start - 1]) for length in lengths)


# China has one free-trade port: a bare 自由贸易港 / 自贸港 in a sentence that names 海南 is it
# (支持海南逐步探索、稳步推进中国特色自由贸易港建设), and so is 中国特色自由贸易港, the policy's own
# name for 海南's (《方案》还就探索建设中国特色自由贸易港作出衔接部署); elsewhere (上海探索建设
# 自由贸易港, 香港作为自由港) it stays unnamed.
_FREE_TRADE_PORT = re.compile(r"自由贸易港|自贸港")
_CHINESE_STYLE_PORT = re.compile(r"中国特色(?:自由贸易港|自贸港)")
_SENTENCE = re.compile(f"[^{SENTENCE_MARKS}]*")
HAINAN_PORT = "海南自由贸易港"


def hainan_port(text: str, taken: list[bool]) -> list[Mention]:
    """海南自由贸易港 for each bare free-trade port in a sentence that names 海南 or of 中国特色."""
    if "港" not in text:
        return []
    found = [
        (port.start() + 4, port.end(), HAINAN_PORT)
        for port in _CHINESE_STYLE_PORT.finditer(text)
        if not taken[port.start() + 4]
    ]
    if "海南" not in text:
        return found
    for sentence in _SENTENCE.finditer(text):
        if "海南" not in sentence.group():
            continue
        for port in _FREE_TRADE_PORT.finditer(text, sentence.start(), sentence.end()):
            if not taken[port.start()] and (port.start(), port.end(), HAINAN_PORT) not in found:
                found.append((port.start(), port.end(), HAINAN_PORT))
    return found


# A bare 自贸试验区 in a clause naming a province before it is that province's (海南：自贸试验区
# 建设高标准起步; 浙江还将…做强自贸试验区), as a bare 自贸港 by 海南 is 海南自由贸易港; the province
# must be in the same clause (after the last comma) and be the sentence's only one with a zone:
# not a count, a round-up or the country's (3个自贸试验区, 各, 首批, 其他, 全国, 新设, 等, 省级);
# 建设 is no 新设 (支持海南全岛建设自由贸易试验区).
_BARE_PILOT_ZONE = re.compile(r"(?<![各个批些他国等级])(?<![新增]设)(?:自由贸易试验区|自贸试验区)")
# So is a bare 经开区 or 高新区 in a clause naming one city with such a zone (合肥市对肥西县、经开区
# 两个街道…); only after a list's comma, 的, a preposition or a clause's start, as a name's own
# words before it (庐阳经开区, 各经开区, 国家级高新区) make another zone or none.
_BARE_CITY_ZONES = {
    "经开区": re.compile(r"(?<![^、，的在和与及对从到])(?:经开区|经济技术开发区)"),
    "高新区": re.compile(r"(?<![^、，的在和与及对从到])(?:高新区|高新技术产业开发区)"),
}


class ClauseZones:
    """Bare zone words a clause's one place makes that place's zone: a province's 自贸试验区, a
    city's 经开区 or 高新区. `zone_of(place, suffix)` is the gazetteer's zone, or None."""

    def __init__(
        self,
        provinces: Collection[str],
        cities: Collection[str],
        zone_of: Callable[[str, str], str | None],
    ) -> None:
        def zones(places: Collection[str], suffix: str) -> dict[str, str]:
            return {place: zone for place in places if (zone := zone_of(place, suffix))}

        self._rules = [("试验区", _BARE_PILOT_ZONE, zones(provinces, "自贸试验区"))]
        self._rules += [
            (suffix, pattern, zones(cities, suffix)) for suffix, pattern in _BARE_CITY_ZONES.items()
        ]

    def mentions(self, text: str, found: list[Mention]) -> list[Mention]:
        """The zones of the bare words in `text` outside `found` (a caller tests first that
        `text` holds 试验区, 经开区, 高新区 or 开发区: most texts hold none)."""
        result: list[Mention] = []
        for suffix, pattern, zones in self._rules:
            if suffix in text or "开发区" in text:  # 经济技术开发区, 高新技术产业开发区
                result += _clause_zones(text, found, pattern, zones)
        return result


def _clause_zones(
    text: str, found: list[Mention], pattern: re.Pattern[str], zones: dict[str, str]
) -> list[Mention]:
    """The place's zone (`zones`: place -> zone) for each bare word outside `found` whose
    sentence names one such place before it, in its own clause."""
    result: list[Mention] = []
    for match in pattern.finditer(text):
        if any(start <= match.start() < end for start, end, _ in found):
            continue
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in SENTENCE_MARKS) + 1
        before = text[sentence_start : match.start()]
        named = {zone for place, zone in zones.items() if place in before}
        clause = before[before.rfind("，") + 1 :]
        if len(named) == 1 and any(place in clause for place in zones):
            result.append((match.start(), match.end(), named.pop()))
    return result


# 园 that starts another word after a sub-park's short name: 延庆园博园 (a garden expo), 丰台园林
# 绿化局, 昌平园艺 (gardening).
_GARDEN_WORDS = ("博", "林", "艺")


class SubParkNames:
    """A zone's sub-parks by their short names (房山园 for 中关村房山园), read only in a text that
    names the zone itself: 北京中关村示范区…今天率先挂牌的是房山园. Alone, 延庆园 or 丰台园 may be
    the start of a garden expo's name (延庆园博园); 园 never starts 园博, 园林 or 园艺."""

    def __init__(
        self,
        spellings: dict[str, str],
        parents: dict[str, str | None],
        is_place: Callable[[str], bool],
    ) -> None:
        self._short: dict[str, dict[str, str]] = {}
        by_zone: dict[str, list[str]] = {}
        for spelling, name in spellings.items():
            by_zone.setdefault(name, []).append(spelling)
        for spelling, name in spellings.items():
            parent = parents.get(name)
            for prefix in by_zone.get(parent or "", ()):  # 中关村 + 房山园
                short = spelling[len(prefix) :]
                if spelling.startswith(prefix) and _is_short(short, is_place):
                    self._short.setdefault(parent, {})[short] = name

    def mentions(self, text: str, found: list[Mention], taken: list[bool]) -> list[Mention]:
        """Short names of the sub-parks of the zones `found` in `text`, outside `taken` spans."""
        result: list[Mention] = []
        for parent in {name for *_, name in found if name in self._short}:
            for short, name in self._short[parent].items():
                start = text.find(short)
                while start >= 0:
                    if not taken[start] and not text.startswith(_GARDEN_WORDS, start + len(short)):
                        result.append((start, start + len(short), name))
                    start = text.find(short, start + 1)
        return result


def _is_short(short: str, is_place: Callable[[str], bool]) -> bool:
    """房山园: a place and 园 (not 软件园 or 生命科学园, generic)."""
    return len(short) >= 3 and short.endswith("园") and is_place(short[:-1])


# A place said to be a zone (张家口是我国首个国家级可再生能源示范区; 新疆…成为中国第22个自由贸易
# 试验区): the zone is the place's, named by the predicate; read only when the gazetteer knows it.
# Not a denial (不是, 并非, 未成为, 没有成为).
_PREDICATE = re.compile(
    r"(?:(?<![不非])是|(?<![未有])成为了?)(?:我国|中国|全国)?(?:首个|第[一二三四五六七八九十\d]{1,3}个|首批|唯一的?)?"
    r"(?:国家级)?([\u4e00-\u9fff]{0,8}?)$"
)
_PLACE_WINDOW = 4
# …or the zone it has become (刚刚挂牌国家级自主创新示范区的天津).
_ATTRIBUTIVE = re.compile(r"(?:挂牌|获批|成为了?|作为)(?:国家级)?([\u4e00-\u9fff]{0,8}?)$")
_ATTRIBUTIVE_PLACE = re.compile(r"的([\u4e00-\u9fff]{2,4})")


def predicate_zone(
    text: str, suffix_start: int, suffix: str, lookup: Callable[[str, str], str | None]
) -> Mention | None:
    """The zone a sentence says its first place is, or the place after it has become (…示范区
    的天津), ending with `suffix` at `suffix_start`; only a zone `lookup` knows."""
    before = text[max(0, suffix_start - 40) : suffix_start]
    end = suffix_start + len(suffix)
    attributive, place = _ATTRIBUTIVE.search(before), _ATTRIBUTIVE_PLACE.match(text, end)
    if attributive and place:
        known = _known_place(place.group(1), attributive.group(1) + suffix, lookup)
        if known:  # the mention ends with the place (…的天津), not the words after it (搭建)
            name, length = known
            return suffix_start - len(before) + attributive.start(), place.start(1) + length, name
    predicate = _PREDICATE.search(before)
    if predicate is None:
        return None
    start = suffix_start - len(before) + predicate.start()
    sentence_start = max(text.rfind(mark, 0, start) for mark in SENTENCE_MARKS) + 1
    if start - sentence_start > 40:
        return None
    known = _known_place(text[sentence_start:start], predicate.group(1) + suffix, lookup)
    # The mention starts at the place (张家口是…示范区): the zone is the place's, and evidence
    # starting at 是 would show the verb without whose zone it is.
    return (sentence_start, end, known[0]) if known else None


def _known_place(
    text: str, rest: str, lookup: Callable[[str, str], str | None]
) -> tuple[str, int] | None:
    """The known zone of the longest place `text` starts with and the `rest` of its name, with
    the place's length."""
    for length in range(min(_PLACE_WINDOW, len(text)), 1, -1):
        name = lookup(text[:length], rest)
        if name:
            return name, length
    return None
