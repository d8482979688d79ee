"""The layout our segment files share: a magic, the JSON header's length and the header, then
8-byte aligned NumPy sections (the word postings and per-document arrays files)."""

from __future__ import annotations

import contextlib
import json
import mmap
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np


def aligned(offset: int) -> int:
    """`offset` rounded up to a multiple of 8."""
    return offset + (-offset % 8)


def write_sectioned(
    path: Path, magic: bytes, header: dict[str, Any], sections: Iterable[tuple[str, np.ndarray]]
) -> None:
    """Write `header` (its "sections" filled in: dtype, count and offset of each) and the
    sections, via a temporary name and fsync, so no reader sees half a file."""
    sections = list(sections)
    header["sections"] = {}
    offset = 0  # from the first section, which starts after the header, 8-byte aligned
    for name, values in sections:
        header["sections"][name] = [values.dtype.str, len(values), offset]
        offset = aligned(offset + values.nbytes)
    payload = json.dumps(header, ensure_ascii=False).encode("utf-8")
    start = aligned(len(magic) + 8 + len(payload))
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as stream:
        stream.write(magic + len(payload).to_bytes(8, "little") + payload)
        for name, values in sections:
            stream.write(b"\0" * (start + header["sections"][name][2] - stream.tell()))
            stream.write(memoryview(np.ascontiguousarray(values)))
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


class MappedSections:
    """A sectioned file memory-mapped for reading: its JSON header and its sections as
    read-only NumPy views (pages shared by every process that maps the file)."""

    def __init__(self, path: Path, magic: bytes, kind: str) -> None:
        """ValueError names the file when it is not a `kind` file or is cut short."""
        with open(path, "rb") as handle:
            start = handle.read(len(magic) + 8)
            if len(start) < len(magic) + 8 or start[: len(magic)] != magic:
                raise ValueError(f"{path.name} is not a {kind}")
            length = int.from_bytes(start[len(magic) :], "little")
            self.header: dict[str, Any] = json.loads(handle.read(length).decode("utf-8"))
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._sections: dict[str, list[Any]] = self.header["sections"]
        self._start = aligned(len(magic) + 8 + length)
        for dtype, count, offset in self._sections.values():
            if self._start + offset + count * np.dtype(dtype).itemsize > len(self._map):
                self.close()
                raise ValueError(f"{path.name} is truncated")

    def has(self, name: str) -> bool:
        return name in self._sections

    def array(self, name: str) -> np.ndarray:
        """A read-only view of the section `name` (KeyError when the file has none)."""
        dtype, count, offset = self._sections[name]
        start = self._start + offset
        return np.frombuffer(self._map, dtype=np.dtype(dtype), count=count, offset=start)

    def release_pages(self) -> None:
        """Take the file's pages out of this process's memory (they stay in the page cache);
        views handed out stay valid, reading them maps the pages again."""
        if not self._map.closed and hasattr(mmap, "MADV_DONTNEED"):  # not on Windows
            self._map.madvise(mmap.MADV_DONTNEED)

    def close(self) -> None:
        """Unmap the file; NumPy views may still point into it: then the last one dropped
        unmaps it."""
        with contextlib.suppress(BufferError):
            self._map.close()
