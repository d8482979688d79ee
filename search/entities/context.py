"""Context for label triggers: which spans of a paragraph are names or titles (blanked before
matching), a technology as a tool, or a strategy's region as a place. Lists of fields are
`field_lists`'; offsets and sentences `spans`'.
"""

from __future__ import annotations

import re

from search.entities import senses
from search.entities.spans import Sentences, Span

_QUOTED_TITLE = re.compile(r"《[^《》]{1,120}》")
# A technology named as the tool of something else (利用大数据帮助企业, 借助互联网开放使用) is no
# industry news: a trigger within this reach after the verb decides nothing.
_TOOL_USE = re.compile(r"(?:利用|运用|借助|依托|采用)[^，。；！？]{0,10}")
# A regional strategy's name used as the place (粤港澳大湾区内地九市, 长江经济带重点公路项目) says
# where something is, not that the strategy or its plan is the news.
# Only names that are triggers themselves (京津冀 and 长三角 are not; 京津冀协同发展 runs past
# them). 重点 stays (长江经济带重点公路项目), though a strategy's 重点项目 are sometimes its news.
_STRATEGY_REGIONS = ("粤港澳大湾区", "长江经济带")
_REGIONS = "|".join(_STRATEGY_REGIONS)
# Round 18: also the end of a range of places (从京津冀到粤港澳大湾区，; not 从…到粤港澳大湾区
# 建设, a list of strategies), a place counted with others (北京、上海、粤港澳大湾区三个
# 国际科技创新中心) and the region's other places (粤港澳大湾区其它城市).
_STRATEGY_AS_PLACE = re.compile(
    rf"(?:{_REGIONS})"
    r"(?=内地|城市(?!群)|重点|地区|沿线|沿江|各地|其[他它余]|[0-9一二三四五六七八九十]+[个座]?[城市省])"
    rf"|(?<=、)(?:{_REGIONS})(?=[一二三四五六七八九十两]个)"
    rf"|从[^，。；！？]{{1,10}}到(?P<end>{_REGIONS})(?=[，。；！？、]|\Z)"
)
# A company's business in the name's own sentence: its name then says which industry the news
# is about. Not a business word in another sentence (…贸易投资双轮驱动。…成立丝路基金).
# Not 安全生产 (work safety: an accident at 某新材料科技有限公司 is no 新材料 news; round 16).
_BUSINESS = re.compile(
    r"投产|(?<!安全)生产(?!力)|研发|投资|产能|产品|业务|营收|订单|扩产|量产|开工"
)
# A park named with a trade that the gazetteer does not know (浩源新材料科技园, 太重智能高端装备
# 产业园区): up to 10 characters before the park word. The name stops at a verb, a number, a
# measure word or 的 (光伏项目落户|新能源产业园, 这家位于汕尾的|海上风电产业园) and at a list
# (光伏等产业园区).
# The words `park_names` reads (the longer first): a name ending in one is blanked there.
PARK_WORDS = ("产业园区", "产业园", "科技园", "工业园区", "工业园")
_PARK_WORD = re.compile("|".join(PARK_WORDS))
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


def business_names(text: str, masked: str, organizations: list[Span]) -> list[str]:
    """The organisations, as `text` writes them (evidence is a span of the paragraph, never a
    canonical name: 民航局, not 中国民用航空局), whose business `masked` reports in the name's
    own sentence (…药业投产); in `masked` names and lists of examples are blanked:
    珠海金融投资控股有限公司 does not invest."""
    if not organizations:  # most paragraphs: no sentences to find
        return []
    sentences = Sentences(masked, _BUSINESS)
    return [text[start:end] for start, end, _ in organizations if sentences.reports(start, end)]


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


def industry_passing(masked: str) -> list[tuple[int, int]]:
    """Spans (beyond the lists of examples) where no industry trigger decides its label: a
    technology as a tool, a park's trade, and round 12's senses (vehicles in use …)."""
    spans = tool_uses(masked) + park_names(masked)
    spans += senses.vehicles_in_use(masked) + senses.figure_sources(masked)
    spans += senses.phones_in_use(masked) + senses.technology_instruments(masked)
    spans += senses.vaccinations(masked)
    spans += senses.price_indexes(masked) + senses.broadcasts(masked)
    return spans


def strategy_places(text: str) -> list[tuple[int, int]]:
    """Spans of a regional strategy's name used as a place (粤港澳大湾区内地九市): no plan news."""
    if "粤港澳大湾区" not in text and "长江经济带" not in text:  # _STRATEGY_REGIONS
        return []
    return [
        match.span("end") if match.group("end") else match.span()
        for match in _STRATEGY_AS_PLACE.finditer(text)
    ]
