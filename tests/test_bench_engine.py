"""bench/engine.py's trends check: each period against the search limited to it (2ad042d)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from search.service import SearchService
from search.trend_models import TrendsRequest


def _bench_engine():
    """bench/ is not a package on the test path; load its engine module by file."""
    path = Path(__file__).resolve().parent.parent / "bench" / "engine.py"
    spec = importlib.util.spec_from_file_location("bench_engine", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_engine"] = module
    spec.loader.exec_module(module)
    return module


engine = _bench_engine()


def test_a_reprint_in_two_years_counts_in_both_and_is_no_mismatch(
    entity_index_dir: Path,
) -> None:
    # The reprinted paragraph names 临床试验 in 2021 and 2023, hf-1 in 2024: the search lists
    # two results, the periods count 1 + 1 + 1, as a click on each lists.
    with SearchService(entity_index_dir) as service:
        (series,) = service.trends(TrendsRequest(("临床试验",))).series
        assert sum(bucket.count for bucket in series.buckets) == series.total + 1
        checked = engine.check_trends(service, [("临床试验", "青岛高新区")])
    assert checked == {"total_mismatches": 0, "periods_checked": 5, "period_mismatches": 0}


def test_the_rendered_line_names_both_checks() -> None:
    from bench.render import trends_line

    found = {"pairs": 7, "n": 35, "p50": 9.7, "p95": 13.2, "max": 20.0}
    found |= {"total_mismatches": 0, "periods_checked": 70, "period_mismatches": 1}
    line = trends_line({"trends": found})
    assert "search limited to the period: 1 of 70" in line
    assert "add up" not in line
