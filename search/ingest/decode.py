"""Decoding corpus files: text files in UTF-8 (±BOM), UTF-16/32 with BOM or GB18030/GBK, and
JSON Lines records (plain, .gz, .xz) read as a stream. Unusable input gets a reason, not a crash.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import lzma
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from search.text.surrogates import is_text

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.xz")
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC_NUMBERS = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")
# A JSON escape of a UTF-16 surrogate (\ud800-\udfff): alone, it decodes to no character.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


class NotText(ValueError):
    """The bytes are not a text file we can decode; the message says why, for the user."""


@dataclass(frozen=True)
class JsonRecord:
    """One usable JSON Lines record, cleaned of type surprises, and where its line sits."""

    line: int
    record_id: str
    title: str
    date: str
    url: str
    paragraphs: tuple[str, ...]
    offset: int = 0  # byte offset of the line in the (decompressed) file
    length: int = 0  # bytes of the line without its line break
    digest: str = ""  # sha256 of those bytes
    raw: str = ""  # the line itself, kept only for compressed archives


@dataclass(frozen=True)
class BrokenRecord:
    """A JSON Lines line that could not be used, with its line number and the reason."""

    line: int
    reason: str


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def is_compressed(name: str) -> bool:
    """Whether a JSON Lines file name is a .gz or .xz archive (no reading from the middle)."""
    return name.lower().endswith((".gz", ".xz"))


def record_bytes(raw: bytes) -> bytes:
    """A JSON Lines line without its line break: what `length` and `digest` describe."""
    return raw.rstrip(b"\r\n")


def line_digest(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text with `\\n` line endings; returns (text, encoding name).

    Raises NotText for binary data, NUL bytes and bytes valid in no supported encoding.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return _lines(data.decode(encoding)), encoding
            except UnicodeDecodeError as error:
                raise NotText(
                    f"starts with a {encoding} byte-order mark but {error.reason}"
                ) from None
    for magic, description in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise NotText(f"binary file: looks like {description}, not text")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise NotText(
            f"contains NUL bytes (first at byte {nul}): binary data, or UTF-16 without a "
            "byte-order mark"
        )
    text, encoding = _decode_without_mark(data)
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise NotText(f"binary file: {controls} control characters in {len(text)} characters")
    return _lines(text), encoding


def _decode_without_mark(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:  # GB18030 is a superset of GBK and GB2312: one try covers all three
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise NotText(
                f"not text in UTF-8 or GB18030/GBK (invalid byte at {utf8_error.start})"
            ) from None


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def open_jsonl(path: Path):
    """A binary stream of the (decompressed) JSON Lines file."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".xz"):
        return lzma.open(path, "rb")
    return path.open("rb")


def located_record(
    raw: bytes, line_number: int, offset: int, keep_raw: bool
) -> JsonRecord | BrokenRecord:
    """One line parsed, with where it sits: offset, length and digest (and the line itself when
    `keep_raw`, for compressed archives)."""
    record = parse_record(raw, line_number)
    if isinstance(record, JsonRecord):
        line = record_bytes(raw)
        record = replace(
            record,
            offset=offset,
            length=len(line),
            digest=line_digest(line),
            raw=line.decode("utf-8-sig") if keep_raw else "",
        )
    return record


def read_jsonl(path: Path) -> Iterator[JsonRecord | BrokenRecord]:
    """Stream the records of a JSON Lines file; a broken line or a damaged archive is reported
    with its line number and reading goes on where it can.

    Each record knows its byte offset, length and digest; records of a compressed archive
    also keep their raw line (the source view cannot seek into the archive).
    """
    line_number, offset = 0, 0
    keep_raw = is_compressed(path.name)
    with open_jsonl(path) as stream:
        try:
            for line_number, raw in enumerate(stream, start=1):
                start, offset = offset, offset + len(raw)
                if not raw.strip():
                    continue
                yield located_record(raw, line_number, start, keep_raw)
        except (OSError, EOFError, lzma.LZMAError) as error:
            yield BrokenRecord(line_number + 1, f"damaged archive after this line: {error}")


def parse_record(raw: bytes, line: int) -> JsonRecord | BrokenRecord:
    """One JSON Lines record: `{"id", "title", "date", "url", "paragraphs": [...]}`; a `text`
    string is accepted in place of `paragraphs` (one paragraph per line of it)."""
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return BrokenRecord(line, "not UTF-8")
    except json.JSONDecodeError as error:
        return BrokenRecord(line, f"invalid JSON: {error.msg} (column {error.colno})")
    if not isinstance(record, dict):
        return BrokenRecord(line, "not a JSON object")
    paragraphs = record.get("paragraphs")
    if paragraphs is None and isinstance(record.get("text"), str):
        paragraphs = record["text"].split("\n")
    if not isinstance(paragraphs, list) or not all(isinstance(item, str) for item in paragraphs):
        return BrokenRecord(line, '"paragraphs" is missing or not a list of strings')
    parsed = JsonRecord(
        line=line,
        record_id=_text_field(record, "id"),
        title=_text_field(record, "title"),
        date=iso_date(_text_field(record, "date")),
        url=_text_field(record, "url"),
        paragraphs=tuple(paragraphs),
    )
    # An ASCII record (Chinese escaped as \uXXXX) is checked directly: the pattern would stop
    # at every escape, ten times the cost.
    fields = (parsed.record_id, parsed.title, parsed.url, *parsed.paragraphs)
    if (raw.isascii() or _SURROGATE_ESCAPE.search(raw)) and not is_text(*fields):
        return BrokenRecord(line, "invalid \\u escape: a lone surrogate (half a UTF-16 pair)")
    return parsed


def _text_field(record: dict, key: str) -> str:
    value = record.get(key)
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip() if isinstance(value, str | int) else ""


def iso_date(value: str) -> str:
    """`20120702`, `2012-07-02` or `2012-07-02T08:00` → `2012-07-02`; anything else, and a day
    no calendar has (`2023-02-31`, year 0), → `` as for text files (`search.ingest.dates`)."""
    match = _ISO_DATE.match(value.strip())
    if not match:
        return ""
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return ""
