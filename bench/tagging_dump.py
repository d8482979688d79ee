"""Every tag and evidence phrase the tagger gives a fixed sample, as JSON lines, so two versions of
the tagger can be compared byte for byte (a speed-up must not change a single tag).

Run: `.venv/bin/python bench/tagging_dump.py OUT.jsonl [--every 100] [--limit N]`; the sample is
every `every`-th xwlb article (as bench/tagging_cpu.py), the seeds and the judged paragraphs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.tagging_cpu import articles  # noqa: E402
from search.entities.tagger import Tagger  # noqa: E402
from search.fields import TAG_ATTRIBUTES  # noqa: E402
from search.ingest.corpus import load_corpus  # noqa: E402
from search.models import Article, Paragraph, SourceSpan  # noqa: E402

JUDGED = ROOT / "tests" / "data" / "entities_xwlb.jsonl"


def judged_articles() -> list[Article]:
    """Every judged paragraph (both splits) after its article's title and lead, as make eval
    tags it."""
    chosen = []
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if not line:
            continue
        row = json.loads(line)
        texts = [row["lead"], row["text"]] if row["lead"] else [row["text"]]
        paragraphs = tuple(
            Paragraph(f"{row['key']}-{n}", row["key"], n, "body", text, SourceSpan("x", n, n))
            for n, text in enumerate(texts, start=1)
        )
        chosen.append(Article(row["key"], row["title"], paragraphs, ("xwlb",)))
    return chosen


def tagged_lines(tagger: Tagger, sample: list[Article]) -> Iterator[str]:
    """One JSON line per paragraph: its id, the article's subject parks, tags and evidence."""
    for article in sample:
        tagged = tagger.tag_article(article)
        for paragraph in tagged.paragraphs:
            record = {
                "id": paragraph.paragraph_id,
                "subject": tagged.subject_parks,
                **{name: getattr(paragraph, name) for name in TAG_ATTRIBUTES},
                "evidence": paragraph.tag_evidence,
            }
            yield json.dumps(record, ensure_ascii=False, default=repr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--offset", type=int, default=0, help="start at this article number")
    options = parser.parse_args()
    sample = list(load_corpus(ROOT / "seeds").articles)
    sample += judged_articles() + articles(options.every, options.offset)
    tagger = Tagger.load()
    with options.out.open("w", encoding="utf-8") as out:
        for line in tagged_lines(tagger, sample):
            out.write(line + "\n")
    print(f"{len(sample)} articles tagged into {options.out}")


if __name__ == "__main__":
    main()
