"""Round 12's context for policy-type triggers: who a sentence is about and what sense a word
has (a talent brought in, a field of a diplomatic talk's cooperation, a policy others praise,
the Party's 道路, a meeting's topics however its list closes), where a trigger decides nothing;
round 17's year framed by a five-year plan (今年是“十四五”规划收官之年)."""

from __future__ import annotations

import re

from search.entities.spans import SENTENCE_MARKS

Spans = list[tuple[int, int]]
OPENING_LABEL = "开放合作"
# The cooperation itself, and infrastructure two countries build together (加强铁路基础设施建设
# 合作, 参与…高铁建设), are still the news of a talk's fields of cooperation or of a praise.
SPARED = frozenset({OPENING_LABEL, "基础设施建设"})
# 引进 of people (引进人才, 引进留学回国人员, 引进高层次专家团队): talent policy, not a project or
# an investor brought in (招商引资, whose weak 引进 is the only trigger that is just this word).
_PEOPLE_BROUGHT = re.compile(
    r"引进(?=[^，。；！？、和]{0,6}?"
    r"(?:人才|人员|专家|院士|团队|留学|博士|海归|学者|工程师|科学家))"
)
# A field named as what two countries cooperate in (中方愿同安方…推进复工复产合作, 深化科技创新
# 合作, 开展…全产业链合作): the talk's cooperation is 开放合作 news, the field no policy of its own.
COOPERATION = "合作"
FIELD_REACH = 8  # how far before 合作, within its clause, the field may start
_CLAUSE_MARKS = "，。；！？、"
# A policy named as what others praise (各方…赞赏中方…持续优化营商环境): the news is the praise,
# not the policy's measures; read to the sentence's end, at most PRAISE_REACH characters.
_PRAISE = re.compile(r"赞赏|称赞|赞扬")
PRAISE_REACH = 40
# A meeting's topic list may close with a qualified 问题 (…等重大问题建言献策).
_TOPIC_QUESTION = re.compile(r"等(?:重大|重要|重点|热点|突出)?问题")
# A year framed by a five-year plan (今年是“十四五”规划收官之年, 是实现“十四五”规划目标任务的关键
# 一年; round 17): the calendar a meeting or an appeal is dated by, not the plan's news.
_PLAN_YEAR = re.compile(r"“?十[一二三四五六]五”?规划[^，。；！？]{0,10}?(?:之年|关键一年|重要一年)")
# Socialism's or Chinese modernisation's path (中国式现代化…是…唯一正确道路; round 17).
_PATH_WORDS = ("社会主义", "中国式现代化")


def shared_passing(text: str) -> Spans:
    """Round 12's spans where no label but those of `SPARED` is decided: 引进 of people (only
    招商引资's 引进 is that word), a diplomatic talk's fields of cooperation, what others praise.
    Asked only when a trigger of a label not spared is found."""
    spans = [m.span() for m in _PEOPLE_BROUGHT.finditer(text)] if "引进" in text else []
    if COOPERATION in text:
        spans += _fields_of_cooperation(text)
    if "赞" in text:  # 赞赏, 称赞, 赞扬
        spans += _praised(text)
    return spans


def topic_question(text: str) -> bool:
    """Whether `text` closes a topic list with 问题 (…等问题, …等重大问题); asked where 问题 is."""
    return _TOPIC_QUESTION.search(text) is not None


def figurative_roads(text: str) -> Spans:
    """Every 道路 of a paragraph on socialism's path (道路问题是关系党的事业兴衰成败第一位的问题):
    the Party's road, no infrastructure (发展道路 and 主义道路 are excluded words already); the
    path of Chinese modernisation too (round 17)."""
    if not any(word in text for word in _PATH_WORDS):
        return []
    return [match.span() for match in re.finditer("道路", text)]


def plan_years(text: str) -> Spans:
    """Each year framed by a five-year plan (“十四五”规划收官之年): no 发展规划 of its own."""
    if "之年" not in text and "一年" not in text:  # most paragraphs: no scan
        return []
    return [match.span() for match in _PLAN_YEAR.finditer(text)]


def _fields_of_cooperation(text: str) -> Spans:
    """Up to `FIELD_REACH` characters of the clause before each 合作, in a paragraph naming the
    parties (中方, 双方, 两国)."""
    if not ("中方" in text or "双方" in text or "两国" in text):
        return []
    spans = []
    position = text.find(COOPERATION)
    while position >= 0:
        start = max(position - FIELD_REACH, 0)
        start = max([start] + [text.rfind(mark, start, position) + 1 for mark in _CLAUSE_MARKS])
        spans.append((start, position + len(COOPERATION)))
        position = text.find(COOPERATION, position + len(COOPERATION))
    return spans


def _praised(text: str) -> Spans:
    """From each word of praise to its sentence's end, at most `PRAISE_REACH` characters."""
    spans = []
    for match in _PRAISE.finditer(text):
        end = min(match.end() + PRAISE_REACH, len(text))
        for mark in SENTENCE_MARKS:
            found = text.find(mark, match.end(), end)
            if found >= 0:
                end = found
        spans.append((match.start(), end))
    return spans
