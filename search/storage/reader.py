"""Reading one committed index generation: segments with their word postings and lengths,
columns, n-gram files and per-document arrays, and the stored records. No Whoosh object leaves
this module.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np

from search.errors import IndexUnavailable
from search.storage import (
    codec,
    document_arrays,
    lexicon,
    ngrams,
    records,
    stored,
    word_postings,
    words,
)
from search.storage.manifest import open_index
from search.storage.plain_text import PlainText
from search.storage.positional import PositionalStorage
from search.storage.schema import WORD_FIELDS


class _SegmentFile(Protocol):
    size: int

    def close(self) -> None: ...


Opened = TypeVar("Opened", bound=_SegmentFile)


class Segment:
    """One segment of a generation; its document numbers start at `offset`."""

    def __init__(self, reader: Any, offset: int) -> None:
        self._reader = reader
        self.offset = offset
        self.size = reader.doc_count_all()
        segment = reader.segment()  # None for Whoosh's reader of an index without segments
        self.name: str = segment.segment_id() if segment is not None else ""
        self._arrays: document_arrays.DocumentArrays | None = None
        self.words: word_postings.WordPostings | None = None
        self.records: stored.StoredRecords | None = None
        if self.size:
            try:
                # Opened when first read: a generation opened from its table never reads them.
                self._require(document_arrays.path_of)
                self.words = self._open_words()
                self.records = self._open_file(stored.path_of, stored.StoredRecords)
            except BaseException:
                self.close()
                raise
        self.alive: np.ndarray | None = None  # documents not deleted; None: none is
        deleted = codec.deleted_documents(reader)
        self.deleted_count = len(deleted)
        if len(deleted):
            self.alive = np.ones(self.size, dtype=bool)
            self.alive[deleted] = False

    @property
    def arrays(self) -> document_arrays.DocumentArrays | None:
        """The segment's per-document arrays (None: it has no documents)."""
        if self._arrays is None and self.size:
            self._arrays = self._open_file(document_arrays.path_of, document_arrays.DocumentArrays)
        return self._arrays

    def _path(self, path_of: Callable[[Path, Any], Path]) -> Path:
        return path_of(Path(self._reader.storage().folder), self._reader.segment())

    def _require(self, path_of: Callable[[Path, Any], Path]) -> None:
        """A file of the segment read later must be there now: a missing one means rebuild."""
        path = self._path(path_of)
        if not path.is_file():
            raise IndexUnavailable(f"The index is damaged ({path.name} is missing); rebuild it")

    def _open_words(self) -> word_postings.WordPostings:
        return self._open_file(word_postings.path_of, word_postings.WordPostings)

    def _open_file(
        self, path_of: Callable[[Path, Any], Path], opener: Callable[[Path], Opened]
    ) -> Opened:
        """One of the segment's own files, checked against the segment: damage means rebuild."""
        path = self._path(path_of)
        try:
            found = opener(path)
        except (OSError, ValueError) as error:
            raise IndexUnavailable(
                f"The index is damaged ({path.name}: {error}); rebuild it"
            ) from None
        if found.size != self.size:
            found.close()
            raise IndexUnavailable(f"The index is damaged ({path.name} does not match); rebuild it")
        return found

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Segment-local docnums having a word field's term and the term's frequency in each."""
        if self.words is None or fieldname not in WORD_FIELDS:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        return self.words.postings(fieldname, text)

    def terms(self, fieldname: str) -> list[str]:
        """Every term of a word field in the segment, sorted."""
        if self.words is None or fieldname not in WORD_FIELDS:
            return []
        return self.words.terms(fieldname)

    def encoded_lengths(self, fieldname: str) -> bytes | None:
        """Each document's length in a word field as Whoosh encodes it (one byte), None if the
        segment has no documents."""
        if self.words is None or fieldname not in WORD_FIELDS:
            return None
        return self.words.lengths(fieldname).tobytes()

    def total_length(self, fieldname: str) -> int:
        """A word field's total length in the segment, as Whoosh counted it."""
        return self.words.total_length(fieldname) if self.words is not None else 0

    def document_frequency(self, fieldname: str, text: str) -> int:
        """How many of the segment's documents (deleted ones too) have a word field's term."""
        if self.words is None or fieldname not in WORD_FIELDS:
            return 0
        return self.words.document_frequency(fieldname, text)

    def plain_text(self) -> PlainText | None:
        return PlainText.open(self._reader)

    def ngram_file(self) -> ngrams.NgramFile | None:
        if not self.size:
            return None
        path = ngrams.path_of(Path(self._reader.storage().folder), self._reader.segment())
        try:
            return ngrams.NgramFile(path)
        except (OSError, ValueError) as error:
            raise IndexUnavailable(
                f"The index is damaged ({path.name}: {error}); rebuild it"
            ) from None

    def lexicon(self) -> tuple[list[str], np.ndarray] | None:
        """The segment's words (two characters or more) and document counts from its lexicon
        file, None when it has none (the caller reads the term dictionary instead)."""
        if not self.size:
            return None
        folder = Path(self._reader.storage().folder)
        return lexicon.read(lexicon.path_of(folder, self._reader.segment()))

    def document_frequencies(self, fieldname: str) -> Iterator[tuple[str, int]]:
        """Every term of a word field with the number of documents having it (deleted
        included), read from the whole postings file."""
        if self.words is None:
            return
        arrays = self.words.arrays()
        prefix = words.term_key(fieldname, "")
        counts = np.diff(arrays.starts).tolist()
        for key, count in zip(arrays.keys, counts, strict=True):
            if key.startswith(prefix):
                yield key[len(prefix) :], count

    def close(self) -> None:
        for opened in (self._arrays, self.words, self.records):
            if opened is not None:
                opened.close()


class Snapshot:
    """One opened generation of an index directory. Whoosh readers are not documented as
    thread-safe: callers serialize reads (the engine's generation lock). Every file is read at
    a position of its own or memory-mapped, so a snapshot opened before a fork serves each
    forked process."""

    def __init__(self, index_dir: Path) -> None:
        self.folder = Path(index_dir)
        # A reader, not a searcher: Whoosh's searching module (its query parser's regexes) is
        # imported only when `find` first needs it, not on a server's way to its first answer.
        self._reader = open_index(index_dir, storage=PositionalStorage).reader()
        self._searcher: Any = None
        self.segments: list[Segment] = []
        try:
            self.generation = self._reader.generation()
            self.size = self._reader.doc_count_all()
            for leaf, offset in self._reader.leaf_readers():
                self.segments.append(Segment(leaf, offset))
            self._offsets = [segment.offset for segment in self.segments]
        except BaseException:
            self.close()
            raise

    def identity(self) -> list[list[Any]]:
        """The segments this generation reads: (segment id, documents, deleted documents) each,
        what a table merged from them is checked against."""
        return [[segment.name, segment.size, segment.deleted_count] for segment in self.segments]

    def strings(self, fieldname: str) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
        """A keyword field's sorted values, owners (docnums grouped by value, deleted ones left
        out), their value ids and where each value's owners start."""
        present = [segment for segment in self.segments if segment.arrays is not None]
        merged = document_arrays.merge_strings(
            [segment.arrays.strings(fieldname) for segment in present],  # type: ignore[union-attr]
            [segment.offset for segment in present],
            [segment.alive for segment in present],
        )
        self._release_arrays()
        return merged

    def numbers(self, fieldname: str) -> np.ndarray:
        """A number per document (deleted ones too) from the per-document arrays."""
        numbers = np.zeros(self.size, dtype=np.int64)
        for segment in self.segments:
            if segment.arrays is not None:
                end = segment.offset + segment.size
                numbers[segment.offset : end] = segment.arrays.numbers(fieldname)
        self._release_arrays()
        return numbers

    def _release_arrays(self) -> None:
        """The per-document arrays are copied out (merged): their pages leave this process."""
        for segment in self.segments:
            if segment.arrays is not None:
                segment.arrays.release_pages()

    def deleted(self) -> np.ndarray:
        """Which documents are deleted (a mask by docnum)."""
        deleted = np.zeros(self.size, dtype=bool)
        for segment in self.segments:
            if segment.alive is not None:
                deleted[segment.offset : segment.offset + segment.size] = ~segment.alive
        return deleted

    def average_length(self, fieldname: str) -> float:
        """A word field's average length per document (deleted ones too), as Whoosh's
        `avg_field_length` computes it."""
        total = sum(segment.total_length(fieldname) for segment in self.segments)
        return total / (self.size or 1)

    def document_frequency(self, fieldname: str, text: str) -> int:
        """How many documents have a word field's term (no posting list read)."""
        return sum(segment.document_frequency(fieldname, text) for segment in self.segments)

    def stored_record(self, docnum: int) -> str:
        """The record stored with a document (see `search.storage.records`)."""
        segment = self.segments[bisect.bisect_right(self._offsets, int(docnum)) - 1]
        if segment.records is None:
            raise IndexError(docnum)
        return segment.records.record(int(docnum) - segment.offset)

    def find(self, **terms: str) -> list[str]:
        """The records of the (live) documents having every given field term."""
        if self._searcher is None:
            self._searcher = codec.searcher_of(self._reader)
        return [self.stored_record(docnum) for docnum in self._searcher.document_numbers(**terms)]

    def paragraph_record(self, paragraph_id: str) -> str | None:
        """The record of the live paragraph `paragraph_id` ("<article id>-<ordinal>"), found
        among its article's documents: Whoosh indexes no paragraph's own id (format 12)."""
        article_id, dash, _ = paragraph_id.rpartition("-")
        if not dash:
            return None
        for raw in self.find(article_id=article_id):
            if records.paragraph_id_of(raw) == paragraph_id:
                return raw
        return None

    def close(self) -> None:
        for segment in self.segments:
            segment.close()
        # A searcher closes its reader.
        (self._reader if self._searcher is None else self._searcher).close()
