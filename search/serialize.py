"""The one JSON shape of paragraphs and search results (CLI --json, export, the API).

What the index stores is a separate, versioned codec: `search.storage.records`.
"""

from __future__ import annotations

from typing import Any

from search.fields import FACETS, TEXT_TAG_ATTRIBUTES
from search.models import (
    Article,
    Hit,
    Paragraph,
    SearchResults,
    StoredParagraph,
    Trends,
)


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


def article_metadata_json(article: Article) -> dict[str, Any]:
    """The article's own fields (no paragraphs) plus its paragraph ids in reading order."""
    return {
        "article_id": article.article_id,
        "title": article.title,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "authors": list(article.authors),
        "date": article.date,
        "url": article.url,
        "subject_parks": list(article.subject_parks),
        "sources": list(article.sources),
        "paragraph_ids": [paragraph.paragraph_id for paragraph in article.paragraphs],
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
    return result


def results_json(results: SearchResults) -> dict[str, Any]:
    """The search response of the API and `gaoxin search --json`."""
    return {
        "query": results.query,
        "parsed": results.parsed,
        "relaxed": results.relaxed,
        "total": results.total,
        "page": results.page,
        "per_page": results.per_page,
        "sort": results.sort,
        "group": results.group,
        "results": [hit_json(hit) for hit in results.results],
        "facets": {
            name: [
                {"value": bucket.value, "count": bucket.count, "selected": bucket.selected}
                for bucket in results.facets.get(name, ())
            ]
            for name in FACETS
        },
    }


def trends_json(trends: Trends) -> dict[str, Any]:
    """The response of `GET /api/trends` and `gaoxin trends --json`."""
    return {
        "interval": trends.interval,
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
