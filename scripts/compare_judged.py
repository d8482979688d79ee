"""Did a change to the tagger gain on judged news beyond the sample's noise? A paired bootstrap of
each facet's F1 between an earlier checkout and this one, over the same judged paragraphs.

`python scripts/compare_judged.py BEFORE [--split dev] [--batch N ...] [--file JUDGED]`: BEFORE is
a checkout of the earlier tagger (`git worktree add --detach /tmp/before <commit>`). A few hundred
paragraphs leave F1 uncertain by several points; this says whether a stop's change is more.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACETS = ("industries", "policy_types", "parks")
RESAMPLES = 2000
SEED = 20261201


@dataclass(frozen=True)
class Comparison:
    """One facet's micro F1 before and after, and the 95 % interval of the paired difference."""

    facet: str
    before: tuple[float, float, float]
    after: tuple[float, float, float]
    low: float
    high: float


def scores(counts: list[dict], facet: str, rows: list[int]) -> tuple[float, float, float]:
    """Micro precision, recall and F1 of `facet` over the rows numbered `rows`."""
    right = sum(counts[row][facet][0] for row in rows)
    wrong = sum(counts[row][facet][1] for row in rows)
    missed = sum(counts[row][facet][2] for row in rows)
    precision = right / (right + wrong) if right + wrong else 0.0
    recall = right / (right + missed) if right + missed else 0.0
    total = precision + recall
    return precision, recall, (2 * precision * recall / total if total else 0.0)


def paired_bootstrap(
    before: list[dict], after: list[dict], facet: str, resamples: int = RESAMPLES
) -> Comparison:
    """Resample paragraphs (the same draw for both taggers) and take the 2.5th and 97.5th
    percentiles of the F1 difference: a gain whose interval excludes 0 is more than the draw."""
    generator, size = random.Random(SEED), len(before)
    everything = list(range(size))
    differences = []
    for _ in range(resamples):
        rows = [generator.randrange(size) for _ in range(size)]
        differences.append(scores(after, facet, rows)[2] - scores(before, facet, rows)[2])
    differences.sort()
    low, high = differences[int(0.025 * resamples)], differences[int(0.975 * resamples) - 1]
    return Comparison(
        facet, scores(before, facet, everything), scores(after, facet, everything), low, high
    )


def tagged_counts(root: Path, judged: Path) -> list[dict]:
    """Per paragraph and facet (right, wrong, missed) by the tagger of the checkout `root`, run
    in its own process so that the two checkouts' modules never meet."""
    command = [sys.executable, str(Path(__file__).resolve()), "--counts", str(root), str(judged)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output)


def print_counts(root: Path, judged: Path) -> None:
    """The `--counts` child: tag `judged` with the checkout `root`'s tagger, as its eval does."""
    sys.path[:0] = [str(root), str(root / "scripts")]
    from eval_judged import load_judged, tagged_paragraph

    from search.entities.tagger import Tagger

    tagger, counts = Tagger.load(), []
    for row in load_judged(None, judged):
        paragraph = tagged_paragraph(tagger, row)
        item = {}
        for facet in FACETS:
            got = set(getattr(paragraph, facet))
            want = tagger.park_values(row[facet]) if facet == "parks" else set(row[facet])
            item[facet] = [len(got & want), len(got - want), len(want - got)]
        counts.append(item)
    json.dump(counts, sys.stdout)


def chosen_rows(arguments: argparse.Namespace) -> list[dict]:
    """The judged paragraphs to compare on: an outside file, or batches of the split."""
    sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
    from eval_judged import judged_rows, load_judged

    if arguments.file:
        return load_judged(None, arguments.file)
    rows = judged_rows(arguments.split, arguments.batch or None)
    # In the order the batches are asked for, as each batch's rows were once loaded in turn
    # (the file has batch 8 before 7): the bootstrap draws rows by position.
    order = {number: place for place, number in enumerate(dict.fromkeys(arguments.batch))}
    return sorted(rows, key=lambda row: order[row.get("batch", 1)]) if order else rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="a checkout of the earlier tagger")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--batch", type=int, action="append", default=[], metavar="N")
    parser.add_argument("--file", type=Path, help="a judged file outside the repository")
    arguments = parser.parse_args(argv)
    if not (arguments.before / "search" / "entities" / "tagger.py").is_file():
        parser.error(f"{arguments.before} is not a checkout of this repository")
    rows = chosen_rows(arguments)
    if not rows:
        parser.error("no judged paragraph is chosen")
    with tempfile.TemporaryDirectory() as folder:
        judged = Path(folder) / "judged.jsonl"
        judged.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        before, after = tagged_counts(arguments.before, judged), tagged_counts(ROOT, judged)
    print(f"{len(rows)} paragraphs; F1 difference with its 95 % interval ({RESAMPLES} resamples)")
    for facet in FACETS:
        result = paired_bootstrap(before, after, facet)
        print(
            f"{facet:<13} before {result.before[0]:.3f} / {result.before[1]:.3f} F1 "
            f"{result.before[2]:.3f}  after {result.after[0]:.3f} / {result.after[1]:.3f} F1 "
            f"{result.after[2]:.3f}  difference {result.after[2] - result.before[2]:+.3f} "
            f"[{result.low:+.3f}, {result.high:+.3f}]"
        )
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--counts"]:
        print_counts(Path(sys.argv[2]), Path(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
