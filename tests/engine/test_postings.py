"""Posting arrays and vectorised BM25F agree with Whoosh's own matcher and scorer (same B and K1):
the word files (`search.storage.words`) and the n-gram files (`search.storage.ngrams`) with
Whoosh fields of the same words and n-grams."""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import pytest
from whoosh import fields, scoring
from whoosh import query as wq
from whoosh.analysis import Token as WhooshToken
from whoosh.analysis import Tokenizer
from whoosh.filedb.filestore import RamStorage

from search.engine import postings as postings_module
from search.engine.generation import Generation
from search.engine.postings import Postings
from search.text import tokens
from search.text.normalize import plain_text

# Text only: the title field's value (title, kicker and subtitle) is not all in the stored
# record; tests/storage/test_words.py recounts every word field.
TERMS = [("text", "生物医药"), ("text", "高新区"), ("text", "集成电路")]


@pytest.fixture(scope="module")
def generation(search_index_dir: Path):
    opened = Generation(search_index_dir)
    yield opened
    opened.close()


class _Tokenizer(Tokenizer):
    """Whoosh tokens of `search.text.tokens` (as the word and exact fields were indexed when
    Whoosh held them)."""

    def __init__(self, exact: bool = False) -> None:
        self.exact = exact

    def __call__(self, value: str, **options: object):
        token = WhooshToken(**{k: v for k, v in options.items() if k in ("mode", "removestops")})
        found = tokens.exact_tokens(value) if self.exact else tokens.word_tokens(value)
        for item in found:
            token.text, token.boost, token.stopped = item.text, 1.0, False
            yield token


def _whoosh_searcher(generation, schema: fields.Schema, values):
    """The generation's documents, numbered alike, in a Whoosh index of `schema`; `values`
    gives a searchable paragraph's field values."""
    # A name of its own: Whoosh's writer keeps temporary files in /tmp/<indexname>.tmp.
    index = RamStorage().create_index(schema, indexname=f"words_{uuid.uuid4().hex}")
    writer = index.writer()
    for docnum in range(generation.table.size):
        if generation.table.searchable[docnum]:
            writer.add_document(**values(generation.paragraph(docnum)))
        else:
            writer.add_document()
    writer.commit()
    # Whoosh's BM25F with the engine's parameters (its B default is 0.75, ours 0.5).
    weighting = scoring.BM25F(B=postings_module.B, K1=postings_module.K1)
    return index.searcher(weighting=weighting)


@pytest.fixture(scope="module")
def whoosh_words(generation):
    """The paragraphs' text in a Whoosh word field."""
    schema = fields.Schema(text=fields.TEXT(analyzer=_Tokenizer(), phrase=False))
    with _whoosh_searcher(
        generation,
        schema,
        lambda stored: {"text": stored.paragraph.text},
    ) as searcher:
        yield searcher


@pytest.mark.parametrize(("fieldname", "text"), TERMS)
def test_documents_and_scores_match_whoosh(generation, whoosh_words, fieldname, text) -> None:
    expected = {
        hit.docnum: hit.score for hit in whoosh_words.search(wq.Term(fieldname, text), limit=None)
    }
    assert expected, f"the test corpus should contain {text!r} in {fieldname}"
    documents, scores = generation.postings.scores(fieldname, text)
    assert documents.tolist() == sorted(expected)
    assert np.allclose(scores, [expected[doc] for doc in documents.tolist()])
    assert generation.postings.frequency(fieldname, text) == whoosh_words.doc_frequency(
        fieldname, text
    )


@pytest.fixture(scope="module")
def whoosh_ngrams(generation):
    """The same documents, numbered alike, with the n-grams in a Whoosh field."""
    schema = fields.Schema(exact=fields.TEXT(analyzer=_Tokenizer(exact=True), phrase=False))
    with _whoosh_searcher(
        generation, schema, lambda stored: {"exact": stored.paragraph.text}
    ) as searcher:
        yield searcher


@pytest.mark.parametrize("term", ["新技", "高新", "区", "a", "5g", ",", "众创"])
def test_ngram_postings_and_scores_match_a_whoosh_field(generation, whoosh_ngrams, term) -> None:
    expected = {
        hit.docnum: hit.score for hit in whoosh_ngrams.search(wq.Term("exact", term), limit=None)
    }
    assert expected, f"the test corpus should contain {term!r}"
    documents, scores = generation.postings.scores("exact", term)
    assert documents.tolist() == sorted(expected)
    assert np.allclose(scores, [expected[doc] for doc in documents.tolist()])


def test_an_unknown_term_has_no_documents(generation) -> None:
    documents, scores = generation.postings.scores("text", "不存在的词语")
    assert len(documents) == len(scores) == 0


def test_the_cache_stays_within_its_bound_and_still_answers(
    generation, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = Postings(generation.snapshot, generation.table.size)
    first = fresh.documents("text", "高新区")[0].copy()
    monkeypatch.setattr(postings_module, "CACHE_POSTINGS", len(first))
    for _, text in TERMS[:2]:
        fresh.documents("text", text)
    assert fresh.cached_postings <= max(len(first), len(fresh.documents("text", "生物医药")[0]))
    assert np.array_equal(fresh.documents("text", "高新区")[0], first)  # read again after eviction
    fresh.close()


@pytest.mark.parametrize("needle", ["众创空间", "高新区", "孵化器—加速器", "集成电路"])
def test_plain_text_confirms_exactly_the_paragraphs_containing_the_text(
    generation, needle: str
) -> None:
    candidates = np.nonzero(generation.table.searchable)[0]
    expected = [
        doc
        for doc in candidates.tolist()
        if plain_text(needle) in plain_text(generation.paragraph(doc).paragraph.text)
    ]
    assert expected, f"the test corpus should contain {needle!r}"
    assert generation.postings.containing(plain_text(needle), candidates).tolist() == expected
    assert len(generation.postings.containing("众创空间不存在", candidates)) == 0
