"""The /trends page: attention over time for up to four queries, as a server-side SVG chart (counts
or shares), a table and CSV; its JSON twin is /api/trends (web/views/api.py).
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, render_template, request

from search.fields import FACETS, LABELS
from search.trend_models import TrendsRequest
from search.validation import validate_trends
from web.charts import COUNTERS, NOUNS, build_chart, format_value, query_label
from web.export import trends_csv_response
from web.params import (
    TIME_PARAMS,
    api_twin_url,
    parse_trends_params,
    period_dates,
    search_url,
)
from web.service import get_service

blueprint = Blueprint("trends", __name__)
INTERVAL_LABELS = {"month": "按月", "year": "按年"}
MEASURE_LABELS = {"count": "段落数", "share": "占比"}


class TrendLinks:
    """Shareable GET URLs derived from the current trends request, for templates."""

    def __init__(self, current: TrendsRequest, measure: str) -> None:
        self.current = current
        self.measure_name = measure

    def _pairs(self, measure: str | None = None) -> list[tuple[str, str]]:
        state = self.current
        pairs = [] if state.queries == ("",) else [("q", query) for query in state.queries]
        for facet in FACETS:
            pairs.extend((facet, value) for value in state.scope.filters.get(facet, ()))
        if state.scope.field != "text":
            pairs.append(("field", state.scope.field))
        if state.scope.group:
            pairs.append(("group", state.scope.group))
        pairs.extend((name, getattr(state.scope, name)) for name in TIME_PARAMS)
        if state.interval:
            pairs.append(("interval", state.interval))
        if measure and measure != "count":
            pairs.append(("measure", measure))
        return [(name, value) for name, value in pairs if value or name == "q"]

    def measure(self, measure: str) -> str:
        return f"/trends?{urlencode(self._pairs(measure))}"

    def search(self, query: str, period: str = "") -> str:
        """The results of `query` under the same filters, in `period` when given."""
        scope = replace(self.current.scope, query=query)
        if period:
            scope = replace(scope, **period_dates(scope, period))
        return search_url("/", scope)

    def export(self) -> str:
        return f"/api/trends?{urlencode([*self._pairs(), ('format', 'csv')])}"

    def json(self) -> str:
        pairs = self._pairs()
        return f"/api/trends?{urlencode(pairs)}" if pairs else "/api/trends"


@blueprint.get("/trends")
def trends_page() -> Response | str:
    params = parse_trends_params(request.args)
    validate_trends(params.request)  # a bad parameter is the page's 400, before any redirect
    twin = api_twin_url("/api/trends", request.args)
    if params.format == "json" and twin is not None:  # the page is HTML: the JSON is the API's
        return redirect(twin, code=302)
    trends = get_service().trends(params.request)
    if params.format == "csv":  # served here too, as the page's own download
        return trends_csv_response(trends)
    # The chips, the form and the links carry the filters as applied (`park=中关村` shows and
    # links 中关村科技园区), as the search page's do.
    shown = replace(params.request, scope=replace(params.request.scope, filters=trends.filters))
    links = TrendLinks(shown, params.measure)
    chart = build_chart(trends, params.measure, links.search)
    return render_template(
        "trends.html",
        trends=trends,
        chart=chart,
        trend_request=shown,
        measure=params.measure,
        trend_links=links,
        query_label=query_label,
        format_value=format_value,
        interval_labels=INTERVAL_LABELS,
        measure_labels=MEASURE_LABELS | {"count": NOUNS[trends.unit] + "数"},
        noun=NOUNS[trends.unit],
        counter=COUNTERS[trends.unit],
        facet_labels=LABELS,
    )
