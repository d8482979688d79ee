"""One search over a generation: select, order, page, mark and count facets into SearchResults.

The service validates, admits and picks the generation; this module does the search itself.
"""

from __future__ import annotations

import numpy as np

from search.dates import TimeFilter, time_filter
from search.engine import facets, timeline
from search.engine.equivalents import Equivalents
from search.engine.generation import Generation
from search.engine.hits import hits_of
from search.engine.marks import query_marks
from search.engine.matched import Matched
from search.engine.plan import plan_query
from search.engine.query import parse_query
from search.engine.ranking import Ordered, result_order
from search.engine.selection import Tier, select
from search.models import SearchRequest, SearchResults
from search.validation import applied_filters


def within(mask: np.ndarray, window: np.ndarray | None) -> np.ndarray:
    """`mask` limited to a time window (None: no window)."""
    return mask if window is None else mask & window


def _listed_facets(
    generation: Generation,
    key: tuple,
    selection: tuple[Matched, Tier, Tier],
    listed_full: bool,
    filters: dict[str, tuple[str, ...]],
    window: np.ndarray | None,
    by_article: bool,
) -> dict:
    """The facets of the tier listed (full matches, or the partial ones listed alone), within
    the time window, remembered per generation under `key`; each facet counted as if it were not
    filtered (disjunctive); `by_article`: distinct articles per value, as a search listing
    articles gives them; otherwise a keyword search's reprints once per value, as it lists
    them (`search.engine.ranking`)."""
    matched, full, _ = selection

    def count() -> dict:
        # Unfiltered, the full matches are the base: their docnums are known already.
        unfiltered = listed_full and not filters and window is None
        if matched.candidates is None:  # a blank query: its documents are a mask, uncollapsed
            documents = full.documents if unfiltered else None
            base = within(matched.allowed, window)
            return facets.disjunctive_facets(
                generation.table, base, filters, documents, by_article=by_article
            )
        if unfiltered:
            documents = full.documents
        else:
            documents, _, _ = matched.listed(not listed_full, [] if window is None else [window])
        reprints = None if by_article else (generation.duplicates, generation.reprinted)
        return facets.disjunctive_facets(
            generation.table, None, filters, documents, by_article=by_article, reprints=reprints
        )

    return generation.facet_counts.get(key, count)


def _scope(
    generation: Generation, request: SearchRequest
) -> tuple[dict[str, tuple[str, ...]], str | None, TimeFilter, np.ndarray | None]:
    """The request's facet filters (years folded), its grouping (a title search finds articles:
    one hit per article), its time filter and that filter's window over the generation."""
    group = "article" if request.field == "title" else request.group
    time = time_filter(request.date_from, request.date_to, request.indexed_since)
    return applied_filters(request.filters), group, time, timeline.window(generation.table, time)


def search_results(
    generation: Generation,
    request: SearchRequest,
    equivalents: Equivalents,
    stop_words: frozenset[str],
    deadline: float,
) -> tuple[SearchResults, np.ndarray]:
    """The results of a validated request, and the mask of every document they count."""
    parsed = parse_query(request.query)
    plan = plan_query(parsed, equivalents, stop_words)
    filters, group, time, window = _scope(generation, request)
    selection = select(generation, plan, equivalents, filters, deadline, request.field, window)
    matched, full, partial = selection
    ordered, page = _listed_page(generation, request, parsed.blank, selection, group)
    marks = query_marks(plan, equivalents)  # once per search: hits and `terms`
    # Facets describe the tier listed: full matches, or partial ones when none is full; counted
    # in articles when articles are listed (what ticking a value gives).
    listed_full = bool(len(full)) or not len(partial)
    facet_key = (plan, request.field, group, tuple(sorted(filters.items())), time)
    results = SearchResults(
        query=request.query,
        parsed=plan.display,
        relaxed=not listed_full,
        total=ordered.total,
        page=request.page,
        per_page=request.per_page,
        results=hits_of(generation, page, matched, marks, ordered),
        facets=_listed_facets(
            generation, facet_key, selection, listed_full, filters, window, group == "article"
        ),
        sort=request.sort,
        group=group,
        terms=tuple(marks[1]),  # the phrases marked
        partial_total=ordered.partial_total,
        ignored=plan.ignored,
        expansions={word: tuple(forms) for word, forms in plan.expansions.items()},
        field=request.field,
        filters=filters,
    )
    # The documents `total` counts: the full matches, or the partial ones listed alone.
    return results, (full if listed_full else partial).mask


def _listed_page(
    generation: Generation,
    request: SearchRequest,
    blank: bool,
    selection: tuple[Matched, Tier, Tier],
    group: str | None,
) -> tuple[Ordered, np.ndarray]:
    """The selected matches in the requested order (as far as the requested page), and that
    page's documents. A `blank` query has nothing to rank by: relevance is article order."""
    sort = "article" if blank and request.sort == "relevance" else request.sort
    start = (request.page - 1) * request.per_page
    end = start + request.per_page
    ordered = result_order(generation, *selection, sort, group, end, not blank)
    return ordered, ordered.documents[start:end]
