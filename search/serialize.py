"""The one JSON shape of paragraphs and search results (CLI --json, export, the API).

What the index stores is a separate, versioned codec: `search.storage.records`.
"""

from __future__ import annotations

from typing import Any

from search.engine.sources import SourceView
from search.fields import FACETS, TEXT_TAG_ATTRIBUTES
from search.models import (
    Article,
    Hit,
    Paragraph,
    SearchResults,
    StoredParagraph,
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
    result["partial"] = bool(hit.missing)
    result["missing"] = list(hit.missing)
    result["more_in_article"] = hit.more_in_article
    result["duplicates"] = hit.duplicates
    return result


def results_json(results: SearchResults) -> dict[str, Any]:
    """The search response of the API and `gaoxin search --json`."""
    return {
        "query": results.query,
        "parsed": results.parsed,
        "relaxed": results.relaxed,
        "total": results.total,
        "partial_total": results.partial_total,
        "ignored": list(results.ignored),
        "expansions": {word: list(forms) for word, forms in results.expansions.items()},
        "field": results.field,
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
            "marked": list(record.marked),
        },
    }
