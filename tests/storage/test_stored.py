"""The stored records in our own `.records` files: what the writer was given, document for
document, through merges and deletions; a damaged file makes the index unavailable."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import add_articles, build, write_small_corpus

from search.errors import IndexUnavailable
from search.indexing.documents import ARTICLE_PREFIX
from search.models import SearchRequest
from search.service import SearchService
from search.storage import index as storage
from search.storage import stored
from search.storage.reader import Snapshot

RECORDS = ["", "西安高新区 签约 😀", json.dumps({"text": "a\x00b\u2028c"}), "x" * 70_000]


def _write(index_dir: Path, records: list[str]) -> None:
    index = storage.prepare_directory(index_dir)
    writer = storage.serial_writer(index, deadline=0)
    for number, record in enumerate(records):
        # Source documents keep their own id in Whoosh (a paragraph is found through its article).
        writer.add_document(doctype="source", paragraph_id=f"p{number}", record=record)
    storage.commit(index, writer, {"paragraphs": len(records)})


def test_records_read_back_as_written_in_order(tmp_path: Path) -> None:
    _write(tmp_path, RECORDS)
    snapshot = Snapshot(tmp_path)
    try:
        assert [snapshot.stored_record(docnum) for docnum in range(snapshot.size)] == RECORDS
        assert snapshot.find(paragraph_id="p1") == [RECORDS[1]]
        assert snapshot.find(paragraph_id="missing") == []
    finally:
        snapshot.close()
    assert not list(tmp_path.glob("*.tmp"))


def test_records_follow_deletions_and_merges(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    for number in range(6):  # small segments pile up until Whoosh merges them
        add_articles(corpus, number + 1, f"光伏{number}号", prefix=f"zz_round{number}_")
        (corpus / "zz_xian.txt").write_text(  # replaced each time: its old documents deleted
            f"西安高新区项目签约\n\n西安高新区第{number}轮签约，总投资{number}亿元。\n",
            encoding="utf-8",
        )
        build(corpus, index_dir)
    build(corpus, tmp_path / "rebuilt")
    merged, rebuilt = _live_records(index_dir), _live_records(tmp_path / "rebuilt")
    assert len(list(index_dir.glob("*.records"))) < 7  # some segments were merged
    assert sorted(merged) == sorted(rebuilt)
    with SearchService(index_dir) as service:
        hit = service.search(SearchRequest(query="光伏5号")).results[0]
        article = service.article(hit.paragraph.article_id)
    assert article.title and hit.paragraph.paragraph_id in [
        p.paragraph_id for p in article.paragraphs
    ]


def _live_records(index_dir: Path) -> list[str]:
    snapshot = Snapshot(index_dir)
    try:
        live = np.flatnonzero(~snapshot.deleted()).tolist()
        found = [snapshot.stored_record(docnum) for docnum in live]
        # Every live article and paragraph is found by its id, with its own record; Whoosh
        # holds no paragraph's id (format 12), only its article's.
        for raw in found:
            record = json.loads(raw)
            if record.get("doctype") == "article":
                key = ARTICLE_PREFIX + record["article_id"]
                assert snapshot.find(paragraph_id=key) == [raw]
            elif "paragraph_id" in record:
                assert snapshot.paragraph_record(record["paragraph_id"]) == raw
                assert snapshot.find(paragraph_id=record["paragraph_id"]) == []
        assert snapshot.paragraph_record("000000000000-1") is None
        return found
    finally:
        snapshot.close()


def test_a_truncated_records_file_makes_the_index_unavailable(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build(write_small_corpus(tmp_path / "corpus"), index_dir)
    for path in index_dir.glob(f"*{stored.SUFFIX}"):
        path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(IndexUnavailable, match="damaged"):
        SearchService(index_dir).search(SearchRequest(query="高新区"))
