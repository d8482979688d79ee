"""HTML pages: the search page, the article page (permalinks, marked terms) and the source view."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request
from markupsafe import Markup, escape

from search.engine.highlight import find_spans, mark_all
from search.errors import GaoxinError
from search.fields import FACETS, HIT_TAG_FIELDS, LABELS
from search.models import SearchRequest, Trends, TrendsRequest
from search.validation import DEFAULT_PER_PAGE, MAX_FILTER_VALUES, MAX_QUERY_CHARS, last_page
from web.charts import Chart, build_chart
from web.params import (
    TIME_PARAMS,
    checked_article_id,
    parse_search_params,
    request_args,
    search_url,
    toggle_filter,
)
from web.service import get_service
from web.sources import has_source_view, source_selection

blueprint = Blueprint("pages", __name__)

# The facets people use most start open; the long-tail entity facets start collapsed.
OPEN_FACETS = ("park", "industry", "policy_type", "year")
KIND_LABELS = {
    "body": "正文",
    "heading": "小标题",
    "caption": "图片说明",
    "byline": "署名",
    "other": "其他",
}
TAG_FACETS = tuple((field.name, field.attribute) for field in HIT_TAG_FIELDS)


class SearchLinks:
    """Shareable GET URLs derived from the current request, for templates."""

    def __init__(self, current: SearchRequest) -> None:
        self.current = current

    def page(self, number: int) -> str:
        return search_url("/", self.current, page=number)

    def toggle(self, facet: str, value: str) -> str:
        filters = toggle_filter(self.current, facet, value)
        return search_url("/", self.current, filters=filters, page=1)

    def can_add(self, facet: str) -> bool:
        """Whether one more value of `facet` stays within the engine's limit (else no link)."""
        return len(self.current.filters.get(facet, ())) < MAX_FILTER_VALUES

    def clear_filters(self) -> str:
        return search_url("/", self.current, filters={}, page=1, **dict.fromkeys(TIME_PARAMS, ""))

    def times(self) -> dict[str, str]:
        """The request's time parameters, for hidden form fields."""
        return {name: getattr(self.current, name) for name in TIME_PARAMS}

    def period(self, period: str) -> str:
        """The results of one period of a trend (`2023` or `2023-05`)."""
        return search_url("/", self.current, page=1, date_from=period, date_to=period)

    def _unpaged(self, path: str) -> str:
        """The query, filters and time of the request on `path` (no paging, sort or group)."""
        pairs = request_args(
            self.current, page=1, per_page=DEFAULT_PER_PAGE, sort="relevance", group=None
        )
        return f"{path}?{urlencode(pairs)}" if pairs else path

    def feed(self) -> str:
        return self._unpaged("/feed.atom")

    def trends(self) -> str:
        return self._unpaged("/trends")

    def with_options(self, **changes: Any) -> str:
        return search_url("/", self.current, page=1, **changes)

    def article(self, article_id: str, paragraph_id: str = "") -> str:
        query = search_url(f"/articles/{article_id}", SearchRequest(query=self.current.query))
        return f"{query}#{paragraph_id}" if paragraph_id else query

    def export(self) -> str:
        pairs = [*request_args(self.current, page=1), ("format", "csv")]
        return f"/api/search?{urlencode(pairs)}"

    def json(self) -> str:
        return search_url("/api/search", self.current)


@blueprint.get("/")
def search_page() -> str:
    params = parse_search_params(request.args)
    results = get_service().search(params.request)
    links = SearchLinks(params.request)
    timeline = _timeline(params.request, results.total)
    return render_template(
        "search.html",
        request_state=params.request,
        results=results,
        links=links,
        timeline=timeline,
        timeline_chart=_small_chart(timeline, links),
        facets=FACETS,
        last_page=last_page(results.total, params.request.per_page),
        **page_labels(),
    )


@blueprint.get("/articles/<article_id>")
def article_page(article_id: str) -> str:
    found = get_service().article(checked_article_id(article_id))
    query = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
    marks = get_service().marks(query) if query else ([], [])
    paragraphs = [(item, _marked(item.text, marks)) for item in found.paragraphs]
    return render_template(
        "article.html",
        article=found,
        paragraphs=paragraphs,
        query=query,
        links=SearchLinks(SearchRequest(query=query)),
        **page_labels(),
    )


@blueprint.get("/articles/<article_id>/source")
def source_page(article_id: str) -> str:
    found = get_service().article(checked_article_id(article_id))
    selection = source_selection(found, request.args.get("paragraph"))
    text = get_service().source_text(selection.file)
    return render_template(
        "source.html",
        article=found,
        selection=selection,
        lines=text.splitlines(),
        links=SearchLinks(SearchRequest()),
        **page_labels(),
    )


def _timeline(current: SearchRequest, total: int) -> Trends | None:
    """The current query's matches per period, for the chart above the results."""
    if not total or not (current.query or current.filters):
        return None
    try:
        return get_service().trends(TrendsRequest((current.query,), current))
    except GaoxinError:
        return None  # the chart is a convenience: the results still show


def _small_chart(timeline: Trends | None, links: SearchLinks) -> Chart | None:
    if timeline is None:
        return None
    return build_chart(timeline, "count", lambda query, period: links.period(period), height=140)


def _marked(text: str, marks: tuple[list[str], list[str]]) -> Markup:
    if not any(marks):
        return escape(text)
    # mark_all escapes everything and adds only <mark>; see search/engine/highlight.py.
    return Markup(mark_all(text, find_spans(text, *marks)))


def page_labels() -> dict[str, Any]:
    """Display labels the templates share."""
    return {
        "facet_labels": LABELS,
        "open_facets": OPEN_FACETS,
        "kind_labels": KIND_LABELS,
        "tag_facets": TAG_FACETS,
        "max_filter_values": MAX_FILTER_VALUES,
        "has_source_view": has_source_view,
    }
