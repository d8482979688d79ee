"""Zone names the one-name rules cannot read: places sharing one suffix (北京、天津、上海自贸试验区;
广东、天津、福建3个自贸试验区) and a city in brackets (中国（杭州）跨境电子商务综合试验区).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

Mention = tuple[int, int, str]
# Between the last place of a list and the suffix, a count closes it (3个, 三个, 三大, 三地),
# perhaps with what the items share (三个新设立的自贸区);
# a list closed by 等 gives examples (天津、辽宁等10个自贸试验区), not the zones the paragraph
# is about.
_COUNT = re.compile(r"(?:\d+|[两三四五六七八九十]+)[个大地](?:[\u4e00-\u9fff]{1,5}的)?$")
_EXAMPLES = re.compile(r"等(?:\d+|[两三四五六七八九十]+)?个?$")
JOINERS = "、和及与"  # the characters that join the places of a list
MAX_ITEM = 5  # characters of one listed place (黑龙江, 乌鲁木齐)
MIN_ITEMS = 2
_BRACKETED = re.compile(r"中国[（(]([\u4e00-\u9fff]{2,5})[）)]$")


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
            name = self._lookup(bracketed.group(1), suffix) or self._unseen(
                bracketed.group(1), suffix
            )
            return [(offset + bracketed.start(), suffix_start + len(suffix), name)] if name else []
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
_SENTENCE = re.compile(r"[^。！？；]*")
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
