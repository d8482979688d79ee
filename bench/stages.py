"""Where a search's CPU time goes, per stage, over the bench queries as the HTTP load sends them.

`python bench/stages.py --index DIR [--passes 3] [--cold]` runs `SearchService.search` for every
query of bench/queries.yaml (top 20, facets, highlights: the API's facet page), one untimed pass
then `--passes` timed ones, and prints per class the p50 / p95 thread CPU milliseconds of each
stage (plan, select = matching and filters, order, hits = snippets and stored paragraphs,
facets, json = the API's JSON body), then the slowest searches. CPU time, not wall time, so a
busy shared machine changes the figures less. `--cold`: the service forgets its remembered
paragraphs, highlights and term scores before every search (`forget_cached`). `--least`: also
each query's least total over the passes, averaged per class and over the mix (a busy machine
only adds CPU time to a search, so the least is the steadiest figure to compare two builds by).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.queries import load_queries
from bench.report import percentile

STAGES = {"plan_query": "plan", "select": "select", "result_order": "order", "hits_of": "hits"}
STAGES |= {"disjunctive_facets": "facets"}


def _timed(function, stage: str, spent: dict[str, float]):
    def wrapper(*args, **kwargs):
        start = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += (time.thread_time() - start) * 1000

    return wrapper


def _instrument(spent: dict[str, float]) -> None:
    """Time the functions a search calls (`search.engine.results.search_results`), by the
    names it calls them by."""
    from search.engine import facets, results

    for name, stage in STAGES.items():
        if name == "disjunctive_facets":
            facets.disjunctive_facets = _timed(facets.disjunctive_facets, stage, spent)
        else:
            setattr(results, name, _timed(getattr(results, name), stage, spent))


def measure(index_dir: Path, passes: int, cold: bool) -> tuple[dict, list]:
    from search.models import SearchRequest
    from search.serialize import results_json
    from search.service import SearchService

    spent: dict[str, float] = defaultdict(float)
    _instrument(spent)
    service = SearchService(index_dir, time_budget=60.0)
    queries = load_queries()
    requests = [SearchRequest(query=q.text, filters=dict(q.filters), per_page=20) for q in queries]
    for request in requests:
        service.search(request)
    per_class: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    slowest = []
    for _ in range(passes):
        for query, request in zip(queries, requests, strict=True):
            if cold:
                service.forget_cached()
            spent.clear()
            start = time.thread_time()
            results = service.search(request)
            middle = time.thread_time()
            json.dumps(results_json(results), ensure_ascii=False)
            spent["json"] = (time.thread_time() - middle) * 1000
            spent["total"] = (time.thread_time() - start) * 1000
            for stage, value in spent.items():
                per_class[query.query_class][stage].append(value)
            slowest.append((spent["total"], query.text, dict(spent)))
    return per_class, sorted(slowest, key=lambda item: -item[0])[:10]


def least_totals(per_class: dict, passes: int) -> dict[str, float]:
    """Per class (and "all"), the mean over its queries of each one's least total CPU ms; the
    totals of a class are its queries' in order, pass after pass."""
    means = {}
    everything = []
    for name, found in per_class.items():
        totals = found["total"]
        count = len(totals) // passes
        least = [min(totals[query::count]) for query in range(count)]
        means[name] = sum(least) / len(least)
        everything += least
    means["all"] = sum(everything) / len(everything)
    return means


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--least", action="store_true", help="each query's least CPU too")
    options = parser.parse_args()
    per_class, slowest = measure(options.index, options.passes, options.cold)
    if options.least:
        means = least_totals(per_class, options.passes)
        print("least ms: " + ", ".join(f"{name} {value:.2f}" for name, value in means.items()))
    stages = [*dict.fromkeys(STAGES.values()), "json", "total"]
    print("| class | " + " | ".join(f"{stage} p50/p95" for stage in stages) + " |")
    print("|---" * (len(stages) + 1) + "|")
    for name, found in per_class.items():
        cells = [
            f"{percentile(found[s], 0.5):.1f} / {percentile(found[s], 0.95):.1f}" for s in stages
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")
    everything = [value for found in per_class.values() for value in found["total"]]
    middle, high = percentile(everything, 0.5), percentile(everything, 0.95)
    mean = sum(everything) / len(everything)
    print(f"\nall: p50 {middle:.2f} ms, p95 {high:.2f}, mean {mean:.2f}")
    print("slowest:")
    for total, text, spent in slowest:
        shown = [(stage, value) for stage, value in spent.items() if stage in stages[:-1]]
        parts = ", ".join(f"{stage} {value:.1f}" for stage, value in shown)
        print(f"- {text or '(blank)'}: {total:.1f} ms ({parts})")


if __name__ == "__main__":
    main()
