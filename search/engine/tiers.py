"""Tiered matching: paragraphs with every meaningful word (full matches), then the paragraphs
missing the fewest and least informative words (partial matches), with per-document arrays.

Rules (docs/search.md): a partial match misses at most one word or keeps at least
PARTIAL_SHARE of the query's IDF weight (when those fill no first page, any paragraph with the
decisive word follows them); among partial matches those with the decisive word
(the rarest zone or place named, else the rarest word not naming a kind of park) come first,
then by score less a penalty for the IDF weight they miss. A sentence typed as one keyword
ranks full and partial matches together by score, any shared word being enough
(docs/ranking.md).
A phrase or an OR group counts as one word: matched exactly, it may be missing like any word.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from search.engine.equivalents import KIND, ZONE
from search.engine.matching import Evaluator
from search.engine.plan import Plan, Unit
from search.engine.query import Clause, group_display
from search.engine.sets import Scored, Scores, add_up, combine, contains

# A partial match keeps at least this share of the query's IDF weight (or misses one word).
PARTIAL_SHARE = 0.5
# When full and qualifying partial matches number fewer than this (a first page), paragraphs
# with the decisive word follow them however little else they share (`_stretch`).
FILL = 10
# A paragraph of fewer than SHORT_WORDS words (a tenth of xwlb's are; a bare subheading or
# headline line) scores times (words / SHORT_WORDS) ** SHORT_EXPONENT: BM25 saturates fastest
# in short paragraphs, so a line that only repeats the query's words outranked the paragraphs
# that say something about them (judged set's dev queries; docs/ranking.md).
SHORT_WORDS = 16
SHORT_EXPONENT = 0.5
# The query names an article when its title has every meaningful word and at most this many
# title words per query word.
NAMED_SHARE = 3


@dataclass
class Matched:
    """Full and partial matches (masks over docnums) with scores and what each one misses."""

    mask: np.ndarray  # full matches
    scores: np.ndarray
    partial: np.ndarray
    missing: np.ndarray  # IDF weight of the missing words (partial order; 0 for one word)
    lacks_decisive: np.ndarray  # the partial match lacks the decisive word (`_lacks_decisive`)
    stretched: np.ndarray | None = None  # partial matches admitted only to fill the page
    labels: tuple[str, ...] = ()  # each meaningful word (or phrase, or OR group) as shown
    presence: tuple[np.ndarray, ...] = ()  # sorted docnums having each unit
    named: np.ndarray | None = None  # sorted docnums whose article title has every word
    flat: bool = False  # a sentence: full and partial matches ranked together, by score

    @property
    def relaxed(self) -> bool:
        """No paragraph has every meaningful word, but some have part of them."""
        return not self.mask.any() and bool(self.partial.any())

    def missing_words(self, docnum: int) -> tuple[str, ...]:
        """The meaningful words a partial match lacks (empty for a full match)."""
        if not self.partial[docnum]:
            return ()
        probe = np.array([docnum])
        return tuple(
            label
            for label, documents in zip(self.labels, self.presence, strict=True)
            if not contains(documents, probe)[0]
        )


def empty(size: int) -> Matched:
    nothing = np.zeros(size, dtype=bool)
    return Matched(nothing, _zeros(size), nothing.copy(), _zeros(size), nothing.copy())


def _zeros(size: int) -> np.ndarray:
    """Read-only zero scores taking no memory: a fresh array of floats over every document
    costs more than a small search (its pages are faulted in); evaluate allocates what it
    writes."""
    return np.broadcast_to(np.float64(0.0), (size,))


def evaluate(evaluator: Evaluator, plan: Plan, searchable: np.ndarray) -> Matched:
    """Every full and partial match of `plan` among `searchable` docnums, minus exclusions."""
    size = len(searchable)
    result = empty(size)
    parsed = plan.parsed
    if parsed.unusable:
        return result
    allowed = searchable.copy()
    if parsed.excluded:
        allowed[evaluator.excluded(parsed.excluded)] = False
    if parsed.blank:
        result.mask = allowed
        return result
    found_all = [(group_display(group), _group(evaluator, group)) for group in plan.required]
    found_all += [(unit.word, _unit(evaluator, unit)) for unit in plan.units]
    # Each added score is scaled (scaling the whole array would touch every page of it).
    brevity = None
    if evaluator.field == "text":
        brevity = evaluator.postings.brevity("text", SHORT_WORDS, SHORT_EXPONENT)
    count, presence, weights, bonuses = _score_words(evaluator, result, found_all, brevity)
    ignored = frozenset(plan.ignored)
    if plan.keywords:
        candidates = np.flatnonzero(allowed & (count > 0))
        for keyword in plan.keywords:
            _add(result.scores, evaluator.keyword_bonus(keyword, ignored, candidates), brevity)
    # A word no paragraph has cannot be matched: it counts in no paragraph's missing weight.
    total = sum(weight for weight, found in zip(weights, presence, strict=True) if len(found))
    several = len(found_all) > 1
    matched = result.missing if several else None
    _add_field_bonuses(result.scores, bonuses, matched, total, brevity)
    if several:  # in place: total - matched weight, at least 0
        np.maximum(np.subtract(total, result.missing, out=result.missing), 0.0, out=result.missing)
    result.mask = allowed & (count == len(found_all))
    _partial(result, plan, allowed, count, presence, total)
    result.labels = tuple(label for label, _ in found_all)
    result.presence = tuple(presence)
    result.named = _named(evaluator, plan)
    return result


def _score_words(
    evaluator: Evaluator,
    result: Matched,
    found_all: list[tuple[str, tuple[Scored, Scores]]],
    brevity: np.ndarray | None,
) -> tuple[np.ndarray, list[np.ndarray], list[float], list[Scores]]:
    """Add each word's own score to `result.scores` and, with several words, its IDF weight to
    `result.missing` where present (the matched weight, for now). Returns how many words each
    paragraph has, each word's paragraphs, IDF weight and title/heading bonus."""
    size = len(result.mask)
    count = np.zeros(size, dtype=np.int32)
    weights = []
    presence = []
    # One word has no partial matches: their missing weight (a pass over every document's)
    # is only worked out for several.
    several = len(found_all) > 1
    result.scores = np.zeros(size)
    if several:
        result.missing = np.zeros(size)
    for _, (found, _bonus) in found_all:
        presence.append(found.documents)
        count[found.documents] += 1
        weights.append(_idf(evaluator, len(found.documents)))
        if several:
            result.missing[found.documents] += weights[-1]
        _add(result.scores, found.scores, brevity)
    return count, presence, weights, [bonus for _, (_found, bonus) in found_all]


def _add_field_bonuses(
    scores: np.ndarray,
    bonuses: list[Scores],
    matched: np.ndarray | None,
    total: float,
    brevity: np.ndarray | None,
) -> None:
    """Title and heading bonuses, each times the share of the query's IDF weight the paragraph
    itself carries (`matched` of `total`; a full match keeps all of it): a title vouches for
    a paragraph about the query, not for one that shares a common word with it (科技特派员如何
    帮助农村发展产业: 农村 and 产业 in a title about rural industry, no 特派员 in the paragraph)."""
    for bonus in bonuses:
        if not len(bonus.documents):
            continue
        if matched is None or total <= 0:
            _add(scores, bonus, brevity)
            continue
        share = np.minimum(matched[bonus.documents] / total, 1.0)
        _add(scores, Scores(bonus.documents, bonus.scores * share), brevity)


def _partial(
    result: Matched,
    plan: Plan,
    allowed: np.ndarray,
    count: np.ndarray,
    presence: list[np.ndarray],
    total: float,
) -> None:
    """Which paragraphs are partial matches, and the keys that order them."""
    if plan.sentence:
        # The words of a sentence were not chosen one by one: no word is decisive alone, and
        # BM25F's IDF weights rank best (measured on cmrc2018, docs/ranking.md).
        result.partial = allowed & (count > 0) & ~result.mask
        result.flat = True
    elif len(presence) > 1:
        enough = count >= len(presence) - 1
        qualified = enough | (result.missing <= (1 - PARTIAL_SHARE) * total)
        result.partial = allowed & (count > 0) & ~result.mask & qualified
        places = [""] * len(plan.required) + [unit.place for unit in plan.units]
        result.lacks_decisive = _lacks_decisive(presence, places, len(allowed))
        _stretch(result, allowed & (count > 0))


def _stretch(result: Matched, candidates: np.ndarray) -> None:
    """Never drop the decisive word while a paragraph with it exists: when full and partial
    matches do not fill a first page, every paragraph with the decisive word is a partial
    match too, ranked after the others (首台套 重大技术装备: 首台 in paragraphs that share too
    little of the query's other IDF weight)."""
    found = np.count_nonzero(result.mask) + np.count_nonzero(result.partial)
    if found >= FILL:
        return
    stretched = candidates & ~result.mask & ~result.partial & ~result.lacks_decisive
    if stretched.any():
        result.partial = result.partial | stretched
        result.stretched = stretched


def _group(evaluator: Evaluator, group: tuple[Clause, ...]) -> tuple[Scored, Scores]:
    """A phrase or an OR group: its matches and scores, and its title/heading bonus."""
    found = combine([evaluator.clause(clause) for clause in group])
    bonuses = [
        evaluator.field_bonus(evaluator.equivalents.forms(clause.text), found.documents)
        for clause in group
        if not clause.phrase
    ]
    return found, add_up(bonuses)


def _unit(evaluator: Evaluator, unit: Unit) -> tuple[Scored, Scores]:
    found = evaluator.unit(unit)
    return found, evaluator.field_bonus(unit.forms, found.documents)


def _add(scores: np.ndarray, found: Scores, brevity: np.ndarray | None = None) -> None:
    """Add `found` to `scores`, times each paragraph's short-paragraph factor when given."""
    values = found.scores if brevity is None else found.scores * brevity[found.documents]
    scores[found.documents] += values  # documents are unique in a Scores


def _idf(evaluator: Evaluator, frequency: int) -> float:
    """Whoosh's idf."""
    return math.log(evaluator.postings.size / (frequency + 1)) + 1


def _lacks_decisive(presence: list[np.ndarray], places: list[str], size: int) -> np.ndarray:
    """Partial matches without the decisive word: the rarest zone or place the query names (a
    park, a class of zone such as 经开区, a city, a province: a paragraph about another place
    answers another question);
    else the rarest word that does not name a kind of park (产业园, 园区: rare as spelled, not
    as meant, since parks are called 园区, 产业园区, 基地 …); else the rarest word. Only words
    some paragraph has count."""
    found = [pair for pair in zip(presence, places, strict=True) if len(pair[0])]
    zones = [documents for documents, place in found if place == ZONE]
    topical = [documents for documents, place in found if place != KIND]
    candidates = zones or topical or [documents for documents, _ in found]
    lacks = np.zeros(size, dtype=bool)
    if candidates:
        lacks[:] = True
        lacks[min(candidates, key=len)] = False
    return lacks


def _named(evaluator: Evaluator, plan: Plan) -> np.ndarray | None:
    """Paragraphs of articles whose title has every meaningful word (the query names them)."""
    if not plan.units or evaluator.field != "text":
        return None
    named = None
    for unit in plan.units:
        documents = evaluator.title_documents(unit.forms)
        named = documents if named is None else named[contains(documents, named)]
    # A title that has the words among many others is about more than the query: 稀土 产业
    # does not name 专家：深化改革 推进稀土产业高质量发展.
    title_words = evaluator.postings.lengths("title")[named]
    return named[title_words <= NAMED_SHARE * len(plan.units)]
