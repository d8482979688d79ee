"""Context for policy-type triggers (round 8): where a trigger names the goal something else
serves, an opportunity someone seizes, a road as a place or its passenger traffic, or a housing
programme as one example in a list; a trigger there decides nothing (for every label, or one).
"""

from __future__ import annotations

import re

from search.entities.reported import PLAN_LABEL

HOUSING_LABEL = "住房保障"
# A strategy named as what something serves (为京津冀协同发展提供坚强保证, 为东北振兴作出贡献,
# 为实现“十五五”时期目标任务提供坚强保障): the news is the other thing, not the plan.
_GOAL = re.compile(
    r"为[^，。；！？为]{1,30}?(?:提供[^，。；！？]{0,6}(?:保证|保障|支撑|动力)"
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
_ROAD_TRAFFIC = re.compile(
    r"(?:铁路|公路|高铁|地铁|道路|民航)[^，。；！？]{0,4}"
    r"(?:发送|旅客|客流|客运|出行|车票|交通事故|拥堵|高位运行)"
)


def passing_mentions(text: str) -> list[tuple[int, int]]:
    """Spans where no policy-type trigger decides its label: an opportunity to seize, a road
    as a place or its traffic."""
    spans = []
    if "机遇" in text or "红利" in text:
        spans += [match.span() for match in _OPPORTUNITY.finditer(text)]
    spans += [match.span() for match in _ROAD_PLACE.finditer(text)]
    spans += [match.span() for match in _ROAD_TRAFFIC.finditer(text)]
    return spans


def label_passing(text: str, examples: list[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Spans where one label's triggers decide nothing: a strategy as the goal served
    (发展规划), a housing programme listed among other examples (住房保障; `examples` are
    the lists of three or more that are not the sentence's subject: 向铁路、棚改、水利…倾斜)."""
    goals = [match.span() for match in _GOAL.finditer(text)] if "为" in text else []
    return {PLAN_LABEL: goals, HOUSING_LABEL: examples}
