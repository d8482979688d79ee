"""Titles with two topics (round 17e): CCTV often files two stories under one title (高标准建设海南
自由贸易港 绘就三湘大地高质量发展新图景; 启动海南自由贸易港法、旅游法执法检查). The title's zone
is the subject of its own story's paragraphs only: a paragraph goes with the last topic named so
far (the zone, its province or city; or the title's other place or law), the lead with the zone.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from search.entities.place_words import MUNICIPALITIES
from search.entities.taxonomy import Taxonomy

Span = tuple[int, int, str]
# Clauses of a title: a space, ；, 、, ：, a comma or a dash separates two topics.
_CLAUSE_BREAK = re.compile(r"[\s；;、：:，,—]+")
_KICKER = re.compile(r"【[^】]*】")
# A law's name in a clause (旅游法, 安全生产法): two to six characters before 法, not 办法/方法/…
_LAW = re.compile(r"[\u4e00-\u9fff]{2,6}?法(?![院治庭官规])")
_NOT_LAWS = ("办法", "方法", "做法", "想法", "说法", "依法", "立法", "执法", "守法", "司法", "违法")
# Provinces as news names them (三湘大地 is 湖南): the other place's own word in its paragraphs.
_NICKNAMES = {
    "三湘": "湖南",
    "八闽": "福建",
    "齐鲁": "山东",
    "荆楚": "湖北",
    "燕赵": "河北",
    "三秦": "陕西",
    "巴蜀": "四川",
    "八桂": "广西",
    "陇原": "甘肃",
    "三晋": "山西",
    "中原": "河南",
    "江淮": "安徽",
    "赣鄱": "江西",
    "龙江": "黑龙江",
    "彩云之南": "云南",
}


class TitleTopics:
    """Which paragraphs of a two-topic title's article are the title zone's story."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._parks = {park.name: park for park in taxonomy.parks}
        cities = {park.city for park in taxonomy.parks if park.city}
        self._places = frozenset(taxonomy.provinces | MUNICIPALITIES | cities | set(_NICKNAMES))

    def paragraph_subjects(
        self, heading: str, zones: Sequence[Span], texts: Sequence[str]
    ) -> list[bool] | None:
        """For each paragraph text, whether it keeps the title's zones (`zones`: their mentions in
        `heading`); None when the title has one topic (every paragraph keeps them, as before)."""
        own, other = self._topics(heading, zones)
        if not other:
            return None
        keeps, current = [], True
        for text in texts:
            if any(word in text for word in own):
                current = True
            elif any(word in text for word in other):
                current = False
            keeps.append(current)
        return keeps

    def _topics(self, heading: str, zones: Sequence[Span]) -> tuple[set[str], set[str]]:
        """The words naming the zones' story (names, provinces, cities) and those naming the
        title's other topics (places and laws of clauses that name no zone)."""
        own: set[str] = set()
        for *_, name in zones:
            park = self._parks.get(name)
            own.add(name)
            if park is not None:
                own.update((*park.aliases, park.province, park.city))
        own.update(heading[start:end] for start, end, _ in zones)
        own.discard("")
        other: set[str] = set()
        for clause in _clauses(heading, zones):
            other.update(self._other_words(clause, own))
        return own, other

    def _other_words(self, clause: str, own: Collection[str]) -> set[str]:
        words = {law for law in _LAW.findall(clause) if not law.endswith(_NOT_LAWS)}
        for place in self._places:
            if place in clause and not any(place in word or word in place for word in own):
                words.add(place)
                words.add(_NICKNAMES.get(place, place))
        return {word for word in words if word not in own}


def _clauses(heading: str, zones: Sequence[Span]) -> list[str]:
    """The heading's clauses (kicker left out) that hold no zone mention: the other topics."""
    clauses, start = [], 0
    for match in [*_CLAUSE_BREAK.finditer(heading), None]:
        end = match.start() if match else len(heading)
        if not any(start < zone_end and zone_start < end for zone_start, zone_end, _ in zones):
            clauses.append(_KICKER.sub("", heading[start:end]))
        start = match.end() if match else end
    return [clause for clause in clauses if clause]
