"""Stored paragraphs and articles of one generation, looked up by their ids."""

from __future__ import annotations

from search.engine.generation import Generation
from search.errors import NotFound
from search.indexing.documents import ARTICLE_PREFIX, SOURCE_PREFIX
from search.models import Article, StoredParagraph
from search.storage import records


def stored_paragraph(generation: Generation, paragraph_id: str) -> StoredParagraph:
    # Through its article (Whoosh indexes no paragraph id); articles and stored source files
    # have ids of their own prefixes, which no paragraph id has.
    found = None
    if not paragraph_id.startswith((ARTICLE_PREFIX, SOURCE_PREFIX)):
        found = generation.paragraph_record(paragraph_id)
    if found is None:
        raise NotFound(f"索引中没有这个段落 / no paragraph {paragraph_id[:40]!r} in the index")
    return records.decode_paragraph(found)


def article(generation: Generation, article_id: str) -> Article:
    found = generation.records(article_id=article_id)
    metadata = [raw for raw in found if records.is_article(raw)]
    if not metadata:
        raise NotFound(f"索引中没有这篇文章 / no article {article_id[:40]!r} in the index")
    paragraphs = sorted(
        (records.decode_paragraph(raw).paragraph for raw in found if not records.is_article(raw)),
        key=lambda paragraph: paragraph.ordinal,
    )
    return records.decode_article(metadata[0], tuple(paragraphs))
