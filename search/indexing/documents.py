"""The engine's Whoosh schema and documents: one per paragraph (text, facets, record), one per
article, and the content fingerprints that let a rebuild skip unchanged articles.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import columns, fields

from search.entities.taxonomy import DEFAULT_DIRECTORY
from search.models import Article
from search.serialize import article_metadata_json, paragraph_json
from search.storage.schema import FACET_SEPARATOR, build_schema
from search.text.normalize import normalize

ARTICLE_PREFIX = "article:"
SOURCE_PREFIX = "source:"
# The compact normalized text of a searchable paragraph (UTF-8), read to confirm exact matches.
PLAIN_FIELD = "plain"


def index_schema() -> fields.Schema:
    """`build_schema()` plus the plain-text column.

    The plain text is where exact matches are confirmed, and where each segment's n-gram
    postings (the exact field, `search.storage.ngrams`) are computed from at commit.
    """
    schema = build_schema()
    schema.add(PLAIN_FIELD, fields.COLUMN(columns.VarBytesColumn()))
    return schema


def plain_text(text: str) -> str:
    """Normalized text without whitespace: what the exact field's n-grams are cut from."""
    return "".join(char for char in normalize(text) if not char.isspace())


def fingerprint(article: Article, taxonomy_fingerprint: str) -> str:
    """A short hash of the untagged article and the vocabulary fingerprint."""
    # The untagged article plus the vocabulary: tagging reruns only when either changes. The
    # dataclass repr names every field in a fixed order and is 5x cheaper than asdict + JSON.
    payload = repr(article)
    return hashlib.sha256((taxonomy_fingerprint + payload).encode("utf-8")).hexdigest()[:24]


def taxonomy_fingerprint(taxonomy_dir: Path | None) -> str:
    """A hash of the vocabulary YAML files, so a changed vocabulary retags every article."""
    directory = taxonomy_dir or DEFAULT_DIRECTORY
    digest = hashlib.sha256()
    for path in sorted(Path(directory).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def paragraph_documents(article: Article, content_hash: str) -> Iterator[dict[str, Any]]:
    """One Whoosh document per paragraph; only body and heading paragraphs get text fields."""
    title = " ".join(part for part in (article.title, article.kicker, article.subtitle) if part)
    heading = ""
    for paragraph in article.paragraphs:
        document: dict[str, Any] = {
            "doctype": "paragraph",
            "paragraph_id": paragraph.paragraph_id,
            "article_id": article.article_id,
            "ordinal": paragraph.ordinal,
            "kind": paragraph.kind,
            "record": json.dumps(paragraph_json(paragraph, article), ensure_ascii=False),
            "content_hash": content_hash,
            "date": article.date,
        }
        if paragraph.kind == "heading":
            heading = paragraph.text
        if paragraph.searchable:
            document.update(text=paragraph.text, title=title)
            document[PLAIN_FIELD] = plain_text(paragraph.text).encode("utf-8")
            if heading:
                document["heading"] = heading
        facet_values = {
            "park": paragraph.parks,
            "industry": paragraph.industries,
            "policy_type": paragraph.policy_types,
            "organization": paragraph.organizations,
            "policy_document": paragraph.policy_documents,
            "year": (article.year,) if article.year else (),
        }
        for name, values in facet_values.items():
            if values:
                document[name] = FACET_SEPARATOR.join(values)
        yield document


def article_document(article: Article, content_hash: str, position: int) -> dict[str, Any]:
    """The article's metadata document; `position` is its place in the corpus."""
    return {
        "doctype": "article",
        "paragraph_id": ARTICLE_PREFIX + article.article_id,
        "article_id": article.article_id,
        "ordinal": position,
        "record": json.dumps(article_metadata_json(article), ensure_ascii=False),
        "content_hash": content_hash,
        "date": article.date,
    }
