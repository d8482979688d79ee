"""The growth curve (issue 17): build and serve the xwlb corpus at sizes up to 1M paragraphs.

`python bench/growth.py [--sizes 50000,150000,305000,1000000] [--work DIR]` writes one corpus
per size (subsets spread over the years; past the corpus, copies with distinct ids, shifted dates
and changed text so reprint detection keeps them), builds each with `gaoxin index` in a child
process, then times the facet-page query classes warm in another child. Prints Markdown and a
JSON line: build seconds, disk, build peak PSS, serving RSS, facet-page p50/p95 per size.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import read_records, select_records
from bench.run import build_ours, query_ours

DEFAULT_SIZES = (50_000, 150_000, 305_000, 1_000_000)


def copy_of(record: dict, copy: int) -> dict:
    """A distinct article: id and date moved, every paragraph changed so it is no reprint."""
    date = datetime.datetime.strptime(record["date"], "%Y%m%d").date()
    moved = (date + datetime.timedelta(days=copy)).strftime("%Y%m%d")
    marker = f"（第{copy + 1}版）"
    return record | {
        "id": f"{record['id']}-copy{copy}",
        "date": moved,
        "title": record["title"] + marker,
        "paragraphs": [marker + text for text in record["paragraphs"]],
    }


def records_for(paragraphs: int) -> Iterator[dict]:
    """About `paragraphs` paragraphs: a spread subset, or the corpus plus changed copies."""
    base = list(read_records())
    total = sum(len(record["paragraphs"]) for record in base)
    if paragraphs <= total:
        yield from select_records(paragraphs)
        return
    written, copy = 0, 0
    while written < paragraphs:
        for record in base:
            if written >= paragraphs:
                return
            yield record if copy == 0 else copy_of(record, copy)
            written += len(record["paragraphs"])
        copy += 1


def write_corpus(paragraphs: int, target: Path) -> int:
    count = 0
    with open(target, "w", encoding="utf-8") as handle:
        for record in records_for(paragraphs):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += len(record["paragraphs"])
    return count


def measure(size: int, work: Path, passes: int) -> dict:
    corpus = work / f"growth-{size}.jsonl"
    index_dir = work / f"growth-{size}-index"
    paragraphs = write_corpus(size, corpus)
    build = build_ours(corpus, index_dir, paragraphs)
    serve = query_ours(index_dir, passes, [])
    shutil.rmtree(index_dir, ignore_errors=True)
    corpus.unlink()
    return {"paragraphs": paragraphs, "build": build, "serve": serve}


def markdown(rows: list[dict]) -> str:
    lines = [
        "| paragraphs | build s | disk MB | build peak PSS MB | serving RSS MB "
        "| facet page p50 / p95 ms (worst class) |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        build, serve = row["build"], row["serve"]
        classes = serve.get("classes", {})
        worst = max(classes, key=lambda name: classes[name]["p95"]) if classes else "-"
        timing = (
            f"{classes[worst]['p50']:.1f} / {classes[worst]['p95']:.1f} ({worst})"
            if classes
            else "-"
        )
        lines.append(
            f"| {row['paragraphs']:,} | {build.get('seconds', 0):.0f} "
            f"| {build.get('megabytes', 0):.0f} | {build.get('peak_tree_pss_mb', 0):.0f} "
            f"| {serve.get('rss_after_queries_mb', 0):.0f} | {timing} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--work", type=Path, help="corpora and indexes (default: temp)")
    parser.add_argument("--passes", type=int, default=3)
    options = parser.parse_args()
    work = options.work or Path(tempfile.mkdtemp(prefix="gaoxin-growth-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in (int(value) for value in options.sizes.split(",")):
        rows.append(measure(size, work, options.passes))
        print(markdown(rows[-1:]), file=sys.stderr, flush=True)
    print(markdown(rows))
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
