"""Posting lists of one index generation as NumPy arrays, and BM25F term scores computed from them.

Whoosh scores one matching document per Python call (about 2 µs each); reading a posting list
block by block into arrays once (kept in a bounded LRU) makes common words cost array work only.
"""

from __future__ import annotations

import math
import mmap
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from search.errors import IndexUnavailable
from search.indexing.documents import PLAIN_FIELD
from search.storage import ngrams
from search.storage.schema import EXACT_FIELD, WORD_FIELDS

# Whoosh's BM25F defaults, so scores keep the meaning they had with Whoosh's own scorer.
B = 0.75
K1 = 1.2
# Bound on cached postings (document, weight pairs of 8 bytes): about 64 MB.
CACHE_POSTINGS = 8_000_000
# Whoosh stores a field's length per document as one byte; this decodes every byte.
LENGTH_OF_BYTE = np.array([byte_to_length(value) for value in range(256)], dtype=np.float64)


def raw_lengths(perdoc: Any, fieldname: str) -> bytes | None:
    """A segment's encoded length of `fieldname` per document (None: the field has none)."""
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)  # not a schema column
    if column is None:
        return None
    return bytes(column._dbfile.get(column._basepos, column._count))


def _raw_matcher(leaf: Searcher, fieldname: str, text: str) -> Any:
    # Deleted documents are removed later by the caller's searchable mask, so the
    # unfiltered leaf matcher (Whoosh's FilterMatcher keeps it as `child`) is enough.
    matcher = leaf.reader().postings(fieldname, text)
    return getattr(matcher, "child", matcher)


def _read_blocks(matcher: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The ids and weights of a Whoosh 3 leaf matcher, one block (≤ 128 postings) at a time."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    while matcher.is_active():
        if matcher._ids is None:  # Whoosh reads a block's arrays lazily
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        ids.append(np.asarray(matcher._ids, dtype=np.int32))
        weights.append(np.asarray(matcher._weights, dtype=np.float32))
        matcher._next_block()
    return ids, weights


class Postings:
    """Cached posting arrays and field lengths of one searcher; callers hold its lock."""

    def __init__(self, searcher: Searcher, size: int) -> None:
        self.searcher = searcher
        self.size = size
        self.lock = threading.RLock()
        self._leaves = list(searcher.leaf_searchers())
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._plain: list[_PlainText | None] | None = None
        self._ngrams: list[ngrams.NgramFile | None] | None = None
        try:
            self._open_files()
        except BaseException:
            self.close()
            raise
        ngram_length = sum(found.total_length() for found in self._ngrams or () if found)
        # As Whoosh's `avg_field_length`: all lengths (deleted documents too) per document.
        self._exact_average = ngram_length / (searcher.doc_count_all() or 1)

    def _open_files(self) -> None:
        """Open every file a search reads now, not on first use: a build that commits meanwhile
        deletes the files of the segments it merged away, while searches still use them."""
        self._plain = [_PlainText.open(leaf) for leaf, _ in self._leaves]
        self._ngrams = []
        for leaf, _ in self._leaves:
            self._ngrams.append(_open_ngrams(leaf))
        for fieldname in WORD_FIELDS:  # Whoosh opens length columns when first read
            self._lengths[fieldname] = self._read_lengths(fieldname)

    def documents(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sorted docnums containing the term and the term's frequency in each."""
        key = (fieldname, text)
        with self.lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
            found = self._read(fieldname, text)
            self._cache[key] = found
            self._cached += len(found[0])
            while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
                _, (old, _) = self._cache.popitem(last=False)
                self._cached -= len(old)
            return found

    def _read(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        if fieldname == EXACT_FIELD:
            return self._read_ngrams(text)
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for leaf, offset in self._leaves:
            if (fieldname, text) not in leaf.reader():
                continue
            leaf_ids, leaf_weights = _read_blocks(_raw_matcher(leaf, fieldname, text))
            ids += [block + offset for block in leaf_ids]
            weights += leaf_weights
        if not ids:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids), np.concatenate(weights)

    def _ngram_files(self) -> list[ngrams.NgramFile | None]:
        if self._ngrams is None:
            raise IndexUnavailable("This index generation was closed")
        return self._ngrams

    def _read_ngrams(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        key = ngrams.term_key(text)
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for found, (_, offset) in zip(self._ngram_files(), self._leaves, strict=True):
            if found is not None and key is not None:
                documents, frequencies = found.postings(key)
                ids.append(documents.astype(np.int32) + offset)
                weights.append(frequencies.astype(np.float32))
        if not ids:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids), np.concatenate(weights)

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in terms of the field (as Whoosh stores it, one byte)."""
        with self.lock:
            if fieldname not in self._lengths:
                self._lengths[fieldname] = self._read_lengths(fieldname)
            return self._lengths[fieldname]

    def _read_lengths(self, fieldname: str) -> np.ndarray:
        encoded = np.zeros(self.size, dtype=np.uint8)
        if fieldname == EXACT_FIELD:
            for found, (_, offset) in zip(self._ngram_files(), self._leaves, strict=True):
                if found is not None:
                    lengths = ngrams.encoded_lengths(found.lengths)
                    encoded[offset : offset + len(lengths)] = lengths
            return LENGTH_OF_BYTE[encoded]
        for leaf, offset in self._leaves:
            raw = raw_lengths(leaf.reader()._perdoc, fieldname)
            if raw:
                encoded[offset : offset + len(raw)] = np.frombuffer(raw, dtype=np.uint8)
        return LENGTH_OF_BYTE[encoded]

    def scores(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Docnums containing the term and their BM25F score for it (as Whoosh computes it)."""
        documents, frequencies = self.documents(fieldname, text)
        if not len(documents):
            return documents, frequencies.astype(np.float64)
        idf = math.log(self.searcher.doc_count_all() / (len(documents) + 1)) + 1
        average = self._average_length(fieldname) or 1.0
        lengths = self.lengths(fieldname)[documents]
        tf = frequencies.astype(np.float64)
        return documents, idf * (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * lengths / average))

    def _average_length(self, fieldname: str) -> float:
        if fieldname == EXACT_FIELD:
            return self._exact_average
        return self.searcher.avg_field_length(fieldname)

    def containing(self, needle: str, candidates: np.ndarray) -> np.ndarray:
        """The sorted `candidates` whose plain text (`documents.plain_text`) contains `needle`."""
        encoded = needle.encode("utf-8")  # UTF-8 bytes match exactly where characters do
        keep = np.zeros(len(candidates), dtype=bool)
        with self.lock:
            if self._plain is None:
                raise IndexUnavailable("This index generation was closed")
            bounds = np.searchsorted(candidates, [offset for _, offset in self._leaves])
            ends = [*bounds[1:].tolist(), len(candidates)]
            for plain, (_, offset), start, end in zip(
                self._plain, self._leaves, bounds, ends, strict=True
            ):
                if plain is not None and end > start:
                    keep[start:end] = plain.containing(encoded, candidates[start:end] - offset)
        return candidates[keep]

    def close(self) -> None:
        """Release the plain-text memory maps and the n-gram files."""
        with self.lock:
            for plain in self._plain or ():
                if plain is not None:
                    plain.close()
            self._plain = None
            for found in self._ngrams or ():
                if found is not None:
                    found.close()
            self._ngrams = None


def _open_ngrams(leaf: Searcher) -> ngrams.NgramFile | None:
    reader = leaf.reader()
    if not reader.doc_count_all():
        return None
    path = ngrams.path_of(Path(reader.storage().folder), reader.segment())
    try:
        return ngrams.NgramFile(path)
    except (OSError, ValueError) as error:
        raise IndexUnavailable(f"The index is damaged ({path.name}: {error}); rebuild it") from None


class _PlainText:
    """One segment's plain-text column, memory-mapped, so a Ctrl+F check is one C `find` per
    candidate instead of a Whoosh column read (measured: 130 ms for 35k candidates)."""

    def __init__(self, data: mmap.mmap | bytes, starts: np.ndarray, ends: np.ndarray) -> None:
        self.data = data
        self.starts = starts
        self.ends = ends

    @classmethod
    def open(cls, leaf: Searcher) -> _PlainText | None:
        reader = leaf.reader()
        if not reader.has_column(PLAIN_FIELD) or not reader.doc_count_all():
            return None
        column = reader.column_reader(PLAIN_FIELD, translate=False)
        offsets = np.asarray(column._offsets, dtype=np.int64)
        lengths = np.asarray(column._lengths, dtype=np.int64)
        folder = getattr(reader.storage(), "folder", None)  # None inside a compound file
        path = Path(folder or "") / W3Codec.column_filename(reader.segment(), PLAIN_FIELD)
        if folder and path.is_file():
            with open(path, "rb") as handle:
                data: mmap.mmap | bytes = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            offsets += column._basepos
        else:
            data = column._dbfile.get(column._basepos, int(lengths.sum()))
        return cls(data, offsets, offsets + lengths)

    def containing(self, encoded: bytes, documents: np.ndarray) -> np.ndarray:
        """Which of the segment's `documents` contain `encoded`."""
        find = self.data.find
        starts, ends = self.starts[documents].tolist(), self.ends[documents].tolist()
        return np.fromiter(
            (find(encoded, start, end) >= 0 for start, end in zip(starts, ends, strict=True)),
            dtype=bool,
            count=len(starts),
        )

    def close(self) -> None:
        if isinstance(self.data, mmap.mmap):
            self.data.close()
