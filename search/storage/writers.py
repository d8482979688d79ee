"""The Whoosh segment writers the indexer uses: n-gram and lexicon files written before the TOC
that lists their segments, per-document arrays written with each segment, and field lengths
read once per field while postings are written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from search.errors import BuildFailed
from search.storage import document_arrays, lexicon, ngrams
from search.storage.codec import LENGTH_OF_BYTE, missing_number, raw_lengths
from search.storage.schema import PLAIN_FIELD, REPRINT_KEY

_LENGTHS = LENGTH_OF_BYTE.astype(int).tolist()  # Python ints, as Whoosh's reader returns


def write_missing(storage: Any, schema: Any, segments: Iterable[Any]) -> None:
    """Write the n-gram and lexicon files of every segment that has none yet (new and merged
    segments; segments of an index built before lexicon files get theirs at its next commit)."""
    folder = Path(storage.folder)
    for segment in segments:
        path = ngrams.path_of(folder, segment)
        words_path = lexicon.path_of(folder, segment)
        if not segment.doc_count_all() or (path.exists() and words_path.exists()):
            continue
        reader = SegmentReader(storage, schema, segment)
        try:
            texts = None if path.exists() else _plain_texts(reader)
            words = None if words_path.exists() else lexicon.segment_words(reader)
        finally:
            reader.close()
        if texts is not None:
            ngrams.write(path, ngrams.build(texts))
        if words is not None:
            lexicon.write(words_path, *words)


def _plain_texts(reader: SegmentReader) -> list[bytes]:
    if not reader.has_column(PLAIN_FIELD):
        return [b""] * reader.doc_count_all()
    return list(reader.column_reader(PLAIN_FIELD, translate=False))


def _check_arrays(folder: Path, segments: Iterable[Any]) -> None:
    for segment in segments:
        if not document_arrays.path_of(folder, segment).exists():
            raise BuildFailed(f"segment {segment.segment_id()} has no per-document arrays")


class NgramsAtCommit:
    """Writer mixin: the n-gram files exist before the TOC that lists their segments (and the
    per-document arrays, which the segment writers wrote)."""

    storage: Any
    schema: Any

    def _commit_toc(self, segments: list[Any]) -> None:
        write_missing(self.storage, self.schema, segments)
        _check_arrays(Path(self.storage.folder), segments)
        super()._commit_toc(segments)  # type: ignore[misc]


class ArraysOfMerges:
    """Writer mixin: the segment it finishes gets its per-document arrays file, holding the
    documents of the segments merged into it (`add_reader`), in the order Whoosh copies them."""

    storage: Any
    schema: Any
    _arrays: document_arrays.Collector | None = None

    def _collector(self) -> document_arrays.Collector:
        if self._arrays is None:
            columns = ("ordinal", "indexed_at")
            missing = {name: missing_number(self.schema, name) for name in columns}
            self._arrays = document_arrays.Collector({**missing, REPRINT_KEY: 0})
        return self._arrays

    def add_reader(self, reader: Any) -> None:
        path = document_arrays.path_of(Path(self.storage.folder), reader.segment())
        try:
            source = document_arrays.DocumentArrays(path)
        except (OSError, ValueError) as error:
            raise BuildFailed(f"cannot merge a segment ({path.name}: {error})") from None
        try:
            kept = np.fromiter(reader.all_doc_ids(), dtype=np.int64)
            super().add_reader(reader)  # type: ignore[misc]
            self._collector().add_segment(source, kept)
        finally:
            source.close()

    def _finalize_segment(self) -> Any:
        segment = super()._finalize_segment()  # type: ignore[misc]
        collector = self._collector()
        if collector.size != segment.doc_count_all():  # a Whoosh change in how it copies
            raise BuildFailed(
                f"per-document arrays for {collector.size} documents, "
                f"segment has {segment.doc_count_all()}"
            )
        collector.write(document_arrays.path_of(Path(self.storage.folder), segment))
        return segment


class ArraysOfDocuments(ArraysOfMerges):
    """Writer mixin: also the documents added one by one."""

    def add_document(self, **fields: Any) -> None:
        super().add_document(**fields)  # type: ignore[misc]
        self._collector().add(fields)


class _FieldLengths:
    """A segment's per-document reader whose `doc_field_length` reads each length column once.

    Whoosh's posting writer asks for the length of every posting's document, and its reader
    looks the column up (and, for fields without lengths, the file system) every time.
    """

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, bytes | None] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        if fieldname not in self._lengths:
            self._lengths[fieldname] = raw_lengths(self._reader, fieldname)
        lengths = self._lengths[fieldname]
        if lengths is None:
            return default
        encoded = lengths[docnum]
        return _LENGTHS[encoded] if encoded else None  # as Whoosh's own reader does


class LengthsOnce:
    """Writer mixin: postings are written with `_FieldLengths`."""

    def per_document_reader(self) -> Any:
        return _FieldLengths(super().per_document_reader())  # type: ignore[misc]


class WorkerWriter(ArraysOfDocuments, LengthsOnce, SegmentWriter):
    """The segment writer of one build worker (its parent writes the n-gram files)."""


class SerialWriter(NgramsAtCommit, ArraysOfDocuments, LengthsOnce, SegmentWriter):
    """The writer of a build in one process."""
