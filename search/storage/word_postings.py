"""The word postings file of one segment (`search.storage.words` gathers what it holds): a JSON
header, then 8-byte aligned sections: a sample of the keys, the keys (UTF-8, with offsets),
where each key's postings start, documents, frequencies and the one-byte lengths per field.
"""

from __future__ import annotations

import bisect
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from search.storage.codec import segment_path
from search.storage.ngrams import read_exact
from search.storage.schema import WORD_FIELDS
from search.storage.sectioned import aligned, write_sectioned
from search.storage.words import WordArrays, term_key

SUFFIX = ".postings"  # after the segment id, so Whoosh deletes the file with its segment
_MAGIC = b"GXWORDS1"
# Every STRIDE-th key is kept in memory; a lookup reads one block of keys from the file.
STRIDE = 128


def path_of(folder: Path, segment: Any) -> Path:
    return segment_path(folder, segment, SUFFIX)


def _blob(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [key.encode("utf-8") for key in keys]
    offsets = np.zeros(len(encoded) + 1, dtype=np.uint64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.uint64, count=len(encoded)), out=offsets[1:])
    return offsets, np.frombuffer(b"".join(encoded), dtype=np.uint8)


def write(path: Path, arrays: WordArrays) -> None:
    """Write the file (via a temporary name, so a reader never sees half of it)."""
    sample_offsets, sample_blob = _blob(arrays.keys[::STRIDE])
    key_offsets, key_blob = _blob(arrays.keys)
    fits = not len(arrays.frequencies) or int(arrays.frequencies.max()) <= 0xFFFF
    sections = {
        "sample_offsets": sample_offsets,
        "sample_blob": sample_blob,
        "key_offsets": key_offsets,
        "key_blob": key_blob,
        "starts": arrays.starts.astype("<i8"),
        "documents": arrays.documents.astype("<u4"),
        "frequencies": arrays.frequencies.astype("<u2" if fits else "<u4"),
        "lengths": np.ascontiguousarray(arrays.lengths, dtype=np.uint8).reshape(-1),
    }
    header: dict[str, Any] = {
        "documents": int(arrays.lengths.shape[1]),
        "fields": list(WORD_FIELDS),
        "totals": arrays.totals,
    }
    write_sectioned(path, _MAGIC, header, sections.items())


class WordPostings:
    """One segment's word postings file. Lookups read the few bytes they need (`os.pread`), as
    the n-gram files do, so searches leave no posting pages resident in the server."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        try:
            start = read_exact(self._file, 0, len(_MAGIC) + 8)
            if start[: len(_MAGIC)] != _MAGIC:
                raise ValueError(f"{path.name} is not a word postings file")
            length = int.from_bytes(start[len(_MAGIC) :], "little")
            header = json.loads(read_exact(self._file, len(start), length).decode("utf-8"))
            if header["fields"] != list(WORD_FIELDS):
                raise ValueError(f"{path.name} holds other fields")
            self._start = aligned(len(start) + length)
            self._sections: dict[str, list[Any]] = header["sections"]
            self.size: int = header["documents"]
            self._totals = dict(zip(WORD_FIELDS, header["totals"], strict=True))
            self._keys = self._sections["key_offsets"][1] - 1
            _, count, offset = self._sections["lengths"]  # the last section
            if os.fstat(self._file.fileno()).st_size < self._start + offset + count:
                raise ValueError(f"{path.name} is truncated")
            self._sample = self._decode(
                self._section("sample_offsets", 0, self._sections["sample_offsets"][1]),
                "sample_blob",
            )
        except BaseException:
            self._file.close()
            raise

    def _section(self, name: str, first: int, count: int) -> np.ndarray:
        dtype, _, offset = self._sections[name]
        itemsize = np.dtype(dtype).itemsize
        data = read_exact(self._file, self._start + offset + first * itemsize, count * itemsize)
        return np.frombuffer(data, dtype=np.dtype(dtype))

    def _decode(self, offsets: np.ndarray, blob: str) -> list[str]:
        """The keys between consecutive `offsets` of a blob section."""
        if len(offsets) < 2:
            return []
        first, last = int(offsets[0]), int(offsets[-1])
        data = self._section(blob, first, last - first).tobytes()
        bounds = (offsets - first).tolist()
        return [data[a:b].decode("utf-8") for a, b in zip(bounds[:-1], bounds[1:], strict=True)]

    def _first_at_least(self, key: str) -> tuple[int, bool]:
        """The number of the first key not below `key` (the number of keys if none is), and
        whether it is `key`."""
        block = bisect.bisect_right(self._sample, key) - 1
        if block < 0:
            return 0, False
        first = block * STRIDE
        count = min(STRIDE, self._keys - first)
        offsets = self._section("key_offsets", first, count + 1)
        start = int(offsets[0])
        data = self._section("key_blob", start, int(offsets[-1]) - start).tobytes()
        bounds = (offsets - start).tolist()
        # UTF-8 bytes sort as their code points (surrogates too): the block's keys are bisected
        # as bytes, a few compared instead of all of them decoded.
        wanted = key.encode("utf-8", "surrogatepass")
        low, high = 0, count
        while low < high:
            middle = (low + high) // 2
            if data[bounds[middle] : bounds[middle + 1]] < wanted:
                low = middle + 1
            else:
                high = middle
        found = low < count and data[bounds[low] : bounds[low + 1]] == wanted
        return first + low, found

    def terms(self, fieldname: str) -> list[str]:
        """Every term of a word field, sorted (only that field's keys are read)."""
        prefix = term_key(fieldname, "")
        start, _ = self._first_at_least(prefix)
        end, _ = self._first_at_least(chr(ord(prefix) + 1))
        offsets = self._section("key_offsets", start, end - start + 1)
        return [key[len(prefix) :] for key in self._decode(offsets, "key_blob")]

    def _range(self, key: str) -> tuple[int, int]:
        """Where a key's postings start and end (equal when the segment lacks it)."""
        number, found = self._first_at_least(key)
        if not found:
            return 0, 0
        start, end = self._section("starts", number, 2).tolist()
        return start, end

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Segment docnums having the term (ascending) and its frequency in each (as float32,
        the weights Whoosh's posting blocks gave)."""
        start, end = self._range(term_key(fieldname, text))
        documents = self._section("documents", start, end - start).astype(np.int32)
        return documents, self._section("frequencies", start, end - start).astype(np.float32)

    def document_frequency(self, fieldname: str, text: str) -> int:
        """How many of the segment's documents have the term (deleted ones too)."""
        start, end = self._range(term_key(fieldname, text))
        return end - start

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in the field as Whoosh encodes it (one byte, uint8)."""
        return self._section("lengths", WORD_FIELDS.index(fieldname) * self.size, self.size)

    def total_length(self, fieldname: str) -> int:
        """The field's total length as Whoosh counts it (the numerator of its average)."""
        return int(self._totals[fieldname])

    def arrays(self) -> WordArrays:
        """Everything in the file (to merge the segment into another)."""
        counts = {name: section[1] for name, section in self._sections.items()}
        return WordArrays(
            keys=self._decode(self._section("key_offsets", 0, counts["key_offsets"]), "key_blob"),
            starts=self._section("starts", 0, counts["starts"]),
            documents=self._section("documents", 0, counts["documents"]),
            frequencies=self._section("frequencies", 0, counts["frequencies"]),
            lengths=self._section("lengths", 0, counts["lengths"]).reshape(len(WORD_FIELDS), -1),
            totals=[self._totals[name] for name in WORD_FIELDS],
        )

    def close(self) -> None:
        self._file.close()
