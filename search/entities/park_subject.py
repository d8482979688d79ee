"""Which zone an article's lead makes its subject: the one park its opening sentence names, unless
the article is a national meeting, a person's profile or two stories, or names the zone in passing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from search.entities.park_lists import JOINERS, MAX_ITEM
from search.entities.spans import inside

Span = tuple[int, int, str]
Segment = Callable[[str], Sequence[tuple[str, str]]]
_SENTENCE_END = re.compile(r"[。！？]")
_JOINERS = tuple(JOINERS)  # one of them between two listed places, nothing else
# Meetings of national bodies go through several agenda items, one of which may name a zone
# (部署推广上海自贸试验区试点经验；…): national news, whose other paragraphs are no zone's. A
# body's visit (全国政协调研组来鲁调研) is no meeting: the zone it visits is the subject.
_NATIONAL_MEETING = re.compile(
    r"国务院常务会议|(?:全国人大常委会|全面深化改革委员会|全国政协)[^，。：！？\s]{0,12}?"
    r"(?:会议|座谈会|开幕|闭幕)"
)
# A news flash (国内联播快讯) strings unrelated items together: its lead is the first item only.
_NEWS_FLASH = "快讯"
# A lead introducing two stories (一位是…的袁庚，另一位是…鲁冠球) has no one subject; 另一个 alone
# is ordinary prose (另一个亮点是…).
_TWO_STORIES = re.compile(r"一位是.*另一位|一个是.*另一个")
# Kickers (【最美基层干部】) and a series' name before a dash (人民满意的公务员——徐敏：…).
_KICKER = re.compile(r"【[^】]*】")
# A zone followed by 等 is one example of several; one the story relies on (依托海南自贸港建设，
# 海口市…) is the background, not the subject.
_MEANS = ("依托", "借助", "利用", "抢抓", "抓住")
# A hospital's or university's campus named after the zone (湖北省妇幼保健院光谷院区) is an
# organisation's unit, an address like 浦东新区人民法院: the story is the organisation's; so is a
# court named after it (在廊坊市经济技术开发区法院依法公开开庭: a trial, not the zone's story).
_AFTER = ("等", "院区", "校区", "分院", "分校", "法院", "检察院", "人民法院", "人民检察院")
# A zone followed by a village, community or road in it is an address (吉林省长春市净月高新区的
# 友好村, 深圳光明新区凤凰社区, 上海浦东新区洪山路上): the story is the place's, not the zone's. The
# place is a name of 2-4 characters with no verb or adverb (开辟新路, 深入社区, 创新思路 are prose)
# and not a common word ending in the suffix (铁路, 农村).
_ADDRESS = re.compile(r"的?([\u4e00-\u9fff]{2,4}?)(社区|街道|村|路)")
_COMMON_HEADS = frozenset(
    {"道路", "之路", "思路", "出路", "新路", "铁路", "公路", "销路", "线路", "农村", "乡村"}
)
_PROSE_FLAGS = ("v", "d", "p", "c")
# A zone named only in a law's name (审议海南自由贸易港法草案、…; 《海南自由贸易港法》) is one law a
# meeting reviews, not the article's subject: the lead decides. 法院, 法治: no law's name. Other
# documents' titles stay: a dev title whose 《…》 names four 自贸试验区 is judged the zones'.
_LAW_NAME = re.compile(r"法(?![院治庭官])")
# A law's title (《海南经济特区…规定》) names the legislature: a special economic zone in it is
# no zone the paragraph names; any other title (《习近平同志推动厦门经济特区建设发展的…》) is.
# A newspaper's name (《深圳特区报》) is a title naming no zone either.
_LAW_TITLE = re.compile(
    r"(?:法|条例|规定|办法|决定|细则|规则)(?:（[^）]*）)?》$|^《[^》]{1,6}报》$"
)


def heading_subjects(heading: str, mentions: list[Span], excluded: Collection[str]) -> list[Span]:
    """A heading's mentions that make its subject: not an `excluded` park (a 经济特区 is a whole
    city) and not a law's name."""
    return [
        (start, end, name)
        for start, end, name in mentions
        if name not in excluded and not _LAW_NAME.match(heading, end)
    ]


def in_law_title(titles: list[Span], start: int, end: int) -> bool:
    """Whether a mention lies inside the 《…》 title of a law (规定, 条例, 办法, …) or a paper."""
    return inside([title[:2] for title in titles if _LAW_TITLE.search(title[2])], start, end)


def lead_subject(
    title: str,
    lead: str,
    mentions: list[Span],
    segment: Segment,
    excluded: Collection[str] = (),
    parents: Mapping[str, str | None] | None = None,
) -> list[Span]:
    """The lead's mentions that make the article's subject: [], one mention or one list's places.

    `mentions` are the lead's own park mentions (not inside an organisation's name); `excluded`
    parks are never a subject (a 经济特区 is a whole city); `segment` gives jieba's tagged words;
    `parents` each zone's parent (a zone named with its sub-park is the sub-park's story).
    """
    if not mentions or _NATIONAL_MEETING.search(title) or _TWO_STORIES.search(lead):
        return []
    if _NEWS_FLASH in title:
        return []
    if _profile(title, segment):
        return []
    # The would-be subject decides (利用A和B“两区”政策: A is the means); a later one in passing
    # (青岛高新区等3个园区) leaves the subject the opening sentence set.
    named = [m for m in mentions if m[2] not in excluded]
    named = _without_parents(named, parents or {})
    if not named or _in_passing(lead, named[0], segment):
        return []
    opening = len(_SENTENCE_END.split(lead, maxsplit=1)[0])
    if len({name for *_, name in named}) == 1 and named[0][0] < opening:
        return named[:1]
    # 随着广东、天津、福建和上海自贸区的实施方案公布: the four are the story; a list closed by 等
    # (哈尔滨新区、江北新区、两江新区等省市) gives examples
    if named[-1][1] <= opening and _one_list(lead, named):
        return [] if any(_in_passing(lead, m, segment) for m in named) else named
    return []


def _one_list(lead: str, mentions: list[Span]) -> bool:
    """Whether the mentions are the places of one list sharing a suffix (广东、天津和福建自贸区),
    not whole names listed (中新苏州工业园区、中新天津生态城和…: several stories)."""
    items = [m for n, m in enumerate(mentions) if not n or m[0] >= mentions[n - 1][1]]
    if len(items) < 2 or any(end - start > MAX_ITEM for start, end, _ in items):
        return False
    pairs = zip(items, items[1:], strict=False)
    return all(lead[before[1] : after[0]] in _JOINERS for before, after in pairs)


def _in_passing(lead: str, mention: Span, segment: Segment) -> bool:
    start, end, _ = mention
    if lead.startswith(_AFTER, end) or lead[:start].endswith(_MEANS):
        return True
    address = _ADDRESS.match(lead, end)
    if address is None or address.group(1)[-1] + address.group(2)[0] in _COMMON_HEADS:
        return False
    return not any(flag.startswith(_PROSE_FLAGS) for _, flag in segment(address.group(1)))


def _profile(title: str, segment: Segment) -> bool:
    """A title that opens with a person's name and a colon (廖俊波：政声人去后 百姓记心头) tells
    one person's story: the zone the lead names is where the person worked, not the subject."""
    head, colon, _ = _KICKER.sub("", title).partition("：")
    name = head.rpartition("——")[2].strip()
    words = segment(name) if colon and name else ()
    return len(words) == 1 and words[0][1] == "nr"


def _without_parents(mentions: list[Span], parents: Mapping[str, str | None]) -> list[Span]:
    """A zone named with one of its sub-parks (北京中关村核心区海淀园) is the sub-park's story:
    the zone's mention goes (the sub-park brings its parent as a value). So is a zone named
    inside a longer name (中关村 in 北京中关村东升科技园: a park of the zone the gazetteer
    lacks)."""
    names = {name for *_, name in mentions}
    covered = {parents.get(name) for name in names} & names
    covered |= {
        name
        for start, end, name in mentions
        for outer_start, outer_end, outer in mentions
        if outer != name and outer_start <= start and end <= outer_end
    }
    return [mention for mention in mentions if mention[2] not in covered]
