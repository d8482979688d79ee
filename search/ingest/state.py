"""What each corpus file produced at the last build, kept in the index directory as JSON, so the
next build parses only new or changed input (`search.ingest.incremental`).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

STATE_NAME = "gaoxin-ingest.json"
_CODE = Path(__file__).resolve().parent


def code_version() -> str:
    """A hash of the ingest code: a parse remembered by other code is never reused."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    models = _CODE.parent / "models.py"
    digest.update(models.read_bytes())
    return digest.hexdigest()[:16]


Member = tuple[str, int, int]  # (source file, line, offset) of one copy of a kept article


@dataclass(slots=True)
class Entry:
    """One article a file produced before reprints were merged: enough to redo the merge and to
    find the article again without keeping its text."""

    article_id: str
    title_key: str  # hash of the normalized title ("" when there is none)
    body_key: str  # hash of the normalized body
    body_length: int
    paragraphs: int
    line: int  # JSON Lines: the record's line; text file: the article's place in the file
    offset: int = -1  # JSON Lines: byte offset of the record's line in the (decompressed) stream
    dated: bool = False  # whether the article has a date
    fingerprint: str = ""  # the index fingerprint computed for it, with these copies merged
    members: tuple[Member, ...] = ()  # "" fingerprint / () members: a merged reprint


# Hash columns (hex: never a newline) are kept as one newline-joined string each.
_HASH_COLUMNS = ("title_key", "body_key", "fingerprint")
_NUMBER_COLUMNS = ("body_length", "paragraphs", "line", "offset", "dated")


def _entry_columns(source_file: str, entries: list[Entry]) -> dict[str, Any]:
    """A file's entries as columns: JSON of a few long lists is read and written several times
    faster than one small list per entry (65k xwlb entries: most of a one-shot build's time)."""
    columns: dict[str, Any] = {"article_id": [entry.article_id for entry in entries]}
    for name in _HASH_COLUMNS:
        columns[name] = "\n".join([getattr(entry, name) for entry in entries])
    for name in _NUMBER_COLUMNS:
        columns[name] = [getattr(entry, name) for entry in entries]
    # Most entries are their article's only copy, where they sit: only the others are written.
    columns["members"] = {
        str(number): [list(member) for member in entry.members]
        for number, entry in enumerate(entries)
        if entry.members != ((source_file, entry.line, entry.offset),)
    }
    return columns


def _entries(source_file: str, columns: dict[str, Any]) -> list[Entry]:
    """The entries `_entry_columns` wrote (ValueError or IndexError: columns that disagree)."""
    ids = columns["article_id"]
    titles, bodies, fingerprints = (
        columns[name].split("\n") if ids else [] for name in _HASH_COLUMNS
    )
    lengths, counts, lines, offsets, dated = (columns[name] for name in _NUMBER_COLUMNS)
    if not len(ids) == len(titles) == len(bodies) == len(fingerprints) == len(lengths):
        raise ValueError("the memory's columns disagree")
    # Each entry is its article's only copy where it sits unless `members` says otherwise.
    members = [
        (member,) for member in zip(repeat(source_file, len(ids)), lines, offsets, strict=True)
    ]
    # map() over the columns: 65k entries are made on every build (a third of its memory load).
    fields = (ids, titles, bodies, lengths, counts, lines, offsets, dated, fingerprints, members)
    entries = list(map(Entry, *fields))
    if len(entries) != len(counts) or len(entries) != len(dated):
        raise ValueError("the memory's columns disagree")
    for number, copies in columns["members"].items():
        entries[int(number)].members = tuple(tuple(member) for member in copies)
    return entries


@dataclass(slots=True)
class FileState:
    """One corpus file as last read: its identity, and what it produced."""

    kind: str  # "jsonl" or "txt"
    size: int
    mtime_ns: int
    digest: str  # sha256 of the file's bytes (a plain .jsonl: through `length`)
    length: int  # bytes read; JSON Lines: through the last line read
    line_hashes: list[str] = field(default_factory=list)  # JSON Lines: one per line read
    entries: list[Entry] = field(default_factory=list)
    skipped: list[tuple[str, int | None]] = field(default_factory=list)
    source: bool = False  # a text file kept whole for the source view

    def row(self, source_file: str) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "digest": self.digest,
            "length": self.length,
            "line_hashes": "\n".join(self.line_hashes),  # hex, as the hash columns
            "entries": _entry_columns(source_file, self.entries),
            "skipped": [list(item) for item in self.skipped],
            "source": self.source,
        }

    @classmethod
    def from_row(cls, source_file: str, row: dict[str, Any]) -> FileState:
        return cls(
            kind=row["kind"],
            size=row["size"],
            mtime_ns=row["mtime_ns"],
            digest=row["digest"],
            length=row["length"],
            line_hashes=row["line_hashes"].split("\n") if row["line_hashes"] else [],
            entries=_entries(source_file, row["entries"]),
            skipped=[(reason, line) for reason, line in row["skipped"]],
            source=row["source"],
        )


@dataclass
class IngestState:
    """Every file's state, reprint decisions, and what the index held after the last build."""

    files: dict[str, FileState] = field(default_factory=dict)
    # "body key:body key" -> whether the second is a near-duplicate of the first
    near: dict[str, bool] = field(default_factory=dict)
    vocabulary: str = ""  # the fingerprints above were computed with this vocabulary
    toc_sha256: str = ""  # the index generation `articles` and `sources` describe
    articles: dict[str, str] = field(default_factory=dict)  # article id -> fingerprint
    sources: dict[str, str] = field(default_factory=dict)  # source key -> content hash


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while many small objects without cycles are made or written
    (this memory: a few per article, 65k articles; a split read's unpickled half): collections
    triggered meanwhile walk them all again and again, half the time of a load or save."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_state(index_dir: Path) -> IngestState:
    """The remembered state, or an empty one (nothing remembered: everything is parsed)."""
    with collector_paused():
        return _load_state(index_dir)


def _load_state(index_dir: Path) -> IngestState:
    try:
        data = json.loads((Path(index_dir) / STATE_NAME).read_text(encoding="utf-8"))
        if data.get("version") != code_version():
            return IngestState()
        return IngestState(
            files={name: FileState.from_row(name, row) for name, row in data["files"].items()},
            near=data["near"],
            vocabulary=data["vocabulary"],
            toc_sha256=data["toc_sha256"],
            articles=data["articles"],
            sources=data["sources"],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return IngestState()  # unreadable or from other code: a full read rebuilds it


def save_state(index_dir: Path, state: IngestState) -> None:
    """Replace the state file atomically."""
    with collector_paused():
        _save_state(index_dir, state)


def _save_state(index_dir: Path, state: IngestState) -> None:
    data = {
        "version": code_version(),
        "vocabulary": state.vocabulary,
        "toc_sha256": state.toc_sha256,
        "articles": state.articles,
        "sources": state.sources,
        "near": state.near,
        "files": {name: file_state.row(name) for name, file_state in state.files.items()},
    }
    temporary = Path(index_dir) / f"{STATE_NAME}.tmp"
    temporary.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    os.replace(temporary, Path(index_dir) / STATE_NAME)
