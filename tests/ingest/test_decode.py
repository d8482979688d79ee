"""Decoding corpus files and reading JSON Lines records, including the broken cases."""

from __future__ import annotations

import gzip
import json
import lzma
from pathlib import Path

import pytest

from search.ingest.decode import (
    BrokenRecord,
    JsonRecord,
    NotText,
    decode_text,
    iso_date,
    read_jsonl,
)

TEXT = "高新区标题\r\n\r\n青岛高新区加快建设创新高地。\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_text_encodings_decode_to_the_same_lines(data: bytes, encoding: str) -> None:
    text, detected = decode_text(data)
    assert detected == encoding
    assert text == "高新区标题\n\n青岛高新区加快建设创新高地。\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("正文\x00正文".encode(), "NUL bytes"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n", "PDF"),
        (bytes(range(0x80, 0x100)) * 4, "not text"),
        (b"\x01\x02\x03\x04\x05 text \x06\x07\x08", "control characters"),
    ],
)
def test_binary_data_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(NotText, match=reason):
        decode_text(data)


def _write_jsonl(path: Path, lines: list[str]) -> None:
    payload = ("\n".join(lines) + "\n").encode()
    opener = {".gz": gzip.open, ".xz": lzma.open}.get(path.suffix)
    if opener is None:
        path.write_bytes(payload)
    else:
        with opener(path, "wb") as stream:
            stream.write(payload)


RECORD = {"id": "A1", "title": "标题", "date": "20240102", "url": "u", "paragraphs": ["第一段。"]}


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz", "corpus.jsonl.xz"])
def test_jsonl_records_stream_and_a_broken_line_is_reported_by_number(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    _write_jsonl(path, [json.dumps(RECORD), '{"id": "A2", "title": ', json.dumps([1, 2])])
    items = list(read_jsonl(path))
    assert isinstance(items[0], JsonRecord)
    assert (items[0].record_id, items[0].date, items[0].paragraphs) == (
        "A1",
        "2024-01-02",
        ("第一段。",),
    )
    assert [(item.line, type(item)) for item in items[1:]] == [(2, BrokenRecord), (3, BrokenRecord)]
    assert "invalid JSON" in items[1].reason


def test_a_record_with_a_lone_surrogate_escape_is_reported_and_a_real_pair_is_kept(
    tmp_path: Path,
) -> None:
    # JSON allows "\\ud800" alone; it is no character, and the build could not hash or store it.
    lone = {**RECORD, "id": "A2", "paragraphs": ["青岛\ud800高新区。"]}
    escaped_backslash = {**RECORD, "id": "A3", "title": "\\ud800 is text here"}
    pair = {**RECORD, "id": "A4", "title": "火箭\U0001f680"}
    path = tmp_path / "corpus.jsonl"
    _write_jsonl(path, [json.dumps(item) for item in (lone, escaped_backslash, pair)])
    items = list(read_jsonl(path))
    assert isinstance(items[0], BrokenRecord) and items[0].line == 1
    assert "lone surrogate" in items[0].reason
    assert [(item.record_id, item.title) for item in items[1:]] == [
        ("A3", "\\ud800 is text here"),
        ("A4", "火箭🚀"),
    ]


def test_a_truncated_archive_is_reported_not_raised(tmp_path: Path) -> None:
    whole = tmp_path / "whole.jsonl.xz"
    _write_jsonl(whole, [json.dumps(RECORD)] * 200)
    cut = tmp_path / "cut.jsonl.xz"
    cut.write_bytes(whole.read_bytes()[:-40])
    items = list(read_jsonl(cut))
    assert isinstance(items[-1], BrokenRecord)
    assert "damaged archive" in items[-1].reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20120702", "2012-07-02"),
        ("2012-07-02T08:00:00", "2012-07-02"),
        ("昨天", ""),
        ("20121345", ""),
        # No such day: once kept, unlike the same date in a text file's name or header.
        ("2023-02-31", ""),
        ("0000-01-01", ""),
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_dates_become_iso(value: str, expected: str) -> None:
    assert iso_date(value) == expected
