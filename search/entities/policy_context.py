"""Spans where one policy type's triggers decide nothing (rounds 8-14, `label_passing`): a goal
served, a plan's projects, housing listed in passing, 落户 of household registration, the
economy's credit, foreign economies' own trade, transport in use, a meeting's topics; work
safety listed in passing or in the sense of a product's safety, talent trained for another
country (round 18)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from search.entities.china_names import TRADE, ChinaNames, foreign_trade
from search.entities.field_lists import topic_lists
from search.entities.policy_points import (
    INFRASTRUCTURE_LABEL,
    names_small_firms,
    names_transport,
    transport_in_use,
)
from search.entities.policy_senses import OPENING_LABEL, plan_years, topic_question
from search.entities.reported import PLAN_LABEL
from search.entities.spans import SENTENCE_MARKS

HOUSING_LABEL = "住房保障"
INVESTMENT_LABEL = "招商引资"
TECH_FINANCE_LABEL = "科技金融"
SAFETY_LABEL = "安全生产"
TALENT_LABEL = "人才政策"
# Talent trained for another country's side (为坦方培养人才, 为布方培养各类人才; round 18): aid
# a talk promises, no talent policy of China's. Not 中方, 我方 or 地方 (为地方培养人才).
_FOREIGN_TRAINING = re.compile(
    r"为[^，。；！？中我地]{1,3}方[^，。；！？]{0,4}培养[^，。；！？]{0,10}"
)
# A product's safety (食品安全监管, 药械质量安全监管, 产品质量安全隐患; round 18): food and drug
# regulation, not work safety.
_PRODUCT_SAFETY = re.compile(r"(?:食品|药品|药械|疫苗|乳品|产品|质量)安全(?:监管|检查|隐患)")
# Work safety as one field among others (扩展至电子信息、安全生产、设施农业等领域, …、安全生产隐患
# 整改不力等方面; round 18): a list of examples closed by 等领域 / 等方面 / 等行业. Not a list of
# duties (承担企业服务、安全生产、数据统计等职责: the work itself).
_FIELDS_ENDING = re.compile(r"等[^，。；！？、]{0,3}?(?:领域|方面|行业)")
FIELDS_REACH = 8  # how far before a list's end its 等…领域 may start (the list holds its last item)
FIELDS_TAIL = 3  # and how far past it the word may end
# A meeting's topic list with 经贸合作 in it is still the cooperation a talk takes up: its spans
# leave 开放合作 (OPENING_LABEL, in policy_senses with round 12's other labels).
# A strategy named as what something serves (为京津冀协同发展提供坚强保证, 为东北振兴作出贡献,
# 为实现“十五五”时期目标任务提供坚强保障): the news is the other thing, not the plan. Not the 为
# of 认为, 成为, 因为, 称为, 视为 (专家认为…发展规划…贡献突出: the plan is what is judged).
_GOAL = re.compile(
    r"(?<![认成因称视])为[^，。；！？为]{1,30}?(?:提供[^，。；！？]{0,6}(?:保证|保障|支撑|动力)"
    r"|[作做]出[^，。；！？]{0,8}贡献|贡献|注入[^，。；！？]{0,6}动力)"
)
# A plan named as where projects were set (“十四五”规划纲要确定的重大工程项目): the news is the
# projects' progress, not the plan.
_PLAN_SOURCE = re.compile(
    r"(?:“?十[一二三四五六]五”?)?(?:规划纲要|规划|纲要|方案)确定的[^，。；！？]{0,8}(?:项目|工程|任务)"
)
# A plan aligned with another country's (推动共建“一带一路”同东盟互联互通总体规划对接,
# 中国“十三五”规划和老挝“八五”规划的有效对接; round 17): diplomacy's words, no plan of its own
# (发展规划 only: the cooperation stays 开放合作 news).
_ALIGNED_PLANS = re.compile(
    r"[^，。；！？]{0,20}(?:同|与|和)[^，。；！？]{0,24}规划[^，。；！？]{0,4}对接"
)
# …but only where the sentence (to its 。, past a ；: 双方要…；要加强经济发展战略和规划对接) names
# the other side (round 18, known22): a country's short name with 方 (埃方, 巴方), 双方, 两国, 彼此,
# the Belt and Road or a bloc. A province's work aligned with the national plan (与国家“十四五”规划
# 纲要对接) or one region's plan with another's is the plan's news.
_OTHER_SIDE = re.compile(
    "一带一路|丝绸之路|丝路|倡议|双方|两国|彼此|各方|各国|成员|金砖|东盟|欧亚|非洲|国际|国家(?:发展|重建)"
    "|[中埃巴菲伊韩乌肯赞纳保阿俄美日英法德意澳加墨非老柬缅越泰印蒙哈吉塔土塞沙尼斯欧坦希葡西匈捷波]方"
)
_FULL_STOPS = "。！？"
# 落户 in the sense of household registration (积分落户, 落户限制, 户籍制度改革): people settle,
# no project lands; the judging rules name it as a word in another sense.
_REGISTRATION_WORDS = ("户籍", "户口", "积分落户", "居住证", "落户限制", "落户条件", "进城落户")
# …and a 落户 whose sentence names people or a household's needs and no firm (毕业生…可在
# 海南任一城镇落户; round 18): people settle, no project lands.
_PEOPLE_WORDS = re.compile("人才|毕业生|留学|居民|住房|入学|子女|家属")
_FIRM_WORDS = re.compile("企业|项目|公司|总部|机构|工厂|产业|基地")
# Credit of the whole economy (降息, 贷款余额) is no finance for small or technology firms:
# `policy_points.names_small_firms` says whether a paragraph names such firms.
_CREDIT = re.compile("融资|贷款|信贷")


def _may_serve(text: str) -> bool:
    """Whether `text` holds the words every goal served holds: 为 is in most paragraphs (作为,
    为了) and `_GOAL` reads up to 30 characters after each, but 提供, 贡献 or 注入 are rare."""
    return "为" in text and ("贡献" in text or "提供" in text or "注入" in text)


def _economy_credit(text: str) -> bool:
    """Whether `text`'s credit is the economy's: it speaks of credit and names no small, private,
    start-up or technology firm (round 14's test, which holds round 9c's on monetary policy now
    that both read one list). A cheap `in` test first: few paragraphs speak of credit at all."""
    if "贷" not in text and "融资" not in text:
        return False
    return not names_small_firms(text)


def label_passing(
    text: str,
    examples: list[tuple[int, int]],
    labels: Iterable[str],
    china: ChinaNames | None = None,
    written: str | None = None,
) -> dict[str, list[tuple[int, int]]]:
    """Spans where one label's triggers decide nothing: a strategy as the goal served or a plan
    as where projects were set (发展规划), a housing programme or work safety listed among other
    examples (住房保障, 安全生产; `examples` are the lists of three or more that are not the
    sentence's subject: 向铁路、棚改、水利…倾斜), a product's safety (安全生产), talent trained for
    another country (人才政策), a meeting's topics (every label of `labels` but 开放合作), every
    落户 of a paragraph on household registration and each of people settling (招商引资), the
    credit of a paragraph naming no small or technology firm or on monetary policy (科技金融), a
    road, railway, bridge or pipe in use with no word of building (基础设施建设; round 14), the
    trade of a paragraph on foreign economies only (开放合作;
    `china`: China's places, `china_names`; `written`: `text` as the paragraph writes it, when
    `text` has names blanked)."""
    spans = {PLAN_LABEL: _plan_spans(text), HOUSING_LABEL: list(examples)}
    if "安全" in text:
        spans[SAFETY_LABEL] = _safety_spans(text, examples)
    if "方" in text:
        spans[TALENT_LABEL] = _foreign_training(text)
    if "落户" in text:
        spans[INVESTMENT_LABEL] = _settled_people(text)
    if _economy_credit(written or text):  # a firm's blanked name counts (大疆创新科技有限公司)
        spans[TECH_FINANCE_LABEL] = [match.span() for match in _CREDIT.finditer(text)]
    if foreign_trade(text, china, written or text):
        spans[OPENING_LABEL] = [match.span() for match in TRADE.finditer(text)]
    if names_transport(text):  # in use, with no word of building (round 14)
        spans[INFRASTRUCTURE_LABEL] = transport_in_use(text, written or text)
    _add_topics(text, labels, spans)
    return spans


def _settled_people(text: str) -> list[tuple[int, int]]:
    """Each 落户 of a paragraph on household registration, and each whose sentence is about
    people settling (a 落户 of people; round 18)."""
    if any(word in text for word in _REGISTRATION_WORDS):
        return [match.span() for match in re.finditer("落户", text)]
    spans = []
    for match in re.finditer("落户", text):
        sentence = text[_sentence_start(text, match.start()) : _sentence_end(text, match.end())]
        if _PEOPLE_WORDS.search(sentence) and not _FIRM_WORDS.search(sentence):
            spans.append(match.span())
    return spans


def _sentence_start(text: str, position: int) -> int:
    return max(text.rfind(mark, 0, position) for mark in SENTENCE_MARKS) + 1


def _sentence_end(text: str, position: int) -> int:
    ends = [text.find(mark, position) for mark in SENTENCE_MARKS]
    return min((end for end in ends if end >= 0), default=len(text))


def _foreign_training(text: str) -> list[tuple[int, int]]:
    """Talent trained for another country (为坦方培养人才; round 18): aid, no talent policy."""
    if "培养" not in text:
        return []
    return [match.span() for match in _FOREIGN_TRAINING.finditer(text)]


def _safety_spans(text: str, examples: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A product's safety, and lists of fields among the `examples` (安全生产: round 18)."""
    spans = [match.span() for match in _PRODUCT_SAFETY.finditer(text)]
    for start, end in examples:
        if _FIELDS_ENDING.search(text, max(start, end - FIELDS_REACH), end + FIELDS_TAIL):
            spans.append((start, end))
    return spans


def _plan_spans(text: str) -> list[tuple[int, int]]:
    """A strategy as the goal served (为…提供保障) or a plan as where projects were set."""
    plans = [match.span() for match in _GOAL.finditer(text)] if _may_serve(text) else []
    if "确定的" in text:
        plans += [match.span() for match in _PLAN_SOURCE.finditer(text)]
    plans += plan_years(text)
    if "对接" in text and "规划" in text:
        plans += [match.span() for match in _ALIGNED_PLANS.finditer(text) if _abroad(text, match)]
    return plans


def _abroad(text: str, match: re.Match[str]) -> bool:
    """Whether the full sentence (to 。！？) of an aligned plan names another country's side."""
    start = max(text.rfind(mark, 0, match.start()) for mark in _FULL_STOPS) + 1
    ends = [end for end in (text.find(mark, match.end()) for mark in _FULL_STOPS) if end != -1]
    return bool(_OTHER_SIDE.search(text, start, min(ends, default=len(text))))


def _add_topics(text: str, labels: Iterable[str], spans: dict[str, list[tuple[int, int]]]) -> None:
    """A meeting's topic lists (…等议题, …等问题, …等重大问题建言献策: round 12) added to every
    label's spans but 开放合作's."""
    topical = "议题" in text or "话题" in text or ("问题" in text and topic_question(text))
    topics = topic_lists(text) if topical else []
    for label in labels if topics else ():  # a label's spans cost a covering test per match
        if label != OPENING_LABEL:
            spans.setdefault(label, []).extend(topics)
