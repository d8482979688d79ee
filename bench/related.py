"""Related paragraphs (相关段落) on random paragraphs of a built index: timings and the lists.

`python bench/related.py --index DIR [--sample 100] [--seed 16] [--show 20] [--out FILE]` picks
`--sample` body paragraphs at random (fixed seed), times `SearchService.related()` on each the
first time it is asked (cold for that paragraph) and again (warm), and writes the sample and the
related lists of the first `--show` to FILE (JSON) so two versions of the code can be compared by
reading; `--ids FILE` reuses the sample of such a file (picking one reads every paragraph).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import summary, timed_ms

WARM_UP = 10


def sample_ids(service, count: int, seed: int) -> list[str]:
    """`count` random body paragraph ids (plus WARM_UP more for the warm-up), fixed by `seed`."""
    body = sorted(
        stored.paragraph.paragraph_id
        for stored in service.export()
        if stored.paragraph.kind == "body"
    )
    return random.Random(seed).sample(body, count + WARM_UP)


def listing(found) -> dict:
    """What a reader compares: the paragraph, the words looked for, and each related paragraph."""
    return {
        "paragraph_id": found.paragraph.paragraph_id,
        "text": found.paragraph.text[:120],
        "terms": list(found.terms),
        "related": [
            {
                "paragraph_id": item.hit.paragraph.paragraph_id,
                "title": item.hit.article_title,
                "date": item.hit.date,
                "text": item.hit.paragraph.text[:120],
                "shared_terms": list(item.shared_terms),
                "shared_entities": [list(pair) for pair in item.shared_entities],
            }
            for item in found.results
        ],
    }


def measure(
    index_dir: Path, count: int, seed: int, show: int, ids: list[str] | None
) -> tuple[dict, dict]:
    from search.service import SearchService

    service = SearchService(index_dir)
    start = time.perf_counter()
    ids = ids or sample_ids(service, count, seed)
    sample_seconds = time.perf_counter() - start
    for paragraph_id in ids[:WARM_UP]:
        service.related(paragraph_id)
    timings: dict[str, list[float]] = {"related_cold": [], "related_warm": []}
    lists = []
    for paragraph_id in ids[WARM_UP:]:
        milliseconds, found = timed_ms(lambda p=paragraph_id: service.related(p))
        timings["related_cold"].append(milliseconds)
        if len(lists) < show:
            lists.append(listing(found))
    for paragraph_id in ids[WARM_UP:]:
        timings["related_warm"].append(timed_ms(lambda p=paragraph_id: service.related(p))[0])
    service.close()
    results = {
        "index": str(index_dir),
        "seed": seed,
        "sample_seconds": sample_seconds,
        "cases": {name: summary(values) for name, values in timings.items()},
        "empty": sum(1 for item in lists if not item["related"]),
    }
    return results, {"ids": ids, "lists": lists}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=100, help="random paragraphs timed")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--show", type=int, default=20, help="related lists written to --out")
    parser.add_argument("--out", type=Path, help="JSON file for the sample and related lists")
    parser.add_argument("--ids", type=Path, help="reuse the sample of an earlier --out file")
    options = parser.parse_args()
    ids = json.loads(options.ids.read_text(encoding="utf-8"))["ids"] if options.ids else None
    results, lists = measure(options.index, options.sample, options.seed, options.show, ids)
    for name, figures in results["cases"].items():
        print(
            f"| {name} | {figures['n']} | {figures['p50']:.1f} | {figures['p95']:.1f} "
            f"| {figures['max']:.1f} |"
        )
    print(json.dumps(results, ensure_ascii=False))
    if options.out:
        options.out.write_text(json.dumps(lists, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
