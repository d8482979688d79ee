"""The suggestion lexicon: each segment's words of two characters or more with their document
counts, one file per Whoosh segment written with its word postings (`search.storage.words`), so
the first suggestion of a generation reads a few arrays instead of walking every term.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from search.storage.codec import segment_path

SUFFIX = ".words"  # after the segment id, so Whoosh deletes the file with its segment
_MAGIC = b"GXWORDS1"
_HEADER = np.dtype([("magic", "S8"), ("words", "<u8")])
FIELD = "text"  # suggestions complete words of the paragraph text


def path_of(folder: Path, segment: Any) -> Path:
    return segment_path(folder, segment, SUFFIX)


def write(path: Path, words: list[str], counts: np.ndarray) -> None:
    """Header, counts (uint32), then the words as UTF-8 joined by newlines (a word never has
    one); via a temporary name, so a reader never sees half of it."""
    header = np.zeros(1, dtype=_HEADER)
    header[0] = (_MAGIC, len(words))
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as stream:
        stream.write(header.tobytes())
        stream.write(memoryview(np.ascontiguousarray(counts, dtype="<u4")))
        stream.write("\n".join(words).encode("utf-8"))
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def read(path: Path) -> tuple[list[str], np.ndarray] | None:
    """The words and counts of a lexicon file; None when the segment has none (an index built
    before lexicon files, or a damaged file: the caller falls back to the term dictionary)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER.itemsize:
        return None
    header = np.frombuffer(data[: _HEADER.itemsize], dtype=_HEADER)[0]
    size = int(header["words"])
    end = _HEADER.itemsize + 4 * size
    if header["magic"] != _MAGIC or len(data) < end:
        return None
    counts = np.frombuffer(data[_HEADER.itemsize : end], dtype="<u4").astype(np.int64)
    words = data[end:].decode("utf-8").split("\n") if size else []
    return (words, counts) if len(words) == size else None
