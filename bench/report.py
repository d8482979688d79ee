"""Percentiles, timers and Markdown tables for benchmark output."""

from __future__ import annotations

import math
import os
import platform
import subprocess
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation, so the value was really observed)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    """p50 / p95 / max of timings in milliseconds."""
    return {
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "max": max(values) if values else math.nan,
        "n": len(values),
    }


def timed_ms(function: Callable[[], object]) -> tuple[float, object]:
    """Run `function` once; return (milliseconds, its result)."""
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


def time_queries(
    search: Callable[[object], object], queries: list, passes: int = 3, warm: bool = True
) -> dict[str, list[float]]:
    """Milliseconds per query class over `passes` passes, after one untimed warm-up pass."""
    if warm:
        for query in queries:
            search(query)
    timings: dict[str, list[float]] = {}
    for _ in range(passes):
        for query in queries:
            milliseconds, _answer = timed_ms(lambda q=query: search(q))
            timings.setdefault(query.query_class, []).append(milliseconds)
    return timings


def class_totals(search: Callable[[object], object], queries: list) -> dict[str, int]:
    """The sum of result totals per query class (a sanity check that systems match alike)."""
    totals: dict[str, int] = {}
    for query in queries:
        totals[query.query_class] = totals.get(query.query_class, 0) + search(query).total
    return totals


def number(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.{digits}f}"


def table(headers: list[str], rows: Iterable[list[str]]) -> str:
    """A GitHub Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine_description() -> str:
    """nproc, memory, CPU model and Python version, as measured now."""
    model, memory_kb = "unknown CPU", 0
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        cpuinfo, meminfo = [], []
    for line in cpuinfo:
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    for line in meminfo:
        if line.startswith("MemTotal"):
            memory_kb = int(line.split()[1])
    revision = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return (
        f"{os.cpu_count()} CPUs ({model}), {memory_kb / 1024 / 1024:.1f} GiB RAM, "
        f"Python {platform.python_version()} on {platform.system()} {platform.release()}, "
        f"git {revision or 'unknown'} (+ uncommitted changes, if any)"
    )
