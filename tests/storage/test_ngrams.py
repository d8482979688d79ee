"""The exact field's n-gram files: the same n-grams as `exact_tokens`, one file per segment."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import add_articles, build, write_small_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from search.errors import IndexUnavailable
from search.models import SearchRequest
from search.service import SearchService
from search.storage import ngrams
from search.storage.manifest import open_index
from search.text.normalize import plain_text
from search.text.tokens import exact_query_terms, exact_tokens

HAN = "高新区技术开发园张江马克思产业创新科中关村區發展"
LATIN = "abcXYZ0123456789"
FULL_WIDTH = "ＡＩ２０Ｇ"
PUNCTUATION = "，。、“”〔〕+-./ 　\n"
ASTRAL = "𠀀😀"  # beyond the Basic Multilingual Plane: four bytes in UTF-8
paragraphs = st.text(
    alphabet=st.sampled_from(HAN + LATIN + FULL_WIDTH + PUNCTUATION + ASTRAL), max_size=60
)
WIDE = {ord(char): chr(ord(char) - 0xFEE0) for char in FULL_WIDTH}


def _per_document(arrays: ngrams.NgramArrays) -> list[dict[int, int]]:
    found: list[dict[int, int]] = [{} for _ in arrays.lengths]
    for number, key in enumerate(arrays.terms.tolist()):
        start, end = arrays.starts[number], arrays.starts[number + 1]
        for document, frequency in zip(
            arrays.documents[start:end].tolist(),
            arrays.frequencies[start:end].tolist(),
            strict=True,
        ):
            found[document][key] = frequency
    return found


def _expected(text: str) -> dict[int, int]:
    counts = Counter(token.text for token in exact_tokens(text))
    return {ngrams.term_key(term): count for term, count in counts.items()}


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(paragraphs, max_size=6))
def test_the_ngrams_are_those_of_exact_tokens(texts: list[str]) -> None:
    arrays = ngrams.build([plain_text(text).encode("utf-8") for text in texts])
    assert _per_document(arrays) == [_expected(text) for text in texts]
    # The field length Whoosh gave the exact field: its number of n-grams.
    assert arrays.lengths.tolist() == [len(exact_tokens(text)) for text in texts]
    assert arrays.terms.tolist() == sorted(set(arrays.terms.tolist()))


def qualifies(substring: str) -> bool:
    """The guarantee's scope: at least one Han char, or at least two Latin/digit chars."""
    latin = sum(char.isascii() and char.isalnum() for char in substring.translate(WIDE))
    return any(char in HAN for char in substring) or latin >= 2


@settings(max_examples=200, deadline=None)
@given(paragraph=paragraphs.filter(bool), data=st.data())
def test_every_substring_has_its_ngram_chain_in_the_paragraph(
    paragraph: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(paragraph) - 1))
    substring = paragraph[start : data.draw(st.integers(start + 1, len(paragraph)))]
    if not qualifies(substring):
        return
    arrays = ngrams.build([plain_text(paragraph).encode("utf-8"), "其他".encode()])
    having = _per_document(arrays)
    for term in exact_query_terms(substring):
        assert ngrams.term_key(term) in having[0]
    assert plain_text(substring) in plain_text(paragraph)  # what the confirmation looks for


def test_a_written_file_reads_back_through_its_memory_map(tmp_path: Path) -> None:
    texts = ["高新区高新", "", "ＡＩ芯片", "区"]
    arrays = ngrams.build([plain_text(text).encode("utf-8") for text in texts])
    path = tmp_path / "MAIN_test.ngrams"
    ngrams.write(path, arrays)
    opened = ngrams.NgramFile(path)
    documents, frequencies = opened.postings(ngrams.term_key("高新"))
    assert documents.tolist() == [0] and frequencies.tolist() == [2]
    assert opened.postings(ngrams.term_key("区"))[0].tolist() == [0, 3]
    assert opened.postings(ngrams.term_key("ai"))[0].tolist() == [2]
    assert len(opened.postings(ngrams.term_key("无"))[0]) == 0
    assert opened.lengths.tolist() == arrays.lengths.tolist() == [9, 0, 7, 1]
    assert opened.total_length() == 17
    opened.close()
    path.write_bytes(b"not ours" + path.read_bytes()[8:])
    with pytest.raises(ValueError, match="not an n-gram"):
        ngrams.NgramFile(path)
    path.write_bytes(path.read_bytes()[:20])
    with pytest.raises(ValueError, match="truncated"):
        ngrams.NgramFile(path)


def test_every_term_of_a_large_dictionary_is_found(tmp_path: Path) -> None:
    # Several blocks of keys (ngrams.STRIDE each): the first, the last, and the ones between.
    characters = [chr(code) for code in range(0x4E00, 0x4E00 + 3 * ngrams.STRIDE + 7)]
    texts = ["".join(characters[number::5]) for number in range(5)]
    path = tmp_path / "MAIN_large.ngrams"
    ngrams.write(path, ngrams.build([text.encode("utf-8") for text in texts]))
    opened = ngrams.NgramFile(path)
    for number, text in enumerate(texts):
        for char in text:
            assert opened.postings(ngrams.term_key(char))[0].tolist() == [number]
        assert opened.postings(ngrams.term_key(text[:2]))[0].tolist() == [number]
    for missing in ("\u4dff", "\u9fff", "a", text[1] + text[0]):
        assert len(opened.postings(ngrams.term_key(missing))[0]) == 0
    opened.close()


def _segments_and_files(index_dir: Path) -> tuple[set[str], set[str]]:
    with open_index(index_dir).reader() as reader:
        leaves = [leaf for leaf, _ in reader.leaf_readers() if leaf.doc_count_all()]
        segments = {leaf.segment().segment_id() for leaf in leaves}
    files = {path.name[: -len(ngrams.SUFFIX)] for path in index_dir.glob(f"*{ngrams.SUFFIX}")}
    return segments, files


def test_every_segment_has_its_file_through_incremental_builds(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    for number in range(6):  # small segments pile up until Whoosh merges them
        add_articles(corpus, 1, f"孵化器第{number}号", prefix=f"zz{number}_")
        build(corpus, index_dir)
        segments, files = _segments_and_files(index_dir)
        assert segments == files  # merged-away segments took their files with them
    with SearchService(index_dir) as service:
        for number in range(6):
            # The exact field (inside a word, quoted) finds text in merged segments too.
            results = service.search(SearchRequest(query=f'"器第{number}号"'))
            assert results.total == 1, number


def test_a_missing_ngram_file_makes_the_index_unavailable_not_wrong(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    next(index_dir.glob(f"*{ngrams.SUFFIX}")).unlink()
    with pytest.raises(IndexUnavailable), SearchService(index_dir) as service:
        service.search(SearchRequest(query="高新区"))


def test_frequencies_beyond_the_field_type_are_capped() -> None:
    arrays = ngrams.build([("园" * 70_000).encode("utf-8")])
    found = dict(zip(arrays.terms.tolist(), arrays.frequencies.tolist(), strict=True))
    assert found[ngrams.term_key("园")] == np.iinfo(np.uint16).max
    assert arrays.lengths.tolist() == [139_999]


def test_segments_too_large_to_pack_count_alike() -> None:
    # Past 2**21 documents a (key, document) pair no longer fits one integer: sorted as pairs.
    texts = ["高新区高新", "", "ＡＩ芯片", "区", "ab ab", "高新"]
    encoded = [plain_text(text).encode("utf-8") for text in texts]
    packed = ngrams.build(encoded)
    paired = ngrams.build(encoded, document_bits=1)
    assert _per_document(paired) == _per_document(packed) == [_expected(t) for t in texts]


def test_a_segment_of_over_a_million_ngrams_counts_every_run_once() -> None:
    # Counted a block of sorted pairs at a time: runs of one n-gram in one paragraph must not
    # be split where a block ends (a small alphabet makes long runs).
    generator = random.Random(17)
    texts = ["".join(generator.choices("高新区园", k=200)) for _ in range(3_000)]
    arrays = ngrams.build([text.encode("utf-8") for text in texts])
    assert len(arrays.lengths) * 399 == int(arrays.lengths.sum()) > 1_000_000
    assert _per_document(arrays) == [_expected(text) for text in texts]
