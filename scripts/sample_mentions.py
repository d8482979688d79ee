"""Draw the park-mention sample: xwlb paragraphs that themselves name a zone word (fixed seed).

For park-mention recall and well-formed names only: one paragraph per article, from articles in
no judged batch (tests/data/entities_xwlb.jsonl and any later batch file named). The committed
sample is `--exclude` of the judged file as of db7cf74 (`git show db7cf74:tests/data/
entities_xwlb.jsonl`): a later batch changes the excluded articles and so the whole draw. Its
`half` (added when judged) is `eval_judged.article_half`: CRC-32 of the article id.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from sample_judged import PARK_WORDS, archive_records, judged_item, write_rows

SEED = 20261139
SIZE = 300


def excluded_articles(paths: list[Path]) -> frozenset[str]:
    """The articles of every judged file named: a mention sample never repeats one."""
    articles = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line:
                articles.add(json.loads(line)["key"].split("#")[0])
    return frozenset(articles)


def draw(archive: Path, excluded: frozenset[str], size: int = SIZE) -> list[dict]:
    """`size` articles with a paragraph naming a zone word; one such paragraph of each."""
    candidates = []
    for record in archive_records(archive, excluded):
        paragraphs = record.get("paragraphs", [])
        naming = [i for i, text in enumerate(paragraphs) if PARK_WORDS.search(text)]
        if naming:
            candidates.append((record, naming))
    rng = random.Random(SEED)
    chosen = []
    for record, naming in rng.sample(candidates, size):
        chosen.append(judged_item(record, rng.choice(naming), "park-paragraph", "dev"))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--archive", type=Path, default=Path("../shared/corpora/xwlb/articles.jsonl.xz")
    )
    parser.add_argument("--exclude", type=Path, nargs="+", required=True, metavar="JUDGED")
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    write_rows(arguments.out, draw(arguments.archive, excluded_articles(arguments.exclude)))


if __name__ == "__main__":
    main()
