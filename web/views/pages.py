"""HTML pages: the search page, the article page (permalinks, marked terms) and the source view."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from search.engine.highlight import find_spans
from search.errors import GaoxinError
from search.fields import FACETS, FIELDS, LABELS
from search.models import ENTITY_FACETS, Article, RelatedParagraphs, SearchRequest
from search.serialize import entity_url
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
# Tags shown on hits and paragraphs; parks, organisations and policy documents open their page.
TAG_FACETS = tuple(
    (field.name, field.attribute)
    for field in FIELDS
    if field.on_hits or field.name in ENTITY_FACETS
)


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
        """The article page; with a paragraph, landing on it with its 相关段落 shown."""
        pairs = request_args(SearchRequest(query=self.current.query))
        if paragraph_id:
            pairs.append(("paragraph", paragraph_id))
        path = f"/articles/{article_id}" + (f"?{urlencode(pairs)}" if pairs else "")
        return f"{path}#{paragraph_id}" if paragraph_id else path

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
    found = get_service().article(checked_article_id(article_id))
    selection = source_selection(found, request.args.get("paragraph"))
    text = get_service().source_text(selection.file)
    return render_template(
        "source.html",
        article=found,
        selection=selection,
        lines=text.splitlines(),
        links=SearchLinks(SearchRequest()),
        **labels(),
    )


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


def labels() -> dict[str, Any]:
    """What every template needs besides its own data: labels, tag facets, entity links."""
    return {
        "facet_labels": LABELS,
        "open_facets": OPEN_FACETS,
        "kind_labels": KIND_LABELS,
        "tag_facets": TAG_FACETS,
        "max_filter_values": MAX_FILTER_VALUES,
        "has_source_view": has_source_view,
        "tag_reason": tag_reason,
        "entity_facets": ENTITY_FACETS,
        "entity_url": entity_url,
    }
