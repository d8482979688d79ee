"""Context for label triggers: which spans of a paragraph are names or titles (blanked before
matching) and which are examples in a list of fields (they do not decide a label on their own).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int, str]

_QUOTED_TITLE = re.compile(r"《[^《》]{1,120}》")
# Three or more short items joined by 、 (or a final 和/及/与):
# 在电子信息、生物医药、新材料等领域.
ITEM_LENGTH = 14
_LIST = re.compile(
    r"[^，。；：、！？\s]{1,14}(?:、[^，。；：、！？\s]{1,14}){1,}(?:(?:、|和|及|与|以及)[^，。；：、！？\s]{1,14})"
)
# The item that ends where the window ends (the first item of a list ends at its first 、).
_ITEM_AT_END = re.compile(r"[^，。；：、！？\s]+\Z")
_LIST_ITEMS = re.compile(r"、|和|及|与|以及")
# A list right after these words is what the sentence is about (园区重点发展生物医药、集成电路…).
_SUBJECT_LIST_CUES = re.compile(
    r"(重点发展|主导产业|重点产业|聚焦|主攻|发力|培育|打造|布局|涵盖|瞄准|围绕|优势产业|支柱产业|"
    r"产业集群|产业链|大产业|新兴产业|涉及|包括)"
)
# …or when its last item says the list is the place's industries (电子信息、航空航天和生命健康
# 三大主导产业; 以电子信息、生物医药、智能装备制造为主导), or counts them as its N industries
# (集成电路、人工智能、生物医药三大先导产业: a counted list is the whole of what is meant; not
# after 等: 航空制造、生物医药、电子信息等十大新兴产业 is three examples of ten).
_SUBJECT_LIST_ENDINGS = re.compile(
    r"为主导|为代表|主导产业|支柱产业|优势产业|重点产业|特色产业|大产业|产业集群"
    r"|(?<!等)[两三四五六七八九十]大[^，。；：、！？\s]{1,4}产业"
)
MIN_LIST_ITEMS = 3
# A technology named as the tool of something else (利用大数据帮助企业, 借助互联网开放使用) is no
# industry news: a trigger within this reach after the verb decides nothing.
_TOOL_USE = re.compile(r"(?:利用|运用|借助|依托|采用)[^，。；！？]{0,10}")
CUE_REACH = 4  # how far before the list's first item a cue may stand
# A regional strategy's name used as the place (粤港澳大湾区内地九市, 长江经济带重点公路项目) says
# where something is, not that the strategy or its plan is the news.
_STRATEGY_REGIONS = ("粤港澳大湾区", "长江经济带", "京津冀", "长三角")
_STRATEGY_AS_PLACE = re.compile(
    r"(?:粤港澳大湾区|长江经济带|京津冀|长三角)"
    r"(?=内地|城市(?!群)|重点|地区|沿线|沿江|各地|[0-9一二三四五六七八九十]+[个座]?[城市省])"
)
# A company's business in the name's own sentence: its name then says which industry the news
# is about. Not a business word in another sentence (…贸易投资双轮驱动。…成立丝路基金).
_BUSINESS = re.compile(r"投产|生产|研发|投资|产能|产品|业务|营收|订单|扩产|量产|开工")
_SENTENCE_ENDS = ("。", "！", "？", "；")
# A park named with a trade that the gazetteer does not know (浩源新材料科技园, 太重智能高端装备
# 产业园区): a name of up to 10 characters before the park word, no list (光伏等产业园区).
_PARK_NAME = re.compile(
    r"[^，。；：、！？\s“”《》等和与及]{1,10}?(?:产业园区|产业园|科技园|工业园区|工业园)"
)


def quoted_titles(text: str) -> list[Span]:
    """Spans of 《…》 titles: a title names a document, it does not say what a paragraph does."""
    return [(match.start(), match.end(), match.group()) for match in _QUOTED_TITLE.finditer(text)]


def passing_lists(text: str) -> list[tuple[int, int]]:
    """Spans of lists of three or more fields that are examples, not the sentence's subject."""
    spans: list[tuple[int, int]] = []
    for match in _lists(text):
        items = _LIST_ITEMS.split(match.group())
        if len(items) < MIN_LIST_ITEMS:
            continue
        cue_window = text[max(0, match.start() - CUE_REACH) : match.start() + len(items[0])]
        if _SUBJECT_LIST_CUES.search(cue_window) or _SUBJECT_LIST_ENDINGS.search(items[-1]):
            continue
        spans.append((match.start(), match.end()))
    return spans


def _lists(text: str) -> Iterator[re.Match[str]]:
    """The matches `_LIST.finditer(text)` gives, found faster: a list's first item ends at its
    first 、, so a match can only start at the first item-character run just before a 、.

    `finditer` tries the pattern at every character (a tenth of all tagging CPU); here it is
    tried once per 、, at the one start `finditer` would reach first.
    """
    position = 0
    while (comma := text.find("、", position)) >= 0:
        item = _ITEM_AT_END.search(text, max(position, comma - ITEM_LENGTH), comma)
        match = _LIST.match(text, item.start()) if item else None
        if match:
            yield match
            position = match.end()
        else:
            position = comma + 1


def business_names(masked: str, organizations: list[Span]) -> list[str]:
    """The organisations whose business `masked` reports in the name's own sentence (…药业投产);
    names and lists of examples are blanked: 珠海金融投资控股有限公司 does not invest."""
    names = []
    for start, end, name in organizations:
        sentence_start = max(masked.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
        ends = [masked.find(mark, end) for mark in _SENTENCE_ENDS]
        sentence_end = min((found for found in ends if found >= 0), default=len(masked))
        if _BUSINESS.search(masked, sentence_start, sentence_end):
            names.append(name)
    return names


def blank(text: str, spans: list[Span]) -> str:
    """`text` with the spans replaced by spaces (offsets unchanged)."""
    if not spans:
        return text
    characters = list(text)
    for start, end, *_ in spans:
        characters[start:end] = " " * (end - start)
    return "".join(characters)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(left <= start and end <= right for left, right in spans)


_LISTED_NEXT = re.compile(r"、([\u4e00-\u9fffA-Za-z0-9]{2,8})(?=[、等])")
_LISTED_BEFORE = re.compile(r"(?:\A|[，。；：、！？\s“”（(])([\u4e00-\u9fffA-Za-z0-9]{2,8})、\Z")


def listed_with(text: str, organizations: list[Span]) -> list[Span]:
    """Items listed next to an organisation (冠捷集团、东南汽车等一批企业): names too."""
    spans: list[Span] = []
    for start, end, _ in organizations:
        after = _LISTED_NEXT.match(text, end)
        if after:
            spans.append((after.start(1), after.end(1), after.group(1)))
        before = _LISTED_BEFORE.search(text, max(0, start - 10), start)
        if before:
            spans.append((before.start(1), before.end(1), before.group(1)))
    return spans


def park_names(text: str) -> list[tuple[int, int]]:
    """Spans of parks named with a trade (浩源新材料科技园, 太重智能高端装备产业园区) that the
    gazetteer does not know: the trade names the park, it is not the news."""
    if "园" not in text:
        return []
    return [match.span() for match in _PARK_NAME.finditer(text)]


def tool_uses(text: str) -> list[tuple[int, int]]:
    """Spans right after 利用/借助/采用 … where a technology is the means, not the news."""
    if not any(verb in text for verb in ("利用", "运用", "借助", "依托", "采用")):
        return []
    return [(match.start() + 2, match.end()) for match in _TOOL_USE.finditer(text)]


def strategy_places(text: str) -> list[tuple[int, int]]:
    """Spans of a regional strategy's name used as a place (粤港澳大湾区内地九市): no plan news."""
    if not any(region in text for region in _STRATEGY_REGIONS):
        return []
    return [match.span() for match in _STRATEGY_AS_PLACE.finditer(text)]
