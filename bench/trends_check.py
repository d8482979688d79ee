"""The trends check of `make bench`: each series' total against its search, and sampled periods
against the search limited to them (a reprint counts in every period with a copy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.service import SearchService

# Periods with matches per trends series compared with the search limited to the period.
SAMPLED_PERIODS = 5


def check_trends(service: SearchService, pairs: list[tuple[str, ...]]) -> dict:
    """Each series' total must be its search's total, and each sampled period's count the total
    of the search limited to that period (a reprint counts in every period with a copy, so the
    counts may add up to more than the total: docs/search.md)."""
    from search.models import SearchRequest
    from search.trend_models import TrendsRequest

    total_mismatches = period_mismatches = periods_checked = 0
    for pair in pairs:
        for series in service.trends(TrendsRequest(pair)).series:
            total = service.search(SearchRequest(query=series.query)).total
            total_mismatches += series.total != total
            for bucket in _sampled(series.buckets):
                limited = SearchRequest(
                    query=series.query, date_from=bucket.period, date_to=bucket.period
                )
                period_mismatches += bucket.count != service.search(limited).total
                periods_checked += 1
    return {
        "total_mismatches": total_mismatches,
        "periods_checked": periods_checked,
        "period_mismatches": period_mismatches,
    }


def _sampled(buckets: tuple, count: int = SAMPLED_PERIODS) -> list:
    """Up to `count` of the periods with matches, spread evenly from the first to the last."""
    counted = [bucket for bucket in buckets if bucket.count]
    if len(counted) <= count:
        return counted
    return [counted[round(step * (len(counted) - 1) / (count - 1))] for step in range(count)]
