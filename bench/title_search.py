"""Park names and keywords in titles only (and in full text) on a fresh generation: seconds.

    python bench/title_search.py --index DIR    # e.g. an index of all xwlb paragraphs

Each query runs in a new process (a generation opened for it, as after every build): one search
of 经济 opens the generation and loads jieba without touching title text, then the query is timed
cold, then warm (least of two), then after `forget_cached()` (its remembered matches dropped).
The time budget is lifted to 60 s, so a cost past the 2 s budget shows as itself.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search.models import SearchRequest
from search.service import SearchService

EIGHT_PARKS = (
    "合肥高新区 杭州高新区 南京高新区 广州高新区 深圳高新区 长沙高新区 郑州高新区 济南高新区"
)
OTHER_PARKS = (
    "张江高新区 中关村 苏州工业园区 青岛高新区 西安高新区 武汉东湖高新区 合肥高新区 成都高新区"
)
QUERIES = [
    ("title", "武汉东湖高新区"),
    ("title", "武汉东湖高新区 张江高新区 中关村"),
    ("title", EIGHT_PARKS),
    ("title", OTHER_PARKS),
    ("title", "自贸区"),
    ("title", "产业园"),
    ("text", EIGHT_PARKS),
    ("text", OTHER_PARKS),
    ("text", "武汉东湖高新区"),
]


def _timed(service: SearchService, request: SearchRequest) -> tuple[float, int, int]:
    started = time.perf_counter()
    results = service.search(request)
    return time.perf_counter() - started, results.total, results.partial_total


def measure(index: Path, field: str, query: str) -> dict[str, object]:
    """One query's cold, warm and forgotten timings in this process."""
    request = SearchRequest(query=query, field=field)
    with SearchService(index, time_budget=60.0) as service:
        service.search(SearchRequest(query="经济"))
        cold, total, partial = _timed(service, request)
        warm = min(_timed(service, request)[0] for _ in range(2))
        service.forget_cached()
        forgotten = _timed(service, request)[0]
    return {"field": field, "query": query, "cold": cold, "warm": warm, "forgotten": forgotten,
            "total": total, "partial": partial}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--one", nargs=2, metavar=("FIELD", "QUERY"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure(options.index, *options.one), ensure_ascii=False))
        return
    print("| field | query | cold s | warm s | after forget s | total + partial |")
    print("|---|---|---|---|---|---|")
    for field, query in QUERIES:
        command = [sys.executable, __file__, "--index", str(options.index), "--one", field, query]
        found = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
        print(
            f"| {field} | {query} | {found['cold']:.3f} | {found['warm']:.3f} | "
            f"{found['forgotten']:.3f} | {found['total']} + {found['partial']} |"
        )


if __name__ == "__main__":
    main()
