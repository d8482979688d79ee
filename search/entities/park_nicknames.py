"""Whether a zone's bare nickname (中关村, 张江, 前海) names the zone where it stands, or starts
a company's, a person's, a forum's, a science centre's or a border crossing's name, or is part
of another word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Span = tuple[int, int, str]
_EVENT = re.compile(r"论坛|峰会|大会|博览会|年会")  # 中关村论坛 names a forum, not the zone
# 横琴口岸 names the border crossing (troops and travellers pass it), not the zone.
_CROSSING = "口岸"
_AGO = re.compile(r"[目当年此之以提日]前")  # 三年前海南乐东: 海南 is the word, not 前海
# 张江综合性国家科学中心, 上海张江、安徽合肥两个综合性国家科学中心: a science centre named after
# the place, not the zone.
_SCIENCE_CENTRE = re.compile(r"(?:、[\u4e00-\u9fff]{2,6}){0,3}(?:[两三四]个)?综合性国家科学中心")
WORD_WINDOW = 4  # characters segmented on either side of the nickname
# A zone's own management committee names the zone (中关村管委会联合银行推出…), as
# 苏州工业园区管委会 does with the zone's full name: an organisation that is no other body's.
_COMMITTEES = ("管委会", "管理委员会")


def nickname_stands(
    text: str,
    match: re.Match[str],
    organizations: list[Span],
    is_province: Callable[[str], bool],
    words: Callable[[str], Iterable[tuple[str, str]]],
) -> bool:
    """A nickname is a park when it is a whole word (`words` gives jieba's tagged words), not
    part of a company or person name (`organizations`' spans; the zone's 管委会 is the zone's),
    a forum, a science centre or a border crossing."""
    if any(
        start <= match.start() and match.end() <= end and text[match.end() : end] not in _COMMITTEES
        for start, end, _ in organizations
    ):
        return False
    if _EVENT.match(text, match.end()) or _SCIENCE_CENTRE.match(text, match.end()):
        return False
    if text.startswith(_CROSSING, match.end()):
        return False
    ago = _AGO.match(text, max(0, match.start() - 1))  # 前海南侧, 张江西区 stand
    if ago and is_province(text[match.end() - 1 : match.end() + 1]):
        return False
    window_start = max(0, match.start() - WORD_WINDOW)
    offset = window_start
    for word, flag in words(text[window_start : match.end() + WORD_WINDOW]):
        if offset == match.start():
            return word == match.group() and not flag.startswith("nr")
        offset += len(word)
    return False
