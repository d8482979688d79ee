"""The Whoosh schema (ids and stored fields), searched in a real index in RAM (the word fields'
traps of issue 4 are searched in their own postings files: tests/storage/test_words.py)."""

from __future__ import annotations

import uuid

import pytest
from corpus_fixtures import ANALYZER_TRAPS
from whoosh import query
from whoosh.filedb.filestore import RamStorage
from whoosh.searching import Searcher

from search.fields import FACETS
from search.storage.document_arrays import NUMBER_FIELDS, terms_of
from search.storage.schema import (
    EXACT_FIELD,
    FACET_SEPARATOR,
    FIELD_BOOSTS,
    VARIANT_FIELD,
    WORD_FIELDS,
    build_schema,
)

PARAGRAPHS = {
    **ANALYZER_TRAPS,
    "traditional": "臺北高新區管委會發佈新政策。",
    "word": "高新区推广新技术，新技术带动产业升级。",
    "inside": "企业入驻新技术开发区，享受开发区优惠。",
}


def make_index(paragraphs: dict[str, str], **extra: str):
    storage = RamStorage()
    # A name of its own: Whoosh's writer keeps temporary files in /tmp/<indexname>.tmp, which
    # other processes running tests at the same time would share (and delete) under "MAIN".
    name = f"schema_{uuid.uuid4().hex}"
    index = storage.create_index(build_schema(), indexname=name)
    writer = index.writer()
    for paragraph_id in paragraphs:
        writer.add_document(doctype="paragraph", paragraph_id=paragraph_id, **extra)
    writer.commit()
    return storage.open_index(
        indexname=name
    )  # reopen: the schema comes back unpickled from storage


@pytest.fixture(scope="module")
def searcher():
    index = make_index(PARAGRAPHS, article_id="0123456789ab")
    with index.searcher() as opened:
        yield opened


def found(searcher: Searcher, whoosh_query: query.Query) -> set[str]:
    return {hit["paragraph_id"] for hit in searcher.search(whoosh_query, limit=None)}


def test_schema_has_the_agreed_fields() -> None:
    assert set(build_schema().names()) == {
        "doctype", "paragraph_id", "article_id", "content_hash", "first_indexed",
    }  # fmt: skip
    # The word fields' postings live in `search.storage.words` files, the exact field's n-grams
    # in `search.storage.ngrams` files, the keyword fields and numbers in the per-document
    # arrays (`search.storage.document_arrays`): not in Whoosh.
    assert set(FIELD_BOOSTS) == {*WORD_FIELDS, EXACT_FIELD}
    outside = {*FIELD_BOOSTS, *FACETS, VARIANT_FIELD, *NUMBER_FIELDS, "kind", "date"}
    assert not outside & set(build_schema().names())


def test_documents_are_found_by_their_ids_after_reopening(searcher: Searcher) -> None:
    assert found(searcher, query.Term("paragraph_id", "word")) == {"word"}
    assert found(searcher, query.Term("article_id", "0123456789ab")) == set(PARAGRAPHS)
    assert found(searcher, query.Term("doctype", "paragraph")) == set(PARAGRAPHS)


def test_facet_values_stay_verbatim() -> None:
    value = FACET_SEPARATOR.join(["Zhangjiang Hi-Tech Park, Shanghai", "张江", "张江"])
    assert terms_of("park", value) == ["Zhangjiang Hi-Tech Park, Shanghai", "张江"]
