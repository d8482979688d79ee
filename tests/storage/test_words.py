"""The word postings files: what a search reads for text, title and heading equals a recount of
the documents' words, across new segments, merges, deletions and replacements."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from corpus_fixtures import ANALYZER_TRAPS
from whoosh.util.numeric import byte_to_length, length_to_byte

from search.errors import IndexUnavailable
from search.storage import index as storage_index
from search.storage import word_postings, words
from search.storage.manifest import record_generation
from search.storage.reader import Snapshot
from search.storage.schema import WORD_FIELDS
from search.text.tokens import word_tokens

TITLES = ["青岛高新区生物医药产业加速集聚", "长春新区发布人工智能扶持政策", ""]
TEXTS = [
    "高新区推广新技术，新技术带动产业升级。",
    "企业入驻新技术开发区，享受开发区优惠。",
    "区内众创空间为初创企业提供研发场地和融资服务，高新区高新区。",
    *ANALYZER_TRAPS.values(),
]


def _document(number: int, version: int = 0) -> dict[str, object]:
    text = TEXTS[number % len(TEXTS)] + ("再版" * version)
    document: dict[str, object] = {
        "doctype": "paragraph",
        "paragraph_id": f"p{number}",
        "article_id": f"a{number}",
        "record": f"p{number}",
        "text": text,
        "title": TITLES[number % len(TITLES)],
    }
    if number % 4 == 1:
        document["heading"] = "第二章 高新区"
    return document


def _commit(index_dir: Path, documents: list[dict], delete=(), optimize=False) -> None:
    index = storage_index.prepare_directory(index_dir)
    writer = storage_index.serial_writer(index, time.monotonic() + 10)
    for article_id in delete:
        writer.delete_by_term("article_id", article_id)
    for document in documents:  # replaced as a build replaces an article's documents
        if "article_id" in document:
            writer.delete_by_term("article_id", document["article_id"])
        writer.add_document(**document)
    counts = {"articles": 0, "paragraphs": 0, "sources": 0}
    if optimize:  # every live document merged into one segment
        writer.commit(optimize=True)
        record_generation(index_dir, counts)
    else:
        storage_index.commit(index, writer, counts)


def _recount(snapshot: Snapshot, documents: dict[str, dict]) -> dict[tuple[str, str], dict]:
    """(field, term) -> {docnum: frequency} over the live documents, from their texts."""
    expected: dict[tuple[str, str], dict[int, int]] = {}
    deleted = snapshot.deleted()
    for docnum in range(snapshot.size):
        if deleted[docnum]:
            continue
        document = documents[snapshot.stored_record(docnum)]
        for fieldname in WORD_FIELDS:
            if document.get(fieldname) is None:
                continue
            counts = Counter(token.text for token in word_tokens(document[fieldname]))
            for term, count in counts.items():
                expected.setdefault((fieldname, term), {})[docnum] = count
    return expected


def _read(snapshot: Snapshot, fieldname: str, term: str) -> dict[int, int]:
    deleted = snapshot.deleted()
    found = {}
    for segment in snapshot.segments:
        documents, frequencies = segment.postings(fieldname, term)
        for docnum, frequency in zip(documents.tolist(), frequencies.tolist(), strict=True):
            if not deleted[docnum + segment.offset]:
                found[docnum + segment.offset] = int(frequency)
    return found


def _assert_equal_to_recount(index_dir: Path, documents: dict[str, dict]) -> None:
    snapshot = Snapshot(index_dir)
    try:
        expected = _recount(snapshot, documents)
        assert expected
        for (fieldname, term), postings in expected.items():
            assert _read(snapshot, fieldname, term) == postings, (fieldname, term)
            assert snapshot.document_frequency(fieldname, term) >= len(postings)
        assert _read(snapshot, "text", "不在语料里的词") == {}
        deleted = snapshot.deleted()
        for segment in snapshot.segments:
            lengths = segment.encoded_lengths("text") or b""
            for local, encoded in enumerate(lengths):
                if not deleted[segment.offset + local]:
                    document = documents[snapshot.stored_record(segment.offset + local)]
                    length = len(word_tokens(str(document["text"])))
                    assert encoded == length_to_byte(length)
    finally:
        snapshot.close()


def test_postings_equal_a_recount_through_merges_deletions_and_replacements(
    tmp_path: Path,
) -> None:
    documents = {f"p{n}": _document(n) for n in range(40)}
    _commit(tmp_path, list(documents.values())[:25])
    _assert_equal_to_recount(tmp_path, documents)
    for number in range(3):  # small commits: the merge policy folds segments together
        added = [_document(n) for n in range(25 + 5 * number, 30 + 5 * number)]
        replaced = [_document(n, version=number + 1) for n in (3 * number, 3 * number + 1)]
        for document in (*added, *replaced):
            documents[str(document["paragraph_id"])] = document
        _commit(tmp_path, added + replaced, delete=[f"a{20 + number}"])
        _assert_equal_to_recount(tmp_path, documents)
    _commit(tmp_path, [], optimize=True)  # one segment: every live document merged in
    _assert_equal_to_recount(tmp_path, documents)
    assert len(list(tmp_path.glob(f"*{word_postings.SUFFIX}"))) == 1


def test_average_lengths_count_as_whoosh_counted_them(tmp_path: Path) -> None:
    documents = [_document(n) for n in range(12)]
    for number, document in enumerate(documents):  # long titles: their byte is approximate
        document["title"] = " ".join(["高新区"] * (37 + 13 * number))
    _commit(tmp_path, documents)
    exact = sum(len(word_tokens(str(d["title"]))) for d in documents)
    snapshot = Snapshot(tmp_path)
    try:  # added documents: the exact lengths
        assert snapshot.average_length("title") == exact / snapshot.size
    finally:
        snapshot.close()
    _commit(tmp_path, [], optimize=True)
    decoded = sum(
        byte_to_length(length_to_byte(len(word_tokens(str(d["title"]))))) for d in documents
    )
    snapshot = Snapshot(tmp_path)
    try:  # merged documents: Whoosh copies the lengths decoded from their byte
        assert snapshot.average_length("title") == decoded / snapshot.size != exact / snapshot.size
    finally:
        snapshot.close()


@pytest.fixture(scope="module")
def traps_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("traps")
    traps = [
        {"paragraph_id": key, "record": key, "text": text} for key, text in ANALYZER_TRAPS.items()
    ]
    _commit(index_dir, traps)
    return index_dir


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
        ("高新區", "simplified"),
    ],
)
def test_analyzer_traps_are_found_by_their_query_words(
    traps_index: Path, typed: str, expected: str
) -> None:
    (term,) = [token.text for token in word_tokens(typed, mode="query")]
    snapshot = Snapshot(traps_index)
    try:
        found = {snapshot.stored_record(docnum) for docnum in _read(snapshot, "text", term)}
    finally:
        snapshot.close()
    assert expected in found


def test_a_written_file_reads_back_and_a_damaged_one_is_refused(tmp_path: Path) -> None:
    collector = words.Collector()
    for number in range(300):  # more keys than one sampled block
        collector.add(words.tokenize({"text": f"词{number} 高新区", "title": "标题"}))
    arrays = collector.arrays()
    path = tmp_path / f"MAIN_test{word_postings.SUFFIX}"
    word_postings.write(path, arrays)
    opened = word_postings.WordPostings(path)
    try:
        again = opened.arrays()
        documents, frequencies = opened.postings("text", "高新区")
        assert documents.tolist() == list(range(300)) and set(frequencies.tolist()) == {1.0}
        assert opened.document_frequency("title", "标题") == 300
        assert opened.document_frequency("heading", "标题") == 0
    finally:
        opened.close()
    assert again.keys == arrays.keys and again.totals == arrays.totals
    assert again.documents.tolist() == arrays.documents.tolist()
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ValueError, match="truncated"):
        word_postings.WordPostings(path)


def test_one_fields_terms_are_read_alone_across_sampled_blocks(tmp_path: Path) -> None:
    collector = words.Collector()
    expected: dict[str, set[str]] = {"text": set(), "title": set()}
    for number in range(300):  # text keys span several sampled blocks on both sides of title
        terms = words.tokenize({"text": f"词{number}", "title": f"标题{number % 7}"})
        collector.add(terms)
        for fieldname, found in terms.items():
            expected[fieldname].update(found)
    arrays = collector.arrays()
    path = tmp_path / f"MAIN_test{word_postings.SUFFIX}"
    word_postings.write(path, arrays)
    opened = word_postings.WordPostings(path)
    try:
        assert opened.terms("title") == sorted(expected["title"]) and len(expected["title"]) == 8
        assert opened.terms("text") == sorted(expected["text"]) and len(expected["text"]) > 256
        assert opened.terms("heading") == []
    finally:
        opened.close()


def test_an_index_missing_its_word_postings_is_damaged(tmp_path: Path) -> None:
    _commit(tmp_path, [_document(n) for n in range(5)])
    for path in tmp_path.glob(f"*{word_postings.SUFFIX}"):
        path.unlink()
    with pytest.raises(IndexUnavailable, match="rebuild"):
        Snapshot(tmp_path)


def test_every_key_and_none_between_them_is_found_across_sampled_blocks(tmp_path: Path) -> None:
    """A lookup finds each present key and no absent one next to it (before, after, longer,
    shorter; code points beyond the BMP and a lone surrogate too)."""
    collector = words.Collector()
    for number in range(400):  # CJK and astral characters each one term, Latin words
        text = f"{chr(0x4E00 + number)} {chr(0x20000 + number % 50)} abc{number} 高新区"
        collector.add(words.tokenize({"text": text, "title": text[:3]}))
    arrays = collector.arrays()
    path = tmp_path / f"MAIN_test{word_postings.SUFFIX}"
    word_postings.write(path, arrays)
    starts = arrays.starts.tolist()
    recount = {key: starts[n + 1] - starts[n] for n, key in enumerate(arrays.keys)}
    opened = word_postings.WordPostings(path)
    try:
        for fieldname in ("text", "title"):
            present = opened.terms(fieldname)
            assert len(present) > 5
            for term in present:
                nearby = [term[:-1], term + "\x00", term + chr(0x10FFFF), "\ud800" + term]
                nearby.append(term[:-1] + chr(ord(term[-1]) + 1))
                count = recount[words.term_key(fieldname, term)]
                assert opened.document_frequency(fieldname, term) == count > 0
                for absent in set(nearby) - set(present):
                    assert opened.document_frequency(fieldname, absent) == 0, absent
        assert any(ord(max(term)) > 0xFFFF for term in opened.terms("text"))
    finally:
        opened.close()
