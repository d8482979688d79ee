"""Per-document arrays written at build time, one file per segment (like Lucene's doc values):
the values of the keyword fields and the numbers the engine sorts and filters by, memory-mapped
when a generation opens, so opening does no work in proportion to the corpus.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from search.fields import FACETS
from search.storage.codec import segment_path
from search.storage.schema import FACET_SEPARATOR, REPRINT_KEY, VARIANT_FIELD
from search.storage.sectioned import MappedSections, write_sectioned

SUFFIX = ".docs"  # after the segment id, so Whoosh deletes the file with its segment
_MAGIC = b"GXDOCS01"
# One term per document, the whole value (Whoosh's ID fields; an empty value is a term too).
SINGLE_FIELDS = ("doctype", "kind", "article_id", "date")
# Values joined by FACET_SEPARATOR (Whoosh's facet analyzer splits them; repeats count once).
MULTIPLE_FIELDS = (*FACETS, VARIANT_FIELD)
STRING_FIELDS = (*SINGLE_FIELDS, *MULTIPLE_FIELDS)
# Numbers per document (REPRINT_KEY 0: the document has no text).
NUMBER_FIELDS = ("ordinal", "indexed_at", REPRINT_KEY)
# What a document without the number holds (a source document has no ordinal): the values
# Whoosh's columns read for one when these were Whoosh columns (format ≤ 9), kept so that
# sort keys stay as they were; in every segment, even one where no document has the number.
MISSING_NUMBERS = {"ordinal": 2**31 - 1, "indexed_at": 0, REPRINT_KEY: 0}
# Up to this many (value, segment) runs, merging copies each run in turn; beyond, a stable sort
# merges them (65k article ids would be 260k slices).
_FEW_RUNS = 4096


def terms_of(fieldname: str, value: Any) -> list[str]:
    """The distinct terms of `value` in a keyword field: what Whoosh's ID and facet fields indexed
    when they were Whoosh's (format ≤ 9; tests/storage/test_document_arrays.py compares)."""
    if value is None:
        return []
    if fieldname in SINGLE_FIELDS:
        return [value]
    return list(dict.fromkeys(part for part in value.split(FACET_SEPARATOR) if part))


@dataclass(frozen=True)
class StringColumn:
    """A keyword field of one segment: its sorted values and (document, value id) pairs,
    grouped by value id, documents ascending within a value."""

    values: tuple[str, ...]
    owners: np.ndarray  # int32 segment docnums
    value_ids: np.ndarray  # int32


class _Strings:
    """One keyword field's (document, value) pairs as two int arrays, each distinct value kept
    once (a Python list per pair held about 100 bytes of objects per value of each document)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}  # value -> number, in order of first appearance
        self.owners = array("i")
        self.value_ids = array("i")

    def add(self, docnum: int, terms: list[str]) -> None:
        setdefault = self.ids.setdefault
        for term in terms:
            self.owners.append(docnum)
            self.value_ids.append(setdefault(term, len(self.ids)))

    def column(self) -> StringColumn:
        """Values sorted, documents grouped by value id, ascending within a value."""
        distinct = sorted(self.ids)
        rank = np.empty(len(distinct), dtype=np.int32)
        rank[[self.ids[value] for value in distinct]] = np.arange(len(distinct), dtype=np.int32)
        ids = rank[np.frombuffer(self.value_ids, dtype=np.int32)]
        documents = np.frombuffer(self.owners, dtype=np.int32)
        order = np.lexsort((documents, ids))
        return StringColumn(tuple(distinct), documents[order], ids[order])


class Collector:
    """Gathers a segment's per-document values while its writer adds documents, in docnum order."""

    def __init__(self, missing_numbers: Mapping[str, int] = MISSING_NUMBERS) -> None:
        """`missing_numbers`: what a number field holds for a document without it."""
        self._missing = dict(missing_numbers)
        self.size = 0
        self._strings = {name: _Strings() for name in STRING_FIELDS}
        # Whether each document has the number: one without reads as `missing_numbers`, also
        # in a segment where none has it (Whoosh's column then read 0), so a document's
        # numbers do not depend on how a build split the documents into segments (a parallel
        # worker's segment can hold only source documents, which have no ordinal).
        self._numbers = {name: array("q") for name in NUMBER_FIELDS}
        self._has = {name: array("b") for name in NUMBER_FIELDS}

    def add(self, fields: Mapping[str, Any]) -> None:
        """One document, as given to the writer's `add_document`."""
        for name in STRING_FIELDS:
            value = fields.get(name)
            if value is not None:
                self._strings[name].add(self.size, terms_of(name, value))
        for name in NUMBER_FIELDS:
            value = fields.get(name)
            self._numbers[name].append(0 if value is None else int(value))
            self._has[name].append(value is not None)
        self.size += 1

    def add_segment(self, arrays: DocumentArrays, kept: np.ndarray) -> None:
        """The documents `kept` (sorted segment docnums) of a segment being merged in, in order."""
        renumbered = np.full(arrays.size, -1, dtype=np.int64)
        renumbered[kept] = np.arange(self.size, self.size + len(kept))
        for name in STRING_FIELDS:
            column = arrays.strings(name)
            new_owners = renumbered[column.owners]
            alive = new_owners >= 0
            strings, found = self._strings[name], column.value_ids[alive]
            local = np.zeros(len(column.values), dtype=np.int32)
            for number in np.unique(found).tolist():  # values of deleted documents only: gone
                local[number] = strings.ids.setdefault(column.values[number], len(strings.ids))
            ids = local[found]
            strings.owners.frombytes(new_owners[alive].astype(np.int32).tobytes())
            strings.value_ids.frombytes(ids.tobytes())
        for name in NUMBER_FIELDS:
            present = name in arrays.present
            numbers = arrays.numbers(name)[kept] if present else np.zeros(len(kept))
            self._numbers[name].frombytes(numbers.astype(np.int64).tobytes())
            self._has[name].frombytes(bytes([present]) * len(kept))
        self.size += len(kept)

    def write(self, path: Path) -> None:
        """Write the segment's file (via a temporary name, so no reader sees half of it)."""
        strings = {name: self._strings[name].column() for name in STRING_FIELDS}
        present = [name for name in NUMBER_FIELDS if any(self._has[name])]
        numbers = {}
        for name in NUMBER_FIELDS:
            values = np.frombuffer(self._numbers[name], dtype=np.int64).copy()
            values[np.frombuffer(self._has[name], dtype=np.int8) == 0] = self._missing[name]
            numbers[name] = values
        write(path, self.size, strings, numbers, present)


def write(
    path: Path,
    size: int,
    strings: Mapping[str, StringColumn],
    numbers: Mapping[str, np.ndarray],
    present: Sequence[str],
) -> None:
    """Write a segment's per-document arrays: a JSON header, then 8-byte aligned sections."""
    sections: list[tuple[str, np.ndarray]] = []
    for name in STRING_FIELDS:
        column = strings[name]
        sections += [(f"{name}.owners", column.owners), (f"{name}.ids", column.value_ids)]
    sections += [(name, numbers[name]) for name in NUMBER_FIELDS]
    header: dict[str, Any] = {
        "documents": size,
        "values": {name: list(strings[name].values) for name in STRING_FIELDS},
        "present": list(present),  # number fields some document has
    }
    write_sectioned(path, _MAGIC, header, sections)


class DocumentArrays:
    """One segment's per-document arrays, memory-mapped (pages shared by every process)."""

    def __init__(self, path: Path) -> None:
        self._file = MappedSections(path, _MAGIC, "per-document arrays file")
        header = self._file.header
        self.size: int = header["documents"]
        self._values: dict[str, list[str]] = header["values"]
        self.present: frozenset[str] = frozenset(header["present"])
        self._section = self._file.array

    def strings(self, fieldname: str) -> StringColumn:
        return StringColumn(
            tuple(self._values[fieldname]),
            self._section(f"{fieldname}.owners"),
            self._section(f"{fieldname}.ids"),
        )

    def numbers(self, fieldname: str) -> np.ndarray:
        return self._section(fieldname)

    def release_pages(self) -> None:
        """Take the file's pages out of this process's memory (they stay in the page cache):
        the engine copies what it reads, so they would only count in the server's RSS. Arrays
        handed out stay valid; reading them maps the pages again."""
        self._file.release_pages()

    def close(self) -> None:
        """Unmap the file (arrays handed out keep the map alive until they are dropped)."""
        self._file.close()


def merge_strings(
    columns: Sequence[StringColumn], offsets: Sequence[int], alive: Sequence[np.ndarray | None]
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    """One generation's keyword field from its segments': sorted values, owners (docnums grouped
    by value, ascending within one), their value ids and where each value's owners start.
    `alive[i]`: segment i's boolean mask of documents not deleted (None: none deleted)."""
    values, renumbers = _merged_values(columns)
    owners: list[np.ndarray] = []
    ids: list[np.ndarray] = []
    for column, offset, mask, renumber in zip(columns, offsets, alive, renumbers, strict=True):
        documents, value_ids = column.owners, column.value_ids
        if mask is not None:
            keep = mask[documents]
            documents, value_ids = documents[keep], value_ids[keep]
        if len(value_ids) > 1 and bool((value_ids[1:] < value_ids[:-1]).any()):
            raise ValueError("a segment's keyword pairs are not grouped by value")
        owners.append(np.add(documents, offset, dtype=np.int64))
        ids.append(value_ids if renumber is None else renumber[value_ids])
    # Per segment, where each value's run of pairs starts (renumbering keeps runs in order).
    segment_starts = np.zeros((len(owners), len(values) + 1), dtype=np.int64)
    for segment, segment_ids in enumerate(ids):
        np.cumsum(np.bincount(segment_ids, minlength=len(values)), out=segment_starts[segment, 1:])
    counts = np.diff(segment_starts, axis=1)
    starts = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(counts.sum(axis=0), out=starts[1:])
    id_array = np.repeat(np.arange(len(values), dtype=np.int64), np.diff(starts))
    # Segments come in docnum order and list their documents ascending within a value: a
    # value's pairs are its run of each segment in turn (what a stable sort by value gave).
    if len(values) * len(owners) <= _FEW_RUNS:
        runs = [
            segment_owners[segment_starts[segment, number] : segment_starts[segment, number + 1]]
            for number in range(len(values))
            for segment, segment_owners in enumerate(owners)
        ]
        owner_array = np.concatenate(runs) if runs else np.zeros(0, dtype=np.int64)
        return values, owner_array, id_array, starts
    # Many short runs: a stable sort by value merges the segments' sorted runs.
    order = np.argsort(np.concatenate(ids), kind="stable")
    owner_array = np.concatenate(owners)[order]
    return values, owner_array, id_array, starts


def _merged_values(
    columns: Sequence[StringColumn],
) -> tuple[tuple[str, ...], list[np.ndarray | None]]:
    """Every segment's values merged and sorted, and per segment its value ids' new numbers
    (None: unchanged, every segment having the same values, as most keyword fields do)."""
    if columns and all(column.values == columns[0].values for column in columns):
        return tuple(columns[0].values), [None] * len(columns)
    every = list(itertools.chain.from_iterable(column.values for column in columns))
    # Each segment's values are sorted: sorting positions by value merges those runs; a value
    # equal to the one before it (in another segment) takes the same number (65k article ids:
    # 58 -> 18 ms of every generation opened, against sorting and a dict of every value).
    order = sorted(range(len(every)), key=every.__getitem__)
    ordered = [every[position] for position in order]
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = np.fromiter(map(operator.ne, ordered[1:], ordered[:-1]), bool, len(ordered) - 1)
    renumber = np.empty(len(every), dtype=np.int64)
    renumber[np.array(order, dtype=np.int64)] = np.cumsum(first) - 1
    bounds = np.cumsum([0, *(len(column.values) for column in columns)]).tolist()
    renumbers: list[np.ndarray | None] = [
        renumber[start:end] for start, end in zip(bounds, bounds[1:], strict=False)
    ]
    return tuple(itertools.compress(ordered, first.tolist())), renumbers


def path_of(folder: Path, segment: Any) -> Path:
    return segment_path(folder, segment, SUFFIX)
