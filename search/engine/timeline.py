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


def count_periods(
    table: FacetTable,
    results: list[np.ndarray],
    base: np.ndarray,
    interval: str | None,
    by_article: bool = False,
) -> Counted:
    """Counts per period of each result mask and of `base` (the denominator), every period from
    the first to the last matching date; `interval` None picks month or year by the span;
    `by_article`: distinct articles counted, not documents."""
    dated: list[np.ndarray] = []
    undated: list[int] = []
    for mask in results:
        days = _days(table, mask, by_article)
        kept = days[days > 0]
        dated.append(kept)
        undated.append(len(days) - len(kept))
    totals = [len(days) + missing for days, missing in zip(dated, undated, strict=True)]
    present = [days for days in dated if len(days)]
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
    counts = [np.bincount(_keys(days, chosen) - low, minlength=size) for days in dated]
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
