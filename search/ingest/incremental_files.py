"""Reading one corpus file for the incremental ingest (only what changed), and finding a
remembered article in its file again.
"""

from __future__ import annotations

import functools
import hashlib
import lzma
import os
from dataclasses import dataclass, replace
from pathlib import Path

from search.errors import CorpusError
from search.ingest import split_read
from search.ingest.articles import split_articles
from search.ingest.corpus import (
    article_from_draft,
    article_from_record,
    body_text,
    file_sha256,
    normalized_text,
)
from search.ingest.dates import text_file_date
from search.ingest.decode import (
    BrokenRecord,
    NotText,
    decode_text,
    is_compressed,
    located_record,
    open_jsonl,
)
from search.ingest.prefix_hashes import PrefixHashes, hash_prefix
from search.ingest.state import Entry, FileState
from search.models import Article

Fresh = dict[tuple[str, int], Article]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def entry_of(article: Article, line: int, offset: int = -1) -> Entry:
    """What a build remembers of a freshly parsed article."""
    body = body_text(article)
    title = normalized_text(article.title)
    return Entry(
        article_id=article.article_id,
        title_key=_key(title) if title else "",
        body_key=_key(body),
        body_length=len(body),
        paragraphs=len(article.paragraphs),
        line=line,
        offset=offset,
        dated=bool(article.date),
    )


def _stat_of(listed: os.stat_result | None) -> tuple[int, int]:
    return (listed.st_size, listed.st_mtime_ns) if listed is not None else (-1, -1)


@dataclass(frozen=True)
class FileToRead:
    """One corpus file to read: where it is, its listed stat, what the last build remembered
    of it, and where freshly parsed articles and source texts go."""

    path: Path
    source_file: str
    listed: os.stat_result | None
    old: FileState | None
    fresh: Fresh
    source_texts: dict[str, str]
    prefixes: PrefixHashes | None = None  # appended files' prefixes, hashed ahead


def read_text_file(file: FileToRead) -> FileState:
    """A `.txt` file's state: the remembered one when its bytes are the same, else parsed."""
    path, source_file, old, fresh = file.path, file.source_file, file.old, file.fresh
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    size, mtime_ns = _stat_of(file.listed)
    if old is not None and old.digest == digest:  # touched, not changed: remember the new stat
        return replace(old, size=size, mtime_ns=mtime_ns)
    state = FileState("txt", size, mtime_ns, digest, len(data))
    if not data.strip():
        state.skipped.append(("empty file" if not data else "only whitespace", None))
        return state
    try:
        text, _encoding = decode_text(data)
    except NotText as error:
        state.skipped.append((str(error), None))
        return state
    drafts = split_articles(text)
    if not drafts:
        state.skipped.append(("no article text found", None))
        return state
    state.source = True
    file.source_texts[source_file] = text
    article_date = text_file_date(path.name, text)
    for number, draft in enumerate(drafts):
        article = article_from_draft(draft, source_file, article_date)
        fresh[(source_file, number)] = article
        state.entries.append(entry_of(article, number))
    return state


def read_jsonl_file(file: FileToRead) -> FileState:
    """A JSON Lines file's state: only appended lines are parsed when the rest is unchanged;
    otherwise every line is read and only new or changed lines are parsed."""
    path, source_file, listed, old, fresh = (
        file.path,
        file.source_file,
        file.listed,
        file.old,
        file.fresh,
    )
    state = None
    plain = path.name.lower().endswith(".jsonl")
    if old is not None and plain and listed is not None and listed.st_size > old.length:
        state = _appended(file, old)
    if state is None:
        state = _reread(path, source_file, old, fresh)
        if not plain:  # the source view compares an archive's own bytes
            state.digest = file_sha256(path)
    state.size, state.mtime_ns = _stat_of(listed)
    return state


def _appended(file: FileToRead, old: FileState) -> FileState | None:
    """The state after reading only the lines appended since `old` (None: not an append)."""
    path, source_file, fresh = file.path, file.source_file, file.fresh
    with path.open("rb") as stream:
        opened = os.fstat(stream.fileno())  # the hash ahead must be of this very file
        prefix = file.prefixes.take(path, old.length, opened) if file.prefixes else None
        if prefix is None:
            prefix = hash_prefix(stream, old.length)
        else:
            stream.seek(old.length)
        if prefix is None:
            return None
        digest, last = prefix
        if digest.hexdigest() != old.digest or last != b"\n":
            return None  # edited, or the last line was unfinished: read every line
        state = FileState(
            "jsonl",
            old.size,
            old.mtime_ns,
            "",
            old.length,
            list(old.line_hashes),
            list(old.entries),
            list(old.skipped),
        )
        offset = old.length
        for raw in stream:
            digest.update(raw)
            where = (len(state.line_hashes) + 1, offset)
            _add_line(state, raw, where, fresh, path=path, source_file=source_file)
            offset += len(raw)
    state.digest, state.length = digest.hexdigest(), offset
    return state


def _reread(path: Path, source_file: str, old: FileState | None, fresh: Fresh) -> FileState:
    """Every line hashed; a line with the same bytes at the same place keeps its result."""
    if old is None and not is_compressed(path.name):
        start = split_read.split_point(path)
        if start is not None:
            add_line = functools.partial(_add_line, path=path, source_file=source_file)
            return split_read.read_split(path, start, fresh, add_line)
    old_hashes = old.line_hashes if old is not None else []
    old_entries = {entry.line: entry for entry in old.entries} if old is not None else {}
    old_skipped = {line: reason for reason, line in old.skipped} if old is not None else {}
    state = FileState("jsonl", -1, -1, "", 0)
    digest = hashlib.sha256()
    offset = number = 0
    with open_jsonl(path) as stream:
        try:
            for number, raw in enumerate(stream, start=1):
                digest.update(raw)
                line_hash = _key_bytes(raw)
                if number <= len(old_hashes) and old_hashes[number - 1] == line_hash:
                    state.line_hashes.append(line_hash)
                    _reuse_line(state, number, offset, old_entries, old_skipped)
                else:
                    _add_line(
                        state, raw, (number, offset), fresh, path=path, source_file=source_file
                    )
                offset += len(raw)
        except (OSError, EOFError, lzma.LZMAError) as error:
            if isinstance(error, FileNotFoundError):
                raise
            state.skipped.append((f"damaged archive after this line: {error}", number + 1))
    state.digest, state.length = digest.hexdigest(), offset
    return state


def _key_bytes(raw: bytes) -> str:
    return hashlib.sha1(raw).hexdigest()[:16]


def _reuse_line(
    state: FileState,
    number: int,
    offset: int,
    old_entries: dict[int, Entry],
    old_skipped: dict[int | None, str],
) -> None:
    entry = old_entries.get(number)
    if entry is not None:
        entry.offset = offset  # earlier lines may have changed length
        state.entries.append(entry)
    elif number in old_skipped:
        state.skipped.append((old_skipped[number], number))


def _add_line(
    state: FileState,
    raw: bytes,
    where: tuple[int, int],
    fresh: Fresh,
    *,
    path: Path,
    source_file: str,
) -> None:
    """Parse one JSON Lines line (at `where`: line number, byte offset) into the state: an
    article, a skipped record, or nothing."""
    state.line_hashes.append(_key_bytes(raw))
    if not raw.strip():
        return
    number, offset = where
    record = located_record(raw, number, offset, is_compressed(path.name))
    if isinstance(record, BrokenRecord):
        state.skipped.append((record.reason, number))
        return
    article = article_from_record(record, path.name, source_file)
    if article is None:
        state.skipped.append(("record has no text", number))
        return
    fresh[(source_file, number)] = article
    state.entries.append(entry_of(article, number, offset))


def _checked(article: Article | None, entry: Entry, source_file: str) -> Article:
    """A re-read article must be the remembered one; otherwise the file changed meanwhile."""
    if article is None or article.article_id != entry.article_id:
        raise CorpusError(f"{source_file} changed while it was indexed; index again")
    return article


def _record_article(raw: bytes, entry: Entry, path: Path, source_file: str) -> Article:
    record = located_record(raw, entry.line, entry.offset, is_compressed(path.name))
    article = None
    if not isinstance(record, BrokenRecord):
        article = article_from_record(record, path.name, source_file)
    return _checked(article, entry, source_file)


def article_at(path: Path, source_file: str, entry: Entry) -> Article:
    """The remembered article, read again from its file."""
    name = path.name.lower()
    if name.endswith(".jsonl"):
        with path.open("rb") as stream:
            stream.seek(entry.offset)
            return _record_article(stream.readline(), entry, path, source_file)
    if name.endswith(".txt"):
        text = text_of(path, source_file)
        drafts = split_articles(text)
        draft = drafts[entry.line] if entry.line < len(drafts) else None
        article = None
        if draft is not None:
            article = article_from_draft(draft, source_file, text_file_date(path.name, text))
        return _checked(article, entry, source_file)
    return articles_in_stream(path, source_file, [entry])[0]


def articles_in_stream(path: Path, source_file: str, entries: list[Entry]) -> list[Article]:
    """Remembered articles of a compressed JSON Lines file, in one pass over it."""
    wanted = {entry.line: entry for entry in entries}
    found: dict[int, Article] = {}
    with open_jsonl(path) as stream:
        for number, raw in enumerate(stream, start=1):
            if number in wanted:
                found[number] = _record_article(raw, wanted[number], path, source_file)
                if len(found) == len(wanted):
                    break
    return [_checked(found.get(entry.line), entry, source_file) for entry in entries]


def text_of(path: Path, source_file: str) -> str:
    """The decoded text of a text file read again."""
    try:
        return decode_text(path.read_bytes())[0]
    except (OSError, NotText) as error:
        raise CorpusError(f"{source_file} changed while it was indexed; index again") from error
