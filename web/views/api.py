"""JSON twins of every page: search (and CSV export), articles, paragraphs, facets, health."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from search.models import Article, SearchRequest
from search.serialize import (
    article_metadata_json,
    paragraph_json,
    results_json,
    source_json,
    trends_json,
)
from web.export import csv_response, trends_csv_response
from web.params import (
    checked_article_id,
    checked_paragraph_id,
    parse_facets_params,
    parse_search_params,
    parse_suggest_params,
    parse_trends_params,
)
from web.service import get_service

blueprint = Blueprint("api", __name__)


@blueprint.get("/api/search")
def search() -> Response:
    params = parse_search_params(request.args)
    service = get_service()
    if params.format == "csv":
        return csv_response(service, params.request, base_url=request.host_url)
    return jsonify(results_json(service.search(params.request)))


@blueprint.get("/api/trends")
def trends() -> Response:
    params = parse_trends_params(request.args)
    found = get_service().trends(params.request)
    if params.format == "csv":
        return trends_csv_response(found)
    return jsonify(trends_json(found))


@blueprint.get("/api/suggest")
def suggest() -> Response:
    prefix = parse_suggest_params(request.args)
    found = get_service().suggest(prefix)
    return jsonify(
        {
            "query": prefix,
            "suggestions": [
                {"text": item.text, "kind": item.kind, "count": item.count} for item in found
            ],
        }
    )


@blueprint.get("/api/articles/<article_id>")
def article(article_id: str) -> Response:
    found = get_service().article(checked_article_id(article_id))
    return jsonify(article_json(found))


@blueprint.get("/api/articles/<article_id>/source")
def source(article_id: str) -> Response:
    view = get_service().source(checked_article_id(article_id), request.args.get("paragraph"))
    return jsonify(source_json(view))


@blueprint.get("/api/paragraphs/<paragraph_id>")
def paragraph(paragraph_id: str) -> Response:
    found, parent = get_service().paragraph(checked_paragraph_id(paragraph_id))
    return jsonify(paragraph_json(found, parent))


@blueprint.get("/api/facets")
def facets() -> Response:
    values = get_service().facet_values(SearchRequest(**parse_facets_params(request.args)))
    return jsonify(
        {
            facet: [
                {"value": bucket.value, "count": bucket.count, "selected": bucket.selected}
                for bucket in buckets
            ]
            for facet, buckets in values.items()
        }
    )


@blueprint.get("/healthz")
def health() -> Response:
    # IndexUnavailable from get_service() becomes the 503 JSON body in web/errors.py.
    stats = get_service().stats()
    stats.pop("index_dir", None)  # no server file-system paths in a public response
    return jsonify({"status": "ok", **stats})


def article_json(found: Article) -> dict[str, Any]:
    """An article's metadata plus its paragraphs in the shared paragraph shape."""
    return {
        **article_metadata_json(found),
        "permalink": f"/articles/{found.article_id}",
        "paragraphs": [paragraph_json(item, found) for item in found.paragraphs],
    }
