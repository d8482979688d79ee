"""A trends request over one generation: each query's counted matches per period, with every
period's paragraphs (or articles) under the same filters. The service validates and admits."""

from __future__ import annotations

from search.dates import TimeFilter
from search.engine import facets, timeline
from search.engine.equivalents import Equivalents
from search.engine.generation import Generation
from search.engine.plan import Plan
from search.engine.query import ParsedQuery
from search.engine.reprints import collapsed
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
    counts = []
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
        # As the search's `total`: full matches, reprints once (a blank query: all); listing
        # articles, every article with a full match.
        once = query.blank or by_article
        counts.append(full.mask if once else collapsed(full.mask, generation.duplicates))
    base = within(
        facets.apply_filters(table.searchable, facets.facet_masks(table, filters)), window
    )
    counted = timeline.count_periods(table, counts, base, request.interval, by_article)
    return timeline.as_trends(request.queries, counted, "article" if by_article else "paragraph")
