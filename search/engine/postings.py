"""Posting lists of one index generation as NumPy arrays, and BM25F term scores computed from them.

Whoosh scores one matching document per Python call (about 2 µs each); reading a posting list
block by block into arrays once (kept in a bounded LRU) makes common words cost array work only.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import numpy as np

from search.engine.memo import Memo
from search.engine.plain_texts import PlainTexts
from search.engine.sets import positions
from search.errors import IndexUnavailable
from search.storage import ngrams
from search.storage.codec import LENGTH_OF_BYTE
from search.storage.reader import Snapshot
from search.storage.schema import EXACT_FIELD, WORD_FIELDS

# Whoosh's BM25F formula; K1 its default. B is lower than Whoosh's 0.75: news paragraphs are
# short, and a longer one usually says more rather than repeating itself, so length is
# discounted less (judged set's dev queries: nDCG@10 best at 0.5 among 0.3-0.75; docs/ranking.md).
B = 0.5
K1 = 1.2
# Bound on cached postings (document, weight pairs of 8 bytes): about 64 MB.
CACHE_POSTINGS = 8_000_000
# Bound on remembered BM25F scores of cached postings (8 bytes each): about 16 MB. A term's
# scores depend only on the generation: common words and n-grams were scored again per search.
CACHE_SCORES = 3_000_000
# Bound on remembered exact-text matches of several n-grams (the paragraphs confirmed on the
# plain text, with their scores; 16 bytes each): about 16 MB. They depend only on the
# generation, like term scores; confirming read thousands of paragraphs' text on every search
# of a pasted fragment (国代表大) or of a word jieba cuts otherwise in the text (伙伴关系).
CACHE_EXACT = 1_000_000


def _documents_of(found: tuple[np.ndarray, np.ndarray]) -> int:
    return len(found[0])


class Postings:
    """Cached posting arrays and field lengths of one generation; callers hold its lock."""

    def __init__(
        self, snapshot: Snapshot, size: int, length_bytes: Mapping[str, np.ndarray] | None = None
    ) -> None:
        """`length_bytes`: fields' `length_bytes` as the build wrote them with the generation."""
        self.snapshot = snapshot
        self.size = size
        self.lock = threading.RLock()
        self._segments = snapshot.segments
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0
        self._scores: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._scored = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._brevity: dict[tuple[str, int, float], np.ndarray] = {}
        # Exact-text matches of several n-grams: (documents, scores), weighed by documents.
        self.exact: Memo[tuple[np.ndarray, np.ndarray]] = Memo(CACHE_EXACT, _documents_of)
        # Each document's length byte per field, and per field the BM25F length part of the
        # denominator for each of the 256 bytes: scoring a posting list is two gathers.
        self._length_bytes: dict[str, np.ndarray] = dict(length_bytes or {})
        self._norms: dict[str, np.ndarray] = {}
        self._plain: PlainTexts | None = None
        self._ngrams: list[ngrams.NgramFile | None] | None = None
        try:
            self._open_files()
        except BaseException:
            self.close()
            raise
        ngram_length = sum(found.total_length() for found in self._ngrams or () if found)
        # As Whoosh's `avg_field_length`: all lengths (deleted documents too) per document.
        self._exact_average = ngram_length / (snapshot.size or 1)

    def _open_files(self) -> None:
        """Open every file a search reads now, not on first use: a build that commits meanwhile
        deletes the files of the segments it merged away, while searches still use them."""
        self._plain = PlainTexts(self._segments)
        self._ngrams = []
        for segment in self._segments:
            self._ngrams.append(segment.ngram_file())
        for fieldname in WORD_FIELDS:  # Whoosh opens length columns when first read
            self._length_bytes[fieldname] = self._read_length_bytes(fieldname)

    @property
    def cached_postings(self) -> int:
        """How many postings the cache holds now (bounded by CACHE_POSTINGS)."""
        return self._cached

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
        for segment in self._segments:
            segment_ids, segment_weights = segment.postings(fieldname, text)
            if len(segment_ids):
                ids.append(segment_ids + segment.offset)
                weights.append(segment_weights)
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
        for found, segment in zip(self._ngram_files(), self._segments, strict=True):
            if found is not None and key is not None:
                documents, frequencies = found.postings(key)
                ids.append(documents.astype(np.int32) + segment.offset)
                weights.append(frequencies.astype(np.float32))
        if not ids:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids), np.concatenate(weights)

    def frequency(self, fieldname: str, text: str) -> int:
        """How many documents contain the term, from the term index (no posting list read)."""
        with self.lock:
            return self.snapshot.document_frequency(fieldname, text)

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in terms of the field (as Whoosh stores it, one byte)."""
        with self.lock:
            if fieldname not in self._lengths:
                self._lengths[fieldname] = LENGTH_OF_BYTE[self._bytes(fieldname)]
            return self._lengths[fieldname]

    def brevity(self, fieldname: str, full: int, exponent: float) -> np.ndarray:
        """Each document's (min(length, full) / full) ** exponent in the field: 1 from `full`
        terms on, less below (worked out once per generation)."""
        key = (fieldname, full, exponent)
        with self.lock:
            if key not in self._brevity:
                lengths = self.lengths(fieldname)
                self._brevity[key] = (np.minimum(lengths, full) / full) ** exponent
            return self._brevity[key]

    def length_bytes(self, fieldname: str) -> np.ndarray:
        """Each document's length byte of a word field or the exact field."""
        with self.lock:
            return self._bytes(fieldname)

    def _bytes(self, fieldname: str) -> np.ndarray:
        """Each document's length byte of the field (callers hold the lock)."""
        if fieldname not in self._length_bytes:
            self._length_bytes[fieldname] = self._read_length_bytes(fieldname)
        return self._length_bytes[fieldname]

    def _read_length_bytes(self, fieldname: str) -> np.ndarray:
        encoded = np.zeros(self.size, dtype=np.uint8)
        if fieldname == EXACT_FIELD:
            for found, segment in zip(self._ngram_files(), self._segments, strict=True):
                if found is not None:
                    lengths = ngrams.encoded_lengths(found.lengths)
                    encoded[segment.offset : segment.offset + len(lengths)] = lengths
            return encoded
        for segment in self._segments:
            raw = segment.encoded_lengths(fieldname)
            if raw:
                offset = segment.offset
                encoded[offset : offset + len(raw)] = np.frombuffer(raw, dtype=np.uint8)
        return encoded

    def scores(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Docnums containing the term and their BM25F score for it (as Whoosh computes it);
        callers never change the arrays (they are shared)."""
        documents, frequencies = self.documents(fieldname, text)
        if not len(documents):
            return documents, frequencies.astype(np.float64)
        key = (fieldname, text)
        found = self._remembered(key, documents)
        if found is not None:
            return found
        found = (documents, self._bm25f(fieldname, len(documents), frequencies, documents))
        found[1].flags.writeable = False  # shared by every search using the term
        with self.lock:
            old = self._scores.pop(key, None)
            self._scored -= len(old[0]) if old is not None else 0
            self._scores[key] = found
            self._scored += len(documents)
            while self._scored > CACHE_SCORES and len(self._scores) > 1:
                _, (evicted, _) = self._scores.popitem(last=False)
                self._scored -= len(evicted)
        return found

    def _remembered(self, key: tuple[str, str], documents: np.ndarray) -> Any:
        """The remembered (documents, scores) of a term, if scored for this posting array."""
        with self.lock:
            found = self._scores.get(key)
            if found is not None and found[0] is documents:  # the same posting array
                self._scores.move_to_end(key)
                return found
        return None

    def scores_at(self, fieldname: str, text: str, documents: np.ndarray) -> np.ndarray:
        """The term's BM25F scores of the sorted `documents`, every one of which contains it:
        the same floats as `scores` gives them, computed for these documents only (unless
        the term's scores are remembered), so a rare intersection of common terms is cheap."""
        term_documents, frequencies = self.documents(fieldname, text)
        at = positions(term_documents, documents)
        found = self._remembered((fieldname, text), term_documents)
        if found is not None:
            return found[1][at]
        return self._bm25f(fieldname, len(term_documents), frequencies[at], documents)

    def forget_scores(self) -> None:
        """Drop the remembered term scores and exact-text matches (the posting arrays stay
        cached)."""
        with self.lock:
            self._scores.clear()
            self._scored = 0
        self.exact.clear()

    def _bm25f(
        self, fieldname: str, frequency: int, frequencies: np.ndarray, documents: np.ndarray
    ) -> np.ndarray:
        """The scores of `documents` (term frequencies `frequencies`) for a term in
        `frequency` documents."""
        # An index whose corpus was emptied has no documents: no term is in any of them.
        idf = math.log((self.snapshot.size or 1) / (frequency + 1)) + 1
        with self.lock:
            norms, encoded = self._norm_table(fieldname), self._bytes(fieldname)
        tf = frequencies.astype(np.float64)
        return idf * (tf * (K1 + 1)) / (tf + norms[encoded[documents]])

    def _norm_table(self, fieldname: str) -> np.ndarray:
        """K1 * ((1 - B) + B * length / average) for each length byte: the same floats as
        computing it per document, as Whoosh does (callers hold the lock)."""
        if fieldname not in self._norms:
            average = self._average_length(fieldname) or 1.0
            self._norms[fieldname] = K1 * ((1 - B) + B * LENGTH_OF_BYTE / average)
        return self._norms[fieldname]

    def _average_length(self, fieldname: str) -> float:
        if fieldname == EXACT_FIELD:
            return self._exact_average
        return self.snapshot.average_length(fieldname)

    def containing(self, needle: str, candidates: np.ndarray) -> np.ndarray:
        """The sorted `candidates` whose plain text (`plain_text`) contains `needle`."""
        with self.lock:  # `close` unmaps the columns
            return self._texts().containing(needle, candidates)

    def texts(self, documents: np.ndarray) -> list[str]:
        """The plain texts (`plain_text`) of the sorted `documents`."""
        with self.lock:
            return self._texts().texts(documents)

    def _texts(self) -> PlainTexts:
        if self._plain is None:
            raise IndexUnavailable("This index generation was closed")
        return self._plain

    def close(self) -> None:
        """Release the plain-text memory maps and the n-gram files."""
        with self.lock:
            if self._plain is not None:
                self._plain.close()
            self._plain = None
            for found in self._ngrams or ():
                if found is not None:
                    found.close()
            self._ngrams = None
