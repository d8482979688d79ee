"""Measure our engine in child processes: build, serve-side query timings, first query, profile.

`python bench/engine.py MODE …` prints one JSON line; the parent (bench/run.py) reads it, so
each measurement sees a fresh process and its own RSS.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.queries import BenchQuery, load_queries
from bench.report import class_totals, summary, time_queries
from bench.trends_check import check_trends

PER_PAGE = 20


def rss_megabytes() -> float:
    return psutil.Process().memory_info().rss / 1e6


def engine_search(service, query: BenchQuery):
    """One facet page exactly as the API asks for it: top 20, facets and highlights on."""
    from search.models import SearchRequest

    request = SearchRequest(query=query.text, filters=dict(query.filters), per_page=PER_PAGE)
    return service.search(request)


def build(corpus: Path, index_dir: Path) -> dict:
    from search.indexing.builder import build_index

    start = time.perf_counter()
    report = build_index(corpus, index_dir)
    spent = os.times()  # the workers are joined children: their CPU is counted here
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": spent.user + spent.system + spent.children_user + spent.children_system,
        "articles": report.articles,
        "paragraphs": report.paragraphs,
        "added": report.added,
        "replaced": report.replaced,
        "removed": report.removed,
    }


def serve(index_dir: Path, passes: int, cold: bool = False) -> dict:
    """Open like the server does, then time every query class warm; RSS after open and run.
    `cold`: before each query, the service forgets the paragraphs, highlights and term scores
    earlier searches left (the posting cache stays): a page never seen before."""
    from search.service import SearchService

    start = time.perf_counter()
    service = SearchService(index_dir)
    queries = load_queries()
    first_ms, first = _first(service, queries[0])
    open_ms = (time.perf_counter() - start) * 1000
    rss_open = rss_megabytes()

    def search(query: BenchQuery):
        if cold:
            service.forget_cached()
        return engine_search(service, query)

    timings = time_queries(search, queries, passes=passes)
    totals = class_totals(lambda q: engine_search(service, q), queries)
    return {
        "open_ms": open_ms,
        "first_query_ms": first_ms,
        "rss_after_open_mb": rss_open,
        "rss_after_queries_mb": rss_megabytes(),
        "peak_rss_mb": _peak_rss_mb(),
        "classes": {name: summary(values) for name, values in timings.items()},
        "totals": totals,
        "first_total": first.total,
        "cold": cold,
    }


def trend_pairs() -> list[tuple[str, str]]:
    """Two common words per trends request (consecutive queries of the `common` class)."""
    words = [query.text for query in load_queries(classes=["common"])]
    return list(zip(words[0::2], words[1::2], strict=False))


def trends(index_dir: Path, passes: int) -> dict:
    """Time `GET /api/trends?q=A&q=B` as the engine answers it (warm), and check its counts
    against searches (`check_trends`)."""
    from search.service import SearchService
    from search.trend_models import TrendsRequest

    service = SearchService(index_dir)
    pairs = trend_pairs()
    checked = check_trends(service, pairs)  # the warm-up pass doubles as the check
    timings = []
    for _ in range(passes):
        for pair in pairs:
            start = time.perf_counter()
            service.trends(TrendsRequest(pair))
            timings.append((time.perf_counter() - start) * 1000)
    return {"pairs": len(pairs), **checked, **summary(timings)}


def _first(service, query: BenchQuery) -> tuple[float, object]:
    start = time.perf_counter()
    result = engine_search(service, query)
    return (time.perf_counter() - start) * 1000, result


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux


def first_query(index_dir: Path, query_class: str) -> dict:
    """A fresh process: open the index and run the class's first query (includes the open)."""
    from search.service import SearchService

    query = load_queries(classes=[query_class])[0]
    start = time.perf_counter()
    service = SearchService(index_dir)
    result = engine_search(service, query)
    total_ms = (time.perf_counter() - start) * 1000
    again_ms, _ = _first(service, query)
    return {"first_ms": total_ms, "second_ms": again_ms, "total": result.total}


def profile(index_dir: Path, query_class: str, passes: int) -> dict:
    """cProfile over warm passes of one class: the functions where the time goes."""
    from search.service import SearchService

    service = SearchService(index_dir)
    queries = load_queries(classes=[query_class])
    for query in queries:
        engine_search(service, query)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(passes):
        for query in queries:
            engine_search(service, query)
    profiler.disable()
    listing = {}
    for order in ("tottime", "cumulative"):
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats(order).print_stats(18)
        listing[order] = stream.getvalue()
    return {"class": query_class, "calls": passes * len(queries), **listing}


def run_child(arguments: list[str], timeout: float = 3600) -> tuple[dict, dict[str, float]]:
    """Run `bench/engine.py ARGS` in a child; return its JSON and the peak memory (MB, sampled)
    of it and its workers: `rss` (the sum, which counts pages shared after fork once per process)
    and `pss` (shared pages divided among their processes: what the tree really holds)."""
    command = [sys.executable, str(Path(__file__).resolve()), *arguments]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = {"rss": 0.0, "pss": 0.0}
    handle = psutil.Process(child.pid)
    deadline = time.monotonic() + timeout
    while child.poll() is None and time.monotonic() < deadline:
        for key, value in _tree_memory_mb(handle).items():
            peak[key] = max(peak[key], value)
        time.sleep(0.2)
    if child.poll() is None:
        child.kill()
    output, _ = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"engine child {arguments[0]} failed with exit code {child.returncode}")
    return json.loads(output.strip().splitlines()[-1]), peak


def _tree_memory_mb(process: psutil.Process) -> dict[str, float]:
    """RSS and PSS sums of a process and its worker processes (the build forks workers)."""
    total = {"rss": 0.0, "pss": 0.0}
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return total
    for member in members:
        try:
            memory = member.memory_full_info()
        except psutil.Error:  # a worker that just exited
            continue
        total["rss"] += memory.rss / 1e6
        total["pss"] += memory.pss / 1e6
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "mode", choices=["build", "serve", "first", "profile", "trends", "entities"]
    )
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--query-class", default="common")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument(
        "--cold", action="store_true", help="serve: forget remembered pages before each query"
    )
    options = parser.parse_args()
    if options.mode == "build":
        answer = build(options.corpus, options.index)
    elif options.mode == "serve":
        answer = serve(options.index, options.passes, options.cold)
    elif options.mode == "trends":
        answer = trends(options.index, options.passes)
    elif options.mode == "entities":
        from bench.entities import measure

        answer = measure(options.index, entities=20, paragraphs=60, passes=options.passes)
    elif options.mode == "first":
        answer = first_query(options.index, options.query_class)
    else:
        answer = profile(options.index, options.query_class, options.passes)
    answer["child_peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main()
