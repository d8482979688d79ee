"""Entity pages and related paragraphs over a built index: p50 / p95 / max per case (warm).

`python bench/entities.py --index DIR [--entities 20] [--paragraphs 60] [--passes 3]` times
`SearchService.profile()` for the most mentioned parks, organisations and policy documents (the
heaviest pages) and as many from the middle of each list, the park directory, and
`SearchService.related()` for paragraphs taken from those pages. Prints Markdown and a JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import summary, timed_ms


def pick(buckets: tuple, count: int) -> list[str]:
    """The `count` most frequent values and `count` from the middle of the list."""
    values = [bucket.value for bucket in buckets]
    middle = len(values) // 2
    return list(dict.fromkeys(values[:count] + values[middle : middle + count]))


def measure(index_dir: Path, entities: int, paragraphs: int, passes: int) -> dict:
    from search.service import SearchService

    start = time.perf_counter()
    service = SearchService(index_dir)
    values = service.facet_values()
    open_ms = (time.perf_counter() - start) * 1000
    cases = {
        facet: [(facet, name) for name in pick(values[facet], entities)]
        for facet in ("park", "organization", "policy_document")
    }
    paragraph_ids: list[str] = []
    for facet, name in [item for items in cases.values() for item in items]:
        profile = service.profile(facet, name)  # also the warm-up of the profile cases
        paragraph_ids += [hit.paragraph.paragraph_id for hit in profile.latest[:3]]
    paragraph_ids = list(dict.fromkeys(paragraph_ids))[:paragraphs]
    for paragraph_id in paragraph_ids:
        service.related(paragraph_id)
    timings: dict[str, list[float]] = {}
    for _ in range(passes):
        for facet, items in cases.items():
            for _, name in items:
                milliseconds, _ = timed_ms(lambda f=facet, n=name: service.profile(f, n))
                timings.setdefault(f"profile_{facet}", []).append(milliseconds)
        timings.setdefault("park_directory", []).append(timed_ms(service.parks)[0])
        for paragraph_id in paragraph_ids:
            milliseconds, _ = timed_ms(lambda p=paragraph_id: service.related(p))
            timings.setdefault("related", []).append(milliseconds)
    service.close()
    return {
        "index": str(index_dir),
        "open_ms": open_ms,
        "cases": {name: summary(values) for name, values in timings.items()},
        "entities_per_facet": {facet: len(items) for facet, items in cases.items()},
        "paragraphs": len(paragraph_ids),
    }


def markdown(results: dict) -> str:
    lines = [
        "| case | n | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, figures in results["cases"].items():
        lines.append(
            f"| {name} | {figures['n']} | {figures['p50']:.1f} | {figures['p95']:.1f} "
            f"| {figures['max']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--entities", type=int, default=20, help="top and middle per facet")
    parser.add_argument("--paragraphs", type=int, default=60, help="paragraphs for related")
    parser.add_argument("--passes", type=int, default=3, help="timed passes after a warm-up")
    options = parser.parse_args()
    results = measure(options.index, options.entities, options.paragraphs, options.passes)
    print(markdown(results))
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
