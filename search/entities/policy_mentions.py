"""Spans where no policy-type trigger decides its label, whichever label (rounds 8-16): Party
propaganda's 宣讲, a visitor's event, an opportunity, a policy's backing or a strategy's
background, a pipeline accident, two countries' strategies aligned, a road as a place."""

from __future__ import annotations

import re

from search.entities.policy_senses import figurative_roads

# An opportunity someone is told to seize (抓住粤港澳大湾区发展机遇, 共享…红利): the news is who
# seizes it, not the strategy or the opening-up it names.
_OPPORTUNITY = re.compile(r"(?:共享|把握|抓住|分享|抢抓)[^，。；！？]{1,20}?(?:机遇|红利)")
# A road or railway as the place something happens (在沪杭高速公路上, 铁路沿线种植防护林带),
# carrying passengers (全国铁路发送旅客, 公路出行量, 高铁车票) or closed to them (多条高速公路封闭,
# round 12): no building of infrastructure.
_ROAD_PLACE = re.compile(
    r"(?:铁路|公路|高速公路|高速|道路|大桥|管道|高铁|地铁)(?=沿线|旁|两侧|两旁|边上|上[，。、])"
)
# 高速公路 and 高速铁路 first: the triggers themselves, which a span from 公路 / 铁路 on leaves out.
_ROAD_TRAFFIC = re.compile(
    r"(?:高速公路|高速铁路|铁路|公路|高铁|地铁|道路|民航)[^，。；！？]{0,4}"
    r"(?:发送|旅客|客流|客运|出行|车票|交通事故|拥堵|高位运行|封闭|封路|管制|中断)"
)
# A paragraph on preaching a meeting's spirit or a theory (宣讲团, 理论宣讲, 宣讲党的…精神, a
# 宣讲报告: round 16, the 宣讲团 of 中央宣讲团成员 being blanked as a name): its 宣讲 is Party
# propaganda, not explaining policies to firms (政策宣讲 is a trigger of its own).
_PROPAGANDA = re.compile(r"宣讲团|宣讲报告|理论宣讲|宣讲[^，。；！？]{0,12}(?:精神|思想|理论)")
# An event named as what a visitor came for (会见来华出席…高峰论坛的蒙古国总统): the news is the
# meeting with the visitor, not the event's theme.
_VISITOR_EVENT = re.compile(
    r"出席[^，。；！？]{2,30}?(?:论坛|峰会|博览会|进博会|大会|会议|开幕式|活动)的"
)
# A pipeline as the scene of an accident (输油管道…破裂, 关闭管道): the paragraph reports the
# accident, and none of its 管道 is the building of infrastructure.
_PIPE_ACCIDENT = re.compile(r"(?:关闭|切断)管道|管道[^，。；！？]{0,4}(?:泄漏|破裂|爆炸|腐蚀)")
# Two countries' strategies aligned (结合中方西部大开发战略和约方“向东看”战略, or the other
# order: 把…西部大开发战略与巴国内经济发展进程更加紧密结合, round 16): diplomacy, as the
# excluded 发展战略对接 is, not the plan's news.
_ALIGNED = re.compile(
    r"(?:结合|对接)[^，。；！？]{0,20}战略(?:和|与|同)[^，。；！？]{0,12}战略"
    r"|[^，。；！？]{0,12}战略(?:和|与|同)[^，。；！？]{0,16}(?:结合|对接)"
)
# A strategy named as an opportunity or a policy's backing, without a verb of seizing
# (拥有自贸区建设、京津冀协同发展等战略机遇, 在…长三角一体化等政策赋能下), or a list of strategies
# a place has a role in (港口在共建“一带一路”、长江经济带发展等国家战略中具有重要地位; round 10):
# background to the news. The span runs back to its clause's start (the items listed before 等).
# Not a 等 of waiting (等待机遇, 坐等机遇): nothing is listed there.
_LISTED_OPPORTUNITY = re.compile(
    r"(?<!坐)等(?![待候])(?:[^，。；！？]{0,4}机遇|[^，。；！？]{0,6}战略中)"
)
_CLAUSE_START = re.compile(r"[，。；！？：]")
_BACKING_WORDS = ("赋能下", "支持下", "加持下", "带动下")
_POLICY_BACKING = re.compile(
    r"在[^，。；！？在]{1,30}?政策[^，。；！？]{0,4}(?:赋能|支持|加持|带动)下"
)
# A strategy as the background of the news (在长三角一体化战略加速推进的背景下，…落地…项目;
# round 16): the news is what happens against it, as with a policy's backing.
_STRATEGY_BACKGROUND = re.compile(r"在[^，。；！？在]{1,30}?战略[^，。；！？]{0,12}背景下")


def passing_mentions(text: str) -> list[tuple[int, int]]:
    """Spans where no policy-type trigger decides its label: every 宣讲 of a paragraph on Party
    propaganda, an event a visitor came for, an opportunity to seize or listed as a place's, a
    policy's backing or a strategy's background (round 16), every 管道 of a pipeline accident, two
    countries' strategies aligned, a road as a place or its traffic, the Party's 道路 (round 12)."""
    spans = []
    if "宣讲" in text and _PROPAGANDA.search(text):
        spans += [match.span() for match in re.finditer("宣讲", text)]
    if "出席" in text:
        spans += [match.span() for match in _VISITOR_EVENT.finditer(text)]
    if "机遇" in text or "红利" in text:
        spans += [match.span() for match in _OPPORTUNITY.finditer(text)]
    if ("机遇" in text or "战略中" in text) and "等" in text:
        spans += _listed_opportunities(text)
    if "政策" in text and any(words in text for words in _BACKING_WORDS):
        spans += [match.span() for match in _POLICY_BACKING.finditer(text)]
    if "背景下" in text and "战略" in text:
        spans += [match.span() for match in _STRATEGY_BACKGROUND.finditer(text)]
    if "管道" in text and _PIPE_ACCIDENT.search(text):  # every 管道 of an accident's paragraph
        spans += [match.span() for match in re.finditer("管道", text)]
    if "战略" in text and ("结合" in text or "对接" in text):
        spans += [match.span() for match in _ALIGNED.finditer(text)]
    if _names_a_road(text):  # both road patterns need one of these words
        spans += [match.span() for match in _ROAD_PLACE.finditer(text)]
        spans += [match.span() for match in _ROAD_TRAFFIC.finditer(text)]
        spans += figurative_roads(text) if "道路" in text else []
    return spans


def _listed_opportunities(text: str) -> list[tuple[int, int]]:
    """Spans of the strategies a clause lists as its opportunities (…等战略机遇) or as where a
    place has a role (…等国家战略中), from the clause's start; at most 30 characters back."""
    spans = []
    for match in _LISTED_OPPORTUNITY.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        marks = list(_CLAUSE_START.finditer(before))
        start = match.start() - len(before) + (marks[-1].end() if marks else 0)
        spans.append((start, match.end()))
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
