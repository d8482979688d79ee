"""Incremental ingest: each corpus file is compared with what it was at the last build; only new
or changed input is parsed (of a JSON Lines file only new or changed lines; of an appended one
only the appended lines), and reprints are merged again over remembered keys as `load_corpus` does.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from search.ingest.corpus import corpus_files, read_unless_skipped
from search.ingest.decode import is_jsonl
from search.ingest.incremental_files import (
    FileToRead,
    article_at,
    articles_in_stream,
    read_jsonl_file,
    read_text_file,
    text_of,
)
from search.ingest.merge import Change, Kept, MergeMemory, merge_reprints
from search.ingest.prefix_hashes import PrefixHashes
from search.ingest.state import Entry, FileState, IngestState
from search.models import Article, SkippedFile


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
    change: Change | None = None  # what this build merged again (None: everything)
    merged: MergeMemory | None = None  # the resident merge, brought up to date
    prefixes: PrefixHashes | None = None  # grown JSON Lines files' read parts, hashed ahead

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

    def forget(self, kept: list[Kept]) -> None:
        """Drop the parsed articles of `kept` (written to the index): a full build would
        otherwise hold the whole corpus until it ends (they are read again if asked for)."""
        for name, entry in (copy for item in kept for copy in item.copies):
            self.fresh.pop((name, entry.line), None)

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
        kept = (
            self.change.kept if self.change is not None else {id(item.entry) for item in self.kept}
        )
        # A merged reprint's fingerprint goes stale; when only the entries linked to a change
        # were merged again (`change`), only they can have become one.
        maybe_merged = (
            (entry for _, entry in self.change.reached.values())
            if self.change is not None
            else (entry for file_state in self.state.files.values() for entry in file_state.entries)
        )
        for entry in maybe_merged:
            if id(entry) not in kept:
                entry.fingerprint, entry.members = "", ()
        missing = [item for item in self.kept if not (reuse and _fingerprinted(item))]
        for start in range(0, len(missing), 5_000):  # bounded memory for a full retag
            batch = missing[start : start + 5_000]
            for item, article in zip(batch, self.articles(batch), strict=True):
                item.entry.fingerprint = fingerprint(article)
                item.entry.members = item.members


def _fingerprinted(item: Kept) -> bool:
    """Whether the kept article's remembered fingerprint is for these copies where they sit."""
    entry = item.entry
    if not entry.fingerprint:
        return False
    if len(item.copies) == 1:  # most articles: no reprint (cheaper than building `members`)
        members = entry.members
        return len(members) == 1 and members[0] == (item.source_file, entry.line, entry.offset)
    return entry.members == item.members


def scan_corpus(
    path: Path | str,
    previous: IngestState,
    *,
    on_file: Callable[[str], None] | None = None,
    merged: MergeMemory | None = None,
    prefixes: PrefixHashes | None = None,
) -> Scan:
    """Read what changed in the corpus since `previous` and merge reprints over all of it
    (`merged`: the merge of `previous`, kept by a resident process, redone only where needed;
    `prefixes`: grown JSON Lines files' read parts, hashed ahead)."""
    scan = Scan(IngestState(vocabulary=previous.vocabulary), prefixes=prefixes)
    for file_path, source_file, listed in corpus_files(Path(path), str(path)):
        if on_file is not None:
            on_file(source_file)
        scan.paths[source_file] = file_path
        file_state = _read_file(scan, file_path, source_file, listed, previous)
        if file_state is not None:
            scan.state.files[source_file] = file_state
            scan.skipped += [SkippedFile(source_file, *item) for item in file_state.skipped]
    if prefixes is not None:
        prefixes.close()  # hashes ahead that no file took
    scan.parsed = len(scan.fresh)
    unchanged = merge_reprints(scan, previous, merged)
    scan.merged = merged
    scan.remembered = unchanged and _same_files(scan.state, previous)
    return scan


def _same_files(current: IngestState, previous: IngestState) -> bool:
    """Whether every file is the remembered one, in the same order (nothing was read)."""
    return list(current.files) == list(previous.files) and all(
        file_state is previous.files[name] for name, file_state in current.files.items()
    )


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
    file = FileToRead(path, source_file, listed, old, scan.fresh, scan.source_texts, scan.prefixes)
    file_state, reason = read_unless_skipped(path, listed, lambda: reader(file))
    if file_state is None:
        scan.skipped.append(SkippedFile(source_file, str(reason)))
    return file_state
