"""Suggestion latency: `SearchService.suggest` for prefixes people type, p50 / p95 / max in ms.

    python bench/suggest.py --index DIR    # e.g. an index of all xwlb paragraphs

Prefixes: the first 1, 2 and 3 characters of every bench query word (bench/queries.yaml) and
of every park name. The first call per generation reads the lexicon (timed apart, as "build").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.queries import load_queries
from search.entities.taxonomy import load_taxonomy
from search.service import SearchService


def prefixes() -> list[str]:
    """Distinct prefixes of bench query words and park names, in a fixed order."""
    words = [word for query in load_queries() for word in query.keywords]
    words += [park.name for park in load_taxonomy().parks]
    found = [word[:length] for word in words for length in (1, 2, 3) if len(word) >= length]
    return list(dict.fromkeys(item for item in found if item.strip('"“”「」')))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--passes", type=int, default=3)
    options = parser.parse_args()
    items = prefixes()
    with SearchService(options.index) as service:
        started = time.perf_counter()
        service.suggest("高")
        build = (time.perf_counter() - started) * 1000
        timings = []
        for _ in range(options.passes):
            for prefix in items:
                started = time.perf_counter()
                service.suggest(prefix)
                timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"suggest: {len(items)} prefixes x {options.passes} passes; first call (reads the "
        f"lexicon) {build:.0f} ms; p50 {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
        f"max {timings[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
