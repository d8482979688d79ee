"""Lists of three or more fields in a paragraph (电子信息、生物医药、新材料等): which are examples
(no label decided by them alone), which a meeting's topics, and which may be about one industry."""

from __future__ import annotations

import re
from collections.abc import Iterator

from search.entities.spans import SENTENCE_END

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
# A list a covering verb introduces (涵盖, 涉及, 包括) that says it names a few of many — closed
# by 等多个…领域, 等数十个大类, 等50多家企业 or 等…在内 — is examples of what is covered
# (签约项目涵盖数据经济、集成电路、生物医药等多个前沿领域; round 18): the subject is the
# projects, the fair or the jobs. Not a plain 等领域 (项目涵盖生物医药、光电信息、汽车零部件
# 等领域: the seeds' park news) nor a list of one kind (包括…卫星、…卫星等多颗…卫星: launches).
_COVERING_CUES = frozenset({"涵盖", "涉及", "包括"})
_OPEN_ENDING = re.compile(
    r"等(?:[0-9]*多|数十|众多|诸多)[个家项类种]?[^，。；！？、]{0,3}?"
    r"(?:领域|行业|产业|大类|门类|板块|企业|项目)|等[^，。；！？、]{0,2}在内"
)
COVERING_REACH = 10  # how far past the list's last item its 等…领域 may end
MIN_LIST_ITEMS = 3
# A list of examples naming one industry three times or more is about it (降息、降准、定向降准等货币
# 政策工具; 新一代信息技术、人工智能、集成电路和低空经济等), unless it lists tools or fields of
# cooperation (大数据、云计算、人工智能等技术; 在人工智能、大数据、物联网等领域加强合作).
_TOOLS_OR_PARTNERS = re.compile(
    r"等[^，。；！？]{0,10}?(?:合作|技术|手段|应用|融合|赋能)|合作|融合|应用|赋能"
)
TOOLS_REACH = 14  # how far after a list, within its sentence, its 等…技术 / 合作 may end
CUE_REACH = 4  # how far before the list's first item a cue may stand
# 围绕 names what something is organised around (围绕汽车、电子、家纺、海工等支柱行业的龙头企业
# 派出驻场专员; 围绕经济发展、创新驱动、…、绿色低碳等五大领域设置目标): the list is examples, unless
# its end, read a little past the list's last item, says it is the place's industries
# (围绕旅游业、现代服务业、高新技术产业和热带特色高效农业等四大主导产业).
_AROUND = "围绕"
AROUND_ENDING_REACH = 8


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
        spans.append((_first_item_start(match), match.end()))
    return spans


# A verb in a list's first item ends the sentence's subject (机械工业加快数字化、智能化、绿色化
# 转型: the list is 数字化…, what 机械工业 does; round 17): the list starts after it. Not the
# verb of a body's or a thing's name (中国汽车工业促进会、…等单位, 投资贸易促进中心, 推进剂,
# 推动力量; review 21b), an item of the list itself; 推动会议…, 坚持力度不减 keep their verb.
_SUBJECT_VERB = re.compile(
    r"(?:加快|推进|推动|实现|促进|加强|迈向|走向|朝着|坚持)"
    r"(?!会(?![议谈见晤])|器|力(?!度)|剂|中心|委员会|办公室|小组)"
)


def _first_item_start(match: re.Match[str]) -> int:
    """Where a list's first item starts: after the last verb of `_SUBJECT_VERB` in it."""
    first = match.group()[: match.group().find("、")]
    verbs = list(_SUBJECT_VERB.finditer(first))
    return match.start() + (verbs[-1].end() if verbs else 0)


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
        sentence_end = SENTENCE_END.search(text, end, end + TOOLS_REACH)
        reach = sentence_end.start() if sentence_end else end + TOOLS_REACH
        if not _TOOLS_OR_PARTNERS.search(text, start, reach):
            spans.append((start, end))
    return spans


def _cued(text: str, end: int, cue_window: str, last: str) -> bool:
    """A cue before the list makes it the subject (a covering cue only when the list has no open
    等: round 18); 围绕 only when the list ends as the place's industries (…等四大主导产业)."""
    cue = _SUBJECT_LIST_CUES.search(cue_window.replace(_AROUND, ""))
    if cue:
        covering = cue.group() in _COVERING_CUES
        return not (covering and _OPEN_ENDING.search(last + text[end : end + COVERING_REACH]))
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
