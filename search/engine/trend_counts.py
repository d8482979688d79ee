"""A trends request over one generation: each query's counted matches per period, with every
period's paragraphs (or articles) under the same filters. The service validates and admits."""

from __future__ import annotations

from dataclasses import replace

from search.dates import TimeFilter
from search.engine import facets, timeline
from search.engine.equivalents import Equivalents
from search.engine.generation import Generation
from search.engine.plan import Plan
from search.engine.query import ParsedQuery
from search.engine.results import within
from search.engine.selection import select
from search.trend_models import Trends, TrendsRequest
from search.validation import applied_filters


def generation_trends(
    generation: Generation,
    request: TrendsRequest,
    time: TimeFilter,
    queries: list[tuple[ParsedQuery, Plan]],
    equivalents: Equivalents,
    deadline: float,
) -> Trends:
    """The trends of a validated request whose `queries` are parsed and planned; a scope
    listing articles (`field="title"`, `group="article"`) counts articles."""
    filters = applied_filters(request.scope.filters)
    by_article = request.scope.field == "title" or request.scope.group == "article"
    table = generation.table
    window = timeline.window(table, time)
    counts, groups = [], []
    for query, plan in queries:
        _, full, _ = select(
            generation,
            plan,
            equivalents,
            filters,
            deadline,
            request.scope.field,
            window,
            ranked=False,  # a count per period: no paragraph text read to rank
        )
        # As the search restricted to each period lists them: full matches, a reprint group
        # once per period with a copy of it (a blank query: all); listing articles, every
        # article with a full match.
        counts.append(full.mask)
        groups.append(None if query.blank or by_article else generation.duplicates)
    base = within(
        facets.apply_filters(table.searchable, facets.facet_masks(table, filters)), window
    )
    counted = timeline.count_periods(table, counts, base, request.interval, by_article, groups)
    trends = timeline.as_trends(request.queries, counted, "article" if by_article else "paragraph")
    return replace(trends, filters=filters)
