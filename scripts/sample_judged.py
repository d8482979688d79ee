"""Draw the judged real-news sample for entity tagging from the xwlb archive (fixed seed).

Stratified by article: park news, other economic news, other news; one paragraph per article;
the split (dev/test) is by article, fixed here, so tuning never sees the test paragraphs.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import re
from collections.abc import Iterator
from pathlib import Path

SEED = 20261130
PARK_WORDS = re.compile(
    r"高新区|开发区|经开区|产业园|工业园|园区|新区|自贸区|自由贸易试验区|示范区|科技园|保税区|科学城"
)
ECONOMY_WORDS = re.compile(
    r"经济|产业|企业|投资|金融|贸易|制造|科技|创新|项目|消费|市场|工业|就业|招商"
)
STRATA = {"park": 300, "economy": 200, "other": 100}
# The second, dev-only batch (judged later, marked "batch": 2): paragraphs that themselves name a
# zone, and economic news, from articles not in the first draw, so tuning has more to read.
EXTRA_SEED = SEED + 1
EXTRA_STRATA = {"park-paragraph": 70, "economy": 30}
# Later dev-only batches ("batch": N, seed SEED + N - 1): drawn like the first draw (the test
# split's strata, in its proportions) so that what is trained on dev looks like test, from
# articles not in the judged file as it was then. Batch 3 mixed in, unmarked, first-draw dev
# paragraphs to judge again, to measure how often two judges agree; batch 9 mixes in, unmarked,
# batch 8 paragraphs (judged under the same written rules by other judges) for the same purpose.
LATER_BATCHES = {
    3: ({"park": 150, "economy": 100, "other": 50}, 45),
    4: ({"park": 300, "economy": 200, "other": 100}, 0),
    5: ({"park": 150, "economy": 100, "other": 50}, 0),
    6: ({"park": 150, "economy": 100, "other": 50}, 0),
    7: ({"park": 150, "economy": 100, "other": 50}, 0),
    8: ({"park": 600, "economy": 400, "other": 200}, 0),
    9: ({"park": 150, "economy": 100, "other": 50}, 100),
    10: ({"park": 150, "economy": 100, "other": 50}, 0),
    11: ({"park": 150, "economy": 100, "other": 50}, 0),
    12: ({"park": 150, "economy": 100, "other": 50}, 0),
    13: ({"park": 150, "economy": 100, "other": 50}, 0),
    14: ({"park": 150, "economy": 100, "other": 50}, 0),
    15: ({"park": 150, "economy": 100, "other": 50}, 0),
    16: ({"park": 150, "economy": 100, "other": 50}, 0),
    17: ({"park": 150, "economy": 100, "other": 50}, 0),
    18: ({"park": 150, "economy": 100, "other": 50}, 0),
    19: ({"park": 150, "economy": 100, "other": 50}, 0),
    20: ({"park": 150, "economy": 100, "other": 50}, 0),
    # From batch 21 on the park stratum is spent (176 articles left, 174 of them in the park-mention
    # sample): later batches draw economic and other news only, in the test split's proportions.
    21: ({"economy": 160, "other": 80}, 0),
    22: ({"economy": 160, "other": 80}, 0),
    23: ({"economy": 160, "other": 80}, 0),
    24: ({"economy": 160, "other": 80}, 0),
    25: ({"economy": 160, "other": 80}, 0),
}
# Where a batch's paragraphs to judge again come from: the first draw's dev split unless named here.
REJUDGE_FROM = {9: 8}
# Batch 10 drew with the park-mention sample's seed and shares 125 of its articles; from this batch
# on, a drawn paragraph of a sample article is dropped after the draw (so the draw stays the one
# judged), keeping the sample blind to rounds that read a batch (docs/entities.md).
# Park-mention sample 2 (gazetteer names, drawn after batch 22) is left out the same way from
# batch 23 on.
DATA = Path(__file__).resolve().parent.parent / "tests/data"
MENTION_SAMPLES_LEFT_OUT_FROM = {
    DATA / "park_mentions_xwlb.jsonl": 11,
    DATA / "park_mentions2_xwlb.jsonl": 23,
}


def stratum(title: str, paragraphs: list[str]) -> str:
    """The stratum of an article: park news first, then economic news, else other."""
    text = title + "".join(paragraphs)
    if PARK_WORDS.search(text):
        return "park"
    if len(ECONOMY_WORDS.findall(text)) >= 3:
        return "economy"
    return "other"


def draw(archive: Path) -> list[dict]:
    """Every stratum's sample, interleaved, each with its article context and split."""
    rng = random.Random(SEED)
    by_stratum = articles_by_stratum(archive, STRATA)
    chosen = one_per_article(
        rng, by_stratum, STRATA, lambda: {"split": "test" if rng.random() < 0.5 else "dev"}
    )
    rng.shuffle(chosen)
    return chosen


def articles_by_stratum(
    archive: Path, strata: dict[str, int], excluded: frozenset[str] = frozenset()
) -> dict[str, list[dict]]:
    """The archive's articles with a paragraph of 20 characters or more, by stratum."""
    # Every stratum is kept, so a batch that draws from only some of them (21 on) sorts articles
    # as every other batch did.
    by_stratum: dict[str, list[dict]] = {name: [] for name in ("park", "economy", "other")}
    for record in archive_records(archive, excluded):
        paragraphs = [p for p in record.get("paragraphs", []) if len(p.strip()) >= 20]
        if paragraphs:
            by_stratum[stratum(record["title"], paragraphs)].append(record)
    return by_stratum


def archive_records(archive: Path, excluded: frozenset[str] = frozenset()) -> Iterator[dict]:
    """The archive's articles in file order, leaving out the excluded article ids."""
    with lzma.open(archive, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] not in excluded:
                yield record


def one_per_article(
    rng: random.Random, by_stratum: dict[str, list[dict]], strata: dict[str, int], extra
) -> list[dict]:
    """`size` articles per stratum, one paragraph of each; `extra()` after each pick (the split)."""
    chosen = []
    for name, size in strata.items():
        for record in rng.sample(by_stratum[name], size):
            paragraphs = record["paragraphs"]
            candidates = [i for i, p in enumerate(paragraphs) if len(p.strip()) >= 20]
            index = rng.choice(candidates)
            chosen.append(judged_item(record, index, name, "dev") | extra())
    return chosen


def judged_item(record: dict, index: int, stratum_name: str, split: str) -> dict:
    """One paragraph to judge: where it is, its stratum and split, and what the judge reads."""
    paragraphs = record["paragraphs"]
    return {
        "key": f"{record['id']}#{index}",
        "record_id": record["id"],
        "paragraph_index": index,
        "stratum": stratum_name,
        "split": split,
        "date": record.get("date", ""),
        "title": record["title"],
        "lead": paragraphs[0] if index != 0 else "",
        "text": paragraphs[index],
    }


def draw_extra(archive: Path, excluded: set[str]) -> list[dict]:
    """The dev-only second batch: never an article of the first draw (so never a test article)."""
    by_stratum: dict[str, list[tuple[dict, list[int]]]] = {name: [] for name in EXTRA_STRATA}
    for record in archive_records(archive, frozenset(excluded)):
        paragraphs = record.get("paragraphs", [])
        usable = [i for i, p in enumerate(paragraphs) if len(p.strip()) >= 20]
        naming = [i for i in usable if PARK_WORDS.search(paragraphs[i])]
        if naming:
            by_stratum["park-paragraph"].append((record, naming))
        elif usable and stratum(record["title"], paragraphs) == "economy":
            by_stratum["economy"].append((record, usable))
    rng = random.Random(EXTRA_SEED)
    chosen = []
    for name, size in EXTRA_STRATA.items():
        for record, candidates in rng.sample(by_stratum[name], size):
            index = rng.choice(candidates)
            chosen.append(judged_item(record, index, name, "dev") | {"batch": 2})
    rng.shuffle(chosen)
    return chosen


def draw_later(archive: Path, judged: list[dict], batch: int) -> list[dict]:
    """A later dev-only batch, plus the dev paragraphs it judges again without their labels."""
    strata, rejudged = LATER_BATCHES[batch]
    # Only earlier batches are excluded, so a batch is drawn again byte for byte from the judged
    # file that already holds it (and any later ones).
    earlier = (row for row in judged if row.get("batch", 1) < batch)
    excluded = frozenset(row["key"].split("#")[0] for row in earlier)
    by_stratum = articles_by_stratum(archive, strata, excluded)
    rng = random.Random(SEED + batch - 1)
    chosen = one_per_article(rng, by_stratum, strata, lambda: {"batch": batch})
    source = REJUDGE_FROM.get(batch)
    pool = [row for row in judged if row["split"] == "dev" and row.get("batch") == source]
    for row in rng.sample(pool, rejudged):
        fields = ("key", "stratum", "split", "date", "title", "lead", "text")
        chosen.append({name: row[name] for name in fields} | {"rejudge": True})
    rng.shuffle(chosen)
    for sample_path, first_batch in MENTION_SAMPLES_LEFT_OUT_FROM.items():
        if batch >= first_batch:
            lines = sample_path.read_text(encoding="utf-8").splitlines()
            sample = {json.loads(line)["key"].split("#")[0] for line in lines if line}
            chosen = [row for row in chosen if row["key"].split("#")[0] not in sample]
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--archive", type=Path, default=Path("../shared/corpora/xwlb/articles.jsonl.xz")
    )
    parser.add_argument("--out", type=Path, default=Path("tests/data/xwlb_sample.jsonl"))
    parser.add_argument(
        "--extra-dev",
        type=Path,
        metavar="JUDGED",
        help="draw the dev-only second batch, excluding the articles of this judged file",
    )
    parser.add_argument(
        "--later-dev",
        type=Path,
        metavar="JUDGED",
        help="draw a later dev-only batch (--batch) from articles not in this judged file",
    )
    parser.add_argument("--batch", type=int, choices=sorted(LATER_BATCHES), default=3)
    args = parser.parse_args()
    if args.later_dev:
        lines = args.later_dev.read_text(encoding="utf-8").splitlines()
        rows = draw_later(args.archive, [json.loads(line) for line in lines if line], args.batch)
    elif args.extra_dev:
        lines = args.extra_dev.read_text(encoding="utf-8").splitlines()
        excluded = {json.loads(line)["key"].split("#")[0] for line in lines if line}
        rows = draw_extra(args.archive, excluded)
    else:
        rows = draw(args.archive)
    write_rows(args.out, rows)


def write_rows(path: Path, rows: list[dict]) -> None:
    """The drawn rows as JSON lines (sample_mentions.py writes its sample with it too)."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} paragraphs -> {path}")


if __name__ == "__main__":
    main()
