"""The Whoosh behaviour search/storage relies on, pinned one fact per test: after a Whoosh
upgrade, a failure here names the internal that moved (see search/storage/codec.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import run_script
from whoosh import fields, multiproc, writing
from whoosh.analysis import RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex
from whoosh.util.numeric import byte_to_length, length_to_byte

from search.storage import codec, document_arrays, ngrams
from search.storage.schema import FACET_SEPARATOR

UPGRADE = "Whoosh changed an internal that search/storage/codec.py relies on: "


@pytest.fixture
def small_index(tmp_path: Path) -> FileIndex:
    schema = fields.Schema(
        text=fields.TEXT(phrase=False), plain=fields.COLUMN(fields.columns.VarBytesColumn())
    )
    index = FileIndex.create(FileStorage(str(tmp_path)), schema, indexname=codec.INDEX_NAME)
    writer = index.writer(compound=False)  # as the project writes: one file per part
    for number in range(300):  # more than one posting block (128)
        words = " ".join(["alpha"] * (1 + number % 3) + ["beta"] * (number % 2))
        writer.add_document(text=words, plain=f"plain {number}".encode())
    writer.commit()
    return index


def test_length_bytes_encode_and_decode_as_whoosh_does() -> None:
    # The word and n-gram files store Whoosh's one-byte lengths, so scores keep their values.
    lengths = np.array([*range(1, 3000), 5000, 106373, 106374, 10**6], dtype=np.int64)
    encoded = ngrams.encoded_lengths(lengths)
    assert encoded.tolist() == [length_to_byte(int(n)) for n in lengths], UPGRADE + "length_to_byte"
    assert codec.LENGTH_OF_BYTE.tolist() == [byte_to_length(b) for b in range(256)], UPGRADE + (
        "byte_to_length"
    )


def test_column_layout_finds_every_value_in_its_file(small_index: FileIndex) -> None:
    with small_index.searcher() as searcher:
        reader = searcher.reader()
        path, _, base, offsets, lengths = codec.column_layout(reader, "plain")
        assert path is not None and path.is_file(), UPGRADE + "column file name"
        data = path.read_bytes()
        values = [data[base + o : base + o + n] for o, n in zip(offsets, lengths, strict=True)]
        assert values == list(reader.column_reader("plain", translate=False)), UPGRADE + "offsets"


def test_generation_and_toc_names(small_index: FileIndex, tmp_path: Path) -> None:
    generation = codec.latest_generation(tmp_path)
    assert generation == small_index.latest_generation(), UPGRADE + "TOC._latest_generation"
    assert codec.toc_path(tmp_path, generation).is_file(), UPGRADE + "TOC._filename"
    with small_index.searcher() as searcher:
        segment = searcher.reader().segment()
    assert codec.segment_path(tmp_path, segment, ".x").name.startswith(codec.INDEX_NAME + "_")
    assert W3Codec.column_filename(segment, "plain").startswith(segment.segment_id())


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        (writing.SegmentWriter, "_commit_toc"),
        (writing.SegmentWriter, "per_document_reader"),
        (writing.SegmentWriter, "add_reader"),
        (writing.SegmentWriter, "_finalize_segment"),
        (multiproc.MpWriter, "_merge_segments"),
        (multiproc.MpWriter, "_finalize_segment"),
        (multiproc.MpWriter, "_close_segment"),
        (multiproc.MpWriter, "_finish"),
        (multiproc.SubWriterTask, "_process_file"),
        (multiproc, "SegmentWriter"),
        (TOC, "_latest_generation"),
        (TOC, "_filename"),
    ],
)
def test_writer_hooks_exist(owner: object, name: str) -> None:
    assert hasattr(owner, name), UPGRADE + f"{getattr(owner, '__name__', owner)}.{name}"


@pytest.mark.parametrize(
    ("fieldname", "value"),
    [
        ("date", ""),  # an undated article: Whoosh indexes the empty value as a term
        ("date", "2024-01-02"),
        ("article_id", "0123456789ab"),
        ("park", FACET_SEPARATOR.join(["青岛高新区", "Ａ B,c", "青岛高新区"])),
        ("policy_document", FACET_SEPARATOR + "《规划》" + FACET_SEPARATOR),
    ],
)
def test_keyword_terms_are_what_whoosh_indexed(fieldname: str, value: str) -> None:
    indexed = [term.decode("utf-8") for term, *_ in _format_9_schema()[fieldname].index(value)]
    assert sorted(document_arrays.terms_of(fieldname, value)) == sorted(indexed), UPGRADE + (
        f"terms of the {fieldname} field"
    )


def _format_9_schema() -> fields.Schema:
    """The keyword and number fields as Whoosh indexed them up to format 9; the per-document
    arrays keep their terms and missing values, so results stay what they were."""
    facet = fields.KEYWORD(
        analyzer=RegexTokenizer(expression=f"[^{FACET_SEPARATOR}]+"), scorable=False
    )
    return fields.Schema(
        paragraph_id=fields.ID(stored=True, unique=True),
        article_id=fields.ID,
        date=fields.ID(sortable=True),
        ordinal=fields.NUMERIC(sortable=True, shift_step=0),
        indexed_at=fields.COLUMN(fields.columns.NumericColumn("q")),
        park=facet,
        policy_document=facet,
    )


def test_numbers_missing_from_a_document_read_as_whooshs_column_default(tmp_path: Path) -> None:
    index = FileIndex.create(FileStorage(str(tmp_path)), _format_9_schema(), indexname="T")
    writer = index.writer()
    writer.add_document(paragraph_id="a", ordinal=3, indexed_at=5)
    writer.add_document(paragraph_id="b")
    writer.commit()
    with index.reader() as reader:
        for fieldname in ("ordinal", "indexed_at"):
            missing = document_arrays.MISSING_NUMBERS[fieldname]
            assert list(reader.column_reader(fieldname))[1] == missing, UPGRADE + fieldname


def test_a_segment_readers_deleted_documents_are_read_once(small_index: FileIndex) -> None:
    # search/storage/__init__.py gives whoosh.reading the standard library's cached_property.
    writer = small_index.writer()
    writer.delete_document(3)
    writer.commit(merge=False)
    with small_index.searcher() as searcher:
        reader = searcher.reader()
        assert set(reader.deleted_docs_set) == {3}, UPGRADE + "SegmentReader.deleted_docs_set"
        assert reader.deleted_docs_set is reader.deleted_docs_set  # cached on the reader


def test_opening_an_index_for_serving_imports_no_asyncio() -> None:
    # asyncio came only with the `cached_property` package whoosh.reading imports.
    result = run_script(
        "import functools, sys\n"
        "import search.storage.reader, web.app, web.serving, whoosh.searching, whoosh.reading\n"
        "print('asyncio' in sys.modules,"
        " whoosh.reading.cached_property is functools.cached_property)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
