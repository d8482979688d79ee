"""The stored records of a segment in a file of our own (`.records`): each document's record as
UTF-8, one after the other, then where each starts. Written as documents are added or merged in
(a merge copies the bytes), read with one memory-mapped slice per record.

Layout: `GXRECS01`, the records' bytes, then `starts` (int64, documents + 1, from the end of the
magic), then two little-endian 8-byte numbers: the document count and where `starts` begins.
Records are not compressed: zlib per record (as Whoosh's stored fields were) saved a fifth of
their size on this corpus's Chinese text and cost a fifth of a second per 10,000 records.
"""

from __future__ import annotations

import contextlib
import mmap
import os
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from search.storage.codec import segment_path

SUFFIX = ".records"  # after the segment id, so Whoosh deletes the file with its segment
_MAGIC = b"GXRECS01"
_FOOTER = 16


class Collector:
    """A segment's records, streamed to `<path>.tmp` in docnum order; `finish` names the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = open(f"{path}.tmp", "wb")  # noqa: SIM115 (closed by finish/discard)
        self._handle.write(_MAGIC)
        self._starts = array("q", [0])

    @property
    def size(self) -> int:
        return len(self._starts) - 1

    def add(self, record: str) -> None:
        encoded = record.encode("utf-8")
        self._handle.write(encoded)
        self._starts.append(self._starts[-1] + len(encoded))

    def add_segment(self, records: StoredRecords, kept: np.ndarray) -> None:
        """The records of a merged segment's documents `kept` (sorted docnums), bytes copied."""
        for docnum in kept.tolist():
            encoded = records.raw(docnum)
            self._handle.write(encoded)
            self._starts.append(self._starts[-1] + len(encoded))

    def finish(self) -> None:
        """Write where each record starts and the footer, then give the file its name."""
        position = len(_MAGIC) + self._starts[-1]
        self._handle.write(self._starts.tobytes())
        self._handle.write(self.size.to_bytes(8, "little") + position.to_bytes(8, "little"))
        self._handle.close()
        os.replace(f"{self.path}.tmp", self.path)

    def discard(self) -> None:
        self._handle.close()
        with contextlib.suppress(OSError):
            os.unlink(f"{self.path}.tmp")


class StoredRecords:
    """One segment's records file, memory-mapped (pages shared by every process)."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as handle:
            if handle.read(len(_MAGIC)) != _MAGIC:
                raise ValueError(f"{path.name} is not a records file")
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        length = len(self._map)
        if length < len(_MAGIC) + _FOOTER:
            self.close()
            raise ValueError(f"{path.name} is truncated")
        footer = self._map[length - _FOOTER :]
        self.size = int.from_bytes(footer[:8], "little")
        position = int.from_bytes(footer[8:], "little")
        if position + (self.size + 1) * 8 + _FOOTER != length:
            self.close()
            raise ValueError(f"{path.name} is truncated")
        self._starts = np.frombuffer(self._map, dtype="<i8", count=self.size + 1, offset=position)

    def raw(self, docnum: int) -> bytes:
        start, end = self._starts[docnum : docnum + 2].tolist()
        return self._map[len(_MAGIC) + start : len(_MAGIC) + end]

    def record(self, docnum: int) -> str:
        return self.raw(docnum).decode("utf-8")

    def close(self) -> None:
        self._starts = np.zeros(1, dtype=np.int64)  # no view keeps the map open
        with contextlib.suppress(BufferError):
            self._map.close()


def path_of(folder: Path, segment: Any) -> Path:
    return segment_path(folder, segment, SUFFIX)
