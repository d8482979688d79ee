"""Matching and ordering: run a parsed query over one generation, rank, group by article.

Facets need the whole result set, so matching scores every hit (NumPy, `search.engine.matching`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from search.engine import facets
from search.engine.generation import Generation
from search.engine.matching import Evaluator
from search.engine.query import ParsedQuery
from search.errors import SearchTimeout


def check_deadline(deadline: float) -> None:
    """SearchTimeout once `deadline` (time.monotonic) has passed."""
    if time.monotonic() > deadline:
        raise SearchTimeout("The search took too long; add or narrow keywords")


@dataclass
class Matched:
    """A query's matching paragraphs (mask) with a score per document."""

    mask: Any
    scores: Any
    relaxed: bool = False


def match(
    generation: Generation,
    parsed: ParsedQuery,
    aliases: dict[str, tuple[str, ...]],
    relaxed: bool,
    deadline: float,
) -> Matched:
    """The paragraphs matching `parsed` (strict, or relaxed: any group) minus exclusions."""
    table = generation.table
    check_deadline(deadline)
    evaluator = Evaluator(generation.postings, aliases, lambda: check_deadline(deadline))
    mask = np.zeros(table.size, dtype=bool)
    scores = np.zeros(table.size, dtype=np.float64)
    if parsed.unusable:
        return Matched(mask, scores)
    if parsed.blank:
        mask[:] = table.searchable
    else:
        found = evaluator.positive(parsed, relaxed)
        keep = table.searchable[found.documents]
        kept = found.documents[keep]
        mask[kept] = True
        scores[kept] = found.scores[keep]
    if parsed.excluded:
        mask[evaluator.excluded(parsed)] = False
    check_deadline(deadline)
    return Matched(mask, scores, relaxed)


def select(
    generation: Generation,
    parsed: ParsedQuery,
    aliases: dict[str, tuple[str, ...]],
    filters: dict[str, tuple[str, ...]],
    deadline: float,
    window: Any = None,
) -> tuple[Matched, Any]:
    """The matches (for facet counts) and the filtered result mask; relaxed when strict is empty.

    Relaxing needs something to leave out: several keywords, or a keyword of several words.
    `window` (a mask: date range, indexed since) narrows the results like a facet filter.
    """
    masks = facets.facet_masks(generation.table, filters)
    if window is not None:
        masks[" window"] = window  # not a facet name: never mistaken for one
    matched = match(generation, parsed, aliases, False, deadline)
    final = facets.apply_filters(matched.mask, masks)
    if not final.any() and parsed.relaxable:
        matched = match(generation, parsed, aliases, True, deadline)
        final = facets.apply_filters(matched.mask, masks)
    return matched, final


def result_order(
    table: facets.FacetTable,
    matched: Matched,
    final: Any,
    sort: str,
    group: str | None,
    limit: int | None = None,
) -> tuple[Any, Any, int]:
    """Docnums in result order (one per article when grouped; the first `limit` when given),
    matches per article number, and how many results there are in all."""
    if group != "article":
        order = ranked(table, matched, final, sort, limit)
        return order, None, int(np.count_nonzero(final))
    best, counts = grouped(table, ranked(table, matched, final, "relevance"), sort)
    return best, counts, len(best)


def ranked(
    table: facets.FacetTable, matched: Matched, final: Any, sort: str, limit: int | None = None
) -> Any:
    """Docnums of `final`, best first (or in article order); only the first `limit` if given."""
    documents = np.nonzero(final)[0]
    fixed = _fixed_order(table, sort)
    scores = None if fixed is not None else -matched.scores[documents]
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


def grouped(table: facets.FacetTable, order: Any, sort: str) -> tuple[Any, Any]:
    """One docnum per article (its best paragraph) in result order, and matches per article."""
    articles = table.article_of[order]
    _, first = np.unique(articles, return_index=True)
    best = order[np.sort(first)]  # keeps the ranking order of each article's best paragraph
    fixed = _fixed_order(table, sort)
    if fixed is not None:
        best = best[np.argsort(fixed[best], kind="stable")]
    counts = np.bincount(articles, minlength=len(table.article_ids) + 1)
    return best, counts
