"""The one JSON shape of paragraphs and search results (CLI --json, export, the API).

What the index stores is a separate, versioned codec: `search.storage.records`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from search.engine.sources import SourceView
from search.fields import FACETS, TEXT_TAG_ATTRIBUTES
from search.models import (
    ENTITY_FACETS,
    Article,
    Citations,
    CitingArticle,
    EntityProfile,
    FacetBucket,
    Hit,
    Paragraph,
    ParkEntry,
    RelatedParagraphs,
    SearchResults,
    StoredParagraph,
)
from search.trend_models import Trends


def paragraph_json(paragraph: Paragraph, article: Article) -> dict[str, Any]:
    """A paragraph with its article's title and date, as in docs/architecture.md."""
    return {
        "paragraph_id": paragraph.paragraph_id,
        "article_id": paragraph.article_id,
        "article_title": article.title,
        "kind": paragraph.kind,
        "ordinal": paragraph.ordinal,
        "text": paragraph.text,
        **{attribute: list(getattr(paragraph, attribute)) for attribute in TEXT_TAG_ATTRIBUTES},
        "amounts": [
            {"text": amount.text, "value_yi_yuan": amount.value_yi_yuan}
            for amount in paragraph.amounts
        ],
        "tag_evidence": evidence_json(paragraph.tag_evidence),
        "date": article.date,
        "source": {
            "file": paragraph.source.file,
            "line_start": paragraph.source.line_start,
            "line_end": paragraph.source.line_end,
        },
        "url": paragraph.url,
    }


def stored_paragraph_json(stored: StoredParagraph) -> dict[str, Any]:
    """An export line: a stored paragraph in the `paragraph_json` shape."""
    article = Article(stored.paragraph.article_id, stored.article_title, (), (), date=stored.date)
    return paragraph_json(stored.paragraph, article)


def evidence_json(
    evidence: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> dict[str, dict[str, list[str]]]:
    """{"industries": {"金融": ["科技信贷", "风投"]}, …}: why each tag is there."""
    result: dict[str, dict[str, list[str]]] = {}
    for facet, value, phrases in evidence:
        result.setdefault(facet, {})[value] = list(phrases)
    return result


def attributes_json(source: Any, *names: str) -> dict[str, Any]:
    """The attributes `names` of a model, in that order, as JSON values (tuples as lists)."""
    values = (getattr(source, name) for name in names)
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in zip(names, values, strict=True)
    }


def article_metadata_json(article: Article) -> dict[str, Any]:
    """The article's own fields (no paragraphs) plus its paragraph ids in reading order."""
    names = ("article_id", "title", "kicker", "subtitle", "byline", "authors", "date", "url")
    return attributes_json(article, *names, "subject_parks", "sources") | {
        "paragraph_ids": [paragraph.paragraph_id for paragraph in article.paragraphs]
    }


def hit_json(hit: Hit) -> dict[str, Any]:
    """One search result: the paragraph fields of export plus `highlight` and `score`."""
    article = Article(hit.paragraph.article_id, hit.article_title, (), (), date=hit.date)
    result = paragraph_json(hit.paragraph, article)
    result["highlight"] = hit.highlight
    result["score"] = round(hit.score, 4)
    result["text_html"] = hit.text_html
    result["matches_in_article"] = hit.matches_in_article
    result["indexed_at"] = hit.indexed_at
    result["partial"] = bool(hit.missing)
    result["missing"] = list(hit.missing)
    result["more_in_article"] = hit.more_in_article
    result["duplicates"] = hit.duplicates
    return result


def results_json(results: SearchResults) -> dict[str, Any]:
    """The search response of the API and `gaoxin search --json`; `filters` the facet filters
    as applied (aliases resolved), as /api/trends lists them."""
    counts = ("query", "parsed", "relaxed", "total", "partial_total", "ignored")
    return {
        **attributes_json(results, *counts),
        "expansions": {word: list(forms) for word, forms in results.expansions.items()},
        **attributes_json(results, "field", "page", "per_page", "sort", "group"),
        "filters": filters_json(results.filters),
        "results": [hit_json(hit) for hit in results.results],
        "facets": {
            name: [
                {"value": bucket.value, "count": bucket.count, "selected": bucket.selected}
                for bucket in results.facets.get(name, ())
            ]
            for name in FACETS
        },
    }


def filters_json(filters: Mapping[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """The facet filters as applied (`SearchResults.filters`, `Trends.filters`: aliases resolved,
    the values a search's `facets` mark selected and the pages' chips show): {"park": [...]}."""
    return {name: list(values) for name, values in filters.items()}


def trends_json(trends: Trends) -> dict[str, Any]:
    """The response of `GET /api/trends` and `gaoxin trends --json`; `unit` says what every
    count counts, `paragraphs` or `articles` (a scope listing articles), whatever the keys say."""
    return {
        "interval": trends.interval,
        "unit": f"{trends.unit}s",
        "filters": filters_json(trends.filters),
        "periods": [
            {"period": period.period, "paragraphs": period.paragraphs} for period in trends.periods
        ],
        "series": [
            {
                "query": series.query,
                "total": series.total,
                "undated": series.undated,
                "buckets": [
                    {"period": bucket.period, "count": bucket.count, "share": bucket.share}
                    for bucket in series.buckets
                ],
            }
            for series in trends.series
        ],
    }


# -- entity pages ---------------------------------------------------------------------------

# The JSON key of each facet's co-mention list on an entity page.
PROFILE_LISTS = {
    "park": "parks",
    "industry": "industries",
    "policy_type": "policy_types",
    "organization": "organizations",
    "policy_document": "policy_documents",
}


def park_entry_json(entry: ParkEntry) -> dict[str, Any]:
    """One row of the park directory."""
    names = ("name", "kind", "city", "province", "parent", "aliases", "paragraphs", "articles")
    return attributes_json(entry, *names) | {"url": entity_url("park", entry.name)}


def entity_url(facet: str, name: str) -> str:
    """The page of a park, organisation or policy document."""
    return f"/{ENTITY_FACETS[facet]}/{quote(name, safe='')}"


def _buckets(buckets: tuple[FacetBucket, ...]) -> list[dict[str, Any]]:
    return [{"value": bucket.value, "count": bucket.count} for bucket in buckets]


def _citing_json(article: CitingArticle | None) -> dict[str, Any] | None:
    if article is None:
        return None
    return attributes_json(article, "article_id", "title", "date", "paragraphs", "url")


def profile_json(profile: EntityProfile) -> dict[str, Any]:
    """An entity page: the park shape of docs/api.md; organisations and policy documents
    have the same fields without kind/city/province/parent, plus `parks`."""
    result: dict[str, Any] = {"name": profile.name}
    if profile.park is not None:
        park = profile.park
        result.update(kind=park.kind, aliases=list(park.aliases), city=park.city)
        result.update(province=park.province, parent=park.parent)
    else:
        result["aliases"] = list(profile.aliases)
    result.update(
        paragraphs=profile.paragraphs,
        articles=profile.articles,
        first_date=profile.first_date,
        last_date=profile.last_date,
    )
    for facet, key in PROFILE_LISTS.items():
        if facet != "park" or profile.facet != "park":  # a park page lists no other parks
            result[key] = _buckets(profile.facets.get(facet, ()))
    result["timeline"] = [{"period": period, "count": count} for period, count in profile.timeline]
    result["latest"] = [hit_json(hit) for hit in profile.latest]
    if profile.citations is not None:
        result.update(_citations_json(profile.citations))
    return result


def _citations_json(citations: Citations) -> dict[str, Any]:
    return {
        "variants": _buckets(citations.variants),
        "first_citation": _citing_json(citations.first),
        "last_citation": _citing_json(citations.last),
        "citing_articles": [
            {
                "park": group.park,
                "count": group.count,
                "articles": [_citing_json(article) for article in group.articles],
            }
            for group in citations.groups
        ],
    }


def related_json(related: RelatedParagraphs) -> dict[str, Any]:
    """`/api/paragraphs/<id>/related`: the paragraph's words looked for and the paragraphs."""
    results = []
    for item in related.results:
        result = hit_json(item.hit)
        result["shared_terms"] = list(item.shared_terms)
        result["shared_entities"] = [
            {"facet": facet, "value": value} for facet, value in item.shared_entities
        ]
        results.append(result)
    return {
        "paragraph_id": related.paragraph.paragraph_id,
        "article_id": related.paragraph.article_id,
        "terms": list(related.terms),
        "results": results,
    }


def source_json(view: SourceView) -> dict[str, Any]:
    """The source view of `/api/articles/<id>/source`: a text file's `text` or a record."""
    record = view.record
    return {
        "article_id": view.article.article_id,
        "paragraph_id": view.selection.paragraph_id or None,
        "file": view.selection.file,
        "kind": view.kind,
        "line_start": view.selection.line_start,
        "line_end": view.selection.line_end,
        "status": view.status,
        "notice": view.notice,
        "text": view.text if view.kind == "text" else None,
        "record": None
        if record is None
        else {
            "line": record.line,
            "id": record.record_id,
            "title": record.title,
            "date": record.date,
            "url": record.url,
            "paragraphs": list(record.paragraphs),
            "marked": list(view.marked),
        },
    }
