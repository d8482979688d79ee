"""The Whoosh segment writers the indexer uses: n-gram and lexicon files written before the TOC
that lists their segments, and field lengths read once per field while postings are written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from search.storage import lexicon, ngrams
from search.storage.codec import LENGTH_OF_BYTE, raw_lengths
from search.storage.schema import PLAIN_FIELD

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


class NgramsAtCommit:
    """Writer mixin: the n-gram files exist before the TOC that lists their segments."""

    storage: Any
    schema: Any

    def _commit_toc(self, segments: list[Any]) -> None:
        write_missing(self.storage, self.schema, segments)
        super()._commit_toc(segments)  # type: ignore[misc]


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


class WorkerWriter(LengthsOnce, SegmentWriter):
    """The segment writer of one build worker (its parent writes the n-gram files)."""


class SerialWriter(NgramsAtCommit, LengthsOnce, SegmentWriter):
    """The writer of a build in one process."""
