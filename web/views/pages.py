"""HTML pages: the search page, the article page (permalinks, marked terms) and the source view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request
from markupsafe import Markup, escape

from search.engine.highlight import find_spans, mark_all
from search.errors import NotFound
from search.models import FACETS, Article, SearchRequest
from web.app import current_service
from web.params import (
    MAX_QUERY_CHARS,
    MAX_RESULT_DEPTH,
    checked_article_id,
    parse_search_params,
    request_args,
    search_url,
    toggle_filter,
)

blueprint = Blueprint("pages", __name__)

FACET_LABELS = {
    "park": "园区",
    "industry": "产业",
    "policy_type": "政策类型",
    "organization": "机构",
    "policy_document": "政策文件",
    "year": "年份",
}
# The facets people use most start open; the long-tail entity facets start collapsed.
OPEN_FACETS = ("park", "industry", "policy_type", "year")
KIND_LABELS = {
    "body": "正文",
    "heading": "小标题",
    "caption": "图片说明",
    "byline": "署名",
    "other": "其他",
}
TAG_FACETS = (("park", "parks"), ("industry", "industries"), ("policy_type", "policy_types"))


class SearchLinks:
    """Shareable GET URLs derived from the current request, for templates."""

    def __init__(self, current: SearchRequest) -> None:
        self.current = current

    def page(self, number: int) -> str:
        return search_url("/", self.current, page=number)

    def toggle(self, facet: str, value: str) -> str:
        filters = toggle_filter(self.current, facet, value)
        return search_url("/", self.current, filters=filters, page=1)

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
    results = current_service().search(params.request)
    last_page = max(1, -(-min(results.total, MAX_RESULT_DEPTH) // params.request.per_page))
    return render_template(
        "search.html",
        request_state=params.request,
        results=results,
        links=SearchLinks(params.request),
        facets=FACETS,
        last_page=last_page,
        **_labels(),
    )


@blueprint.get("/articles/<article_id>")
def article_page(article_id: str) -> str:
    found = current_service().article(checked_article_id(article_id))
    query = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
    marks = current_service().marks(query) if query else ([], [])
    paragraphs = [(item, _marked(item.text, marks)) for item in found.paragraphs]
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
    found = current_service().article(checked_article_id(article_id))
    selection = source_selection(found, request.args.get("paragraph"))
    text = current_service().source_text(selection.file)
    return render_template(
        "source.html",
        article=found,
        selection=selection,
        lines=text.splitlines(),
        links=SearchLinks(SearchRequest()),
        **_labels(),
    )


@dataclass(frozen=True)
class SourceSelection:
    """Which source file and line range the source view shows and marks."""

    file: str
    line_start: int
    line_end: int
    paragraph_id: str = ""


def source_selection(article: Article, paragraph_id: str | None) -> SourceSelection:
    """The selected paragraph's span, or the whole article's span in its first source file."""
    if paragraph_id:
        for item in article.paragraphs:
            if item.paragraph_id == paragraph_id:
                span = item.source
                return SourceSelection(span.file, span.line_start, span.line_end, paragraph_id)
        raise NotFound(f"本文没有段落 {paragraph_id[:40]} / no such paragraph in this article")
    if not article.paragraphs:
        raise NotFound("这篇文章没有可显示的原文 / this article has no source text")
    file = article.paragraphs[0].source.file
    spans = [item.source for item in article.paragraphs if item.source.file == file]
    return SourceSelection(
        file, min(span.line_start for span in spans), max(span.line_end for span in spans)
    )


def _marked(text: str, marks: tuple[list[str], list[str]]) -> Markup:
    if not any(marks):
        return escape(text)
    # mark_all escapes everything and adds only <mark>; see search/engine/highlight.py.
    return Markup(mark_all(text, find_spans(text, *marks)))


def _labels() -> dict[str, Any]:
    return {
        "facet_labels": FACET_LABELS,
        "open_facets": OPEN_FACETS,
        "kind_labels": KIND_LABELS,
        "tag_facets": TAG_FACETS,
    }
