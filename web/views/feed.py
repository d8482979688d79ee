"""`GET /feed.atom`: an Atom 1.0 feed of the newest 50 paragraphs matching a search, newest first by
when their article first entered the index, so a subscriber sees each newly indexed paragraph once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request

from web.params import DEFAULT_PER_PAGE, parse_search_params, request_args, search_url
from web.service import get_service

blueprint = Blueprint("feed", __name__)

FEED_ENTRIES = 50
ATOM_TYPE = "application/atom+xml; charset=utf-8"


@blueprint.get("/feed.atom")
def feed() -> Response:
    params = parse_search_params(request.args)
    # Paging, sorting and grouping do not apply: a feed is always the newest entries.
    wanted = replace(
        params.request, page=1, per_page=DEFAULT_PER_PAGE, sort="relevance", group=None
    )
    service = get_service()
    results = service.search(replace(wanted, per_page=FEED_ENTRIES, sort="indexed"))
    base = request.host_url.rstrip("/")
    pairs = request_args(wanted)
    self_url = f"{base}/feed.atom" + (f"?{urlencode(pairs)}" if pairs else "")
    moments = [hit.indexed_at for hit in results.results if hit.indexed_at]
    updated = max(moments) if moments else service.stats()["built_at"] or "1970-01-01T00:00:00Z"
    body = render_template(
        "feed.xml",
        results=results,
        contents=[_reader_safe(hit.text_html) for hit in results.results],
        base=base,
        self_url=self_url,
        page_url=base + search_url("/", wanted),
        updated=updated,
        title=_title(wanted.query, results.filters),
    )
    return Response(body, mimetype="application/atom+xml", content_type=ATOM_TYPE)


def _reader_safe(text_html: str) -> str:
    """The marked paragraph with <strong> for <mark>: feed readers sanitize HTML and drop the
    HTML5 <mark> (feedparser does), while every reader keeps <strong>. The text is escaped."""
    return text_html.replace("<mark>", "<strong>").replace("</mark>", "</strong>")


def _title(query: str, filters: Mapping[str, tuple[str, ...]]) -> str:
    values = [value for selected in filters.values() for value in selected]
    described = " ".join([query, *values]).strip()
    return f"高新检索：{described}" if described else "高新检索：最新收录"
