"""The Whoosh schema with our tokenizers: every trap of issue 4 searched in a real index in RAM."""

from __future__ import annotations

import pickle
import uuid

import pytest
from corpus_fixtures import ANALYZER_TRAPS
from whoosh import query
from whoosh.filedb.filestore import RamStorage
from whoosh.searching import Searcher

from search.fields import FACETS
from search.storage.schema import (
    EXACT_FIELD,
    FACET_SEPARATOR,
    FIELD_BOOSTS,
    VARIANT_FIELD,
    WordTokenizer,
    build_schema,
)
from search.text.tokens import word_tokens

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
    for paragraph_id, text in paragraphs.items():
        writer.add_document(doctype="paragraph", paragraph_id=paragraph_id, text=text, **extra)
    writer.commit()
    return storage.open_index(
        indexname=name
    )  # reopen: the schema comes back unpickled from storage


@pytest.fixture(scope="module")
def searcher():
    index = make_index(
        PARAGRAPHS, park=FACET_SEPARATOR.join(["Zhangjiang Hi-Tech Park, Shanghai", "张江"])
    )
    with index.searcher() as opened:
        yield opened


def found(searcher: Searcher, whoosh_query: query.Query) -> set[str]:
    return {hit["paragraph_id"] for hit in searcher.search(whoosh_query, limit=None)}


def words(text: str) -> list[str]:
    return [token.text for token in word_tokens(text, mode="query")]


def word_query(text: str) -> query.Query:
    # Word fields keep no positions (no phrases): every input here is one word.
    (term,) = words(text)
    return query.Term("text", term)


def test_schema_has_the_agreed_fields() -> None:
    assert set(build_schema().names()) == {
        "doctype", "paragraph_id", "article_id", "ordinal", "kind", "text", "title",
        "heading", "record", "content_hash", "date", "indexed_at", "first_indexed", *FACETS,
        VARIANT_FIELD,
    }  # fmt: skip
    # The exact field's n-grams live in `search.storage.ngrams` files, not in Whoosh.
    assert set(FIELD_BOOSTS) - {EXACT_FIELD} <= set(build_schema().names())


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1+2+1", "formula"),
        ("7", "formula"),
        ("ai", "fullwidth"),
        ("AI", "fullwidth"),
        ("2023", "fullwidth"),
        ("5G", "fullwidth"),
        ("COP15", "fullwidth"),
        ("ABL5-3", "gene"),
        ("马克思", "marx"),
    ],
)
def test_single_tokens_are_searchable_on_the_word_field(
    searcher: Searcher, typed: str, expected: str
) -> None:
    assert expected in found(searcher, word_query(typed))


def test_traditional_and_simplified_find_each_other(searcher: Searcher) -> None:
    assert found(searcher, word_query("高新區")) == {"simplified", "traditional", "word"}


def test_facet_values_stay_verbatim(searcher: Searcher) -> None:
    assert len(found(searcher, query.Term("park", "Zhangjiang Hi-Tech Park, Shanghai"))) == 9
    assert found(searcher, query.Term("park", "zhangjiang hi-tech park, shanghai")) == set()
    assert found(searcher, query.Term("park", "张江")) == set(PARAGRAPHS)


def test_tokenizers_report_positions_and_offsets_into_the_original() -> None:
    raw = "ＡＩ芯片落户高新區"
    tokens = [
        (token.text, token.pos, raw[token.startchar : token.endchar])
        for token in WordTokenizer()(raw, positions=True, chars=True, mode="index")
    ]
    assert tokens == [
        ("ai", 0, "ＡＩ"),
        ("芯片", 1, "芯片"),
        ("落户", 2, "落户"),
        ("高新区", 3, "高新區"),
    ]


def test_tokenizers_survive_pickling_as_whoosh_stores_them() -> None:
    schema = pickle.loads(pickle.dumps(build_schema()))
    assert schema["text"].analyzer == WordTokenizer()
