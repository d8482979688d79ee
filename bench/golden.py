"""Golden comparison: the same query variants against two builds of the engine, result for result.

`python bench/golden.py record --index DIR --out A.json` writes, for every variant of the bench
queries (relevance, date order, grouped, page 2, facet-filtered), the totals, whether it relaxed,
how it was understood, every field of every hit (scores exactly, as their repr; not the build's
clock, `indexed_at`) and the facet counts; `compare A.json B.json` lists every difference. Used
to show that a refactor changed no result.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.queries import load_queries

VARIANTS = (
    {"sort": "relevance"},
    {"sort": "date"},
    {"sort": "relevance", "group": "article"},
    {"sort": "relevance", "page": 2},
)


def _service_and_request():
    try:
        from search.service import SearchService
    except ImportError:  # an engine from before the packages (for comparisons with it)
        from search.searcher import SearchService
    from search.models import SearchRequest

    return SearchService, SearchRequest


# The build's clock: it differs between any two builds of the same corpus, so it is no result.
CLOCK_FIELDS = frozenset({"indexed_at"})


def _without_clock(value):
    if isinstance(value, dict):
        return {key: _without_clock(item) for key, item in value.items() if key not in CLOCK_FIELDS}
    if isinstance(value, list | tuple):
        return [_without_clock(item) for item in value]
    return value


def _hit(hit) -> dict:
    """Every field of a hit, the paragraph's too, but the build's clock; the score as its
    exact repr."""
    fields = _without_clock(dataclasses.asdict(hit))
    fields["score"] = repr(hit.score)
    return fields


def _outcome(results) -> dict:
    return {
        "total": results.total,
        "partial_total": getattr(results, "partial_total", 0),
        "relaxed": results.relaxed,
        "parsed": results.parsed,
        "terms": list(getattr(results, "terms", ())),
        "hits": [_hit(hit) for hit in results.results],
        "facets": {
            name: [(bucket.value, bucket.count) for bucket in buckets]
            for name, buckets in results.facets.items()
        },
    }


def record(index_dir: Path, out: Path) -> int:
    service_class, request_class = _service_and_request()
    outcomes = {}
    with service_class(index_dir, time_budget=60.0) as service:
        for query in load_queries():
            for variant in VARIANTS:
                key = json.dumps([query.text, query.filters, variant], ensure_ascii=False)
                request = request_class(
                    query=query.text, filters=dict(query.filters), per_page=20, **variant
                )
                outcomes[key] = _outcome(service.search(request))
    out.write_text(json.dumps(outcomes, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(outcomes)


def compare(first: Path, second: Path) -> list[str]:
    one = json.loads(first.read_text(encoding="utf-8"))
    other = json.loads(second.read_text(encoding="utf-8"))
    differences = [f"only in one file: {key}" for key in sorted(set(one) ^ set(other))]
    for key in sorted(set(one) & set(other)):
        if one[key] != other[key]:
            differences.append(f"{key}: {one[key]['total']} vs {other[key]['total']} results")
    return differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("record")
    recording.add_argument("--index", type=Path, required=True)
    recording.add_argument("--out", type=Path, required=True)
    comparing = commands.add_parser("compare")
    comparing.add_argument("files", type=Path, nargs=2)
    args = parser.parse_args()
    if args.command == "record":
        print(f"{record(args.index, args.out)} query variants -> {args.out}")
        return
    differences = compare(*args.files)
    print("\n".join(differences[:50]) or "identical")
    print(f"{len(differences)} of the variants differ")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
