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
from typing import Any

import numpy as np

from search.engine import sets
from search.engine.equivalents import KIND, ZONE
from search.engine.matched import Matched
from search.engine.matching import Evaluator
from search.engine.plan import Plan, Unit
from search.engine.query import Clause, group_display
from search.engine.sets import Scored, Scores, add_up, combine, contains, merge

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
# With several words (not a sentence), a word's title/heading bonus is times (its IDF weight /
# the rarest present word's) ** TITLE_RARITY: a headline naming only the query's common word
# (产业, 建设) vouches less for its paragraphs than one naming the rare word (judged set's dev
# queries: 0.75 to 1 on a plateau; docs/ranking.md, tenth round).
TITLE_RARITY = 0.75


def evaluate(evaluator: Evaluator, plan: Plan, searchable: np.ndarray) -> Matched:
    """Every full and partial match of `plan` among `searchable` docnums, minus exclusions."""
    parsed = plan.parsed
    if parsed.unusable:
        return Matched(allowed=np.zeros(len(searchable), dtype=bool))
    excluded = evaluator.excluded(parsed.excluded) if parsed.excluded else None
    if parsed.blank:
        allowed = searchable.copy()
        if excluded is not None:
            allowed[excluded] = False
        return Matched(allowed=allowed)
    found_all = [(group_display(group), _group(evaluator, group)) for group in plan.required]
    found_all += [(unit.word, _unit(evaluator, unit)) for unit in plan.units]
    # Each added score is scaled (scaling the whole array would touch every page of it).
    brevity = None
    if evaluator.field == "text":
        brevity = evaluator.postings.brevity("text", SHORT_WORDS, SHORT_EXPONENT)
    words = _score_words(evaluator, found_all, brevity)
    result = words.matched
    allowed = searchable[result.candidates]
    if excluded is not None:
        allowed &= ~contains(excluded, result.candidates)
    allowed &= words.count > 0  # a candidate by a score alone matches no word
    ignored = frozenset(plan.ignored)
    within = np.flatnonzero(allowed) if plan.keywords else None
    for keyword in plan.keywords:
        documents = result.candidates[within]
        found = evaluator.keyword_bonus(keyword, ignored, documents)
        _add(result.scores, within[sets.positions(documents, found.documents)], found, brevity)
    # A word no paragraph has cannot be matched: it counts in no paragraph's missing weight.
    presence = [found.documents for _, (found, _) in found_all]
    total = sum(weight for weight, found in zip(words.weights, presence, strict=True) if len(found))
    bonuses = words.bonuses if plan.sentence else _by_rarity(words, presence)
    _add_field_bonuses(result, bonuses, total, brevity)
    if result.missing is not None:  # in place: total - matched weight, at least 0
        np.maximum(np.subtract(total, result.missing, out=result.missing), 0.0, out=result.missing)
    result.full = allowed & (words.count == len(found_all))
    result.partial = np.zeros(len(allowed), dtype=bool)
    _partial(result, plan, allowed, words, total)
    result.labels = tuple(label for label, _ in found_all)
    result.presence = tuple(presence)
    result.named = _named(evaluator, plan)
    return result


@dataclass
class _Words:
    """What `_score_words` found: the matches so far, how many words each candidate has,
    each word's positions among the candidates, IDF weight and title/heading bonus."""

    matched: Matched
    count: np.ndarray
    where: list[np.ndarray]
    weights: list[float]
    bonuses: list[tuple[Scores, np.ndarray]]


def _score_words(
    evaluator: Evaluator,
    found_all: list[tuple[str, tuple[Scored, Scores]]],
    brevity: np.ndarray | None,
) -> _Words:
    """The candidates, each word's own score added and, with several words, its IDF weight
    added where present (`missing` holds the matched weight, for now)."""
    parts = []
    for _, (found, bonus) in found_all:
        parts += [found.documents, found.scores.documents, bonus.documents]
    candidates, where = merge(parts)
    result = Matched(candidates, scores=np.zeros(len(candidates)))
    # One word has no partial matches: no missing weight.
    if len(found_all) > 1:
        result.missing = np.zeros(len(candidates))
    count = np.zeros(len(candidates), dtype=np.int32)
    weights = []
    for number, (_, (found, _bonus)) in enumerate(found_all):
        present = where[3 * number]
        count[present] += 1
        weights.append(_idf(evaluator, len(found.documents)))
        if result.missing is not None:
            result.missing[present] += weights[-1]
        _add(result.scores, where[3 * number + 1], found.scores, brevity)
    bonuses = [(bonus, where[3 * n + 2]) for n, (_, (_found, bonus)) in enumerate(found_all)]
    presence = [where[3 * number] for number in range(len(found_all))]
    return _Words(result, count, presence, weights, bonuses)


def _add_field_bonuses(
    result: Matched, bonuses: list[tuple[Scores, np.ndarray]], total: float, brevity: Any
) -> None:
    """Title and heading bonuses, each times the share of the query's IDF weight the paragraph
    itself carries (the matched weight in `result.missing`, of `total`; a full match keeps all
    of it): a title vouches for a paragraph about the query, not for one that shares a common
    word with it (科技特派员如何帮助农村发展产业: 农村 and 产业 in a title about rural
    industry, no 特派员 in the paragraph)."""
    for bonus, where in bonuses:
        if not len(bonus.documents):
            continue
        if result.missing is None or total <= 0:
            _add(result.scores, where, bonus, brevity)
            continue
        share = np.minimum(result.missing[where] / total, 1.0)
        _add(result.scores, where, Scores(bonus.documents, bonus.scores * share), brevity)


def _by_rarity(words: _Words, presence: list[np.ndarray]) -> list[tuple[Scores, np.ndarray]]:
    """Each word's title/heading bonus times (its IDF weight / the rarest present word's) **
    TITLE_RARITY (words no paragraph has do not count as the rarest)."""
    present = [weight for weight, found in zip(words.weights, presence, strict=True) if len(found)]
    if len(present) < 2:
        return words.bonuses
    rarest = max(present)
    return [
        (bonus.times(min(weight / rarest, 1.0) ** TITLE_RARITY), where)
        for (bonus, where), weight in zip(words.bonuses, words.weights, strict=True)
    ]


def _partial(result: Matched, plan: Plan, allowed: np.ndarray, words: _Words, total: float) -> None:
    """Which candidates are partial matches, and the keys that order them (`allowed`: the
    candidates with a word that are not filtered out)."""
    if plan.sentence:
        # The words of a sentence were not chosen one by one: no word is decisive alone, and
        # BM25F's IDF weights rank best (measured on cmrc2018, docs/ranking.md).
        result.partial = allowed & ~result.full
        result.flat = True
    elif len(words.where) > 1:
        enough = words.count >= len(words.where) - 1
        qualified = enough | (result.missing <= (1 - PARTIAL_SHARE) * total)
        result.partial = allowed & ~result.full & qualified
        places = [""] * len(plan.required) + [unit.place for unit in plan.units]
        result.lacks_decisive = _lacks_decisive(words, places)
        _stretch(result, allowed)


def _stretch(result: Matched, candidates: np.ndarray) -> None:
    """Never drop the decisive word while a paragraph with it exists: when full and partial
    matches do not fill a first page, every paragraph with the decisive word is a partial
    match too, ranked after the others (首台 in paragraphs that share too
    little of the query's other IDF weight)."""
    found = np.count_nonzero(result.full) + np.count_nonzero(result.partial)
    if found >= FILL:
        return
    stretched = candidates & ~result.full & ~result.partial & ~result.lacks_decisive
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


def _add(
    scores: np.ndarray, where: np.ndarray, found: Scores, brevity: np.ndarray | None = None
) -> None:
    """Add `found` to the candidates' `scores` (`where`: its documents' positions among the
    candidates), times each paragraph's short-paragraph factor when given."""
    values = found.scores if brevity is None else found.scores * brevity[found.documents]
    scores[where] += values  # documents are unique in a Scores


def _idf(evaluator: Evaluator, frequency: int) -> float:
    """Whoosh's idf (an emptied index counts as one document: no word is in it)."""
    return math.log((evaluator.postings.size or 1) / (frequency + 1)) + 1


def _lacks_decisive(words: _Words, places: list[str]) -> np.ndarray:
    """Partial matches without the decisive word: the rarest zone or place the query names (a
    park, a class of zone such as 经开区, a city, a province: a paragraph about another place
    answers another question);
    else the rarest word that does not name a kind of park (产业园, 园区: rare as spelled, not
    as meant, since parks are called 园区, 产业园区, 基地 …); else the rarest word. Only words
    some paragraph has count."""
    found = [pair for pair in zip(words.where, places, strict=True) if len(pair[0])]
    zones = [where for where, place in found if place == ZONE]
    topical = [where for where, place in found if place != KIND]
    choices = zones or topical or [where for where, _ in found]
    lacks = np.zeros(len(words.count), dtype=bool)
    if choices:
        lacks[:] = True
        lacks[min(choices, key=len)] = False
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
