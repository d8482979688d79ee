"""The Whoosh segment writers the indexer uses: n-gram files written before the TOC that lists
their segments; per-document arrays, word postings and lexicon written with each segment (the
word fields never reach Whoosh); field lengths read once per field while postings are written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from search.errors import BuildFailed
from search.storage import document_arrays, lexicon, ngrams, stored, word_postings, words
from search.storage.codec import LENGTH_OF_BYTE, raw_lengths
from search.storage.schema import PARAGRAPH_WHOOSH_FIELDS, PLAIN_FIELD

_LENGTHS = LENGTH_OF_BYTE.astype(int).tolist()  # Python ints, as Whoosh's reader returns


def write_missing(storage: Any, schema: Any, segments: Iterable[Any]) -> None:
    """Write the n-gram file of every segment that has none yet (new and merged segments)."""
    folder = Path(storage.folder)
    for segment in segments:
        path = ngrams.path_of(folder, segment)
        if not segment.doc_count_all() or path.exists():
            continue
        reader = SegmentReader(storage, schema, segment)
        try:
            texts = _plain_texts(reader)
        finally:
            reader.close()
        ngrams.write(path, ngrams.build(texts))


def _plain_texts(reader: SegmentReader) -> list[bytes]:
    if not reader.has_column(PLAIN_FIELD):
        return [b""] * reader.doc_count_all()
    return list(reader.column_reader(PLAIN_FIELD, translate=False))


def _check_arrays(folder: Path, segments: Iterable[Any]) -> None:
    for segment in segments:
        if not segment.doc_count_all():
            continue
        if not document_arrays.path_of(folder, segment).exists():
            raise BuildFailed(f"segment {segment.segment_id()} has no per-document arrays")
        if not word_postings.path_of(folder, segment).exists():
            raise BuildFailed(f"segment {segment.segment_id()} has no word postings")
        if not stored.path_of(folder, segment).exists():
            raise BuildFailed(f"segment {segment.segment_id()} has no records file")


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
    """Writer mixin: the segment it finishes gets its per-document arrays, word postings,
    lexicon and records files, holding the documents of the segments merged into it
    (`add_reader`), in the order Whoosh copies them."""

    storage: Any
    schema: Any
    newsegment: Any
    _arrays: document_arrays.Collector | None = None
    _words: words.Collector | None = None
    _records: stored.Collector | None = None

    def _collector(self) -> document_arrays.Collector:
        if self._arrays is None:
            self._arrays = document_arrays.Collector()
        return self._arrays

    def _word_collector(self) -> words.Collector:
        if self._words is None:
            self._words = words.Collector()
        return self._words

    def _record_collector(self) -> stored.Collector:
        """Streams the segment's records to its file (named after the segment being written)."""
        if self._records is None:
            folder = Path(self.storage.folder)
            self._records = stored.Collector(stored.path_of(folder, self.newsegment))
        return self._records

    def add_reader(self, reader: Any) -> None:
        folder = Path(self.storage.folder)
        path = document_arrays.path_of(folder, reader.segment())
        postings_path = word_postings.path_of(folder, reader.segment())
        try:
            with_words = _read_word_postings(postings_path)
            records = stored.StoredRecords(stored.path_of(folder, reader.segment()))
        except (OSError, ValueError) as error:
            raise BuildFailed(f"cannot merge a segment ({postings_path.name}: {error})") from None
        try:
            source = document_arrays.DocumentArrays(path)
        except (OSError, ValueError) as error:
            records.close()
            raise BuildFailed(f"cannot merge a segment ({path.name}: {error})") from None
        try:
            kept = np.fromiter(reader.all_doc_ids(), dtype=np.int64)
            super().add_reader(reader)  # type: ignore[misc]
            self._collector().add_segment(source, kept)
            self._word_collector().add_segment(with_words, kept)
            self._record_collector().add_segment(records, kept)
        finally:
            source.close()
            records.close()

    def discard_records(self) -> None:
        """Remove the records file being written (the writer is cancelled)."""
        if self._records is not None:
            self._records.discard()
            self._records = None

    def cancel(self, *arguments: Any, **keywords: Any) -> None:
        self.discard_records()
        super().cancel(*arguments, **keywords)  # type: ignore[misc]

    def _finalize_segment(self) -> Any:
        segment = super()._finalize_segment()  # type: ignore[misc]
        collector, word_collector = self._collector(), self._word_collector()
        records = self._record_collector()
        for size in (collector.size, word_collector.size, records.size):
            if size != segment.doc_count_all():  # a Whoosh change in how it copies
                raise BuildFailed(
                    f"per-document arrays for {size} documents, "
                    f"segment has {segment.doc_count_all()}"
                )
        folder = Path(self.storage.folder)
        collector.write(document_arrays.path_of(folder, segment))
        arrays = word_collector.arrays()
        word_postings.write(word_postings.path_of(folder, segment), arrays)
        lexicon.write(lexicon.path_of(folder, segment), *words.lexicon_words(arrays, lexicon.FIELD))
        records.finish()
        return segment


def _read_word_postings(path: Path) -> words.WordArrays:
    postings = word_postings.WordPostings(path)
    try:
        return postings.arrays()
    finally:
        postings.close()


class ArraysOfDocuments(ArraysOfMerges):
    """Writer mixin: also the documents added one by one."""

    _tokenize: words.Tokenizer | None = None
    _whoosh_fields: frozenset[str] = frozenset()

    def add_document(self, **fields: Any) -> None:
        if self._tokenize is None:
            self._tokenize = words.Tokenizer()
            self._whoosh_fields = frozenset(self.schema.names())
        terms = self._tokenize(fields)  # the word fields are ours, not Whoosh's
        # So are the keyword fields and numbers (the per-document arrays) and the record (our
        # records file): Whoosh gets the ids, the small stored fields and the plain-text column;
        # of a paragraph, only its article's id and the column.
        paragraph = fields.get("doctype") == "paragraph"
        kept = PARAGRAPH_WHOOSH_FIELDS if paragraph else self._whoosh_fields
        super().add_document(**{name: value for name, value in fields.items() if name in kept})  # type: ignore[misc]
        # After Whoosh took the document: a refused one must not leave a record without it.
        self._record_collector().add(fields["record"])
        self._collector().add(fields)
        self._word_collector().add(terms)


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


# In the build's temporary folder (shared by its workers, removed with it).
FINISHING_LOCK = "finishing.lock"


class WorkerWriter(ArraysOfDocuments, LengthsOnce, SegmentWriter):
    """The segment writer of one build worker (its parent writes the n-gram files).

    Workers finish their segments one at a time: a worker holds the most memory then (its word
    postings sorted, Whoosh's runs merged), and all four finishing together were the peak of a
    full build (1,638 MB against about 1,440 MB while writing). They are told to stop at
    different times (`search.storage.parallel`), so one finishes while the others still write.
    """

    def _finalize_segment(self) -> Any:
        import fcntl  # workers exist only where processes fork (POSIX)

        with open(Path(self.temp_storage().folder) / FINISHING_LOCK, "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # the kernel releases it if this worker dies
            return super()._finalize_segment()


class SerialWriter(NgramsAtCommit, ArraysOfDocuments, LengthsOnce, SegmentWriter):
    """The writer of a build in one process."""
