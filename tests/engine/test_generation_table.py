"""A generation's merged per-document arrays, written by the build after its commit and mapped
when the generation opens: equal to merging the segments again (after a build, an append, a
replacement and Whoosh's merges), and a generation without a matching table still answers the
same, merged at open."""

from __future__ import annotations

import bisect
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import add_articles, build, write_small_corpus

from search.engine import facets, generation_table, reprints
from search.engine.columns import FieldColumn
from search.engine.postings import Postings
from search.indexing import parallel, tables
from search.ingest.resident import Resident
from search.models import SearchRequest
from search.service import SearchService
from search.storage import generation_file
from search.storage.generation_file import StringList
from search.storage.reader import Snapshot

_REQUESTS = (
    SearchRequest(query="高新区", per_page=50),
    SearchRequest(query="高新区", per_page=50, sort="date"),
    SearchRequest(query="签约", per_page=50, sort="indexed", group="article"),
    SearchRequest(query="", per_page=50, sort="article"),
    SearchRequest(query="扩容", per_page=50, date_from="2000"),
)


@pytest.fixture(autouse=True)
def every_build_writes_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """These corpora are small: let every build count as large enough for a table."""
    monkeypatch.setattr(tables, "TABLE_MIN_ARTICLES", 1)


def _assert_columns_equal(mapped: FieldColumn, merged: FieldColumn) -> None:
    assert list(mapped.values) == list(merged.values)
    for part in ("owners", "value_ids", "starts"):
        np.testing.assert_array_equal(getattr(mapped, part), getattr(merged, part), part)
    for found, expected in zip(mapped.by_document, merged.by_document, strict=True):
        if expected is None:
            assert found is None
        else:
            np.testing.assert_array_equal(found, expected)


def assert_table_matches_a_merge(index_dir: Path) -> None:
    """The newest generation opens from its table, which equals merging its segments now."""
    with closing(Snapshot(index_dir)) as snapshot:
        opened = generation_table.open_table(snapshot)
        assert opened.mapped is not None, "the build wrote no table for its generation"
        table, merged = opened.table, facets.build_table(snapshot)
        for name in generation_table.TABLE_ARRAYS:
            found, expected = getattr(table, name), getattr(merged, name)
            np.testing.assert_array_equal(found, expected, name)
            assert found.dtype == expected.dtype, name
        assert list(table.article_ids) == list(merged.article_ids)
        assert table.columns.keys() == merged.columns.keys()
        for name, column in merged.columns.items():
            _assert_columns_equal(table.columns[name], column)
        assert table.articles is not None and merged.articles is not None
        _assert_columns_equal(table.articles, merged.articles)
        np.testing.assert_array_equal(opened.duplicates, reprints.duplicate_groups(snapshot))
        with closing(Postings(snapshot, snapshot.size)) as postings:
            for name in generation_table.LENGTH_FIELDS:
                expected = postings.length_bytes(name)
                np.testing.assert_array_equal(opened.length_bytes[name], expected, name)
        opened.mapped.close()


def _answers(index_dir: Path) -> list[object]:
    with SearchService(index_dir) as service:
        return [service.search(request) for request in _REQUESTS]


def test_builds_appends_replacements_and_merges_write_the_generation_table(
    tmp_path: Path,
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    assert_table_matches_a_merge(index_dir)
    generations = set()
    (index_dir / "gaoxin-generation-0.table.tmp").write_bytes(b"cut short by a kill")
    for number in range(6):  # small segments pile up until Whoosh merges them
        add_articles(corpus, number + 1, f"光伏{number}号", prefix=f"zz_round{number}_")
        (corpus / "zz_xian.txt").write_text(  # replaced every round: deletions
            f"西安高新区项目签约\n\n西安高新区第{number}轮签约，总投资{number}亿元。\n",
            encoding="utf-8",
        )
        build(corpus, index_dir)
        assert_table_matches_a_merge(index_dir)
        with closing(Snapshot(index_dir)) as snapshot:
            generations.add(snapshot.generation)
            segments = len(snapshot.segments)
        names = [path.name for path in index_dir.iterdir()]
        table_files = [name for name in names if generation_file.is_table_file(name)]
        assert len(table_files) == 1, "tables of older generations are removed"
        assert "gaoxin-generation-0.table.tmp" not in names  # and what a killed build left
    assert len(generations) == 6 and segments < 7  # some segments were merged


def test_a_parallel_build_writes_the_generation_table(
    search_corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PARAGRAPHS", 1)
    index_dir = tmp_path / "index"
    build(search_corpus_dir, index_dir, processes=2)
    with closing(Snapshot(index_dir)) as snapshot:
        assert len(snapshot.segments) >= 2  # one per worker
    assert_table_matches_a_merge(index_dir)


def test_a_generation_without_its_table_answers_the_same(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    add_articles(corpus, 3, "光伏")
    build(corpus, index_dir)
    (table_path,) = index_dir.glob("*.table")
    from_table = _answers(index_dir)
    assert sum(result.total for result in from_table) > 0
    table_bytes = table_path.read_bytes()
    table_path.write_bytes(table_bytes[: len(table_bytes) // 2])  # cut short
    assert _answers(index_dir) == from_table
    table_path.unlink()  # as an index built before tables were written
    assert _answers(index_dir) == from_table


def test_a_table_of_other_segments_is_not_used(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    (old_table,) = index_dir.glob("*.table")
    stale = old_table.read_bytes()
    add_articles(corpus, 2, "光伏")
    build(corpus, index_dir)
    (new_table,) = index_dir.glob("*.table")
    expected = _answers(index_dir)
    new_table.write_bytes(stale)  # the previous generation's table under the new name
    with closing(Snapshot(index_dir)) as snapshot:
        opened = generation_table.open_table(snapshot)
        assert opened.mapped is None and opened.duplicates is None and not opened.length_bytes
    assert _answers(index_dir) == expected


def test_a_small_one_shot_build_leaves_the_merge_to_readers_and_watching_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    monkeypatch.setattr(tables, "TABLE_MIN_ARTICLES", 1_000)
    monkeypatch.setattr(tables, "TABLE_MIN_SHARE", 0.5)
    assert build(corpus, index_dir).added >= 3  # a first build: all of them, more than half
    assert len(list(index_dir.glob("*.table"))) == 1
    add_articles(corpus, 2, "光伏")
    build(corpus, index_dir)  # two articles of 5+: no table, and the outdated one is gone
    assert not list(index_dir.glob("*.table"))
    with closing(Snapshot(index_dir)) as snapshot:
        assert generation_table.open_table(snapshot).mapped is None
    assert sum(result.total for result in _answers(index_dir)) > 0
    add_articles(corpus, 1, "储能", prefix="zz_watch_")
    build(corpus, index_dir, resident=Resident())  # as `gaoxin index --watch` builds
    assert_table_matches_a_merge(index_dir)


def test_string_lists_read_like_the_sorted_values() -> None:
    values = sorted(["", "甲", "乙方", "ab", "高新区", "z" * 40])
    text = "".join(values).encode("utf-8")
    offsets = np.cumsum([0, *(len(value.encode("utf-8")) for value in values)])
    strings = StringList(np.frombuffer(text, dtype=np.uint8), offsets)
    assert list(strings) == values and len(strings) == len(values)
    assert strings[-1] == values[-1] and strings[1:3] == values[1:3]
    assert bisect.bisect_left(strings, "高新区") == values.index("高新区")
    assert generation_file.is_table_file("gaoxin-generation-12.table")
    assert generation_file.is_table_file("gaoxin-generation-12.table.tmp")  # a killed build's
    assert not generation_file.is_table_file("gaoxin-generation-12.tables")
