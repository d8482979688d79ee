"""Every Whoosh internal the project relies on, in one place: length bytes, column offsets, TOC
names, writer hooks. A Whoosh upgrade that moves one of them breaks here
first, and tests/storage/test_whoosh_contract.py says which.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.util.numeric import _length_byte_cache, byte_to_length

INDEX_NAME = "MAIN"
# Whoosh stores a field's length per document as one byte; this decodes every byte.
LENGTH_OF_BYTE = np.array([byte_to_length(value) for value in range(256)], dtype=np.float64)
# The length each byte stands for, ascending: `length_to_byte` is a search in it.
LENGTH_BYTES = np.array(_length_byte_cache, dtype=np.int64)


def latest_generation(folder: Path) -> int:
    """The newest committed generation number in `folder` (-1 if none)."""
    return TOC._latest_generation(FileStorage(str(folder)), INDEX_NAME)


def searcher_of(reader: Any) -> Any:
    """A Whoosh searcher over an open reader (closing it closes the reader); Whoosh's searching
    module is imported here, when first needed."""
    from whoosh.searching import Searcher

    return Searcher(reader)


def toc_path(folder: Path, generation: int) -> Path:
    """The TOC file of a generation."""
    return Path(folder) / TOC._filename(INDEX_NAME, generation)


def segment_path(folder: Path, segment: Any, suffix: str) -> Path:
    """A file named after a segment: Whoosh deletes it together with the segment's own files."""
    return Path(folder) / segment.make_filename(suffix)


def raw_lengths(perdoc: Any, fieldname: str) -> bytes | None:
    """A segment's encoded length of `fieldname` per document (None: the field has none)."""
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)  # not a schema column
    if column is None:
        return None
    return bytes(column._dbfile.get(column._basepos, column._count))


def column_layout(
    segment_reader: Any, fieldname: str
) -> tuple[Path | None, Any, int, np.ndarray, np.ndarray]:
    """Where a variable-bytes column's values lie: its file when it is a plain file (else None),
    the column reader, where the column starts in that file, and each value's offset (from that
    start) and length."""
    column = segment_reader.column_reader(fieldname, translate=False)
    offsets = np.asarray(column._offsets, dtype=np.int64)
    lengths = np.asarray(column._lengths, dtype=np.int64)
    folder = getattr(segment_reader.storage(), "folder", None)  # None inside a compound file
    path = Path(folder or "") / W3Codec.column_filename(segment_reader.segment(), fieldname)
    return (path if folder and path.is_file() else None), column, column._basepos, offsets, lengths


def column_bytes(column: Any, offset: int, size: int) -> bytes:
    """`size` bytes of a column's file from `offset` (for columns not in a plain file)."""
    return column._dbfile.get(offset, size)


def deleted_documents(segment_reader: Any) -> np.ndarray:
    """The segment's deleted docnums (the TOC records them; the segment files never change)."""
    segment = segment_reader.segment()  # None for the reader of an index without segments
    if segment is None or not segment.has_deletions():
        return np.zeros(0, dtype=np.int64)
    return np.fromiter(segment.deleted_docs(), dtype=np.int64)
