"""How often two judges agree on the judged xwlb sample: the ceiling any tagger is measured under.

Paragraphs of the dev split were judged a second time, blind to their first labels, by other
judges (tests/data/entities_xwlb_rejudged.jsonl). The first judgement is the reference; the second
is scored against it as the tagger is, the tagger beside it, per batch of the first judgement.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_entities import Score  # noqa: E402
from eval_judged import JUDGED, LABEL_FACETS, load_judged, tagged_paragraph  # noqa: E402

from search.entities.tagger import Tagger  # noqa: E402

REJUDGED = ROOT / "tests" / "data" / "entities_xwlb_rejudged.jsonl"
FACETS = (*LABEL_FACETS, "parks")


def agreement(first: list[dict], second: list[dict], tagger: Tagger) -> dict[str, tuple]:
    """Per facet: (second judge against the first, tagger against the first) as Scores."""
    reference = {row["key"]: row for row in first}
    judges = {facet: Score() for facet in FACETS}
    machine = {facet: Score() for facet in FACETS}
    for row in second:
        want_row = reference[row["key"]]
        paragraph = tagged_paragraph(tagger, want_row)
        for facet in FACETS:
            want, again = set(want_row[facet]), set(row[facet])
            got = set(getattr(paragraph, facet))
            if facet == "parks":
                want, again = tagger.park_values(want), tagger.park_values(again)
            judges[facet].add(again, want)
            machine[facet].add(got, want)
    return {facet: (judges[facet], machine[facet]) for facet in FACETS}


def f1(score: Score) -> float:
    total = score.precision + score.recall
    return 2 * score.precision * score.recall / total if total else 0.0


def print_table(title: str, first: list[dict], second: list[dict], tagger: Tagger) -> None:
    """One agreement table: each facet's second judge and tagger against the first judgement."""
    print(f"{title}: {len(second)} paragraphs judged twice; reference: the first judgement")
    print(f"{'facet':<14}{'labels':>7}{'judge 2 P / R / F1':>22}{'tagger P / R / F1':>22}")
    for facet, (judge, machine) in agreement(first, second, tagger).items():
        cells = [f"{s.precision:.2f} / {s.recall:.2f} / {f1(s):.2f}" for s in (judge, machine)]
        print(f"{facet:<14}{judge.expected:>7}{cells[0]:>22}{cells[1]:>22}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rejudged", type=Path, default=REJUDGED)
    arguments = parser.parse_args(argv)
    first = load_judged(None, JUDGED)
    batch_of = {row["key"]: row.get("batch", 1) for row in first}
    second = load_judged(None, arguments.rejudged)
    tagger = Tagger.load()
    batches = sorted({batch_of[row["key"]] for row in second})
    for batch in batches:
        rows = [row for row in second if batch_of[row["key"]] == batch]
        print_table(f"first judged in batch {batch}", first, rows, tagger)
    if len(batches) > 1:
        print_table("all", first, second, tagger)
    return 0


if __name__ == "__main__":
    sys.exit(main())
