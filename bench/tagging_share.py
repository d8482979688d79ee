"""How much of an index build is entity tagging: the same xwlb subset built twice, once with the
real tagger and once with tagging replaced by the identity (docs/entities.md, "Speed").

Run: `.venv/bin/python bench/tagging_share.py [--paragraphs N] [--processes P]`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import select_records, write_jsonl  # noqa: E402
from search.indexing.builder import build_index, index_corpus  # noqa: E402
from search.indexing.parallel import default_processes  # noqa: E402
from search.ingest.corpus import load_corpus  # noqa: E402
from search.models import Article  # noqa: E402


def untagged_build(corpus: Path, index_dir: Path, processes: int) -> float:
    """Seconds for the build with every step but tagging (articles keep empty tags)."""
    started = time.perf_counter()

    def identity(article: Article) -> Article:
        return article

    index_corpus(
        load_corpus(corpus), index_dir, tag=identity, vocabulary="untagged", processes=processes
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=30_000)
    parser.add_argument("--processes", type=int, default=default_processes())
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gaoxin-tagging-"))
    records = select_records(options.paragraphs)
    corpus = write_jsonl(records, work / "xwlb.jsonl")
    started = time.perf_counter()
    report = build_index(corpus, work / "tagged", processes=options.processes)
    tagged = time.perf_counter() - started
    untagged = untagged_build(corpus, work / "untagged", options.processes)
    share = (tagged - untagged) / tagged
    print(
        f"{report.articles} articles, {report.paragraphs} paragraphs, "
        f"{options.processes} processes: build {tagged:.1f} s, "
        f"without tagging {untagged:.1f} s, tagging {share:.0%} of the build"
    )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
