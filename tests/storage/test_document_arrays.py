"""Per-document arrays written at build time: what each document's stored record says, after
serial, parallel and incremental builds (deletions, merged segments), and equal to a rebuild's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import add_articles, build, write_small_corpus

from search.engine import reprints
from search.errors import IndexUnavailable
from search.fields import facet_values
from search.indexing import parallel
from search.indexing.documents import title_variants
from search.models import Article, SearchRequest
from search.service import SearchService
from search.storage import parallel as storage_parallel
from search.storage import records
from search.storage.document_arrays import (
    MISSING_NUMBERS,
    STRING_FIELDS,
    StringColumn,
    merge_strings,
)
from search.storage.manifest import MANIFEST_NAME
from search.storage.reader import Snapshot
from search.storage.schema import REPRINT_KEY, VARIANT_FIELD

_NOT_WORD = re.compile(r"\W+")


def _from_arrays(snapshot: Snapshot, fieldname: str) -> dict[int, list[str]]:
    """docnum -> the field's values in the per-document arrays (live documents)."""
    values, owners, _, starts = snapshot.strings(fieldname)
    found: dict[int, list[str]] = {}
    for number, value in enumerate(values):
        for docnum in owners[starts[number] : starts[number + 1]].tolist():
            found.setdefault(docnum, []).append(value)
    return {docnum: sorted(found_values) for docnum, found_values in found.items()}


def _from_record(raw: str) -> tuple[dict[str, list[str]], int]:
    """What a document's stored record says its keyword fields and ordinal are (the record is
    written by its own code path, `search.storage.records`)."""
    record = json.loads(raw)
    if "text" in record and "file" in record:  # a source file kept whole
        return {"doctype": ["source"]}, MISSING_NUMBERS["ordinal"]
    if record.get("doctype") == "article":
        return {"doctype": ["article"], "article_id": [record["article_id"]],
                "date": [record["date"]]}, -1  # fmt: skip
    stored = records.decode_paragraph(raw)
    paragraph, date = stored.paragraph, stored.date
    fields = {"doctype": ["paragraph"], "kind": [paragraph.kind],
              "article_id": [paragraph.article_id], "date": [date]}  # fmt: skip
    article = Article(paragraph.article_id, "", paragraphs=(), sources=(), date=date)
    for name, values in facet_values(paragraph, article).items():
        fields[name] = sorted(set(values))
    variants = title_variants(paragraph.text, paragraph.policy_documents)
    fields[VARIANT_FIELD] = sorted(set(variants))
    return {name: values for name, values in fields.items() if values}, paragraph.ordinal


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


def _arrays_by_record(index_dir: Path) -> dict[str, tuple[object, ...]]:
    """Each live document's stored record -> its keyword values, ordinal and reprint key."""
    snapshot = Snapshot(index_dir)
    try:
        arrays = {name: _from_arrays(snapshot, name) for name in STRING_FIELDS}
        ordinals, keys = snapshot.numbers("ordinal"), snapshot.numbers(REPRINT_KEY)
        return {
            snapshot.stored_record(docnum): (
                *(tuple(arrays[name].get(docnum, ())) for name in STRING_FIELDS),
                int(ordinals[docnum]),
                int(keys[docnum]),
            )
            for docnum in np.flatnonzero(~snapshot.deleted()).tolist()
        }
    finally:
        snapshot.close()


def assert_arrays_match_a_rebuild(index_dir: Path) -> Snapshot:
    """The arrays hold what every live document's stored record says (keyword fields,
    ordinals), one first-indexed time per article, and the reprint groups of the plain texts."""
    snapshot = Snapshot(index_dir)
    try:
        arrays = {name: _from_arrays(snapshot, name) for name in STRING_FIELDS}
        ordinals = snapshot.numbers("ordinal").tolist()
        times: dict[str, set[int]] = {}
        indexed_at = snapshot.numbers("indexed_at").tolist()
        for docnum in np.flatnonzero(~snapshot.deleted()).tolist():
            expected, ordinal = _from_record(snapshot.stored_record(docnum))
            found = {name: arrays[name][docnum] for name in STRING_FIELDS if docnum in arrays[name]}
            assert found == expected, docnum
            if ordinal >= 0:
                assert ordinals[docnum] == ordinal, docnum
            for article_id in expected.get("article_id", []):
                times.setdefault(article_id, set()).add(indexed_at[docnum])
        assert all(len(found) == 1 and 0 not in found for found in times.values())
        assert _array_partition(snapshot) == _reprint_partition(snapshot)
    finally:
        snapshot.close()
    return snapshot


def test_the_arrays_of_a_build_hold_what_the_stored_records_say(search_index_dir: Path) -> None:
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
    build(corpus, tmp_path / "rebuilt")
    assert _arrays_by_record(index_dir) == _arrays_by_record(tmp_path / "rebuilt")
    with SearchService(index_dir) as service:
        facets = service.search(SearchRequest(query="签约")).facets
        assert service.search(SearchRequest(query="第3轮")).total == 0  # replaced since
    assert any(bucket.value == "西安高新区" and bucket.count == 1 for bucket in facets["park"])


def test_a_parallel_build_writes_arrays_for_every_worker_segment(
    search_corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PARAGRAPHS", 1)
    # One worker is told to stop halfway through the job files: its segment may hold only the
    # first job file (the source documents, added first); which worker takes what is timing,
    # so the arrays are checked on whatever segments result, against a serial build's.
    monkeypatch.setattr(storage_parallel, "STOP_SPACING", 0.5)
    index_dir = tmp_path / "index"
    build(search_corpus_dir, index_dir, processes=2)
    snapshot = assert_arrays_match_a_rebuild(index_dir)
    assert len(list(index_dir.glob("*.docs"))) == len(snapshot.segments)
    build(search_corpus_dir, tmp_path / "serial", processes=1)
    assert _arrays_by_record(index_dir) == _arrays_by_record(tmp_path / "serial")


def test_a_segment_of_source_documents_only_reads_as_a_rebuild(tmp_path: Path) -> None:
    # What an early-stopping worker can write, made deterministic: a build that rewrites one
    # source file whose articles did not change writes a segment of that source document alone.
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    source = sorted(corpus.glob("*.txt"))[0]
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = build(corpus, index_dir)
    assert report.added == 0
    snapshot = assert_arrays_match_a_rebuild(index_dir)
    assert min(segment.size for segment in snapshot.segments) == 1
    build(corpus, tmp_path / "rebuilt")
    assert _arrays_by_record(index_dir) == _arrays_by_record(tmp_path / "rebuilt")


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


def _merged_by_sorting(
    columns: list[StringColumn], offsets: list[int], alive: list[np.ndarray | None]
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    """What merging gave when it was a dict of every value and a stable sort of every pair."""
    values = tuple(sorted({value for column in columns for value in column.values}))
    index_of = {value: number for number, value in enumerate(values)}
    owners, ids = [], []
    for column, offset, mask in zip(columns, offsets, alive, strict=True):
        keep = np.ones(len(column.owners), bool) if mask is None else mask[column.owners]
        owners += (column.owners[keep] + offset).tolist()
        ids += [index_of[column.values[number]] for number in column.value_ids[keep].tolist()]
    order = np.argsort(np.array(ids, dtype=np.int64), kind="stable")
    id_array = np.array(ids, dtype=np.int64)[order]
    starts = np.searchsorted(id_array, np.arange(len(values) + 1))
    return values, np.array(owners, dtype=np.int64)[order], id_array, starts


def _random_column(random: np.random.Generator, size: int, pool: list[str]) -> StringColumn:
    values = sorted(set(random.choice(pool, size=min(len(pool), size // 2 + 1)).tolist()))
    pairs = {(int(random.integers(size)), int(random.integers(len(values)))) for _ in range(size)}
    owners, value_ids = zip(*sorted(pairs, key=lambda pair: (pair[1], pair[0])), strict=True)
    return StringColumn(tuple(values), np.array(owners, np.int32), np.array(value_ids, np.int32))


@pytest.mark.parametrize("pool_size", [1, 3, 40, 5000])  # few runs copied, many runs sorted
@pytest.mark.parametrize("same_values", [False, True])
def test_merging_segments_gives_what_a_stable_sort_of_every_pair_gave(
    pool_size: int, same_values: bool
) -> None:
    random = np.random.default_rng(pool_size)
    pool = [f"值{number:05d}" for number in range(pool_size)]
    sizes = [3000, 1, 2500, 4000]
    columns = [_random_column(random, size, pool) for size in sizes]
    if same_values:  # every segment lists the same values (the renumbering is skipped)
        columns = [
            StringColumn(
                columns[0].values, column.owners, column.value_ids % len(columns[0].values)
            )
            for column in columns
        ]
        columns = [_random_column_sorted(column) for column in columns]
    offsets = np.cumsum([0, *sizes[:-1]]).tolist()
    alive = [None, None, random.random(2500) < 0.7, random.random(4000) < 0.9]
    merged = merge_strings(columns, offsets, alive)
    expected = _merged_by_sorting(columns, offsets, alive)
    assert merged[0] == expected[0]
    for found, wanted in zip(merged[1:], expected[1:], strict=True):
        assert found.tolist() == wanted.tolist()


def _random_column_sorted(column: StringColumn) -> StringColumn:
    """The column's pairs deduplicated and grouped by value again (ids were changed)."""
    pairs = sorted(set(zip(column.value_ids.tolist(), column.owners.tolist(), strict=True)))
    value_ids, owners = zip(*pairs, strict=True)
    return StringColumn(column.values, np.array(owners, np.int32), np.array(value_ids, np.int32))


def test_merging_refuses_pairs_not_grouped_by_value() -> None:
    column = StringColumn(("a", "b"), np.array([0, 1], np.int32), np.array([1, 0], np.int32))
    with pytest.raises(ValueError, match="grouped by value"):
        merge_strings([column], [0], [None])


def test_merging_segments_of_as_many_different_values_renumbers_them() -> None:
    first = StringColumn(("乙", "甲"), np.array([1, 0, 2], np.int32), np.array([0, 1, 1], np.int32))
    second = StringColumn(("丙", "乙"), np.array([0, 1], np.int32), np.array([0, 1], np.int32))
    values, owners, value_ids, starts = merge_strings([first, second], [0, 3], [None, None])
    assert values == ("丙", "乙", "甲")
    assert owners.tolist() == [3, 1, 4, 0, 2]
    assert value_ids.tolist() == [0, 1, 1, 2, 2]
    assert starts.tolist() == [0, 1, 3, 5]
