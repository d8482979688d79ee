"""Time over per-document arrays: the date-range / indexed-since mask, and trend counts per period.

Everything is NumPy work over `FacetTable.days` (YYYYMMDD) and `FacetTable.indexed_at`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from search.dates import TimeFilter, period_label
from search.engine.facets import FacetTable
from search.trend_models import TrendBucket, TrendPeriod, Trends, TrendSeries
from search.validation import check_periods

# The default interval is a month while the matching dates span at most five years.
MONTHLY_SPAN_DAYS = 5 * 10000  # five years in YYYYMMDD arithmetic


def window(table: FacetTable, time: TimeFilter) -> np.ndarray | None:
    """The documents inside the date range and indexed after the moment; None: no filter."""
    if not time.active:
        return None
    mask = np.ones(table.size, dtype=bool)
    if time.first_day:
        mask &= table.days >= time.first_day
    if time.last_day:
        mask &= (table.days > 0) & (table.days <= time.last_day)
    if time.indexed_after is not None:
        mask &= table.indexed_at > time.indexed_after
    return mask


@dataclass(frozen=True)
class Counted:
    """Per-period counts of several result sets over the same periods."""

    interval: str
    first_key: int  # the first period's number (`search.dates.period_key`)
    paragraphs: np.ndarray  # per period: every paragraph of the base set
    counts: list[np.ndarray]  # per result set, per period
    totals: list[int]
    undated: list[int]


def _keys(days: np.ndarray, interval: str) -> np.ndarray:
    years = days // 10000
    if interval == "year":
        return years
    return years * 12 + (days // 100 % 100) - 1


def _days(table: FacetTable, mask: np.ndarray, by_article: bool) -> np.ndarray:
    """The dates (YYYYMMDD, 0: none) of the documents of `mask`, or of their distinct articles
    (every document of an article has its date)."""
    if not by_article:
        return table.days[mask]
    documents = np.flatnonzero(mask)
    articles = table.article_of[documents]
    present = np.zeros(len(table.article_ids) + 1, dtype=bool)
    present[articles] = True
    days = np.zeros(len(present), dtype=np.int64)
    days[articles] = table.days[documents]  # any document of an article: the same date
    return days[present]


def _dated(
    table: FacetTable, mask: np.ndarray, by_article: bool, duplicates: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """The dates of the results of `mask` (`_days`) and, with `duplicates` (docnum -> reprint
    group, -1: none), each document's group; None when nothing collapses."""
    if duplicates is None or by_article:
        return _days(table, mask, by_article), None
    documents = np.flatnonzero(mask)
    return table.days[documents], duplicates[documents]


def _tally(days: np.ndarray, groups: np.ndarray | None) -> tuple[int, int]:
    """The results (a reprint group once: the search's total) and how many of them no period
    lists (no copy dated)."""
    if groups is None:
        return len(days), int(np.count_nonzero(days == 0))
    grouped = groups >= 0
    single = len(days) - int(np.count_nonzero(grouped))
    total = single + len(np.unique(groups[grouped]))
    dated = single - int(np.count_nonzero(~grouped & (days == 0)))
    dated += len(np.unique(groups[grouped & (days > 0)]))
    return total, total - dated


def _period_counts(keys: np.ndarray, groups: np.ndarray | None, size: int) -> np.ndarray:
    """Per period (`keys`: each dated result's period number from 0): the results with a copy
    in it, a reprint group once per period, as a search restricted to the period lists them."""
    if groups is None:
        return np.bincount(keys, minlength=size)
    grouped = groups >= 0
    pairs = np.unique(groups[grouped] * size + keys[grouped])
    single = np.bincount(keys[~grouped], minlength=size)
    return single + np.bincount(pairs % size, minlength=size)


def count_periods(
    table: FacetTable,
    results: list[np.ndarray],
    base: np.ndarray,
    interval: str | None,
    by_article: bool = False,
    duplicates: list[np.ndarray | None] | None = None,
) -> Counted:
    """Counts per period of each result mask and of `base` (the denominator), every period from
    the first to the last matching date; `interval` None picks month or year by the span;
    `by_article`: distinct articles counted; `duplicates`, per result: the reprint groups when
    its search lists a group once, which counts in each period with a copy (`_period_counts`)."""
    dated: list[tuple[np.ndarray, np.ndarray | None]] = []
    totals: list[int] = []
    undated: list[int] = []
    for mask, groups in zip(results, duplicates or [None] * len(results), strict=True):
        days, owners = _dated(table, mask, by_article, groups)
        total, missing = _tally(days, owners)
        kept = days > 0
        dated.append((days[kept], None if owners is None else owners[kept]))
        totals.append(total)
        undated.append(missing)
    present = [days for days, _ in dated if len(days)]
    if not present:
        chosen = interval or "month"
        empty = np.zeros(0, dtype=np.int64)
        return Counted(chosen, 0, empty, [empty for _ in results], totals, undated)
    first = min(int(days.min()) for days in present)
    last = max(int(days.max()) for days in present)
    chosen = interval or ("month" if last - first <= MONTHLY_SPAN_DAYS else "year")
    low, high = int(_keys(np.array([first]), chosen)[0]), int(_keys(np.array([last]), chosen)[0])
    size = high - low + 1
    check_periods(size, chosen)
    counts = [_period_counts(_keys(days, chosen) - low, owners, size) for days, owners in dated]
    base_days = _days(table, base, by_article)
    base_keys = _keys(base_days[base_days > 0], chosen) - low
    inside = base_keys[(base_keys >= 0) & (base_keys < size)]
    paragraphs = np.bincount(inside, minlength=size)
    return Counted(chosen, low, paragraphs, counts, totals, undated)


def as_trends(queries: tuple[str, ...], counted: Counted, unit: str = "paragraph") -> Trends:
    """The counts as the `Trends` model (of paragraphs or articles, `unit`): shares to three
    significant digits."""
    labels = [
        period_label(counted.first_key + offset, counted.interval)
        for offset in range(len(counted.paragraphs))
    ]
    denominators = counted.paragraphs.tolist()
    periods = tuple(
        TrendPeriod(label, count) for label, count in zip(labels, denominators, strict=True)
    )
    series = []
    for number, query in enumerate(queries):
        buckets = tuple(
            TrendBucket(label, count, _share(count, total))
            for label, count, total in zip(
                labels, counted.counts[number].tolist(), denominators, strict=True
            )
        )
        series.append(TrendSeries(query, counted.totals[number], counted.undated[number], buckets))
    return Trends(counted.interval, periods, tuple(series), unit)


def _share(count: int, paragraphs: int) -> float:
    return float(f"{count / paragraphs:.3g}") if paragraphs else 0.0
