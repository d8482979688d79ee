"""The trends check of `make bench` (bench/trends_check.py): each period against the search
limited to it (2ad042d). It runs where only the test extra is installed (no psutil)."""

from __future__ import annotations

from pathlib import Path

from bench.render import trends_line
from bench.trends_check import check_trends
from search.service import SearchService
from search.trend_models import TrendsRequest


def test_a_reprint_in_two_years_counts_in_both_and_is_no_mismatch(
    entity_index_dir: Path,
) -> None:
    # The reprinted paragraph names 临床试验 in 2021 and 2023, hf-1 in 2024: the search lists
    # two results, the periods count 1 + 1 + 1, as a click on each lists.
    with SearchService(entity_index_dir) as service:
        (series,) = service.trends(TrendsRequest(("临床试验",))).series
        assert sum(bucket.count for bucket in series.buckets) == series.total + 1
        checked = check_trends(service, [("临床试验", "青岛高新区")])
    assert checked == {"total_mismatches": 0, "periods_checked": 5, "period_mismatches": 0}


def test_the_rendered_line_names_both_checks() -> None:
    found = {"pairs": 7, "n": 35, "p50": 9.7, "p95": 13.2, "max": 20.0}
    found |= {"total_mismatches": 0, "periods_checked": 70, "period_mismatches": 1}
    line = trends_line({"trends": found})
    assert "search limited to the period: 1 of 70" in line
    assert "add up" not in line
