"""Index generations for serving: one opened searcher with its arrays, shared and refreshed.

A generation is reference-counted and closed when the last request using it ends.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from search.engine import generation_table, reprints, suggest
from search.engine.memo import Memo
from search.engine.postings import Postings
from search.engine.title_text import TitleText
from search.errors import GaoxinError, IndexUnavailable
from search.models import FacetBucket
from search.storage import records
from search.storage.codec import latest_generation
from search.storage.generation_file import GenerationTable
from search.storage.manifest import MANIFEST_NAME, read_manifest
from search.storage.reader import Snapshot

# Looking for a new generation lists the index directory (well under a millisecond). A request
# looks when the manifest (which every commit rewrites) looks changed, found by one stat
# (microseconds), so a new build is found at the next request after its commit; and at least
# every fifth of a second, for a generation committed by other means.
REFRESH_INTERVAL = 0.2
# Decoded stored paragraphs kept per generation (a few KB each): the pages users look at again,
# as Solr's documentCache keeps them; and rendered highlights of (paragraph, marks).
PARAGRAPH_MEMO = 4096
HIGHLIGHT_MEMO = 4096
# Facet counts of (plan, field, filters, time window), weighed by buckets (about 150 bytes
# each): the next page, another sort or grouping of a search count the same facets, as
# Elasticsearch's shard request cache keeps aggregations. 60,000 buckets ≈ 9 MB per process.
FACET_MEMO_BUCKETS = 60_000


def _close(snapshot: Snapshot, postings: Postings, mapped: GenerationTable | None) -> None:
    postings.close()
    snapshot.close()
    if mapped is not None:
        mapped.close()


class Generation:
    """One opened index generation: its snapshot, arrays and users."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._manifest = read_manifest(index_dir)
        self.snapshot = Snapshot(index_dir)
        mapped = None
        try:
            self.generation = self.snapshot.generation
            # Mapped as the build wrote it after its commit, or merged from the segments now.
            opened = generation_table.open_table(self.snapshot)
            self.table, self._duplicates, mapped = opened.table, opened.duplicates, opened.mapped
            self.postings = Postings(self.snapshot, self.table.size, opened.length_bytes)
        except BaseException:
            self.snapshot.close()  # a half-opened generation leaks no open files
            if mapped is not None:
                mapped.close()
            raise
        self.titles = TitleText(self.postings, self.table, self.snapshot.stored_record)
        # Whoosh readers are not documented as thread-safe: one lock guards all reading.
        self.lock = self.postings.lock
        self.users = 0
        self.retired = False
        self._reprinted: np.ndarray | None = None
        self._vocabulary: Any = None
        self._paragraphs: Memo[records.StoredParagraph] = Memo(PARAGRAPH_MEMO)
        self.highlights: Memo[tuple[str, str]] = Memo(HIGHLIGHT_MEMO)  # see hits.hit_of
        self.facet_counts: Memo[dict[str, tuple[FacetBucket, ...]]] = Memo(
            # An entry also weighs its key (a plan, filters: 1-3 KB, some 16 buckets' worth), so
            # a stream of distinct searches without facets stays within the same bound.
            FACET_MEMO_BUCKETS,
            lambda facets: sum(map(len, facets.values())) + 16,
        )  # see results.search_results
        # Index files are plain open files (not compound): close them even when a service is
        # dropped without close(); the finalizer runs at most once, whichever comes first.
        self._closer = weakref.finalize(self, _close, self.snapshot, self.postings, mapped)

    @property
    def manifest(self) -> dict[str, Any]:
        """This generation's manifest (counts, build time).

        A reader may open a generation while its build is still recording it; the manifest read
        then describes the previous generation, so it is read again until it catches up.
        """
        if self._manifest.get("generation") != self.generation:
            try:
                fresh = read_manifest(self.index_dir)
            except IndexUnavailable:
                return self._manifest
            if fresh.get("generation") == self.generation:
                self._manifest = fresh
        return self._manifest

    @property
    def duplicates(self) -> np.ndarray:
        """Docnum -> group of near-identical paragraphs (-1: unique), computed on first use."""
        with self.lock:
            if self._duplicates is None:
                self._duplicates = reprints.duplicate_groups(self.snapshot)
            return self._duplicates

    @property
    def reprinted(self) -> np.ndarray:
        """The sorted docnums in a reprint group (a small share of the index): collapsing
        looks at these instead of a pass over every document's group."""
        with self.lock:
            if self._reprinted is None:
                self._reprinted = np.flatnonzero(self.duplicates >= 0)
            return self._reprinted

    @property
    def vocabulary(self) -> Any:
        """The corpus's frequent words with their document counts (for suggestions)."""
        with self.lock:
            if self._vocabulary is None:
                self._vocabulary = suggest.frequent_words(self.snapshot.segments, "text")
            return self._vocabulary

    def current_manifest(self) -> dict[str, Any]:
        """The manifest as it is on disk now, while it still describes this generation: a build
        that changed nothing may have noted since that the corpus moved."""
        try:
            fresh = read_manifest(self.index_dir)
        except IndexUnavailable:
            return self.manifest
        return fresh if fresh.get("generation") == self.generation else self.manifest

    def close(self) -> None:
        """Close the snapshot (its open index files)."""
        self._closer()

    def paragraph(self, docnum: int) -> records.StoredParagraph:
        """The stored paragraph of a document (decoded once while it stays in use)."""
        return self._paragraphs.get(int(docnum), lambda: self._decode(int(docnum)))

    def _decode(self, docnum: int) -> records.StoredParagraph:
        with self.lock:
            raw = self.snapshot.stored_record(docnum)
        return records.decode_paragraph(raw)

    def forget(self) -> None:
        """Drop the decoded paragraphs, highlights, facet counts, term scores and title-text
        matches (for measuring a page never seen before)."""
        self._paragraphs.clear()
        self.highlights.clear()
        self.facet_counts.clear()
        self.postings.forget_scores()
        self.titles.forget()

    def paragraph_record(self, paragraph_id: str) -> str | None:
        """The stored record of a live paragraph, None when there is none."""
        with self.lock:
            return self.snapshot.paragraph_record(paragraph_id)

    def records(self, **terms: str) -> list[str]:
        """The stored records of the documents having every given field term."""
        with self.lock:
            return self.snapshot.find(**terms)


class GenerationPool:
    """The current generation of one index directory, switched when a new one is committed."""

    def __init__(self, index_dir: Path, refresh_interval: float = REFRESH_INTERVAL) -> None:
        """`refresh_interval`: at most how often (seconds) a request looks for a new generation."""
        self.index_dir = Path(index_dir)
        self.refresh_interval = refresh_interval
        self._lock = threading.Lock()
        self._current: Generation | None = None
        self._checked = 0.0
        self._manifest_path = self.index_dir / MANIFEST_NAME
        self._manifest_seen: tuple[int, int, int] | None = None
        self._refreshing = False
        self._closed = False

    def _open(self) -> Generation:
        try:
            return Generation(self.index_dir)
        except GaoxinError:
            raise
        except Exception as error:  # Whoosh and OS errors on a damaged index
            raise IndexUnavailable(
                f"The index at {self.index_dir} cannot be read ({error})"
            ) from None

    def _changed(self, current: Generation) -> bool:
        try:
            latest = latest_generation(self.index_dir)
        except OSError:
            return False  # the directory vanished: keep answering from what is open
        return latest != current.generation

    def _manifest_stamp(self) -> tuple[int, int, int] | None:
        """The manifest file's identity (inode, size, time): every commit rewrites it."""
        try:
            status = os.stat(self._manifest_path)
        except OSError:
            return None
        return (status.st_ino, status.st_size, status.st_mtime_ns)

    def _acquire(self) -> Generation:
        stamp = self._manifest_stamp()
        with self._lock:
            if self._current is None:
                self._current = self._open()
                self._closed = False  # used again after `close`
                self._checked, self._manifest_seen = time.monotonic(), stamp
            elapsed = time.monotonic() - self._checked
            due = stamp != self._manifest_seen or elapsed >= self.refresh_interval
            due = due and not self._refreshing
            if due:
                self._checked, self._manifest_seen = time.monotonic(), stamp
                self._refreshing = True
            current = self._current
            current.users += 1
        if due and self._refresh(current):
            return self._switch(current)
        return current

    def _refresh(self, current: Generation) -> bool:
        """Open the newest generation if it is not `current`; whether one was opened."""
        # Opening happens outside the lock: other requests keep answering from the old one.
        fresh = None
        try:
            if self._changed(current):
                fresh = self._open()
        except GaoxinError:
            fresh = None  # e.g. a foreign change: keep serving the generation we trust
        finally:
            with self._lock:
                self._refreshing = False
                if fresh is not None and self._closed:  # closed meanwhile: install nothing
                    fresh.close()
                    fresh = None
                elif fresh is not None:
                    old, self._current = self._current, fresh
                    self._retire(old)
        return fresh is not None

    def _switch(self, current: Generation) -> Generation:
        """The request that waited for a new generation to open answers from it (else the
        change it was looking for would show only on the next request)."""
        with self._lock:
            newest = self._current
            if newest is None or newest is current:
                return current
            newest.users += 1
        self._release(current)
        return newest

    def _retire(self, generation: Generation | None) -> None:
        if generation is not None:
            generation.retired = True
            if generation.users == 0:
                generation.close()

    def _release(self, generation: Generation) -> None:
        with self._lock:
            generation.users -= 1
            if generation.retired and generation.users == 0:
                generation.close()

    @contextmanager
    def use(self) -> Iterator[Generation]:
        """The current generation, kept open until the block ends (checks for a newer one)."""
        generation = self._acquire()
        try:
            yield generation
        finally:
            self._release(generation)

    def close(self) -> None:
        """Close the open generation (once no request uses it)."""
        with self._lock:
            self._closed = True
            old, self._current = self._current, None
            self._retire(old)
