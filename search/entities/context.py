"""Context for label triggers: which spans of a paragraph are names or titles (blanked before
matching) and which are examples in a list of fields (they do not decide a label on their own).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import accumulate

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
# after 等: 航空制造、生物医药、电子信息等(全市)十大新兴产业 is three examples of ten).
_SUBJECT_LIST_ENDINGS = re.compile(
    r"为主导|为代表|主导产业|支柱产业|优势产业|重点产业|特色产业|(?<![两三四五六七八九十])大产业"
    r"|产业集群"
)
# …or gives each of its industries a figure (汽车、电子信息、新能源产业增速分别达到160%、12%、56%;
# not products or trades in a trade or retail report: 汽车、家电、家具销售额同比分别增长), or makes
# them the place's lead (以钢铁冶金、装备制造、新材料为“龙头”; not examples: 以铁路、公路等基础设施
# 建设为龙头; round 16, the web sample).
_FIGURED = re.compile(r"产业[^，。；]{0,4}分别(?:达到|增长|为|占|实现|完成|下降|同比)")
_LEADING = re.compile(r"为“?龙头")
FIGURE_REACH = 8  # how far past the list's last item its 分别… may end
_COUNTED_ENDING = re.compile(r"[两三四五六七八九十]大[^，。；：、！？\s]{0,4}产业")
# …but a list of the topics a meeting or a speech takes up (围绕…发展远洋渔业…等问题发表意见,
# 加强在投资、金融、航天等方面合作) names them in passing, whatever cue comes before it.
_TOPIC_ENDING = re.compile(r"等(?:议题|话题|方面)|等问题(?:发表|交换|进行|展开|深入)")
# The meeting's topics only: 等方面合作 lists fields of cooperation, which is 开放合作 news.
# Speakers' lists close many ways (等问题作了发言, 等问题争相发表意见; round 8c).
_MEETING_TOPIC = re.compile(
    r"等(?:议题|话题)|等(?:重大|重要|重点|热点|突出)?问题(?:争相|踊跃|先后|分别|纷纷)?"
    r"(?:发表|交换|进行|展开|深入|作了?发言|发言|建言)"
)
TOPIC_REACH = 4  # how far after a list its topic word may end
MIN_LIST_ITEMS = 3
# A list of examples naming one industry three times or more is about it (降息、降准、定向降准等货币
# 政策工具; 新一代信息技术、人工智能、集成电路和低空经济等), unless it lists tools or fields of
# cooperation (大数据、云计算、人工智能等技术; 在人工智能、大数据、物联网等领域加强合作).
_TOOLS_OR_PARTNERS = re.compile(
    r"等[^，。；！？]{0,10}?(?:合作|技术|手段|应用|融合|赋能)|合作|融合|应用|赋能"
)
TOOLS_REACH = 14  # how far after a list, within its sentence, its 等…技术 / 合作 may end
# A technology named as the tool of something else (利用大数据帮助企业, 借助互联网开放使用) is no
# industry news: a trigger within this reach after the verb decides nothing.
_TOOL_USE = re.compile(r"(?:利用|运用|借助|依托|采用)[^，。；！？]{0,10}")
CUE_REACH = 4  # how far before the list's first item a cue may stand
# 围绕 names what something is organised around (围绕汽车、电子、家纺、海工等支柱行业的龙头企业
# 派出驻场专员; 围绕经济发展、创新驱动、…、绿色低碳等五大领域设置目标): the list is examples, unless
# its end, read a little past the list's last item, says it is the place's industries
# (围绕旅游业、现代服务业、高新技术产业和热带特色高效农业等四大主导产业).
_AROUND = "围绕"
AROUND_ENDING_REACH = 8
# A regional strategy's name used as the place (粤港澳大湾区内地九市, 长江经济带重点公路项目) says
# where something is, not that the strategy or its plan is the news.
# Only names that are triggers themselves (京津冀 and 长三角 are not; 京津冀协同发展 runs past
# them). 重点 stays (长江经济带重点公路项目), though a strategy's 重点项目 are sometimes its news.
_STRATEGY_REGIONS = ("粤港澳大湾区", "长江经济带")
_STRATEGY_AS_PLACE = re.compile(
    rf"(?:{'|'.join(_STRATEGY_REGIONS)})"
    r"(?=内地|城市(?!群)|重点|地区|沿线|沿江|各地|[0-9一二三四五六七八九十]+[个座]?[城市省])"
)
# A company's business in the name's own sentence: its name then says which industry the news
# is about. Not a business word in another sentence (…贸易投资双轮驱动。…成立丝路基金).
# Not 安全生产 (work safety: an accident at 某新材料科技有限公司 is no 新材料 news; round 16).
_BUSINESS = re.compile(
    r"投产|(?<!安全)生产(?!力)|研发|投资|产能|产品|业务|营收|订单|扩产|量产|开工"
)
SENTENCE_MARKS = "。！？；"  # the marks that end a sentence (park_lists reads them too)
_SENTENCE_END = re.compile(f"[{SENTENCE_MARKS}]")
# A park named with a trade that the gazetteer does not know (浩源新材料科技园, 太重智能高端装备
# 产业园区): up to 10 characters before the park word. The name stops at a verb, a number, a
# measure word or 的 (光伏项目落户|新能源产业园, 这家位于汕尾的|海上风电产业园) and at a list
# (光伏等产业园区).
_PARK_WORD = re.compile(r"产业园区|产业园|科技园|工业园区|工业园")
PARK_NAME_LENGTH = 10
_PARK_NAME_STOP = re.compile(
    r"[，。；：、！？\s“”《》等和与及的个家座批项0-9]"
    r"|落户|入驻|进驻|建设|建成|新建|新增|打造|来到|走进|位于|进入|引进|集聚|聚集|成为|变为"
)
# The park's sentence reports its trade's business (…风电产业园投产, 芯片企业入驻…产业园): then
# the trade is the news, as with a company's name. Not 企业 alone (考察…产业园，与外资企业交流).
_PARK_BUSINESS = re.compile(_BUSINESS.pattern + r"|入驻|进驻|落户|项目|产值|制造商|下线|集聚|聚集")
# Listed next to an organisation: 、东南汽车等 after it, or 冠捷集团、 before it (at the start
# of a clause, after a leading verb or preposition: 根据|文化和旅游部、).
_LISTED_NEXT = re.compile(r"、([\u4e00-\u9fffA-Za-z0-9]{2,8})(?=[、等])")
_LISTED_BEFORE = re.compile(
    r"(?:\A|[，。；：、！？\s“”（(])(?:根据|来自|包括|加强在|在|向|从|对(?!外))?"
    r"([\u4e00-\u9fffA-Za-z0-9]{2,8})、\Z"
)


def quoted_titles(text: str) -> list[Span]:
    """Spans of 《…》 titles: a title names a document, it does not say what a paragraph does."""
    if "《" not in text:  # most paragraphs cite nothing: no scan, no list
        return []
    return [(match.start(), match.end(), match.group()) for match in _QUOTED_TITLE.finditer(text)]


def passing_lists(text: str) -> list[tuple[int, int]]:
    """Spans of lists of three or more fields that are examples, not the sentence's subject."""
    spans: list[tuple[int, int]] = []
    figured = "分别" in text or "龙头" in text  # most paragraphs have neither: no call per list
    for match in _lists(text):
        items = _LIST_ITEMS.split(match.group())
        if len(items) < MIN_LIST_ITEMS:
            continue
        cue_window = text[max(0, match.start() - CUE_REACH) : match.start() + len(items[0])]
        topics = _TOPIC_ENDING.search(text, match.end() - len(items[-1]), match.end() + TOPIC_REACH)
        subject = _cued(text, match.end(), cue_window, items[-1]) or _subject_ending(items[-1])
        if figured and not subject:
            subject = _figured_or_leading(text, match.end() - len(items[-1]), match.end())
        if subject and not topics:
            continue
        spans.append((match.start(), match.end()))
    return spans


def topic_lists(text: str) -> list[tuple[int, int]]:
    """Spans of lists of three or more that are the topics a meeting takes up (就…、…、…等问题
    发表意见, …等议题): the speakers' agenda, not what the paragraph reports being done."""
    spans = []
    for match in _lists(text):
        items = _LIST_ITEMS.split(match.group())
        if len(items) < MIN_LIST_ITEMS:
            continue
        start = match.end() - len(items[-1])
        if _MEETING_TOPIC.search(text, start, match.end() + TOPIC_REACH):
            spans.append((match.start(), match.end()))
    return spans


def one_industry_lists(text: str, examples: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lists of examples that may be about the one industry most of their items name: not
    lists of tools or of fields of cooperation."""
    spans = []
    for start, end in examples:
        # 合作 in the next sentence (…等货币政策工具稳增长。两国加强合作) is not the list's
        sentence_end = _SENTENCE_END.search(text, end, end + TOOLS_REACH)
        reach = sentence_end.start() if sentence_end else end + TOOLS_REACH
        if not _TOOLS_OR_PARTNERS.search(text, start, reach):
            spans.append((start, end))
    return spans


def _cued(text: str, end: int, cue_window: str, last: str) -> bool:
    """A cue before the list makes it the subject; 围绕 only when the list ends as the place's
    industries (…等四大主导产业)."""
    if _SUBJECT_LIST_CUES.search(cue_window.replace(_AROUND, "")):
        return True
    if _AROUND not in cue_window:
        return False
    return _subject_ending(last + text[end : end + AROUND_ENDING_REACH])


def _subject_ending(item: str) -> bool:
    """The list's last item says the list is the place's industries (…三大先导产业), and no
    等 in it makes the items examples of a larger count (…等全市十大新兴产业)."""
    if _SUBJECT_LIST_ENDINGS.search(item):
        return True
    counted = _COUNTED_ENDING.search(item)
    return counted is not None and "等" not in item[: counted.start()]


def _figured_or_leading(text: str, last_start: int, end: int) -> bool:
    """The list's last item, read a little past the list, gives each item a figure (…分别增长)
    or makes the items the lead (…为“龙头”)."""
    window = text[last_start : end + FIGURE_REACH]
    if _FIGURED.search(window):
        return True
    leading = _LEADING.search(window)
    return leading is not None and "等" not in window[: leading.start()]


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


def business_names(text: str, masked: str, organizations: list[Span]) -> list[str]:
    """The organisations, as `text` writes them (evidence is a span of the paragraph, never a
    canonical name: 民航局, not 中国民用航空局), whose business `masked` reports in the name's
    own sentence (…药业投产); in `masked` names and lists of examples are blanked:
    珠海金融投资控股有限公司 does not invest."""
    if not organizations:  # most paragraphs: no sentences to find
        return []
    sentences = Sentences(masked, _BUSINESS)
    return [text[start:end] for start, end, _ in organizations if sentences.reports(start, end)]


class Sentences:
    """The sentences of a text and whether each names a business (a pattern): found once per
    text and looked up by position, so that many names cost little more than one."""

    def __init__(self, text: str, business: re.Pattern[str]) -> None:
        self._text = text
        self._ends = [match.start() for match in _SENTENCE_END.finditer(text)]
        self._business = business
        self._reported: dict[int, bool] = {}

    def reports(self, start: int, end: int) -> bool:
        """Whether a sentence that holds text[start:end] names a business."""
        first, last = bisect_left(self._ends, start), bisect_right(self._ends, end - 1)
        return any(self._sentence_reports(number) for number in range(first, last + 1))

    def _sentence_reports(self, number: int) -> bool:
        if number not in self._reported:
            begin = self._ends[number - 1] + 1 if number else 0
            stop = self._ends[number] if number < len(self._ends) else len(self._text)
            self._reported[number] = bool(self._business.search(self._text, begin, stop))
        return self._reported[number]


def blank(text: str, spans: list[Span]) -> str:
    """`text` with the spans (which may overlap) replaced by spaces (offsets unchanged); joined
    from slices, not a list of one string per character (6.7 -> 2.2 µs a paragraph's names)."""
    if not spans:
        return text
    pieces, position = [], 0  # position: where the text not yet copied or blanked starts
    for start, end, *_ in sorted(spans):
        start = max(start, position)
        if end > start:
            pieces += (text[position:start], " " * (end - start))
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(left <= start and end <= right for left, right in spans)


class Covering:
    """`inside` for many questions about the same spans: a search per question, not a pass
    over every span (a paragraph with a thousand park names has a thousand spans)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [left for left, _ in ordered]
        self._reach = list(accumulate((right for _, right in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside one of the spans."""
        if not self._starts:  # most paragraphs have no list: no search
            return False
        count = bisect_right(self._starts, start)
        return count > 0 and self._reach[count - 1] >= end


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
    gazetteer does not know, in a sentence that reports no business: the trade names the park,
    it is not the news."""
    if "园" not in text:
        return []
    spans = []
    sentences = Sentences(text, _PARK_BUSINESS)
    for park in _PARK_WORD.finditer(text):
        window = max(0, park.start() - PARK_NAME_LENGTH)
        start = max(
            (stop.end() for stop in _PARK_NAME_STOP.finditer(text, window, park.start())),
            default=window,
        )
        if start < park.start() and not sentences.reports(start, park.end()):
            spans.append((start, park.end()))
    return spans


def tool_uses(text: str) -> list[tuple[int, int]]:
    """Spans right after 利用/借助/采用 … where a technology is the means, not the news."""
    # `in` tests written out: a generator over the verbs costs twice as much (every paragraph).
    if not ("利用" in text or "运用" in text or "借助" in text or "依托" in text or "采用" in text):
        return []
    return [(match.start() + 2, match.end()) for match in _TOOL_USE.finditer(text)]


def strategy_places(text: str) -> list[tuple[int, int]]:
    """Spans of a regional strategy's name used as a place (粤港澳大湾区内地九市): no plan news."""
    if "粤港澳大湾区" not in text and "长江经济带" not in text:  # _STRATEGY_REGIONS
        return []
    return [match.span() for match in _STRATEGY_AS_PLACE.finditer(text)]
