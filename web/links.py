"""What every page template shares: shareable search links, labels, tag facets, entity links.

The search, article and entity pages all render hits and tags, so these live apart from any view.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from search.fields import FIELDS, LABELS
from search.models import ENTITY_FACETS, SearchRequest
from search.serialize import entity_url
from search.validation import DEFAULT_PER_PAGE, MAX_FILTER_VALUES
from web.evidence import tag_reason
from web.params import (
    TIME_PARAMS,
    TREND_PARAMS,
    period_dates,
    request_args,
    search_url,
    toggle_filter,
)

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
        return search_url("/", self.current, filters={}, page=1, **dict.fromkeys(TIME_PARAMS, ""))

    def times(self) -> dict[str, str]:
        """The request's time parameters, for hidden form fields."""
        return {name: getattr(self.current, name) for name in TIME_PARAMS}

    def period(self, period: str) -> str:
        """The results of one period of a trend (`2023` or `2023-05`)."""
        return search_url("/", self.current, page=1, **period_dates(self.current, period))

    def _unpaged(self, path: str) -> str:
        """The query, filters and time of the request on `path` (no paging, sort or group)."""
        pairs = request_args(
            self.current, page=1, per_page=DEFAULT_PER_PAGE, sort="relevance", group=None
        )
        return f"{path}?{urlencode(pairs)}" if pairs else path

    def feed(self) -> str:
        return self._unpaged("/feed.atom")

    def trends(self) -> str:
        """/trends for the query, filters, dates and what the search lists (`field`, `group`:
        articles are counted then): only the parameters it takes (not `sort`, a 400 there)."""
        pairs = [
            (name, value) for name, value in request_args(self.current) if name in TREND_PARAMS
        ]
        return f"/trends?{urlencode(pairs)}" if pairs else "/trends"

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


def labels() -> dict[str, Any]:
    """What every template needs besides its own data: labels, tag facets, entity links."""
    return {
        "facet_labels": LABELS,
        "open_facets": OPEN_FACETS,
        "kind_labels": KIND_LABELS,
        "tag_facets": TAG_FACETS,
        "max_filter_values": MAX_FILTER_VALUES,
        "tag_reason": tag_reason,
        "entity_facets": ENTITY_FACETS,
        "entity_url": entity_url,
    }
