"""Precision and recall per facet of the entity tagger over tests/data/entities_labelled.yaml.

Run `python scripts/eval_entities.py` (or `make eval`); exits 1 when a facet is below 0.9.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.entities.tagger import Tagger  # noqa: E402
from search.entities.tags import Tags  # noqa: E402
from search.fields import TAG_ATTRIBUTES  # noqa: E402

LABELS = ROOT / "tests" / "data" / "entities_labelled.yaml"
FACETS = TAG_ATTRIBUTES
THRESHOLD = 0.9


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, got: set[str], want: set[str]) -> None:
        """Count one case's tagged (`got`) and expected (`want`) values."""
        self.true_positives += len(got & want)
        self.predicted += len(got)
        self.expected += len(want)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


def load_cases(path: Path = LABELS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def predicted_values(tags: Tags, facet: str) -> list[str]:
    if facet == "amounts":
        return [f"{amount.value_yi_yuan:g}" for amount in tags.amounts]
    return list(getattr(tags, facet))


def expected_values(case: dict, facet: str) -> list[str]:
    values = case.get(facet) or []
    return [f"{round(float(value), 8):g}" for value in values] if facet == "amounts" else values


def evaluate(tagger: Tagger, cases: list[dict]) -> dict[str, Score]:
    scores = {facet: Score() for facet in FACETS}
    for case in cases:
        tags = tagger.tag_text(case["text"], subject_parks=tuple(case.get("subject_parks") or ()))
        for facet in FACETS:
            got, want = (
                Counter(predicted_values(tags, facet)),
                Counter(expected_values(case, facet)),
            )
            if facet == "parks":  # the same zone under its gazetteer name, parents included
                want = Counter(tagger.park_values(list(want)))
            score = scores[facet]
            score.true_positives += sum((got & want).values())
            score.predicted += sum(got.values())
            score.expected += sum(want.values())
            for value in (got - want).elements():
                score.misses.append(f"{case['id']}: unexpected {value}")
            for value in (want - got).elements():
                score.misses.append(f"{case['id']}: missed {value}")
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", help="only cases whose source starts with this (written, seeds)"
    )
    parser.add_argument("--verbose", action="store_true", help="list every wrong or missed value")
    arguments = parser.parse_args(argv)
    cases = [c for c in load_cases() if c["source"].startswith(arguments.source or "")]
    scores = evaluate(Tagger.load(), cases)
    print(f"{len(cases)} labelled cases")
    print(f"{'facet':<18}{'precision':>10}{'recall':>8}{'expected':>10}")
    failed = False
    for facet, score in scores.items():
        below = min(score.precision, score.recall) < THRESHOLD
        failed |= below
        mark = "  <- below 0.9" if below else ""
        line = f"{facet:<18}{score.precision:>10.3f}{score.recall:>8.3f}{score.expected:>10}"
        print(line + mark)
        if arguments.verbose:
            for miss in score.misses:
                print(f"    {miss}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
