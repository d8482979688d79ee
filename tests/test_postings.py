"""Posting arrays and vectorised BM25F agree with Whoosh's own matcher and scorer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq

from search import postings as postings_module
from search.generation import Generation
from search.postings import Postings

TERMS = [("text", "生物医药"), ("text", "高新区"), ("exact", "新技"), ("title", "集成电路")]


@pytest.fixture(scope="module")
def generation(search_index_dir: Path):
    opened = Generation(search_index_dir)
    yield opened
    opened.close()


@pytest.mark.parametrize(("fieldname", "text"), TERMS)
def test_documents_and_scores_match_whoosh(generation, fieldname: str, text: str) -> None:
    searcher = generation.searcher
    expected = {
        hit.docnum: hit.score
        for hit in searcher.search(wq.Term(fieldname, text), limit=None)
        if generation.table.searchable[hit.docnum] or fieldname == "title"
    }
    assert expected, f"the test corpus should contain {text!r} in {fieldname}"
    documents, scores = generation.postings.scores(fieldname, text)
    found = dict(zip(documents.tolist(), scores.tolist(), strict=True))
    assert set(expected) <= set(found)
    assert np.allclose([found[doc] for doc in expected], list(expected.values()))


def test_an_unknown_term_has_no_documents(generation) -> None:
    documents, scores = generation.postings.scores("text", "不存在的词语")
    assert len(documents) == len(scores) == 0


def test_the_cache_stays_within_its_bound_and_still_answers(
    generation, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = Postings(generation.searcher, generation.table.size)
    first = fresh.documents("text", "高新区")[0].copy()
    monkeypatch.setattr(postings_module, "CACHE_POSTINGS", len(first))
    for _, text in TERMS[:2]:
        fresh.documents("text", text)
    assert fresh._cached <= max(len(first), len(fresh.documents("text", "生物医药")[0]))
    assert np.array_equal(fresh.documents("text", "高新区")[0], first)  # read again after eviction


def test_plain_text_confirms_only_adjacent_text(generation) -> None:
    candidates = np.nonzero(generation.table.searchable)[0]
    found = generation.postings.containing("众创空间", candidates)
    records = [generation.stored(doc)["text"] for doc in found]
    assert records and all("众创空间" in text for text in records)
    assert len(generation.postings.containing("众创空间不存在", candidates)) == 0
