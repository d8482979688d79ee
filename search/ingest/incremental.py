"""Incremental ingest: each corpus file is compared with what it was at the last build; only new
or changed input is parsed (of a JSON Lines file only new or changed lines; of an appended one
only the appended lines), and reprints are merged again over remembered keys as `load_corpus` does.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from search.ingest.corpus import (
    NEAR_DUPLICATE,
    body_text,
    corpus_files,
    read_unless_skipped,
    shingles_of,
)
from search.ingest.decode import is_jsonl
from search.ingest.incremental_files import (
    FileToRead,
    article_at,
    articles_in_stream,
    read_jsonl_file,
    read_text_file,
    text_of,
)
from search.ingest.state import Entry, FileState, IngestState, Member
from search.models import Article, SkippedFile


@dataclass
class Kept:
    """One article of the corpus after reprints were merged into it: its copies in corpus order,
    itself first (their files and JSON Lines records become the article's, as in `load_corpus`).
    """

    source_file: str
    entry: Entry
    copies: list[tuple[str, Entry]]

    @property
    def article_id(self) -> str:
        return self.entry.article_id

    @property
    def members(self) -> tuple[Member, ...]:
        """What the fingerprint depends on besides the text: where each copy sits."""
        return tuple((name, entry.line, entry.offset) for name, entry in self.copies)


@dataclass
class Scan:
    """The corpus as this build sees it: kept articles (loaded only when needed) and reports."""

    state: IngestState
    paths: dict[str, Path] = field(default_factory=dict)
    fresh: dict[tuple[str, int], Article] = field(default_factory=dict)
    source_texts: dict[str, str] = field(default_factory=dict)
    skipped: list[SkippedFile] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)
    duplicates: int = 0
    parsed: int = 0  # articles parsed from new or changed input
    remembered: bool = False  # no file was read: everything is as the last build left it

    @property
    def source_hashes(self) -> dict[str, str]:
        """sha256 of each text file kept whole for the source view."""
        return {name: file.digest for name, file in self.state.files.items() if file.source}

    @property
    def paragraphs(self) -> int:
        return sum(kept.entry.paragraphs for kept in self.kept)

    def article(self, source_file: str, entry: Entry) -> Article:
        """The article an entry stands for, as parsed (without merged sources)."""
        key = (source_file, entry.line)
        if key not in self.fresh:
            self.fresh[key] = article_at(self.paths[source_file], source_file, entry)
        return self.fresh[key]

    def articles(self, kept: list[Kept]) -> list[Article]:
        """The kept articles with the sources and records of their reprints, loading unread
        ones."""
        self._preload(kept)
        loaded = []
        for item in kept:
            article = self.article(item.source_file, item.entry)
            if len(item.copies) > 1:
                copies = [self.article(name, entry) for name, entry in item.copies]
                sources = tuple(dict.fromkeys(s for copy in copies for s in copy.sources))
                records = tuple(dict.fromkeys(r for copy in copies for r in copy.records))
                article = replace(article, sources=sources, records=records)
            loaded.append(article)
        return loaded

    def _preload(self, kept: list[Kept]) -> None:
        # A compressed file is read once for all its wanted records, not once per record.
        wanted: dict[str, list[Entry]] = {}
        for name, entry in (copy for item in kept for copy in item.copies):
            if (name, entry.line) not in self.fresh:
                wanted.setdefault(name, []).append(entry)
        for source_file, entries in wanted.items():
            path = self.paths[source_file]
            if len(entries) > 1 and not path.name.lower().endswith((".jsonl", ".txt")):
                for entry, article in zip(
                    entries, articles_in_stream(path, source_file, entries), strict=True
                ):
                    self.fresh[(source_file, entry.line)] = article

    def source_text(self, source_file: str) -> str:
        """The whole text of a text file (read again when it was not parsed in this build)."""
        if source_file not in self.source_texts:
            self.source_texts[source_file] = text_of(self.paths[source_file], source_file)
        return self.source_texts[source_file]

    def fingerprints(self, fingerprint: Callable[[Article], str], reuse: bool) -> None:
        """Give every kept article its fingerprint; remembered ones are reused when `reuse`."""
        kept = {id(item.entry) for item in self.kept}
        for file_state in self.state.files.values():
            for entry in file_state.entries:
                if id(entry) not in kept:  # a merged reprint: its fingerprint goes stale
                    entry.fingerprint, entry.members = "", ()
        missing = [
            item
            for item in self.kept
            if not (reuse and item.entry.fingerprint and item.entry.members == item.members)
        ]
        for start in range(0, len(missing), 5_000):  # bounded memory for a full retag
            batch = missing[start : start + 5_000]
            for item, article in zip(batch, self.articles(batch), strict=True):
                item.entry.fingerprint = fingerprint(article)
                item.entry.members = item.members


def scan_corpus(
    path: Path | str, previous: IngestState, *, on_file: Callable[[str], None] | None = None
) -> Scan:
    """Read what changed in the corpus since `previous` and merge reprints over all of it."""
    scan = Scan(IngestState(vocabulary=previous.vocabulary))
    for file_path, source_file, listed in corpus_files(Path(path), str(path)):
        if on_file is not None:
            on_file(source_file)
        scan.paths[source_file] = file_path
        file_state = _read_file(scan, file_path, source_file, listed, previous)
        if file_state is not None:
            scan.state.files[source_file] = file_state
            scan.skipped += [SkippedFile(source_file, *item) for item in file_state.skipped]
    scan.parsed = len(scan.fresh)
    if _same_files(scan.state, previous):
        scan.remembered = _remembered_merge(scan, previous)
    if not scan.remembered:
        _merge_reprints(scan, previous.near)
    return scan


def _same_files(current: IngestState, previous: IngestState) -> bool:
    """Whether every file is the remembered one, in the same order (nothing was read)."""
    return list(current.files) == list(previous.files) and all(
        file_state is previous.files[name] for name, file_state in current.files.items()
    )


def _remembered_merge(scan: Scan, previous: IngestState) -> bool:
    """The last build's reprint decisions, when no input changed: its kept articles are the
    entries it fingerprinted (merged reprints keep no copies, see `Scan.fingerprints`)."""
    by_line = {
        (name, entry.line): entry
        for name, file_state in scan.state.files.items()
        for entry in file_state.entries
    }
    kept, duplicates = [], 0
    for source_file, file_state in scan.state.files.items():
        for entry in file_state.entries:
            if not entry.members:
                duplicates += 1
            elif any((name, line) not in by_line for name, line, _ in entry.members):
                return False  # a memory that does not add up: merge again
            else:
                copies = [(name, by_line[(name, line)]) for name, line, _ in entry.members]
                kept.append(Kept(source_file, entry, copies))
    scan.kept, scan.duplicates, scan.state.near = kept, duplicates, previous.near
    return True


def _read_file(
    scan: Scan,
    path: Path,
    source_file: str,
    listed: os.stat_result | None,
    previous: IngestState,
) -> FileState | None:
    """The file's state: remembered when unchanged, else read (None when unreadable now)."""
    old = previous.files.get(source_file)
    kind = "jsonl" if is_jsonl(path) else "txt"
    if old is not None and old.kind != kind:
        old = None
    unchanged = listed is not None and (listed.st_size, listed.st_mtime_ns)
    if old is not None and unchanged == (old.size, old.mtime_ns):
        return old
    reader = read_jsonl_file if kind == "jsonl" else read_text_file
    file = FileToRead(path, source_file, listed, old, scan.fresh, scan.source_texts)
    file_state, reason = read_unless_skipped(path, listed, lambda: reader(file))
    if file_state is None:
        scan.skipped.append(SkippedFile(source_file, str(reason)))
    return file_state


def _merge_reprints(scan: Scan, known_near: dict[str, bool]) -> None:
    """Merge reprints into their first copy, as `load_corpus` does, over the remembered keys."""
    by_id: dict[str, int] = {}
    by_body: dict[str, int] = {}
    by_title: dict[str, list[int]] = {}
    for source_file, file_state in scan.state.files.items():
        for entry in file_state.entries:
            earlier = by_id.get(entry.article_id)
            if earlier is None and entry.body_length >= 50:
                earlier = by_body.get(entry.body_key)
            if earlier is None and entry.title_key in by_title:
                candidates = by_title[entry.title_key]
                earlier = _near_duplicate(scan, candidates, source_file, entry, known_near)
            if earlier is not None:
                scan.duplicates += 1
                scan.kept[earlier].copies.append((source_file, entry))
                continue
            by_id[entry.article_id] = len(scan.kept)
            by_body.setdefault(entry.body_key, len(scan.kept))
            if entry.title_key:
                by_title.setdefault(entry.title_key, []).append(len(scan.kept))
            scan.kept.append(Kept(source_file, entry, [(source_file, entry)]))


def _near_duplicate(
    scan: Scan, candidates: list[int], source_file: str, entry: Entry, known: dict[str, bool]
) -> int | None:
    """`_CorpusBuilder._near_duplicate` on entries: bodies are loaded only for unknown pairs."""
    shingles: set[str] | None = None
    for index in candidates[-5:]:
        earlier = scan.kept[index]
        length, other = earlier.entry.body_length, entry.body_length
        if min(length, other) < NEAR_DUPLICATE * max(length, other):
            continue
        pair = f"{earlier.entry.body_key}:{entry.body_key}"
        if pair in known:
            scan.state.near[pair] = known[pair]
        else:
            if shingles is None:
                shingles = shingles_of(body_text(scan.article(source_file, entry)))
            first = shingles_of(body_text(scan.article(earlier.source_file, earlier.entry)))
            shared = len(shingles & first) / max(len(shingles | first), 1)
            scan.state.near[pair] = shared >= NEAR_DUPLICATE
        if scan.state.near[pair]:
            return index
    return None
