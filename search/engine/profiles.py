"""Entity pages from the per-document arrays: articles, dates, timeline, co-mentions, citing
articles of a policy document and its title variants. Array work; stored records only for the
few articles a page names.
"""

from __future__ import annotations

import bisect

import numpy as np

from search.dates import period_label
from search.engine import facets
from search.engine.generation import Generation
from search.engine.timeline import count_periods
from search.models import Citations, CitingArticle, CitingGroup, FacetBucket
from search.storage.schema import VARIANT_FIELD, VARIANT_SEPARATOR

# Citing articles shown per park group, and park groups shown, on a policy-document page.
ARTICLES_PER_GROUP = 5
MAX_GROUPS = 20


def article_count(table: facets.FacetTable, mask: np.ndarray) -> int:
    """How many articles the documents of `mask` belong to."""
    return int(np.unique(table.article_of[mask]).size)


def date_ids(table: facets.FacetTable) -> np.ndarray:
    """Each document's date value id (-1: undated); ids sort as the ISO dates do."""
    column = table.columns["date"]
    result = np.full(table.size, -1, dtype=np.int64)
    result[column.owners] = column.value_ids
    empty = column.index_of.get("")
    if empty is not None:  # an undated article is indexed with an empty date
        result[result == empty] = -1
    return result


def date_range(table: facets.FacetTable, mask: np.ndarray) -> tuple[str | None, str | None]:
    """The first and last date of the documents of `mask` (None when none is dated)."""
    ids = date_ids(table)[mask]
    ids = ids[ids >= 0]
    if not len(ids):
        return None, None
    values = table.columns["date"].values
    return values[int(ids.min())], values[int(ids.max())]


def timeline(table: facets.FacetTable, mask: np.ndarray) -> tuple[tuple[str, int], ...]:
    """(year, count) for every year from the first to the last dated document of `mask`, gaps
    as 0: the trends' count (not the year facet, which lists only the 50 largest years)."""
    counted = count_periods(table, [mask], mask, "year")
    return tuple(
        (period_label(counted.first_key + offset, "year"), count)
        for offset, count in enumerate(counted.counts[0].tolist())
    )


def co_mentions(
    table: facets.FacetTable, facet: str, value: str, mask: np.ndarray, limit: int | None
) -> tuple[FacetBucket, ...]:
    """The other values of `facet` on the documents of `mask` (the entity's own paragraphs)."""
    column = table.columns[facet]
    counts = column.counts(mask)
    own = column.index_of.get(value)
    if own is not None:
        counts[own] = 0
    return facets.buckets(column, counts, (), limit)


def park_counts(table: facets.FacetTable) -> dict[str, tuple[int, int]]:
    """Every park value with its searchable paragraphs and their articles."""
    column = table.columns["park"]
    inside = table.searchable[column.owners]
    value_ids = column.value_ids[inside]
    articles = table.article_of[column.owners[inside]]
    paragraphs = np.bincount(value_ids, minlength=len(column.values))
    width = len(table.article_ids) + 1
    pairs = np.unique(value_ids * width + articles)
    per_park = np.bincount(pairs // width, minlength=len(column.values))
    return {
        value: (int(paragraphs[i]), int(per_park[i]))
        for i, value in enumerate(column.values)
        if paragraphs[i]
    }


def title_variants(
    table: facets.FacetTable, title: str, mask: np.ndarray
) -> tuple[FacetBucket, ...]:
    """The spellings merged into `title`, with how many of its paragraphs write it so."""
    column = table.columns[VARIANT_FIELD]
    prefix = title + VARIANT_SEPARATOR
    start = bisect.bisect_left(column.values, prefix)
    stop = start
    while stop < len(column.values) and column.values[stop].startswith(prefix):
        stop += 1
    if start == stop:
        return ()
    counts = column.counts(mask)
    found = [(column.values[i][len(prefix) :], int(counts[i])) for i in range(start, stop)]
    found.sort(key=lambda item: (-item[1], item[0]))
    return tuple(FacetBucket(value, count) for value, count in found if count)


def citations(generation: Generation, title: str, mask: np.ndarray) -> Citations:
    """The articles citing a policy document grouped by park, its first and last citation."""
    table = generation.table
    documents = np.nonzero(mask)[0]
    documents = documents[np.argsort(table.order[documents], kind="stable")]
    articles, first, counts = np.unique(
        table.article_of[documents], return_index=True, return_counts=True
    )
    first_documents = documents[first]  # each article's first citing paragraph
    newest_first = np.argsort(table.newest[first_documents], kind="stable")
    reader = _ArticleReader(generation, first_documents, counts)
    groups = _groups(table, mask, articles, newest_first, reader)
    dates = date_ids(table)[first_documents]
    dated = [int(i) for i in newest_first if dates[i] >= 0]
    return Citations(
        groups=groups,
        first=reader.read(dated[-1]) if dated else None,
        last=reader.read(dated[0]) if dated else None,
        variants=title_variants(table, title, mask),
    )


def _groups(
    table: facets.FacetTable,
    mask: np.ndarray,
    articles: np.ndarray,
    newest_first: np.ndarray,
    reader: _ArticleReader,
) -> tuple[CitingGroup, ...]:
    """Citing articles per park of their citing paragraphs, the largest groups first."""
    column = table.columns["park"]
    inside = mask[column.owners]
    width = len(table.article_ids) + 1
    pairs = np.unique(column.value_ids[inside] * width + table.article_of[column.owners[inside]])
    rank = np.empty(len(articles), dtype=np.int64)  # article position -> recency rank
    rank[newest_first] = np.arange(len(articles))
    members: dict[str | None, list[int]] = {}
    for pair in pairs.tolist():
        park = column.values[pair // width]
        members.setdefault(park, []).append(int(np.searchsorted(articles, pair % width)))
    with_park = np.isin(articles, pairs % width)
    unassigned = np.nonzero(~with_park)[0].tolist()
    if unassigned:
        members[None] = unassigned
    ordered = sorted(members.items(), key=lambda item: (-len(item[1]), item[0] is None, item[0]))
    groups = []
    for park, positions in ordered[:MAX_GROUPS]:
        shown = sorted(positions, key=lambda position: rank[position])[:ARTICLES_PER_GROUP]
        groups.append(CitingGroup(park, len(positions), tuple(map(reader.read, shown))))
    return tuple(groups)


class _ArticleReader:
    """Reads the stored record of an article's first citing paragraph, once per article."""

    def __init__(
        self, generation: Generation, first_documents: np.ndarray, counts: np.ndarray
    ) -> None:
        self._generation = generation
        self._first = first_documents
        self._counts = counts
        self._cache: dict[int, CitingArticle] = {}

    def read(self, position: int) -> CitingArticle:
        if position not in self._cache:
            stored = self._generation.paragraph(int(self._first[position]))
            self._cache[position] = CitingArticle(
                article_id=stored.paragraph.article_id,
                title=stored.article_title,
                date=stored.date,
                paragraphs=int(self._counts[position]),
                url=stored.paragraph.url,
            )
        return self._cache[position]
