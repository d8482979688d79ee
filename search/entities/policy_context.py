"""Context for policy-type triggers (rounds 8, 8b): a goal served, an opportunity seized, a road
as a place, a housing list example, Party propaganda's 宣讲, a visitor's event, a meeting's topics,
a plan as where projects were set; a trigger there decides nothing (for every label, or one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from search.entities.context import topic_lists
from search.entities.reported import PLAN_LABEL

HOUSING_LABEL = "住房保障"
# A meeting's topic list with 经贸合作 in it is still the cooperation a talk takes up.
OPENING_LABEL = "开放合作"
# A strategy named as what something serves (为京津冀协同发展提供坚强保证, 为东北振兴作出贡献,
# 为实现“十五五”时期目标任务提供坚强保障): the news is the other thing, not the plan. Not the 为
# of 认为, 成为, 因为, 称为, 视为 (专家认为…发展规划…贡献突出: the plan is what is judged).
_GOAL = re.compile(
    r"(?<![认成因称视])为[^，。；！？为]{1,30}?(?:提供[^，。；！？]{0,6}(?:保证|保障|支撑|动力)"
    r"|[作做]出[^，。；！？]{0,8}贡献|贡献|注入[^，。；！？]{0,6}动力)"
)
# An opportunity someone is told to seize (抓住粤港澳大湾区发展机遇, 共享…红利): the news is who
# seizes it, not the strategy or the opening-up it names.
_OPPORTUNITY = re.compile(r"(?:共享|把握|抓住|分享|抢抓)[^，。；！？]{1,20}?(?:机遇|红利)")
# A road or railway as the place something happens (在沪杭高速公路上, 铁路沿线种植防护林带) or
# carrying passengers (全国铁路发送旅客, 公路出行量, 高铁车票): no building of infrastructure.
_ROAD_PLACE = re.compile(
    r"(?:铁路|公路|高速公路|高速|道路|大桥|管道|高铁|地铁)(?=沿线|旁|两侧|两旁|边上|上[，。、])"
)
# 高速公路 and 高速铁路 first: the triggers themselves, which a span from 公路 / 铁路 on leaves out.
_ROAD_TRAFFIC = re.compile(
    r"(?:高速公路|高速铁路|铁路|公路|高铁|地铁|道路|民航)[^，。；！？]{0,4}"
    r"(?:发送|旅客|客流|客运|出行|车票|交通事故|拥堵|高位运行)"
)
# A paragraph on preaching a meeting's spirit or a theory (宣讲团, 理论宣讲, 宣讲党的…精神): its
# 宣讲 is Party propaganda, not explaining policies to firms (政策宣讲 is a trigger of its own).
_PROPAGANDA = re.compile(r"宣讲团|理论宣讲|宣讲[^，。；！？]{0,12}(?:精神|思想|理论)")
# An event named as what a visitor came for (会见来华出席…高峰论坛的蒙古国总统): the news is the
# meeting with the visitor, not the event's theme.
_VISITOR_EVENT = re.compile(
    r"出席[^，。；！？]{2,30}?(?:论坛|峰会|博览会|进博会|大会|会议|开幕式|活动)的"
)
# A plan named as where projects were set (“十四五”规划纲要确定的重大工程项目): the news is the
# projects' progress, not the plan.
_PLAN_SOURCE = re.compile(
    r"(?:“?十[一二三四五六]五”?)?(?:规划纲要|规划|纲要|方案)确定的[^，。；！？]{0,8}(?:项目|工程|任务)"
)


def passing_mentions(text: str) -> list[tuple[int, int]]:
    """Spans where no policy-type trigger decides its label: every 宣讲 of a paragraph on Party
    propaganda, an event a visitor came for, an opportunity to seize, a road as a place or its
    traffic."""
    spans = []
    if "宣讲" in text and _PROPAGANDA.search(text):
        spans += [match.span() for match in re.finditer("宣讲", text)]
    if "出席" in text:
        spans += [match.span() for match in _VISITOR_EVENT.finditer(text)]
    if "机遇" in text or "红利" in text:
        spans += [match.span() for match in _OPPORTUNITY.finditer(text)]
    if _names_a_road(text):  # both road patterns need one of these words
        spans += [match.span() for match in _ROAD_PLACE.finditer(text)]
        spans += [match.span() for match in _ROAD_TRAFFIC.finditer(text)]
    return spans


def _names_a_road(text: str) -> bool:
    """Whether `text` holds a word every road place or road traffic match holds (铁路, 公路,
    道路 … all hold 路): a cheap `in` test spares two regular-expression scans."""
    return (
        "路" in text
        or "高速" in text
        or "高铁" in text
        or "地铁" in text
        or "大桥" in text
        or "管道" in text
        or "民航" in text
    )


def _may_serve(text: str) -> bool:
    """Whether `text` holds the words every goal served holds: 为 is in most paragraphs (作为,
    为了) and `_GOAL` reads up to 30 characters after each, but 提供, 贡献 or 注入 are rare."""
    return "为" in text and ("贡献" in text or "提供" in text or "注入" in text)


def label_passing(
    text: str, examples: list[tuple[int, int]], labels: Iterable[str]
) -> dict[str, list[tuple[int, int]]]:
    """Spans where one label's triggers decide nothing: a strategy as the goal served or a plan
    as where projects were set (发展规划), a housing programme listed among other examples
    (住房保障; `examples` are the lists of three or more that are not the sentence's subject:
    向铁路、棚改、水利…倾斜), a meeting's topics (every label of `labels` but 开放合作)."""
    plans = [match.span() for match in _GOAL.finditer(text)] if _may_serve(text) else []
    if "确定的" in text:
        plans += [match.span() for match in _PLAN_SOURCE.finditer(text)]
    spans = {PLAN_LABEL: plans, HOUSING_LABEL: list(examples)}
    topical = "议题" in text or "话题" in text or "等问题" in text  # a topic list's last words
    topics = topic_lists(text) if topical else []
    for label in labels if topics else ():  # a label's spans cost a covering test per match
        if label != OPENING_LABEL:
            spans.setdefault(label, []).extend(topics)
    return spans
