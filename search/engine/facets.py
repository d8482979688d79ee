"""Per-document arrays of a generation (merged from the segments' memory-mapped arrays written at
build time), and disjunctive facet counts from them.

Counting is numpy work over (document, value) pairs, never a per-query rescan of stored fields.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from search.engine.columns import SPARSE_SHARE, FieldColumn, read_column
from search.engine.sets import contains
from search.fields import FACETS
from search.models import SEARCHABLE_KINDS, FacetBucket
from search.storage.reader import Snapshot
from search.storage.schema import VARIANT_FIELD

# Facet lists in search results show the top values; /api/facets lists every value.
RESULT_FACET_LIMIT = 50
EXTRA_COLUMNS = ("date", VARIANT_FIELD)


@dataclass(frozen=True)
class FacetTable:
    """Everything a search needs per document, built once per index generation."""

    size: int  # doc_count_all: masks are indexed by Whoosh docnum
    searchable: np.ndarray  # paragraph docs of kind body/heading
    paragraphs: np.ndarray  # every paragraph doc
    article_of: np.ndarray  # docnum -> article number (-1 for non-article docs)
    article_ids: Sequence[str]  # sorted
    order: np.ndarray  # docnum -> sort key in article order (paragraph docs)
    columns: Mapping[str, FieldColumn]
    newest: np.ndarray  # docnum -> sort key: newest date first, undated last, then article order
    days: np.ndarray  # docnum -> the date as the number YYYYMMDD (0: undated)
    indexed_at: np.ndarray  # docnum -> when its article first entered the index (Unix seconds)
    freshest: np.ndarray  # docnum -> sort key: latest indexed first, then as `newest`
    articles: FieldColumn | None = None  # article number -> its documents (`documents_of`)

    @functools.cached_property
    def _all_counts(self) -> dict[str, np.ndarray]:
        """Each facet's counts over every searchable paragraph, once computed (an empty query,
        a facet filter's own facet, /api/facets: the same counts every time)."""
        return {}

    @functools.cached_property
    def searchable_count(self) -> int:
        return int(np.count_nonzero(self.searchable))

    def counts(
        self,
        name: str,
        mask: np.ndarray | None,
        documents: np.ndarray | None,
        by_article: bool = False,
    ) -> np.ndarray:
        """How many documents of `mask` (sorted docnums `documents`, when given; then `mask`
        may be None if they are few) have each value of facet `name`; `by_article`: how many
        distinct articles. Do not change the array returned: it may be shared."""
        column = self.columns[name]

        def count(mask: np.ndarray | None, documents: np.ndarray | None = None) -> np.ndarray:
            if by_article:
                return column.article_counts(self.article_of, mask, documents)
            return column.counts(mask, documents)

        if documents is not None or np.count_nonzero(mask) != self.searchable_count:
            return count(mask, documents)
        if not np.array_equal(mask, self.searchable):
            return count(mask)
        key = f"{name}/articles" if by_article else name
        if key not in self._all_counts:  # computing twice at once is harmless
            counted = count(mask)
            counted.flags.writeable = False
            self._all_counts[key] = counted
        return self._all_counts[key]

    def documents_of(self, article: int) -> np.ndarray:
        """The docnums of one article number (its paragraphs and article document)."""
        if self.articles is None:
            return np.flatnonzero(self.article_of == article)
        starts = self.articles.starts
        return self.articles.owners[starts[article] : starts[article + 1]]


def _single_value(column: FieldColumn, size: int) -> np.ndarray:
    result = np.full(size, -1, dtype=np.int64)
    result[column.owners] = column.value_ids
    return result


def build_table(snapshot: Snapshot) -> FacetTable:
    """Read the facet fields, document types and article order of an index generation."""
    size = snapshot.size
    doctypes = read_column(snapshot, "doctype")
    paragraphs = doctypes.documents_with(("paragraph",), size)
    searchable = read_column(snapshot, "kind").documents_with(SEARCHABLE_KINDS, size) & paragraphs
    articles = read_column(snapshot, "article_id")
    article_of = _single_value(articles, size)
    ordinals = snapshot.numbers("ordinal")
    # An article's position is the `ordinal` of its article doc (its place in the corpus).
    article_docs = doctypes.documents_with(("article",), size)
    positions = np.full(len(articles.values) + 1, np.iinfo(np.int32).max, dtype=np.int64)
    positions[article_of[article_docs]] = ordinals[article_docs]
    order = positions[article_of] * (1 << 20) + ordinals
    # Besides the facets: dates (entity pages' first and last dates) and cited-title variants.
    columns = {name: read_column(snapshot, name) for name in (*FACETS, *EXTRA_COLUMNS)}
    dates = columns["date"]
    date_ids = _single_value(dates, size)
    newest = _newest_first(date_ids, order)
    days = _day_numbers(dates.values)[date_ids]  # id -1 (undated) takes the appended 0
    indexed_at = snapshot.numbers("indexed_at")
    freshest = _ranks(np.lexsort((newest, -indexed_at)))
    return FacetTable(
        size,
        searchable,
        paragraphs,
        article_of,
        articles.values,
        order,
        columns,
        newest,
        days,
        indexed_at,
        freshest,
        articles,
    )


def _day_numbers(dates: tuple[str, ...]) -> np.ndarray:
    """Each ISO date as YYYYMMDD (0 for anything else), then one 0 for "no date"."""
    numbers = [int(value.replace("-", "")) if len(value) == 10 else 0 for value in dates]
    return np.array([*numbers, 0], dtype=np.int64)


def _ranks(order: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order), dtype=np.int64)
    return ranks


def _newest_first(date_ids: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Each document's rank by date, newest first (ISO dates sort as text, so their value ids
    do too), undated ones last; article order among equals."""
    primary = np.where(date_ids >= 0, -date_ids, 1)
    return _ranks(np.lexsort((order, primary)))


def facet_masks(table: FacetTable, filters: Mapping[str, tuple[str, ...]]) -> dict[str, np.ndarray]:
    """One mask per filtered facet: documents having any selected value of it."""
    return {
        name: table.columns[name].documents_with(tuple(values), table.size)
        for name, values in filters.items()
        if values
    }


def apply_filters(base: np.ndarray, masks: Mapping[str, np.ndarray]) -> np.ndarray:
    """Documents in `base` passing every facet filter (AND across facets)."""
    result = base.copy()
    for mask in masks.values():
        result &= mask
    return result


def disjunctive_facets(
    table: FacetTable,
    base: np.ndarray | None,
    filters: Mapping[str, tuple[str, ...]],
    documents: np.ndarray | None = None,
    limit: int | None = RESULT_FACET_LIMIT,
    by_article: bool = False,
    reprints: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, tuple[FacetBucket, ...]]:
    """Counts per facet value as if that facet were not filtered; selected values always shown.
    `base`: the documents counted, a mask over docnums; `documents`: their sorted docnums,
    when the caller knows them (then `base` may be None); `by_article`: count distinct
    articles (what a tick gives a search listing articles), not documents; `reprints`: the
    generation's reprint groups and its sorted grouped docnums, when the results collapse
    them: each group then counts once per value, as the total of a tick does."""
    masks = facet_masks(table, filters)
    facets: dict[str, tuple[FacetBucket, ...]] = {}
    found: dict[tuple[str, ...], tuple[np.ndarray | None, np.ndarray | None]] = {}
    grouped = _grouped(base, documents, reprints)
    repeated: dict[tuple[str, ...], np.ndarray] = {}  # counted documents sharing a group
    for name in FACETS:
        others = tuple(other for other in masks if other != name)  # the filters applied
        if others not in found:
            chosen = [masks[other] for other in others]
            found[others] = _counted(table, base, documents, chosen)
            if reprints is not None:
                kept = functools.reduce(lambda within, mask: within[mask[within]], chosen, grouped)
                repeated[others] = _sharing(kept, reprints[0])
        counts = table.counts(name, *found[others], by_article)
        if reprints is not None and len(repeated[others]):
            counts = counts - table.columns[name].repeats(repeated[others], reprints[0])
        facets[name] = buckets(table.columns[name], counts, filters.get(name, ()), limit)
    return facets


def _grouped(
    base: np.ndarray | None,
    documents: np.ndarray | None,
    reprints: tuple[np.ndarray, np.ndarray] | None,
) -> np.ndarray:
    """The sorted docnums of `base` (or sorted `documents`) in a reprint group (none when
    `reprints` is None): looked up among the grouped documents, or the counted ones if fewer."""
    if reprints is None:
        return np.zeros(0, dtype=np.int64)
    groups, grouped = reprints
    if documents is not None and len(documents) < len(grouped):
        return documents[groups[documents] >= 0]
    if base is None:
        return grouped[contains(documents, grouped)]
    return grouped[base[grouped]]


def _sharing(documents: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """The sorted `documents` whose reprint group (`groups`: docnum -> group) has another one
    of them: only those can count twice."""
    _, numbers, sizes = np.unique(groups[documents], return_inverse=True, return_counts=True)
    return documents[sizes[numbers] > 1]


def _counted(
    table: FacetTable, base: np.ndarray | None, documents: np.ndarray | None, masks: list
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The documents of `base` (or sorted `documents`) in every one of `masks`, as
    `FacetTable.counts` takes them: a mask (None when every column counts the documents one by
    one) and the sorted docnums (None when there are too many to count one by one)."""
    if base is None:  # the docnums alone are known: no pass over every document for a few
        for mask in masks:
            documents = documents[mask[documents]]
        smallest = min(len(table.columns[name].owners) for name in FACETS)
        if len(documents) < SPARSE_SHARE * smallest:
            return None, documents
        base = np.zeros(table.size, dtype=bool)
        base[documents] = True
        return base, (documents if len(documents) < SPARSE_SHARE * table.size else None)
    if not masks and documents is not None and len(documents) < SPARSE_SHARE * table.size:
        return base, documents
    mask = apply_filters(base, dict(enumerate(masks)))
    sparse = np.count_nonzero(mask) < SPARSE_SHARE * table.size
    return mask, (np.flatnonzero(mask) if sparse else None)


def buckets(
    column: FieldColumn, counts: np.ndarray, selected: tuple[str, ...], limit: int | None
) -> tuple[FacetBucket, ...]:
    """Non-zero values by count (desc) then value, cut at `limit`, plus every selected value."""
    nonzero = np.nonzero(counts)[0]
    if limit is not None and len(nonzero) > 4 * limit:
        # Only values counting at least the limit-th largest count (ties included) can rank.
        kept = counts[nonzero]
        nonzero = nonzero[kept >= np.partition(kept, len(kept) - limit)[len(kept) - limit]]
    # Value ids follow the values' sorted order, so (-count, id) orders as (-count, value).
    ranked = nonzero[np.lexsort((nonzero, -counts[nonzero]))]
    if limit is not None:
        ranked = ranked[:limit]
    values = column.values
    chosen = dict(zip([values[i] for i in ranked.tolist()], counts[ranked].tolist(), strict=True))
    if not selected:  # already in (-count, value) order
        return tuple(FacetBucket(value, count) for value, count in chosen.items())
    for value in selected:
        if value not in chosen:
            value_id = column.index_of.get(value)
            chosen[value] = int(counts[value_id]) if value_id is not None else 0
    ordered = sorted(chosen.items(), key=lambda item: (-item[1], item[0]))
    return tuple(FacetBucket(value, count, value in selected) for value, count in ordered)
