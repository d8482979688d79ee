"""HTML pages: the search page, the article page (permalinks, marked terms) and the source view."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from search.engine.highlight import find_spans
from search.fields import FACETS, HIT_TAG_FIELDS, LABELS
from search.models import SearchRequest
from search.validation import MAX_FILTER_VALUES, MAX_QUERY_CHARS, last_page
from web.evidence import marked_text, tag_reason
from web.params import (
    checked_article_id,
    parse_search_params,
    request_args,
    search_url,
    toggle_filter,
)
from web.service import get_service

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
        return search_url("/", self.current, filters={}, page=1)

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
    return render_template(
        "search.html",
        request_state=params.request,
        results=results,
        links=SearchLinks(params.request),
        facets=FACETS,
        last_page=last_page(results.total, params.request.per_page),
        **_labels(),
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
        query=query,
        links=SearchLinks(SearchRequest(query=query)),
        **_labels(),
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
        **_labels(),
    )


def _query_spans(text: str, marks: tuple[list[str], list[str]]) -> list[tuple[int, int]]:
    return list(find_spans(text, *marks)) if any(marks) else []


def _labels() -> dict[str, Any]:
    return {
        "facet_labels": LABELS,
        "open_facets": OPEN_FACETS,
        "kind_labels": KIND_LABELS,
        "tag_facets": TAG_FACETS,
        "max_filter_values": MAX_FILTER_VALUES,
        "tag_reason": tag_reason,
    }
