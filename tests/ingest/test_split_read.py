"""A large JSON Lines file read by two processes gives what reading it line by line gives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from corpus_fixtures import dated_records

from search.ingest import split_read
from search.ingest.incremental_files import FileToRead, read_jsonl_file
from search.ingest.state import FileState


def _write_corpus(path: Path) -> Path:
    lines = [json.dumps(record, ensure_ascii=False) for record in dated_records()]
    lines[5] = '{"id": "broken", "title": '  # a damaged record is skipped with its line
    lines[9] = ""  # a blank line is no record
    lines[12] = json.dumps({"id": "empty", "paragraphs": [""]})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read(path: Path) -> tuple[dict, dict]:
    fresh: dict = {}
    file = FileToRead(path, path.name, path.stat(), None, fresh, {})
    return read_jsonl_file(file).row(path.name), fresh


def test_split_read_gives_the_line_by_line_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write_corpus(tmp_path / "records.jsonl")
    line_by_line, articles = _read(path)
    monkeypatch.setattr(split_read, "SPLIT_BYTES", 1)  # every file is large enough to split
    assert split_read.split_point(path) is not None
    split, split_articles = _read(path)
    assert split == line_by_line
    assert list(split_articles.items()) == list(articles.items())
    assert [line for _, line in line_by_line["skipped"]] == [6, 13]  # the broken and empty


def test_a_failed_child_leaves_its_half_to_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write_corpus(tmp_path / "records.jsonl")
    monkeypatch.setattr(split_read, "SPLIT_BYTES", 1)
    parent = os.getpid()
    lines: list[int] = []

    def add_line(state: FileState, raw: bytes, where: tuple[int, int], fresh: dict) -> None:
        if os.getpid() != parent:
            raise MemoryError("the child dies")
        lines.append(where[0])
        state.line_hashes.append(raw.decode("utf-8"))

    start = split_read.split_point(path)
    assert start is not None
    state = split_read.read_split(path, start, {}, add_line)
    assert lines == list(range(1, len(lines) + 1))  # every line, in order, by the parent
    assert "".join(state.line_hashes).encode("utf-8") == path.read_bytes()


def test_a_small_file_is_read_by_one_process(tmp_path: Path) -> None:
    path = _write_corpus(tmp_path / "records.jsonl")
    assert split_read.split_point(path) is None  # far below SPLIT_BYTES


def test_records_appended_during_the_read_are_left_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The remembered length and digest cover exactly the lines parsed: a record appended
    while the file was read is either parsed or left to the next build, never lost."""
    path = _write_corpus(tmp_path / "records.jsonl")
    monkeypatch.setattr(split_read, "SPLIT_BYTES", 1)
    parent = os.getpid()

    def add_line(state: FileState, raw: bytes, where: tuple[int, int], fresh: dict) -> None:
        if os.getpid() == parent and where[0] == 1:
            with path.open("ab") as stream:  # a newsroom appends while the build reads
                stream.write(b'{"id": "late", "paragraphs": ["late record"]}\n')
        state.line_hashes.append(raw.decode("utf-8"))

    start = split_read.split_point(path)
    assert start is not None
    state = split_read.read_split(path, start, {}, add_line)
    read = "".join(state.line_hashes).encode("utf-8")
    assert state.length == len(read)
    assert path.read_bytes()[: state.length] == read
    assert path.stat().st_size > state.length or read.endswith(b'late record"]}\n')
