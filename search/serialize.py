"""The one JSON shape of paragraphs and search results (CLI --json, export, the API, the index).

The indexer stores `paragraph_json` per paragraph; `paragraph_from_json` reverses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from search.models import (
    FACETS,
    Amount,
    Article,
    Hit,
    Paragraph,
    SearchResults,
    SourceSpan,
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
        "parks": list(paragraph.parks),
        "industries": list(paragraph.industries),
        "policy_types": list(paragraph.policy_types),
        "organizations": list(paragraph.organizations),
        "policy_documents": list(paragraph.policy_documents),
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


def paragraph_from_json(record: Mapping[str, Any]) -> Paragraph:
    """The Paragraph a `paragraph_json` dict was made from."""
    source = record["source"]
    return Paragraph(
        paragraph_id=record["paragraph_id"],
        article_id=record["article_id"],
        ordinal=int(record["ordinal"]),
        kind=record["kind"],
        text=record["text"],
        source=SourceSpan(source["file"], int(source["line_start"]), int(source["line_end"])),
        parks=tuple(record["parks"]),
        industries=tuple(record["industries"]),
        policy_types=tuple(record["policy_types"]),
        organizations=tuple(record["organizations"]),
        policy_documents=tuple(record["policy_documents"]),
        amounts=tuple(
            Amount(amount["text"], float(amount["value_yi_yuan"])) for amount in record["amounts"]
        ),
    )


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


def article_from_json(record: Mapping[str, Any], paragraphs: tuple[Paragraph, ...]) -> Article:
    """The Article an `article_metadata_json` dict was made from, with its paragraphs."""
    return Article(
        article_id=record["article_id"],
        title=record["title"],
        paragraphs=paragraphs,
        sources=tuple(record["sources"]),
        kicker=record["kicker"],
        subtitle=record["subtitle"],
        byline=record["byline"],
        authors=tuple(record["authors"]),
        date=record["date"],
        url=record["url"],
        subject_parks=tuple(record["subject_parks"]),
    )


def hit_json(hit: Hit) -> dict[str, Any]:
    """One search result: the paragraph fields of export plus `highlight` and `score`."""
    article = Article(hit.paragraph.article_id, hit.article_title, (), (), date=hit.date)
    result = paragraph_json(hit.paragraph, article)
    result["highlight"] = hit.highlight
    result["score"] = round(hit.score, 4)
    result["text_html"] = hit.text_html
    result["matches_in_article"] = hit.matches_in_article
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
