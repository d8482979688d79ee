"""A generation's facet table and reprint groups as the build wrote them after its commit
(`search.storage.generation_file`), mapped when the generation opens; merged from the segments'
arrays when no table matches the generation (then the build writes one)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from search.engine import facets, reprints
from search.engine.columns import FieldColumn, SortedPositions
from search.engine.postings import Postings
from search.storage import generation_file
from search.storage.generation_file import GenerationTable
from search.storage.reader import Snapshot
from search.storage.schema import EXACT_FIELD, WORD_FIELDS

# The table's per-document arrays besides its columns (see `facets.FacetTable`).
TABLE_ARRAYS = (
    "searchable",
    "paragraphs",
    "article_of",
    "order",
    "newest",
    "days",
    "indexed_at",
    "freshest",
)
ARTICLES = "article_id"  # the column `FacetTable.articles`
DUPLICATES = "duplicates"  # reprint groups (`reprints.duplicate_groups`)
LENGTH_FIELDS = (*WORD_FIELDS, EXACT_FIELD)  # `Postings.length_bytes` of each
_COLUMN_PARTS = ("owners", "value_ids", "starts")


@dataclass(frozen=True)
class OpenedTable:
    """What a generation opens with: its facet table, and as the build wrote them (else None
    or empty: worked out on first use) its reprint groups and fields' length bytes."""

    table: facets.FacetTable
    duplicates: np.ndarray | None = None
    length_bytes: Mapping[str, np.ndarray] = field(default_factory=dict)
    mapped: GenerationTable | None = None  # the file they are read from, to close


def table_contents(
    opened: OpenedTable,
) -> tuple[dict[str, np.ndarray], dict[str, Sequence[str]]]:
    """The arrays and sorted string lists a generation table holds, by name."""
    table = opened.table
    arrays = {f"table.{name}": getattr(table, name) for name in TABLE_ARRAYS}
    if opened.duplicates is not None:
        arrays[DUPLICATES] = opened.duplicates
    arrays |= {f"lengths.{name}": values for name, values in opened.length_bytes.items()}
    strings: dict[str, Sequence[str]] = {}
    columns = {**table.columns, ARTICLES: table.articles}
    for name, column in columns.items():
        if column is None:
            continue
        strings[name] = column.values
        for part in _COLUMN_PARTS:
            arrays[f"{name}.{part}"] = getattr(column, part)
        starts, values, single = column.by_document
        arrays[f"{name}.document_starts"], arrays[f"{name}.document_values"] = starts, values
        if single is not None:
            arrays[f"{name}.document_single"] = single
    return arrays, strings


def write_generation_table(index_dir: Path) -> None:
    """Merge the newest generation's per-document arrays once, for every reader to map: called
    by the build between its commit and recording the generation in the manifest."""
    with closing(Snapshot(index_dir)) as snapshot:
        table = facets.build_table(snapshot)
        with closing(Postings(snapshot, table.size)) as postings:
            lengths = {name: postings.length_bytes(name) for name in LENGTH_FIELDS}
        merged = OpenedTable(table, reprints.duplicate_groups(snapshot), lengths)
        arrays, strings = table_contents(merged)
        generation_file.write_table(
            Path(index_dir), snapshot.generation, snapshot.identity(), arrays, strings
        )


def _column(found: GenerationTable, name: str) -> FieldColumn:
    values = found.strings(name)
    owners, value_ids, starts = (found.array(f"{name}.{part}") for part in _COLUMN_PARTS)
    single_name = f"{name}.document_single"
    single = found.array(single_name) if found.has(single_name) else None
    grouped = (found.array(f"{name}.document_starts"), found.array(f"{name}.document_values"))
    return FieldColumn(
        values, SortedPositions(values), owners, value_ids, starts, (*grouped, single)
    )


def _mapped_table(found: GenerationTable, size: int) -> facets.FacetTable:
    columns = {name: _column(found, name) for name in (*facets.FACETS, *facets.EXTRA_COLUMNS)}
    articles = _column(found, ARTICLES)
    arrays = {name: found.array(f"table.{name}") for name in TABLE_ARRAYS}
    return facets.FacetTable(
        size=size, article_ids=articles.values, columns=columns, articles=articles, **arrays
    )


def open_table(snapshot: Snapshot) -> OpenedTable:
    """The generation's table as the build wrote it, mapped; else merged from the segments."""
    found = generation_file.open_table(snapshot.folder, snapshot.generation, snapshot.identity())
    if found is None:
        return OpenedTable(facets.build_table(snapshot))
    try:
        lengths = {name: found.array(f"lengths.{name}") for name in LENGTH_FIELDS}
        duplicates = found.array(DUPLICATES)
        return OpenedTable(_mapped_table(found, snapshot.size), duplicates, lengths, found)
    except (KeyError, ValueError):  # a table missing a part: merge as if there were none
        found.close()
        return OpenedTable(facets.build_table(snapshot))
