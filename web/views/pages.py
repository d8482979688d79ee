"""HTML pages: the search page, the article page (permalinks, marked terms) and the source view."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, Response, redirect, render_template, request

from search.engine.highlight import find_spans
from search.errors import GaoxinError
from search.fields import FACETS
from search.models import Article, RelatedParagraphs, SearchRequest
from search.trend_models import Trends, TrendsRequest
from search.validation import MAX_QUERY_CHARS, last_page, validate
from web.charts import COUNTERS, NOUNS, Chart, build_chart
from web.evidence import marked_text
from web.links import SearchLinks, labels
from web.params import (
    api_twin_url,
    checked_article_id,
    parse_search_params,
)
from web.service import get_service

blueprint = Blueprint("pages", __name__)


@blueprint.get("/favicon.ico")
def favicon() -> Response:
    """No icon, said without an error: browsers ask for one on every first visit."""
    return Response(status=204)


@blueprint.get("/")
def search_page() -> Response | str:
    params = parse_search_params(request.args)
    validate(params.request)  # any bad parameter, `format` too, is the page's 400, not the API's
    twin = api_twin_url("/api/search", request.args)
    if twin is not None:  # the page is HTML: `format=csv` or `json` is the API's answer
        return redirect(twin, code=302)
    results = get_service().search(params.request)
    # The page's chips, ticks and links carry the filters as applied (`park=中关村` shows and
    # links 中关村科技园区), the values the JSON marks selected.
    shown = replace(params.request, filters=results.filters)
    links = SearchLinks(shown)
    timeline = _timeline(shown, results.total)
    return render_template(
        "search.html",
        request_state=shown,
        results=results,
        links=links,
        timeline=timeline,
        timeline_chart=_small_chart(timeline, links),
        facets=FACETS,
        nouns=NOUNS,
        counters=COUNTERS,
        last_page=last_page(results.listed_total, params.request.per_page),
        **labels(),
    )


@blueprint.get("/articles/<article_id>")
def article_page(article_id: str) -> str:
    found = get_service().article(checked_article_id(article_id))
    query = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
    marks = get_service().marks(query) if query else ([], [])
    paragraphs = [
        (item, marked_text(item.text, _query_spans(item.text, marks), item.tag_evidence))
        for item in found.paragraphs
    ]
    return render_template(
        "article.html",
        article=found,
        paragraphs=paragraphs,
        related=_related(found, request.args.get("paragraph", "")),
        query=query,
        links=SearchLinks(SearchRequest(query=query)),
        **labels(),
    )


@blueprint.get("/articles/<article_id>/source")
def source_page(article_id: str) -> str:
    view = get_service().source(checked_article_id(article_id), request.args.get("paragraph"))
    return render_template(
        "source.html",
        view=view,
        article=view.article,
        selection=view.selection,
        lines=view.text.splitlines() if view.kind == "text" else [],
        links=SearchLinks(SearchRequest()),
        **labels(),
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


def _query_spans(text: str, marks: tuple[list[str], list[str]]) -> list[tuple[int, int]]:
    return list(find_spans(text, *marks)) if any(marks) else []


def _related(article: Article, paragraph_id: str) -> RelatedParagraphs | None:
    """相关段落 of the paragraph a link targets (`?paragraph=`), if it is in this article."""
    if not any(item.paragraph_id == paragraph_id for item in article.paragraphs):
        return None
    try:
        return get_service().related(paragraph_id)
    except GaoxinError:
        return None  # a convenience: the article still shows when it cannot be computed
