"""Ordering: full matches, then partial matches; reprints collapsed; at most two paragraphs of one
article in the top 10 (unless the query names it); grouping by article.

Facets need the whole result set, so matching scores every hit (NumPy, `search.engine.tiers`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from search.engine import facets, reprints
from search.engine.generation import Generation
from search.engine.matched import Matched
from search.engine.selection import Tier
from search.engine.sets import contains

# The first TOP results show at most PER_ARTICLE paragraphs of one article.
TOP = 10
PER_ARTICLE = 2
# Candidates ranked beyond the page, so that collapsing and the per-article cap can fill it.
EXTRA = 50
# Partial matches rank by score minus this much per unit of IDF weight they miss (tuned on the
# judged set's dev queries: 0-2 change nothing, 4 best, 12 worse; docs/ranking.md).
MISSING_PENALTY = 4.0


@dataclass
class Ordered:
    """Docnums in result order (at least up to the requested limit) and what the page shows."""

    documents: Any
    total: int
    partial_total: int
    counts: Any = None  # matches per article number (grouped)
    duplicates: dict[int, int] = field(default_factory=dict)  # docnum -> near-identical others
    more: dict[int, int] = field(default_factory=dict)  # docnum -> its article's other matches
    full_documents: Any = None  # the sorted docnums of `full`, when worked out (for facets)


def result_order(
    generation: Generation,
    matched: Matched,
    full: Tier,
    partial: Tier,
    sort: str,
    group: str | None,
    limit: int,
    diversify: bool = True,
) -> Ordered:
    """Full matches then partial ones, in `sort` order, one per article when grouped;
    `diversify` collapses reprints and caps paragraphs per article (relevance only)."""
    table = generation.table
    if group == "article":
        return _grouped_order(table, matched, full, partial, sort)
    if not diversify:
        documents = _tiers(table, matched, full, partial, sort, limit)
        return Ordered(documents, len(full), len(partial))
    duplicates = generation.duplicates
    wanted = limit + EXTRA
    available = len(full) + len(partial)
    while True:
        candidates = _tiers(table, matched, full, partial, sort, wanted)
        documents = reprints.collapse(candidates, duplicates)
        if len(documents) >= limit + TOP or len(candidates) >= available:
            break
        wanted *= 4
    reprinted = generation.reprinted
    total, partial_total = reprints.collapsed_totals(
        full.documents, partial.documents, duplicates, reprinted
    )
    ordered = Ordered(documents, total, partial_total, full_documents=full.documents)
    matches = full.mask | partial.mask if len(partial) else full.mask
    ordered.duplicates = reprints.others(documents[:limit], matches, duplicates, reprinted)
    if sort == "relevance":
        ordered.documents, ordered.more = _cap(table, documents, matches, matched.named)
    return ordered


def _tiers(table, matched: Matched, full: Tier, partial: Tier, sort: str, limit: int) -> Any:
    """The first `limit` of the full matches, then of the partial ones."""
    if matched.flat:
        return ranked(table, *_both(matched, full, partial), matched, sort, limit)
    first = ranked(table, full.documents, full.positions, matched, sort, limit)
    if len(first) >= limit or not len(partial):
        return first
    rest = ranked(
        table, partial.documents, partial.positions, matched, sort, limit - len(first), True
    )
    return np.concatenate([first, rest])


def _both(matched: Matched, full: Tier, partial: Tier) -> tuple[Any, Any]:
    """The full and partial matches together: sorted docnums and their candidate positions."""
    if full.positions is None:  # a blank query has no partial matches
        return full.documents, None
    positions = np.sort(np.concatenate([full.positions, partial.positions]))
    return matched.candidates[positions], positions


def ranked(
    table: facets.FacetTable,
    documents: Any,
    positions: Any,
    matched: Matched,
    sort: str,
    limit: int | None = None,
    partial: bool = False,
) -> Any:
    """`documents` (sorted docnums, at `positions` among the candidates) best first, or in
    article/date order; only the first `limit` if given."""
    fixed = _fixed_order(table, sort)
    count = len(documents)
    if partial and fixed is None:
        # Partial matches: with the decisive word first, then by score less a penalty for the IDF
        # weight they miss (a strict "least missing first" put paragraphs that share only the
        # frame words of 东北 装备制造业 数字化转型 above those about the subject).
        penalty = MISSING_PENALTY * matched.at("missing", positions, count)
        keys = (table.order[documents], penalty - matched.at("scores", positions, count))
        keys = (*keys, matched.at("lacks_decisive", positions, count))
        if matched.stretched is not None:  # admitted only to fill the page: after the others
            keys = (*keys, matched.stretched[positions])
        order = np.lexsort(keys)
        return documents[order[:limit]]
    scores = None if fixed is not None else -matched.at("scores", positions, count)
    if limit is not None and limit < len(documents):
        # The page's neighbourhood only: everything ranking at or before the limit-th (ties
        # included, so the cut is the same as sorting all), then sort that.
        key = fixed[documents] if fixed is not None else scores
        keep = key <= np.partition(key, limit - 1)[limit - 1]
        documents = documents[keep]
        scores = None if scores is None else scores[keep]
    if fixed is not None:
        order = np.argsort(fixed[documents], kind="stable")
    else:  # score descending, ties in article order
        order = np.lexsort((table.order[documents], scores))
    return documents[order[:limit]]


def _fixed_order(table: facets.FacetTable, sort: str) -> Any:
    """The per-document sort key of a sort that does not depend on the query (None: by score)."""
    return {"article": table.order, "date": table.newest, "indexed": table.freshest}.get(sort)


def _cap(table, documents: Any, matches: Any, named: Any) -> tuple[Any, dict[int, int]]:
    """At most PER_ARTICLE paragraphs of one article in the first TOP (articles whose title
    has every query word excepted); the rest follow, in order. Also each capped article's
    last shown paragraph -> how many more of its paragraphs match."""
    articles = table.article_of[documents[: TOP * 10]].tolist()
    exempt = contains(named, documents[: TOP * 10]) if named is not None else None
    shown: dict[int, int] = {}
    top: list[int] = []
    demoted: list[int] = []
    for position, article in enumerate(articles):
        if len(top) == TOP:
            break
        if shown.get(article, 0) < PER_ARTICLE or (exempt is not None and exempt[position]):
            shown[article] = shown.get(article, 0) + 1
            top.append(position)
        else:
            demoted.append(position)
    walked = (top[-1] + 1) if top else 0
    walked = max(walked, (demoted[-1] + 1) if demoted else 0)
    order = np.array(top + demoted, dtype=np.int64)
    result = np.concatenate([documents[order], documents[walked:]])
    capped = [article for article, number in shown.items() if number >= PER_ARTICLE]
    counts = _matches_per_article(table, matches, capped)
    more = {}
    for position in reversed(top):
        article = articles[position]
        extra = counts.get(article, 0) - shown.get(article, 0)
        if shown.get(article, 0) >= PER_ARTICLE and extra > 0 and article not in more:
            more[article] = (int(documents[position]), extra)
    return result, {docnum: extra for docnum, extra in more.values()}


def _matches_per_article(table, matches: Any, articles: list[int]) -> dict[int, int]:
    """How many of `matches` (a mask) each of a few article numbers has."""
    if not articles:  # the usual page: no article reached the cap
        return {}
    return {
        article: int(np.count_nonzero(matches[table.documents_of(article)])) for article in articles
    }


def _grouped_order(table, matched: Matched, full: Tier, partial: Tier, sort: str) -> Ordered:
    """One docnum per article (its best paragraph): articles with full matches first."""
    # Matches per article (the order of the docnums does not matter to a count).
    matches = np.concatenate([full.documents, partial.documents])
    counts = np.bincount(table.article_of[matches], minlength=len(table.article_ids) + 1)
    if matched.flat:
        relevance = ranked(table, *_both(matched, full, partial), matched, "relevance")
        both = grouped(table, relevance, sort)
        has_full = np.zeros(len(table.article_ids) + 1, dtype=bool)
        has_full[table.article_of[full.documents]] = True
        total = int(np.count_nonzero(has_full[table.article_of[both]]))
        return Ordered(both, total, len(both) - total, counts)
    relevance = ranked(table, full.documents, full.positions, matched, "relevance")
    best_full = grouped(table, relevance, sort)
    partial_order = ranked(
        table, partial.documents, partial.positions, matched, "relevance", None, True
    )
    seen = np.zeros(len(table.article_ids) + 1, dtype=bool)
    seen[table.article_of[best_full]] = True
    partial_order = partial_order[~seen[table.article_of[partial_order]]]
    best_partial = grouped(table, partial_order, sort)
    documents = np.concatenate([best_full, best_partial])
    return Ordered(documents, len(best_full), len(best_partial), counts)


def grouped(table: facets.FacetTable, order: Any, sort: str) -> Any:
    """One docnum per article (its best paragraph) in result order."""
    articles = table.article_of[order]
    _, first = np.unique(articles, return_index=True)
    best = order[np.sort(first)]  # keeps the ranking order of each article's best paragraph
    fixed = _fixed_order(table, sort)
    if fixed is not None:
        best = best[np.argsort(fixed[best], kind="stable")]
    return best
