"""The records stored with each document: a versioned codec of their own, apart from the API's
JSON shape, read leniently (a key a newer build adds is ignored, a missing one takes its default).
"""

from __future__ import annotations

import functools
import json
from dataclasses import fields
from typing import Any

from search.models import Amount, Article, Paragraph, SourceRecord, SourceSpan, StoredParagraph

VERSION = 1


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names (`dataclasses.fields` walks the class on every call, and the
    build encodes every paragraph)."""
    return tuple(field.name for field in fields(cls))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, (Amount, SourceSpan, SourceRecord)):
        return {name: getattr(value, name) for name in _names(type(value))}
    return value


def _values(instance: Any) -> dict[str, Any]:
    return {name: _plain(getattr(instance, name)) for name in _names(type(instance))}


def _known(cls: type, record: dict[str, Any]) -> dict[str, Any]:
    """The record's values for `cls`'s fields; lists become tuples as the dataclasses hold."""
    names = {field.name for field in fields(cls)}
    return {
        key: tuple(value) if isinstance(value, list) else value
        for key, value in record.items()
        if key in names
    }


def encode_paragraph(paragraph: Paragraph, article: Article) -> str:
    """The stored record of a paragraph document."""
    record: dict[str, Any] = {"v": VERSION, "article_title": article.title, "date": article.date}
    record.update(_values(paragraph))
    return json.dumps(record, ensure_ascii=False)


def decode_paragraph(raw: str) -> StoredParagraph:
    """The paragraph a record was made from."""
    record = json.loads(raw)
    values = _known(Paragraph, record)
    values["source"] = SourceSpan(**_known(SourceSpan, record.get("source") or {}))
    values["amounts"] = tuple(Amount(**_known(Amount, item)) for item in record.get("amounts", ()))
    values["tag_evidence"] = tuple(
        (facet, value, tuple(phrases)) for facet, value, phrases in record.get("tag_evidence", ())
    )
    return StoredParagraph(
        Paragraph(**values), record.get("article_title", ""), record.get("date", "")
    )


def paragraph_id_of(raw: str) -> str | None:
    """The `paragraph_id` of a paragraph's record (None for an article's or a source's)."""
    return json.loads(raw).get("paragraph_id")


def encode_article(article: Article) -> str:
    """The stored record of an article document: its fields but the paragraphs."""
    record: dict[str, Any] = {"v": VERSION, "doctype": "article"}
    record.update(_values(article))
    record["paragraphs"] = [paragraph.paragraph_id for paragraph in article.paragraphs]
    return json.dumps(record, ensure_ascii=False)


def is_article(raw: str) -> bool:
    return json.loads(raw).get("doctype") == "article"


def decode_article(raw: str, paragraphs: tuple[Paragraph, ...]) -> Article:
    """The article a record was made from, with its (separately stored) paragraphs."""
    record = json.loads(raw)
    values = _known(Article, record)
    values["paragraphs"] = paragraphs
    values["records"] = tuple(
        SourceRecord(**_known(SourceRecord, item)) for item in record.get("records", ())
    )
    return Article(**values)


def encode_source(file: str, text: str, sha256: str = "") -> str:
    """The stored record of a text file kept whole for the source view, with its bytes' hash."""
    return json.dumps(
        {"v": VERSION, "file": file, "text": text, "sha256": sha256}, ensure_ascii=False
    )


def decode_source(raw: str) -> str:
    """The original text of a stored source file."""
    return json.loads(raw).get("text", "")


def decode_source_hash(raw: str) -> str:
    """The sha256 the stored source file had when it was read ("" when not recorded)."""
    return json.loads(raw).get("sha256", "")
