"""Per-document arrays written at build time: the same values a rebuild from the postings and
columns gives, after serial, parallel and incremental builds (deletions, merged segments)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import add_articles, build, write_small_corpus

from search.engine import reprints
from search.errors import IndexUnavailable
from search.indexing import parallel
from search.models import SearchRequest
from search.service import SearchService
from search.storage.document_arrays import NUMBER_FIELDS, STRING_FIELDS
from search.storage.manifest import MANIFEST_NAME
from search.storage.reader import Snapshot
from search.storage.schema import REPRINT_KEY

_NOT_WORD = re.compile(r"\W+")


def _from_postings(snapshot: Snapshot, fieldname: str) -> dict[str, list[int]]:
    """value -> docnums, read term by term from the postings (deleted documents left out)."""
    found: dict[str, list[int]] = {}
    for segment in snapshot.segments:
        for value, documents in segment.value_documents(fieldname):
            found.setdefault(value, []).extend((documents + segment.offset).tolist())
    return found


def _from_arrays(snapshot: Snapshot, fieldname: str) -> dict[str, list[int]]:
    values, owners, _, starts = snapshot.strings(fieldname)
    return {
        value: owners[starts[number] : starts[number + 1]].tolist()
        for number, value in enumerate(values)
    }


def _column_numbers(snapshot: Snapshot, fieldname: str) -> np.ndarray:
    numbers = np.zeros(snapshot.size, dtype=np.int64)
    for segment in snapshot.segments:
        column = segment.numbers(fieldname)
        if column is not None:
            numbers[segment.offset : segment.offset + len(column)] = column
    return numbers


def _reprint_partition(snapshot: Snapshot) -> set[frozenset[int]]:
    """Groups of live docnums whose plain texts agree without punctuation, from the plain text."""
    deleted = snapshot.deleted()
    groups: dict[str, set[int]] = {}
    for segment in snapshot.segments:
        plain = segment.plain_text()
        if plain is None:
            continue
        try:
            for local in np.flatnonzero(plain.ends > plain.starts).tolist():
                if not deleted[segment.offset + local]:
                    text = bytes(plain.data[plain.starts[local] : plain.ends[local]])
                    key = _NOT_WORD.sub("", text.decode("utf-8"))
                    groups.setdefault(key, set()).add(segment.offset + local)
        finally:
            plain.close()
    return {frozenset(members) for members in groups.values() if len(members) > 1}


def _array_partition(snapshot: Snapshot) -> set[frozenset[int]]:
    groups = reprints.duplicate_groups(snapshot)
    found: dict[int, set[int]] = {}
    for docnum in np.flatnonzero(groups >= 0).tolist():
        found.setdefault(int(groups[docnum]), set()).add(docnum)
    return {frozenset(members) for members in found.values()}


def assert_arrays_match_a_rebuild(index_dir: Path) -> Snapshot:
    snapshot = Snapshot(index_dir)
    try:
        for fieldname in STRING_FIELDS:
            assert _from_arrays(snapshot, fieldname) == _from_postings(snapshot, fieldname), (
                fieldname
            )
        for fieldname in NUMBER_FIELDS:
            if fieldname != REPRINT_KEY:
                expected = _column_numbers(snapshot, fieldname)
                assert snapshot.numbers(fieldname).tolist() == expected.tolist(), fieldname
        assert _array_partition(snapshot) == _reprint_partition(snapshot)
    finally:
        snapshot.close()
    return snapshot


def test_the_arrays_of_a_build_equal_a_rebuild_from_postings(search_index_dir: Path) -> None:
    snapshot = assert_arrays_match_a_rebuild(search_index_dir)
    assert snapshot.size > 100


def test_reprints_of_a_corpus_are_grouped(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    text = "西安高新区集成电路项目集中签约，总投资超过80亿元。"
    (corpus / "zz_copy.txt").write_text(f"转载\n\n{text.replace('，', ',')}\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    assert_arrays_match_a_rebuild(index_dir)
    with SearchService(index_dir) as service:
        hits = service.search(SearchRequest(query="集成电路 签约")).results
    assert [hit.duplicates for hit in hits if "签约" in hit.paragraph.text] == [1]


def test_arrays_follow_deletions_and_merges(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    # One build per change: small segments pile up until Whoosh merges them.
    for number in range(6):
        add_articles(corpus, number + 1, f"光伏{number}号", prefix=f"zz_round{number}_")
        (corpus / "zz_xian.txt").write_text(
            f"西安高新区项目签约\n\n西安高新区第{number}轮签约，总投资{number}亿元。\n",
            encoding="utf-8",
        )
        build(corpus, index_dir)
        snapshot = assert_arrays_match_a_rebuild(index_dir)
    assert len(snapshot.segments) < 7  # some were merged
    with SearchService(index_dir) as service:
        facets = service.search(SearchRequest(query="签约")).facets
        assert service.search(SearchRequest(query="第3轮")).total == 0  # replaced since
    assert any(bucket.value == "西安高新区" and bucket.count == 1 for bucket in facets["park"])


def test_a_parallel_build_writes_arrays_for_every_worker_segment(
    search_corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PARAGRAPHS", 1)
    index_dir = tmp_path / "index"
    build(search_corpus_dir, index_dir, processes=2)
    snapshot = assert_arrays_match_a_rebuild(index_dir)
    assert len(snapshot.segments) >= 2
    assert len(list(index_dir.glob("*.docs"))) == len(snapshot.segments)


def test_a_missing_arrays_file_makes_the_index_unavailable(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build(write_small_corpus(tmp_path / "corpus"), index_dir)
    for path in index_dir.glob("*.docs"):
        path.unlink()
    with pytest.raises(IndexUnavailable, match="damaged"):
        SearchService(index_dir).search(SearchRequest(query="高新区"))


def test_an_index_of_format_7_without_arrays_is_rebuilt(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    first = build(corpus, index_dir)
    for path in index_dir.glob("*.docs"):  # what a format-7 build left
        path.unlink()
    manifest = json.loads((index_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    (index_dir / MANIFEST_NAME).write_text(json.dumps({**manifest, "format_version": 7}))
    with pytest.raises(IndexUnavailable, match="format"):
        SearchService(index_dir).search(SearchRequest(query="高新区"))
    rebuilt = build(corpus, index_dir)
    assert rebuilt.added == first.articles
    assert_arrays_match_a_rebuild(index_dir)
