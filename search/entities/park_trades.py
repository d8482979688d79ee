"""Parks named by their trade with no place written before it (round 17, issue 13).

News names a park by its trade once the place is said (在吉林松原的新能源装备产业园, 遂宁市建成了
西部国际技术合作产业园, 在碳纤维产业园召开): the trade words before 产业园 / 科技园 / 创新园 /
工业园 are the park's name when they hold an industry's word (`industries.yaml`: 碳纤维, 新能源,
智能制造) and stand where a particular park stands: after 在, 到, 考察, 成立, 建成, 引进, a list's
、, a place's 的 or at a clause's start (the words: park_words.yaml, `trade_parks`). The park's
value takes the nearest city or county its sentence names before it (松原新能源装备产业园, as the
judges write it); with none, the name as written is a mention that gives no value (which park is
not said). A trade the sentence plans (建设新能源产业园), counts (一大批人工智能产业园,
超过690个) or wishes for (支持…建立) names no park, nor does a list's item a clause plans
(建设集成电路、新能源汽车产业园); a bare reference (园区, 开发区) is no trade's word (review 21).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from search.entities.park_name_words import BOUNDARY_FLAGS
from search.entities.place_words import MUNICIPALITIES, PlaceWords
from search.entities.taxonomy import Taxonomy

MIN_TRADE_CHARACTERS, MAX_TRADE_CHARACTERS = 3, 10
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_CLAUSE_START = re.compile(r"[，,。！？；;：:\n]")
_NAME_CHARACTER = re.compile(r"[\u4e00-\u9fff]")
# The trade's own words may be verbs (创新, 制造, 应用, 创意); these word classes never are.
_CUT_FLAGS = ("p", "u", "c", "r", "d", "m", "q", "x", "t", "f")
# A count after the park (跨境电商产业园超过690个): a kind of park, counted.
_COUNTED = re.compile(r"(超过|超|达|近|约|共|有)?[0-9０-９一二三四五六七八九十百千几多]+(个|家|座)")
_CONJUNCTIONS = re.compile("[和与及或]")


class TradePark(NamedTuple):
    """A trade park's mention; `placed`: its value names the park's place (松原新能源装备产业园),
    else the name is as written and says no place (碳纤维产业园): a mention, no value."""

    start: int
    end: int
    name: str
    placed: bool


class TradeParks:
    """Parks named by their trade: after a place glued on, the sentence's place or none.

    A taxonomy without park_words.yaml's `trade_parks` reads none (no suffix is a trade's)."""

    def __init__(
        self,
        places: PlaceWords,
        words: Callable[[str], Iterable[tuple[str, str]]],
        industry_words: Iterable[str],
        never_in_name: frozenset[str],
        vocabulary: dict[str, frozenset[str]],
    ) -> None:
        self._places = places
        self._words = words
        self._industry_words = tuple(sorted(set(industry_words), key=len, reverse=True))
        listed = vocabulary.get
        self._suffixes = listed("suffixes", frozenset())
        self._particular = listed("particular_before", frozenset())
        self._verbs = listed("context_verbs", frozenset())
        self._plans = listed("plans", frozenset())
        never = never_in_name | listed("kinds", frozenset())
        self._never = never - listed("trade_words", frozenset())
        kind_clauses = sorted(listed("kind_clauses", ("一批",)), key=len, reverse=True)
        self._kind_clause = re.compile("|".join(map(re.escape, kind_clauses)))

    @classmethod
    def of(
        cls,
        taxonomy: Taxonomy,
        places: PlaceWords,
        words: Callable[[str], Iterable[tuple[str, str]]],
    ) -> TradeParks:
        """Trade words from `industries.yaml`; never generic or stop words of park names."""
        trades = (word for c in taxonomy.industries for word in (*c.triggers, *c.weak))
        # A bare reference (园区, 开发区, 经开区) is no trade's word: 园区新能源产业园 is malformed.
        never = taxonomy.generic_modifiers | taxonomy.park_stop_tokens
        never |= frozenset(taxonomy.bare_references)
        return cls(places, words, trades, never, dict(taxonomy.trade_park_words))

    def mention(
        self, text: str, start: int, suffix: str, organizations: Iterable[tuple[int, int, str]]
    ) -> TradePark | None:
        """The trade park whose suffix starts at `start`, or None."""
        if suffix not in self._suffixes:
            return None
        run = start
        while (
            run > 0
            and start - run < 2 * MAX_TRADE_CHARACTERS
            and _NAME_CHARACTER.match(text[run - 1])
        ):
            run -= 1
        words = list(self._words(text[run:start]))
        cut = self._trade_start(words)
        trade = [word for word, _ in words[cut:]]
        place = self._places_before(words[:cut])
        if not place and not self._stands_alone(words[:cut], text[:run]):
            return None
        if place and not _glued_place_stands(words[: cut - len(place)]):
            return None  # 中国电信雄安互联网产业园: a company's park
        written = "".join(trade)
        if not self._names_trade(trade) or self._counted(text, run, start + len(suffix)):
            return None
        span_start = start - len(written) - len("".join(place))
        place = self._places.without_province(place)
        if not place or self._places.is_province(place[-1]):
            place = self._sentence_place(text, span_start, organizations)
        stem = self._places.strip_ending(place[-1]) if place else ""
        return TradePark(span_start, start + len(suffix), stem + written + suffix, bool(stem))

    def _is_place(self, word: str) -> bool:
        return self._places.is_place(word) and word not in self._never

    def _trade_start(self, words: list[tuple[str, str]]) -> int:
        """Where the trade's words start: after the last place, function word or plan."""
        cut = len(words)
        while cut > 0:
            word, flag = words[cut - 1]
            if flag.startswith(_CUT_FLAGS) and not (flag == "x" and _NAME_CHARACTER.match(word)):
                break  # jieba leaves rare characters (石墨烯's 烯) untagged: x
            if word in self._particular or word in self._plans or word in self._verbs:
                break
            if self._is_place(word) or word in self._never:
                break
            cut -= 1
        return cut

    def _places_before(self, before: list[tuple[str, str]]) -> list[str]:
        """The places written right before the trade (吉林松原, 无锡), at most two."""
        place: list[str] = []
        for word, _ in reversed(before[-2:]):
            if not self._is_place(word):
                break
            place.insert(0, word)
        return place

    def _stands_alone(self, before: list[tuple[str, str]], outside: str) -> bool:
        """The trade follows a word that names a particular park, or starts a clause."""
        if not before:
            if not outside or _CLAUSE_START.match(outside[-1]) or outside[-1] in "《“":
                return True
            # A list's next item (来到…产业基地、大数据产业园), unless its clause plans the list
            # (合肥将建设集成电路、新能源汽车产业园: parks that may never be).
            return outside[-1] == "、" and not self._planned(outside)
        word = before[-1][0]
        if word == "的":
            previous = before[-2][0] if len(before) > 1 else ""
            return self._is_place(previous) or previous in ("新建", "建成")
        return word in self._particular or word in self._verbs

    def _planned(self, before: str) -> bool:
        """Whether the clause that `before` ends names a plan (建设, 打造, 规划, 发展 …)."""
        starts = list(_CLAUSE_START.finditer(before))
        clause = before[starts[-1].end() if starts else 0 :]
        return any(plan in clause for plan in self._plans)

    def _names_trade(self, trade: list[str]) -> bool:
        """Industry words, no generic word, no conjunction outside them (高校和文创产业园)."""
        written = "".join(trade)
        if not MIN_TRADE_CHARACTERS <= len(written) <= MAX_TRADE_CHARACTERS:
            return False
        if any(word in self._never for word in trade):
            return False
        rest = written
        for industry in self._industry_words:
            rest = rest.replace(industry, "|")
        return rest != written and not _CONJUNCTIONS.search(rest)

    def _counted(self, text: str, start: int, end: int) -> bool:
        """The clause counts or wishes for parks of the trade (a kind, not a park)."""
        starts = list(_CLAUSE_START.finditer(text, 0, start))
        clause = text[starts[-1].end() if starts else 0 : start]
        return bool(self._kind_clause.search(clause) or _COUNTED.match(text, end))

    def _sentence_place(
        self, text: str, end: int, organizations: Iterable[tuple[int, int, str]]
    ) -> list[str]:
        """The nearest city or county the sentence names before the park, not inside an
        organisation's name (中车大同电力机车有限公司) and not a province."""
        ends = list(_SENTENCE_END.finditer(text, 0, end))
        position = ends[-1].end() if ends else 0
        inside = [(start, stop) for start, stop, _ in organizations]
        places = []
        for word, _ in self._words(text[position:end]):
            outside = not any(start <= position < stop for start, stop in inside)
            if outside and self._is_place(word):
                alone = self._places.strip_ending(word)
                if not self._places.is_province(word) or alone in MUNICIPALITIES:
                    places.append(word)
            position += len(word)
        return places[-1:]


def _glued_place_stands(before: list[tuple[str, str]]) -> bool:
    """A place glued to the trade starts the name unless a noun (a company) comes first."""
    return not before or before[-1][1][:1] in BOUNDARY_FLAGS
