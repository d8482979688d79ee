"""Context for policy-type triggers (rounds 8-14): where a trigger decides nothing (a goal served,
an opportunity, a road as a place, propaganda's 宣讲, a meeting's topics, a pipeline accident, 落户
of household registration, the economy's credit, foreign economies' own trade, round 12's
`policy_senses`, round 14's transport in use …), and a cooperation park abroad that makes a
paragraph 开放合作 news."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from search.entities.context import Span, topic_lists
from search.entities.organizations import RARE_WORD
from search.entities.place_words import MUNICIPALITIES
from search.entities.policy_points import (
    INFRASTRUCTURE_LABEL,
    names_small_firms,
    names_transport,
    transport_in_use,
)
from search.entities.policy_senses import OPENING_LABEL, figurative_roads, topic_question
from search.entities.reported import PLAN_LABEL, Found
from search.entities.taxonomy import Category, Taxonomy

HOUSING_LABEL = "住房保障"
INVESTMENT_LABEL = "招商引资"
TECH_FINANCE_LABEL = "科技金融"
# A meeting's topic list with 经贸合作 in it is still the cooperation a talk takes up: its spans
# leave 开放合作 (OPENING_LABEL, in policy_senses with round 12's other labels).
# An article's subject parks and the evidence that made them its subject.
Subjects = tuple[tuple[str, ...], tuple[str, ...]]
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
# A plan named as where projects were set (“十四五”规划纲要确定的重大工程项目): the news is the
# projects' progress, not the plan.
_PLAN_SOURCE = re.compile(
    r"(?:“?十[一二三四五六]五”?)?(?:规划纲要|规划|纲要|方案)确定的[^，。；！？]{0,8}(?:项目|工程|任务)"
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
# 落户 in the sense of household registration (积分落户, 落户限制, 户籍制度改革): people settle,
# no project lands; the judging rules name it as a word in another sense.
_REGISTRATION_WORDS = ("户籍", "户口", "积分落户", "居住证", "落户限制", "落户条件", "进城落户")
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
# A paragraph on monetary policy (利率, 降息, 货币政策会议): its 融资, 贷款 and 信贷 are the
# economy's credit, not finance for small or technology firms, unless it names such firms.
_MONETARY_WORDS = ("货币政策", "利率", "降息", "降准")
_SMALL_FIRM_WORDS = ("小微", "中小", "民营", "科技", "创业", "创新", "实体经济")
_CREDIT = re.compile("融资|贷款|信贷")
# Trade of foreign economies among themselves (美国对进口钢铝加征关税, 日本解禁战斗机出口): a
# paragraph naming a foreign economy and nothing of China reports no opening-up of China's
# (round 10). China is named by these words (华 of 对华, 在华; not of 华盛顿, 华尔街, 华府; nor a
# country's own 国内 or 全国: 美国国内, 日本国内, 法国内政部, 美国全国零售商联合会), a place
# (`china_names`: 宁波 of a firm's 对美出口), or a pair either way round (中美, 中欧 as 美中, 俄中
# in a foreign speaker's mouth): 中 alone is in 其中, 中央, and 其中美国, 中东, 中亚, 3日中午 or
# 中小企业 pair nothing with China.
_TRADE = re.compile("进出口|进口|出口|关税|贸易|外贸")
_FOREIGN_ECONOMIES = re.compile(
    "美国|美方|日本|日方|德国|英国|法国|意大利|欧盟|欧方|欧洲|韩国|俄罗斯|印度|加拿大|澳大利亚|巴西|墨西哥"
)
_CHINA = re.compile(
    "中国|中方|中华|中外|我国|(?<![国本美英法德韩俄])国内|(?<!国)全国|台湾|华(?!盛顿|尔街|府)"
    r"|(?<![其当])中[美欧日德英法韩俄印意澳加巴墨非]|(?<!\d)[美欧日德英法韩俄印意澳加巴墨非]中(?![午旬小])"
)
# Beside the municipalities, the special administrative regions name China too.
_SPECIAL_REGIONS = ("香港", "澳门")
# Words that hold a city's name and name no place of China's (马里兰州, 入海口, 北海道, 美国德州).
_NOT_CHINA = re.compile("马里兰州|入海口|出海口|北海道|黑海西|大同比|大同小异|美国德州")
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


def _may_serve(text: str) -> bool:
    """Whether `text` holds the words every goal served holds: 为 is in most paragraphs (作为,
    为了) and `_GOAL` reads up to 30 characters after each, but 提供, 贡献 or 注入 are rare."""
    return "为" in text and ("贡献" in text or "提供" in text or "注入" in text)


def _monetary(text: str) -> bool:
    """Whether `text`'s credit is the economy's: it names no small or technology firm (round
    14), or it is on monetary policy and names none of round 9c's firms (实体经济 among them).
    Two cheap `in` tests first, since few paragraphs speak of credit at all."""
    if "贷" not in text and "融资" not in text:
        return False
    if not names_small_firms(text):
        return True
    if not any(word in text for word in _MONETARY_WORDS):
        return False
    return not any(word in text for word in _SMALL_FIRM_WORDS)


def china_places(provinces: Iterable[str]) -> frozenset[str]:
    """China's provinces (`Taxonomy.provinces`) with the municipalities and special regions."""
    return frozenset(provinces) | MUNICIPALITIES | frozenset(_SPECIAL_REGIONS)


def china_names(taxonomy: Taxonomy) -> frozenset[str]:
    """Places that name China: `china_places` and the cities of China's parks (宁波, 厦门 …)."""
    china = china_places(taxonomy.provinces)
    return china | {park.city for park in taxonomy.parks if park.province in china and park.city}


class ChinaNames:
    """China's places (`china_names`) where a paragraph names them: not where the character
    before one makes a word with its first that jieba's dictionary knows as no rare one
    (`frequency`: the segmenter's), so that the place starts inside another word (外长|沙伦贝格
    names no 长沙, 联大|连续 no 大连, 重大|理论 no 大理). jieba alone reads 外|长沙|伦贝格."""

    def __init__(self, names: Iterable[str], frequency: Callable[[str], int]) -> None:
        self._names = frozenset(names)
        self._frequency = frequency

    def named_in(self, text: str) -> bool:
        """Whether `text` names one of the places; the word test only where `in` finds one."""
        for place in self._names:
            start = text.find(place)
            while start != -1:
                if start == 0 or self._frequency(text[start - 1] + place[0]) < RARE_WORD:
                    return True
                start = text.find(place, start + 1)
        return False


def _foreign_trade(text: str, china: ChinaNames | None, written: str) -> bool:
    """Whether `text` speaks of trade and names a foreign economy, and `written` (the paragraph
    with its names: 苏州工业园区 names China) nothing of China (`china`: its places): cheap `in`
    tests first, since few paragraphs speak of trade at all."""
    if not ("口" in text or "贸" in text or "关税" in text):  # 进口, 出口; 贸易, 外贸
        return False
    if not _FOREIGN_ECONOMIES.search(text) or _CHINA.search(written):
        return False
    return china is None or not china.named_in(_NOT_CHINA.sub(" ", written))


def label_passing(
    text: str,
    examples: list[tuple[int, int]],
    labels: Iterable[str],
    china: ChinaNames | None = None,
    written: str | None = None,
) -> dict[str, list[tuple[int, int]]]:
    """Spans where one label's triggers decide nothing: a strategy as the goal served or a plan
    as where projects were set (发展规划), a housing programme listed among other examples
    (住房保障; `examples` are the lists of three or more that are not the sentence's subject:
    向铁路、棚改、水利…倾斜), a meeting's topics (every label of `labels` but 开放合作), every
    落户 of a paragraph on household registration (招商引资), the credit of a paragraph naming no
    small or technology firm or on monetary policy (科技金融), a road, railway, bridge or pipe
    in use with no word of building (基础设施建设; round 14), the trade of a paragraph on
    foreign economies only (开放合作;
    `china`: China's places, `china_names`; `written`: `text` as the paragraph writes it, when
    `text` has names blanked)."""
    plans = [match.span() for match in _GOAL.finditer(text)] if _may_serve(text) else []
    if "确定的" in text:
        plans += [match.span() for match in _PLAN_SOURCE.finditer(text)]
    spans = {PLAN_LABEL: plans, HOUSING_LABEL: list(examples)}
    if "落户" in text and any(word in text for word in _REGISTRATION_WORDS):
        spans[INVESTMENT_LABEL] = [match.span() for match in re.finditer("落户", text)]
    if _monetary(written or text):  # a firm's blanked name counts (大疆创新科技有限公司)
        spans[TECH_FINANCE_LABEL] = [match.span() for match in _CREDIT.finditer(text)]
    if _foreign_trade(text, china, written or text):
        spans[OPENING_LABEL] = [match.span() for match in _TRADE.finditer(text)]
    if names_transport(text):  # in use, with no word of building (round 14)
        spans[INFRASTRUCTURE_LABEL] = transport_in_use(text, written or text)
    # A topic list's last words (…等议题, …等问题, …等重大问题建言献策: round 12).
    topical = "议题" in text or "话题" in text or ("问题" in text and topic_question(text))
    topics = topic_lists(text) if topical else []
    for label in labels if topics else ():  # a label's spans cost a covering test per match
        if label != OPENING_LABEL:
            spans.setdefault(label, []).extend(topics)
    return spans


class OpeningAbroad:
    """开放合作 for a paragraph naming a cooperation park China builds abroad, or of an article
    about one (习近平考察中国-白俄罗斯工业园): what the park is says the news is cooperation. The
    gazetteer files such a park under its country, none of China's provinces."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        china = china_places(taxonomy.provinces)
        abroad = [park for park in taxonomy.parks if park.province not in china]
        self._parks = frozenset(park.name for park in abroad)
        # Each spelling of a park abroad, to pick its own phrase from a subject's evidence.
        self._spelling_of = {
            spelling: park.name for park in abroad for spelling in (park.name, *park.aliases)
        }
        self._opening = next(c for c in taxonomy.policy_types if c.label == OPENING_LABEL)

    def opening(
        self, text: str, mentions: list[Span], subjects: Subjects, found: Found
    ) -> tuple[Category, list[str]] | None:
        """开放合作 with its evidence where a mention or a subject park (`subjects`: the names and
        the evidence that made them the subject) is a park abroad and `found` lacks it; else None.
        """
        names, evidence = subjects
        if not mentions and not names:  # most paragraphs name no park at all
            return None
        named = [text[start:end] for start, end, name in mentions if name in self._parks]
        named += [self._evidence_of(name, evidence) for name in names if name in self._parks]
        if not named or any(category.label == OPENING_LABEL for category, _ in found):
            return None
        return self._opening, named[:1]

    def _evidence_of(self, name: str, evidence: tuple[str, ...]) -> str:
        """The subject's evidence phrase that names the park abroad `name`: the first phrase
        may name another subject park (苏州工业园区与中白工业园签约), which says nothing abroad."""
        own = [phrase for phrase in evidence if self._spelling_of.get(phrase) == name]
        return (own or evidence or (name,))[0]
