"""The engine's Whoosh schema and documents: one per paragraph (text, facets, record), one per
article, and the content fingerprints that let a rebuild skip unchanged articles.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from search.entities.citations import cited_titles
from search.fields import facet_values
from search.ingest.decode import JSONL_SUFFIXES
from search.models import Article, Corpus, ParagraphWords
from search.storage import records
from search.storage.schema import (
    FACET_SEPARATOR,
    PLAIN_FIELD,
    REPRINT_KEY,
    TEXT_WORDS,
    VARIANT_FIELD,
    VARIANT_SEPARATOR,
)
from search.text.normalize import plain_text, reprint_key
from search.text.tokens import word_terms

ARTICLE_PREFIX = "article:"
SOURCE_PREFIX = "source:"


def fingerprint(article: Article, taxonomy_fingerprint: str) -> str:
    """A short hash of the untagged article and the vocabulary fingerprint.

    The fields are named here one by one (not `repr()` of the dataclass), so the fingerprint
    changes only when what is indexed changes; tagging reruns when it or the vocabulary does.
    """
    paragraphs = [
        (p.paragraph_id, p.ordinal, p.kind, p.text, p.source.file, p.source.line_start,
         p.source.line_end)
        for p in article.paragraphs
    ]  # fmt: skip
    content = [
        article.article_id, article.title, article.kicker, article.subtitle, article.byline,
        list(article.authors), article.date, article.url, list(article.sources), paragraphs,
        # Where each JSON Lines record sits (its digest covers the raw line kept for archives).
        [(r.file, r.line, r.record_id, r.offset, r.length, r.digest) for r in article.records],
    ]  # fmt: skip
    payload = json.dumps(content, ensure_ascii=False)
    return hashlib.sha256((taxonomy_fingerprint + payload).encode("utf-8")).hexdigest()[:24]


def source_files(corpus: Corpus) -> dict[str, str]:
    """The text files kept whole as source documents, for the source view: key -> sha256.

    JSON Lines files are not: their records are read from the file, or kept with their
    article for a compressed archive (their hashes go to the manifest, `record_files`).
    """
    return {SOURCE_PREFIX + name: corpus.files.get(name, "") for name in corpus.source_texts}


def record_files(corpus: Corpus) -> dict[str, str]:
    """The JSON Lines files of the corpus with the sha256 they had when read."""
    return {
        name: digest
        for name, digest in corpus.files.items()
        if name.lower().endswith(JSONL_SUFFIXES)
    }


def source_document(key: str, text: str, digest: str) -> dict[str, Any]:
    """The stored source document of one text file (see `source_files`): its whole `text` and
    the sha256 of its bytes."""
    return {
        "doctype": "source",
        "paragraph_id": key,
        "record": records.encode_source(key[len(SOURCE_PREFIX) :], text, digest),
        "content_hash": digest,
    }


def paragraph_words(article: Article) -> dict[str, list[str]]:
    """The words the index stores for each searchable paragraph's text, by paragraph id: cut
    once per build, before tagging, for the tagger and the writer (`paragraph_documents`)."""
    return {p.paragraph_id: word_terms(p.text) for p in article.paragraphs if p.searchable}


def paragraph_documents(
    article: Article, content_hash: str, indexed_at: int = 0, words: ParagraphWords | None = None
) -> Iterator[dict[str, Any]]:
    """One Whoosh document per paragraph; only body and heading paragraphs get text fields.

    `indexed_at`: when the article first entered the index (Unix seconds); `words`: the texts
    already cut (`paragraph_words`), which the writer stores instead of cutting them again."""
    title = " ".join(part for part in (article.title, article.kicker, article.subtitle) if part)
    heading = ""
    for paragraph in article.paragraphs:
        document: dict[str, Any] = {
            "doctype": "paragraph",
            "paragraph_id": paragraph.paragraph_id,
            "article_id": article.article_id,
            "ordinal": paragraph.ordinal,
            "kind": paragraph.kind,
            "record": records.encode_paragraph(paragraph, article),
            "content_hash": content_hash,
            "date": article.date,
            "indexed_at": indexed_at,
        }
        if paragraph.kind == "heading":
            heading = paragraph.text
        if paragraph.searchable:
            document.update(text=paragraph.text, title=title)
            if words is not None and paragraph.paragraph_id in words:
                document[TEXT_WORDS] = (paragraph.text, words[paragraph.paragraph_id])
            plain = plain_text(paragraph.text)
            document[PLAIN_FIELD] = plain.encode("utf-8")
            if plain:  # grouped with its reprints (an empty text is no one's reprint)
                document[REPRINT_KEY] = reprint_key(plain)
            if heading:
                document["heading"] = heading
        for name, values in facet_values(paragraph, article).items():
            if values:
                document[name] = FACET_SEPARATOR.join(values)
        variants = title_variants(paragraph.text, paragraph.policy_documents)
        if variants:
            document[VARIANT_FIELD] = FACET_SEPARATOR.join(variants)
        yield document


def title_variants(text: str, titles: tuple[str, ...]) -> list[str]:
    """The cited titles of `text` written otherwise than their canonical title (among `titles`,
    the paragraph's tags) as "<canonical>\x1e<as written>"."""
    return [
        canonical + VARIANT_SEPARATOR + written
        for canonical, written in cited_titles(text)
        if written != canonical and canonical in titles
    ]


def article_document(
    article: Article, content_hash: str, position: int, indexed_at: int = 0
) -> dict[str, Any]:
    """The article's metadata document; `position` is its place in the corpus."""
    return {
        "doctype": "article",
        "paragraph_id": ARTICLE_PREFIX + article.article_id,
        "article_id": article.article_id,
        "ordinal": position,
        "record": records.encode_article(article),
        "content_hash": content_hash,
        "date": article.date,
        "indexed_at": indexed_at,
        "first_indexed": indexed_at,
    }
