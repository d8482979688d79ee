"""CPU time of entity tagging per xwlb paragraph (docs/entities.md, "Speed"): every 100th article
of the corpus, tagged in one process, timed with `time.process_time` (load time reported apart).

Run: `.venv/bin/python bench/tagging_cpu.py [--every 100] [--runs 3]`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import read_records  # noqa: E402
from search.entities.tagger import Tagger  # noqa: E402
from search.models import Article, Paragraph, SourceSpan  # noqa: E402


def articles(every: int, offset: int = 0) -> list[Article]:
    """Every `every`-th corpus article from number `offset` on, its paragraphs as body
    paragraphs."""
    chosen = []
    for number, record in enumerate(read_records()):
        if number < offset or (number - offset) % every:
            continue
        paragraphs = tuple(
            Paragraph(f"{record['id']}-{n}", record["id"], n, "body", text, SourceSpan("x", n, n))
            for n, text in enumerate(record["paragraphs"], start=1)
        )
        chosen.append(Article(record["id"], record["title"], paragraphs, ("xwlb",)))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    sample = articles(options.every)
    paragraphs = sum(len(article.paragraphs) for article in sample)
    started = time.process_time()
    tagger = Tagger.load()
    loading = time.process_time() - started
    for article in sample[:20]:
        tagger.tag_article(article)  # warm jieba's caches
    for _ in range(options.runs):
        started = time.process_time()
        for article in sample:
            tagger.tag_article(article)
        spent = time.process_time() - started
        print(f"{paragraphs} paragraphs: {spent / paragraphs * 1000:.3f} ms CPU each")
    print(f"loading the vocabularies: {loading:.1f} s CPU")


if __name__ == "__main__":
    main()
