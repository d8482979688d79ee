"""Draw the park-mention samples: xwlb paragraphs that themselves name a zone (fixed seed).

For park-mention recall and well-formed names only: one paragraph per article, from articles in
no judged file named with `--exclude`. Sample 1 (round 8): paragraphs naming a zone word (高新区,
开发区 …); it is `--exclude` of the judged file as of db7cf74 (`git show db7cf74:tests/data/
entities_xwlb.jsonl`): a later batch changes the excluded articles and so the whole draw.
Sample 2 (`--gazetteer`, 2026-12-02): paragraphs naming a zone by a gazetteer name or alias
(浦东, 前海, 光谷 …) in articles with no zone word, the stratum every later draw had left.
`half` (added when judged) is `eval_judged.article_half`: CRC-32 of the article id.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import yaml
from sample_judged import PARK_WORDS, archive_records, judged_item, write_rows

SEED = 20261139
SIZE = 300
GAZETTEER_SEED = 20261204
GAZETTEER_SIZE = 150


def excluded_articles(paths: list[Path]) -> frozenset[str]:
    """The articles of every judged file named: a mention sample never repeats one."""
    articles = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line:
                articles.add(json.loads(line)["key"].split("#")[0])
    return frozenset(articles)


def gazetteer_names(path: Path) -> re.Pattern:
    """Every name and alias of two characters or more in a gazetteer file, longest first."""
    parks = yaml.safe_load(path.read_text(encoding="utf-8"))["parks"]
    names = {name for park in parks for name in [park["name"], *park.get("aliases", [])]}
    ordered = sorted((re.escape(name) for name in names if len(name) >= 2), key=len, reverse=True)
    return re.compile("|".join(ordered))


def draw(archive: Path, excluded: frozenset[str], size: int = SIZE) -> list[dict]:
    """Sample 1: `size` articles with a paragraph naming a zone word; one such paragraph of each."""
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


def draw_by_gazetteer(archive: Path, excluded: frozenset[str], names: re.Pattern) -> list[dict]:
    """Sample 2: articles with a paragraph of 20 characters or more naming a gazetteer name or
    alias; one such paragraph of each. (Every article with a zone word is judged already.)"""
    candidates = []
    for record in archive_records(archive, excluded):
        paragraphs = record.get("paragraphs", [])
        naming = [
            i for i, text in enumerate(paragraphs) if len(text.strip()) >= 20 and names.search(text)
        ]
        if naming:
            candidates.append((record, naming))
    rng = random.Random(GAZETTEER_SEED)
    return [
        judged_item(record, rng.choice(naming), "gazetteer-name", "dev")
        for record, naming in rng.sample(candidates, GAZETTEER_SIZE)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--archive", type=Path, default=Path("../shared/corpora/xwlb/articles.jsonl.xz")
    )
    parser.add_argument("--exclude", type=Path, nargs="+", required=True, metavar="JUDGED")
    parser.add_argument(
        "--gazetteer",
        type=Path,
        metavar="PARKS_YAML",
        help="draw sample 2: paragraphs naming a zone of this gazetteer file",
    )
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    excluded = excluded_articles(arguments.exclude)
    if arguments.gazetteer:
        names = gazetteer_names(arguments.gazetteer)
        rows = draw_by_gazetteer(arguments.archive, excluded, names)
    else:
        rows = draw(arguments.archive, excluded)
    write_rows(arguments.out, rows)


if __name__ == "__main__":
    main()
