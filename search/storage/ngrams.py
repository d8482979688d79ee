"""The exact field's n-gram postings, one file per Whoosh segment, written with NumPy.

Every character of a paragraph's plain text (normalized, whitespace removed) is a unigram and
every two neighbours a bigram (as `search.text.tokens.exact_tokens` defines them). They are most of
the postings of the index; written by Whoosh one posting per Python call they were 55 % of a
build. Here they are computed at commit from the segment's plain-text column in a few array
operations, and read back a posting list at a time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from search.storage.codec import LENGTH_BYTES, segment_path

SUFFIX = ".ngrams"  # after the segment id, so Whoosh deletes the file with its segment
_MAGIC = b"GXNGRAM1"
_HEADER = np.dtype([("magic", "S8"), ("terms", "<u8"), ("postings", "<u8"), ("documents", "<u8")])
_CHAR_BITS = 21  # every Unicode code point fits
_BIGRAM = 1 << (2 * _CHAR_BITS)  # marks a key as a bigram (unigram keys stay below it)
DOCUMENT_BITS = 21  # documents per segment that fit next to a key in one uint64
_MAX_FREQUENCY = np.iinfo(np.uint16).max  # BM25 saturates long before this
# Whoosh's one-byte length encoding, so exact-field scores keep the values Whoosh gave them.
_LONGEST = 106374  # Whoosh encodes this length and above as 255


def term_key(term: str) -> int | None:
    """The key of a unigram or bigram term (None for any other length)."""
    if len(term) == 1:
        return ord(term)
    if len(term) == 2:
        return _BIGRAM | (ord(term[0]) << _CHAR_BITS) | ord(term[1])
    return None


@dataclass(frozen=True)
class NgramArrays:
    """A segment's n-gram postings: sorted term keys, each term's slice of (document, freq)."""

    terms: np.ndarray  # int64, sorted
    starts: np.ndarray  # int64, len(terms) + 1
    documents: np.ndarray  # uint32, sorted within a term
    frequencies: np.ndarray  # uint16
    lengths: np.ndarray  # uint32 per document: its number of n-grams (the field length)


def build(texts: Sequence[bytes], document_bits: int = DOCUMENT_BITS) -> NgramArrays:
    """The n-gram postings of documents whose plain texts (UTF-8) are `texts`, in order.

    Up to 2**`document_bits` documents, a (key, document) pair is packed into one integer to
    sort; past it, pairs are sorted as pairs (a smaller value takes that path sooner)."""
    decoded = [text.decode("utf-8") for text in texts]
    counts = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
    if len(decoded) < 1 << document_bits:
        packed = _packed_pairs(decoded, counts, document_bits)
        del decoded
        packed, frequencies = _distinct(packed)
        documents = (packed & np.uint64((1 << document_bits) - 1)).astype(np.uint32)
        packed >>= np.uint64(document_bits)  # the keys, in place
        keys = packed
    else:
        keys, documents, frequencies = _count(*_pairs(decoded, counts))
        documents = documents.astype(np.uint32)
    firsts = _firsts(keys)
    return NgramArrays(
        terms=keys[firsts].astype(np.int64),
        starts=np.append(firsts, len(keys)).astype(np.int64),
        documents=documents,
        frequencies=np.minimum(frequencies, _MAX_FREQUENCY).astype(np.uint16),
        lengths=np.where(counts > 0, 2 * counts - 1, 0).astype(np.uint32),
    )


def _packed_pairs(decoded: list[str], counts: np.ndarray, document_bits: int) -> np.ndarray:
    """Every unigram's and bigram's key above its document's number, in one uint64 array,
    sorted. Built in place: a commit holds about 30 bytes per character here (the two arrays
    of `_pairs` and their copies were about 100)."""
    points = np.frombuffer("".join(decoded).encode("utf-32-le"), dtype=np.uint32)
    owners = np.repeat(np.arange(len(decoded), dtype=np.uint32), counts)
    same = owners[:-1] == owners[1:]  # neighbours in one document make a bigram
    packed = np.empty(len(points) + int(np.count_nonzero(same)), dtype=np.uint64)
    unigrams, bigrams = packed[: len(points)], packed[len(points) :]
    unigrams[:] = points
    unigrams <<= np.uint64(document_bits)
    unigrams |= owners
    bigrams[:] = points[:-1][same]
    bigrams <<= np.uint64(_CHAR_BITS)
    bigrams |= points[1:][same]
    bigrams |= np.uint64(_BIGRAM)
    bigrams <<= np.uint64(document_bits)
    bigrams |= owners[:-1][same]
    packed.sort()
    return packed


_RUN_BLOCK = 1 << 20  # sorted values counted at a time (bounds the temporary arrays)


def _distinct(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of a sorted array and how often each occurs (uint32), a block at
    a time into arrays sized once."""
    size = 1 + int(np.count_nonzero(packed[1:] != packed[:-1])) if len(packed) else 0
    distinct = np.empty(size, dtype=packed.dtype)
    frequencies = np.empty(size, dtype=np.uint32)
    start, filled = 0, 0
    while start < len(packed):
        end = min(start + _RUN_BLOCK, len(packed))
        if end < len(packed):  # a run never spans two blocks
            end = int(np.searchsorted(packed, packed[end - 1], side="right"))
        firsts = _firsts(packed[start:end])
        count = len(firsts)
        distinct[filled : filled + count] = packed[start:end][firsts]
        frequencies[filled : filled + count] = np.diff(np.append(firsts, end - start))
        start, filled = end, filled + count
    return distinct, frequencies


def _pairs(decoded: list[str], counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(key, document) of every unigram and bigram, as two uint64 arrays."""
    points = np.frombuffer("".join(decoded).encode("utf-32-le"), dtype=np.uint32)
    owners = np.repeat(np.arange(len(decoded), dtype=np.uint64), counts)
    same = owners[:-1] == owners[1:]  # neighbours in one document make a bigram
    unigrams = points.astype(np.uint64)
    bigrams = (unigrams[:-1][same] << np.uint64(_CHAR_BITS)) | unigrams[1:][same]
    bigrams |= np.uint64(_BIGRAM)
    return np.concatenate([unigrams, bigrams]), np.concatenate([owners, owners[:-1][same]])


def _firsts(values: np.ndarray, others: np.ndarray | None = None) -> np.ndarray:
    """Where runs of equal values (of equal pairs with `others`) start in sorted arrays."""
    changed = np.empty(len(values), dtype=bool)
    if len(values):
        changed[0] = True
        np.not_equal(values[1:], values[:-1], out=changed[1:])
        if others is not None:
            changed[1:] |= others[1:] != others[:-1]
    return np.flatnonzero(changed)


def _count(keys: np.ndarray, documents: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (key, document) pairs sorted by key then document, and how often each occurs
    (for more documents than fit next to a key in one uint64)."""
    order = np.lexsort((documents, keys))
    keys, documents = keys[order], documents[order]
    firsts = _firsts(keys, documents)
    return keys[firsts], documents[firsts], np.diff(np.append(firsts, len(keys)))


# Every STRIDE-th term key is kept in memory; a lookup reads one block of keys from the file.
STRIDE = 256
# Sections after the header, in file order: (name, dtype); each starts 8-byte aligned.
_SECTIONS = (
    ("sample", "<i8"),
    ("terms", "<i8"),
    ("starts", "<i8"),
    ("documents", "<u4"),
    ("frequencies", "<u2"),
    ("lengths", "<u4"),
)


def _counts(terms: int, postings: int, documents: int) -> dict[str, int]:
    return {
        "sample": -(-terms // STRIDE),
        "terms": terms,
        "starts": terms + 1,
        "documents": postings,
        "frequencies": postings,
        "lengths": documents,
    }


def _offsets(counts: dict[str, int]) -> dict[str, int]:
    offsets, offset = {}, _HEADER.itemsize
    for name, dtype in _SECTIONS:
        offset += -offset % 8
        offsets[name] = offset
        offset += counts[name] * np.dtype(dtype).itemsize
    return offsets


def write(path: Path, arrays: NgramArrays) -> None:
    """Write the postings file (via a temporary name, so a reader never sees half of it)."""
    header = np.zeros(1, dtype=_HEADER)
    header[0] = (_MAGIC, len(arrays.terms), len(arrays.documents), len(arrays.lengths))
    sections = {
        "sample": arrays.terms[::STRIDE],
        "terms": arrays.terms,
        "starts": arrays.starts,
        "documents": arrays.documents,
        "frequencies": arrays.frequencies,
        "lengths": arrays.lengths,
    }
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as stream:
        stream.write(header.tobytes())
        for name, dtype in _SECTIONS:
            stream.write(b"\0" * (-stream.tell() % 8))  # every section starts 8-byte aligned
            stream.write(memoryview(np.ascontiguousarray(sections[name], dtype=dtype)))
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


class NgramFile:
    """One segment's postings file. Lookups read the few bytes they need (`os.pread`): a
    memory map kept every posting page that searches had touched resident in the server."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        try:
            header = np.frombuffer(read_exact(self._file, 0, _HEADER.itemsize), dtype=_HEADER)[0]
            if header["magic"] != _MAGIC:
                raise ValueError(f"{path.name} is not an n-gram postings file")
            self._terms = int(header["terms"])
            self._counts = _counts(self._terms, int(header["postings"]), int(header["documents"]))
            self._offsets = _offsets(self._counts)
            self._sample = self._section("sample", 0, self._counts["sample"])
            self.lengths = self._section("lengths", 0, self._counts["lengths"])
        except BaseException:
            self._file.close()
            raise

    def _section(self, name: str, first: int, count: int) -> np.ndarray:
        dtype = np.dtype(dict(_SECTIONS)[name])
        data = read_exact(
            self._file, self._offsets[name] + first * dtype.itemsize, count * dtype.itemsize
        )
        return np.frombuffer(data, dtype=dtype)

    def postings(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        """The segment's documents having the term, and its frequency in each."""
        block = int(np.searchsorted(self._sample, key, side="right")) - 1
        if block >= 0:
            first = block * STRIDE
            keys = self._section("terms", first, min(STRIDE, self._terms - first))
            index = int(np.searchsorted(keys, key))
            if index < len(keys) and keys[index] == key:
                start, end = self._section("starts", first + index, 2).tolist()
                documents = self._section("documents", start, end - start)
                return documents, self._section("frequencies", start, end - start)
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint16)

    def total_length(self) -> int:
        return int(self.lengths.sum(dtype=np.uint64))

    def close(self) -> None:
        self._file.close()


def encoded_lengths(lengths: np.ndarray) -> np.ndarray:
    """Whoosh's `length_to_byte` for every length: what a Whoosh length column would hold."""
    encoded = np.searchsorted(LENGTH_BYTES, lengths.astype(np.int64), side="left")
    return np.where(lengths >= _LONGEST, 255, encoded).astype(np.uint8)


def path_of(folder: Path, segment: Any) -> Path:
    return segment_path(folder, segment, SUFFIX)


def read_exact(handle: Any, offset: int, size: int) -> bytes:
    """`size` bytes of an open segment file at `offset` (pread: no shared file position, so
    threads may read at once); a short read means the file is truncated."""
    data = os.pread(handle.fileno(), size, offset)
    if len(data) != size:
        raise ValueError(f"{Path(handle.name).name} is truncated")
    return data
