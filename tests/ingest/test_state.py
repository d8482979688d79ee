"""The ingest memory (`gaoxin-ingest.json`, written column by column) is read back exactly as a
build left it; a memory whose columns disagree is not trusted (the next build reads everything)."""

from __future__ import annotations

import json
from pathlib import Path

from corpus_fixtures import build, write_small_corpus

from search.ingest.state import STATE_NAME, load_state, save_state


def _corpus_with_reprint_and_records(tmp_path: Path) -> Path:
    corpus = write_small_corpus(tmp_path / "corpus")
    original = (corpus / "zz_xian.txt").read_text(encoding="utf-8")
    (corpus / "zz_zreprint.txt").write_text(original.replace("。", "．"), encoding="utf-8")
    records = [
        {"id": f"r{number}", "date": "2024-01-02", "title": f"第{number}条", "paragraphs": ["内容"]}
        for number in range(3)
    ]
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    (corpus / "news.jsonl").write_text(lines, encoding="utf-8")
    return corpus


def test_the_memory_is_read_back_as_it_was_saved(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    report = build(_corpus_with_reprint_and_records(tmp_path), index_dir)
    assert report.duplicates == 1
    state = load_state(index_dir)
    entries = [entry for file in state.files.values() for entry in file.entries]
    assert len(entries) == report.articles + report.duplicates
    assert any(len(entry.members) == 2 for entry in entries)  # the article with its reprint
    assert any(not entry.members for entry in entries)  # the reprint merged into it
    assert len(state.files["news.jsonl"].line_hashes) == 3
    again = tmp_path / "again"
    again.mkdir()
    save_state(again, state)
    assert load_state(again) == state


def test_a_memory_whose_columns_disagree_costs_a_full_read(tmp_path: Path) -> None:
    corpus = _corpus_with_reprint_and_records(tmp_path)
    index_dir = tmp_path / "index"
    first = build(corpus, index_dir)
    path = index_dir / STATE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"]["news.jsonl"]["entries"]["line"].pop()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_state(index_dir).files == {}
    report = build(corpus, index_dir)
    assert (report.parsed, report.added, report.unchanged) == (
        first.parsed,
        0,
        first.articles,
    )
