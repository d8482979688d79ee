"""The source view: a paragraph's text file or JSON Lines record as the corpus holds it now, or
as the index stored it when the file is gone or has changed since the build.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search.errors import NotFound
from search.ingest.decode import (
    JSONL_SUFFIXES,
    BrokenRecord,
    JsonRecord,
    is_compressed,
    line_digest,
    parse_record,
)
from search.ingest.lines import clean_line
from search.ingest.regular_files import open_regular
from search.models import Article, SourceRecord

OK, CHANGED, MISSING = "ok", "changed", "missing"
NOTICES = {
    OK: "",
    CHANGED: "原文件在建立索引之后已被修改：以下是建立索引时保存的内容，可能与现在的文件不同。",
    MISSING: "原文件已不在建立索引时的位置（可能已被移动或删除）：以下是建立索引时保存的内容。",
}


@dataclass(frozen=True)
class SourceSelection:
    """Which corpus file and line range the source view shows and marks."""

    file: str
    line_start: int
    line_end: int
    paragraph_id: str = ""
    ordinal: int = 0  # the selected paragraph's ordinal (0: the whole article)


@dataclass(frozen=True)
class SourceView:
    """What `/articles/<id>/source` shows: a text file (`text`) or a record (`record`)."""

    article: Article
    selection: SourceSelection
    kind: str  # "text" or "record"
    status: str  # OK, CHANGED or MISSING (the file as it is now, compared with the build)
    text: str = ""
    record: JsonRecord | None = None  # its fields as they stand in the archive
    marked: tuple[int, ...] = ()  # 1-based positions in `record.paragraphs` of the quoted one

    @property
    def notice(self) -> str:
        """Why the view shows what the index stored instead of the file (Chinese), or ""."""
        return NOTICES[self.status]


def select_source(article: Article, paragraph_id: str | None) -> SourceSelection:
    """The selected paragraph's span, or the whole article's span in its first source file."""
    if paragraph_id:
        for item in article.paragraphs:
            if item.paragraph_id == paragraph_id:
                span = item.source
                return SourceSelection(
                    span.file, span.line_start, span.line_end, paragraph_id, item.ordinal
                )
        raise NotFound(f"本文没有段落 {paragraph_id[:40]} / no such paragraph in this article")
    if not article.paragraphs:
        if article.records:  # a record with a title and no paragraph text
            first = article.records[0]
            return SourceSelection(first.file, first.line, first.line)
        raise NotFound("这篇文章没有可显示的原文 / this article has no source text")
    file = article.paragraphs[0].source.file
    spans = [item.source for item in article.paragraphs if item.source.file == file]
    return SourceSelection(
        file, min(span.line_start for span in spans), max(span.line_end for span in spans)
    )


def is_record_file(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def corpus_path(root: str, name: str) -> Path | None:
    """The file `name` under the corpus root; None when unknown or not a plain file name."""
    if not root or not name or Path(name).name != name or name in (".", ".."):
        return None
    return Path(root) / name


def text_view(
    article: Article, selection: SourceSelection, text: str, sha256: str, root: str
) -> SourceView:
    """A text file: the text the index stored, and whether the file still holds it."""
    status = file_status(corpus_path(root, selection.file), sha256)
    return SourceView(article, selection, "text", status, text=text)


def record_view(
    article: Article, selection: SourceSelection, file_sha256: str, root: str
) -> SourceView:
    """A JSON Lines record: read at its byte offset (plain `.jsonl`) or from the raw line kept
    with the article (compressed archives: compared as a whole file with `file_sha256`), else
    rebuilt from what the index stored."""
    where = next(
        (
            item
            for item in article.records
            if item.file == selection.file and item.line == selection.line_start
        ),
        None,
    )
    path = corpus_path(root, selection.file)
    if where is None:
        status, raw = MISSING, ""
    elif is_compressed(where.file):
        status, raw = file_status(path, file_sha256), where.raw
    else:
        status, raw = read_record_line(path, where)
    shown = _parsed(raw, where.line if where else selection.line_start) if raw else None
    if shown is None:
        shown = _stored_record(article, where, selection)
        status = status if status != OK else CHANGED
    marked = _marked(shown, selection.ordinal)
    return SourceView(article, selection, "record", status, record=shown, marked=marked)


def read_record_line(path: Path | None, where: SourceRecord) -> tuple[str, str]:
    """(status, raw line) of a record of a plain `.jsonl`, read by seeking to its offset."""
    if path is None:
        return MISSING, ""
    try:  # OSError too when a pipe or device now stands at the path: opening it would block
        with open_regular(path) as stream:
            stream.seek(where.offset)
            data = stream.read(where.length + 1)
    except OSError:
        return MISSING, ""
    line, after = data[: where.length], data[where.length :]
    if line_digest(line) != where.digest or after not in (b"", b"\n", b"\r"):
        return CHANGED, ""
    return OK, line.decode("utf-8-sig")


def file_status(path: Path | None, sha256: str) -> str:
    """Whether the file still has the bytes the index was built from (hashed once per change);
    a pipe or device at the path is no file of the corpus (MISSING)."""
    if path is None:
        return MISSING
    try:
        stat = path.stat()
    except OSError:
        return MISSING
    try:  # OSError too when a pipe or device now stands at the path (open_regular)
        digest = _file_sha256(str(path), stat.st_size, stat.st_mtime_ns)
    except OSError:
        return MISSING
    return OK if digest == sha256 else CHANGED


@functools.lru_cache(maxsize=256)
def _file_sha256(path: str, size: int, mtime_ns: int) -> str:
    # Keyed by size and modification time: a large archive is hashed once, not per request.
    digest = hashlib.sha256()
    with open_regular(path) as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _shown(value: Any) -> str:
    """A record field as it stands in the archive (numbers as written, nothing for null)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _parsed(raw: str, line: int) -> JsonRecord | None:
    parsed = parse_record(raw.encode("utf-8"), line)
    if isinstance(parsed, BrokenRecord):
        return None
    fields = json.loads(raw)
    return JsonRecord(
        line=line,
        record_id=_shown(fields.get("id")),
        title=_shown(fields.get("title")),
        date=_shown(fields.get("date")),
        url=_shown(fields.get("url")),
        paragraphs=parsed.paragraphs,
    )


def _stored_record(
    article: Article, where: SourceRecord | None, selection: SourceSelection
) -> JsonRecord:
    """The record as the index stored it: the article's fields and cleaned paragraphs."""
    line = where.line if where else selection.line_start
    return JsonRecord(
        line=line,
        record_id=where.record_id if where else "",
        title=article.title,
        date=article.date,
        url=article.url,
        paragraphs=tuple(
            item.text
            for item in article.paragraphs
            if item.source.file == selection.file and item.source.line_start == line
        ),
    )


def _marked(record: JsonRecord, ordinal: int) -> tuple[int, ...]:
    """The position of the record paragraph the selected article paragraph came from.

    The ingest keeps a record's non-empty paragraphs (after cleaning) in order as ordinals
    1, 2, …; the raw record may hold empty ones in between.
    """
    if not ordinal:
        return ()
    kept = 0
    for position, text in enumerate(record.paragraphs, start=1):
        if clean_line(text):
            kept += 1
            if kept == ordinal:
                return (position,)
    return ()
