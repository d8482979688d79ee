"""Per-label precision/recall of the tagger on the judged xwlb sample.

The sample: tests/data/entities_xwlb.jsonl; `--mentions` scores a park-mention sample instead
(`--sample 1`: tests/data/park_mentions_xwlb.jsonl, zone words; `--sample 2`:
park_mentions2_xwlb.jsonl, gazetteer names), by half (`--half 1` is each one's unseen check).

`python scripts/eval_judged.py` scores the test split; `--split dev` is the one to tune on
(`--batch N`, `--without-batch N` and `--half 0|1` narrow it: the rounds were chosen on
`--split dev --half 0 --without-batch 8` and checked on `--half 1 --without-batch 8`).
Prints per-label figures, confusions, the worst disagreements and whether the issue-13 targets hold.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_entities import Score  # noqa: E402  (one precision/recall counter for both scripts)

from search.entities.tagger import Tagger  # noqa: E402
from search.models import Article, Paragraph, SourceSpan  # noqa: E402

JUDGED = ROOT / "tests" / "data" / "entities_xwlb.jsonl"
MENTION_SAMPLE = ROOT / "tests" / "data" / "park_mentions_xwlb.jsonl"
MENTION_SAMPLES = {1: MENTION_SAMPLE, 2: ROOT / "tests" / "data" / "park_mentions2_xwlb.jsonl"}
LABEL_FACETS = ("industries", "policy_types")
MICRO_PRECISION, MICRO_RECALL, LABEL_PRECISION, LABEL_MINIMUM = 0.92, 0.85, 0.85, 15
PARK_PRECISION, MENTION_RECALL = 0.97, 0.90


@dataclass
class Report:
    micro: dict[str, Score] = field(default_factory=dict)
    labels: dict[str, dict[str, Score]] = field(default_factory=dict)
    confusions: Counter = field(default_factory=Counter)
    disagreements: list[tuple[int, str, list[str]]] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)
    mentions: Score = field(default_factory=Score)


def load_judged(split: str | None, path: Path = JUDGED) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [row for row in rows if split is None or row["split"] == split]


def judged_rows(
    split: str,
    batch: int | list[int] | None = None,
    without: list[int] = (),
    half: int | None = None,
) -> list[dict]:
    """The judged rows of `split`: only batch(es) `batch`, not the batches `without`, one half."""
    rows = load_judged(split)
    if batch is not None:
        batches = [batch] if isinstance(batch, int) else list(batch)
        rows = [row for row in rows if row.get("batch", 1) in batches]
    if without:
        rows = [row for row in rows if row.get("batch", 1) not in without]
    if half is not None:
        rows = [row for row in rows if article_half(row) == half]
    return rows


def article_half(row: dict) -> int:
    """A fixed half of the articles (CRC-32 of the article id): rules are chosen by reading one
    half's errors and kept only when the other half agrees."""
    return zlib.crc32(row["key"].split("#")[0].encode()) % 2


def tagged_paragraph(tagger: Tagger, row: dict) -> Paragraph:
    """The judged paragraph tagged as the index tags it: in its article, after title and lead."""
    texts = [row["lead"], row["text"]] if row["lead"] else [row["text"]]
    paragraphs = tuple(
        Paragraph(f"p{n}", "a", n, "body", text, SourceSpan("xwlb", n, n))
        for n, text in enumerate(texts, start=1)
    )
    article = tagger.tag_article(Article("a", row["title"], paragraphs, ("xwlb",)))
    return article.paragraphs[-1]


def evaluate(tagger: Tagger, rows: list[dict]) -> Report:
    report = Report(
        micro={facet: Score() for facet in (*LABEL_FACETS, "parks")},
        labels={facet: {} for facet in LABEL_FACETS},
    )
    known = {park.name for park in tagger.taxonomy.parks}
    for row in rows:
        paragraph = tagged_paragraph(tagger, row)
        wrong: list[str] = []
        for facet in LABEL_FACETS:
            got, want = set(getattr(paragraph, facet)), set(row[facet])
            report.micro[facet].add(got, want)
            for label in got | want:
                report.labels[facet].setdefault(label, Score()).add(got & {label}, want & {label})
            for missed in sorted(want - got) or ["—"]:
                for extra in sorted(got - want) or ["—"]:
                    if missed != extra:
                        report.confusions[(facet, missed, extra)] += 1
            wrong += [f"+{v}" for v in sorted(got - want)] + [f"-{v}" for v in sorted(want - got)]
        got_parks, want_parks = set(paragraph.parks), tagger.park_values(row["parks"])
        report.micro["parks"].add(got_parks, want_parks)
        wrong += [f"+{v}" for v in sorted(got_parks - want_parks)]
        wrong += [f"-{v}" for v in sorted(want_parks - got_parks)]
        report.malformed += [v for v in got_parks - want_parks - known]
        _count_mentions(tagger, row, report.mentions)
        if wrong:
            report.disagreements.append((len(wrong), row["key"], wrong))
    report.disagreements.sort(key=lambda item: -item[0])
    return report


def evaluate_mentions(tagger: Tagger, rows: list[dict]) -> Report:
    """Park values and mentions on the park-mention sample. Its judges filed only the zones the
    text names (not the article's subject), so a paragraph's own parks are scored."""
    report = Report(micro={"parks": Score()})
    known = {park.name for park in tagger.taxonomy.parks}
    for row in rows:
        got, want = set(tagger.tag_text(row["text"]).parks), tagger.park_values(row["parks"])
        report.micro["parks"].add(got, want)
        report.malformed += sorted(got - want - known)
        _count_mentions(tagger, row, report.mentions)
        wrong = [f"+{v}" for v in sorted(got - want)] + [f"-{v}" for v in sorted(want - got)]
        if wrong:
            report.disagreements.append((len(wrong), row["key"], wrong))
    return report


def print_mentions(report: Report, half: int, size: int, sample: int = 1) -> None:
    """A park-mention sample's figures for one half."""
    name = "park-mention sample" + (f" {sample}" if sample != 1 else "")
    print(f"{name}, half {half}: {size} paragraphs (parks: the paragraph's own)")
    print(_line("parks", report.micro["parks"]))
    print(_line("park mentions (recall)", report.mentions))
    malformed = ", ".join(report.malformed) or "none"
    print(f"  park values not in the gazetteer and not judged: {malformed}")


def _count_mentions(tagger: Tagger, row: dict, count: Score) -> None:
    """A judged mention is found when a recognised mention overlaps it (`park_mentions` reads
    traditional characters as simplified, one for one, as the index tags them)."""
    spans = tagger.park_mentions(row["text"])
    for mention in row["park_mentions"]:
        start = row["text"].find(mention)
        end = start + len(mention)
        found = start >= 0 and any(s < end and start < e for s, e, _ in spans)
        count.add({mention} if found else set(), {mention})


def targets(report: Report) -> list[tuple[str, bool]]:
    checks = []
    for facet in LABEL_FACETS:
        micro = report.micro[facet]
        checks.append(
            (f"{facet} micro precision ≥ {MICRO_PRECISION}", micro.precision >= MICRO_PRECISION)
        )
        checks.append((f"{facet} micro recall ≥ {MICRO_RECALL}", micro.recall >= MICRO_RECALL))
        for label, count in sorted(report.labels[facet].items()):  # not in hash order
            if count.expected >= LABEL_MINIMUM:
                checks.append(
                    (f"{label} precision ≥ {LABEL_PRECISION}", count.precision >= LABEL_PRECISION)
                )
    checks.append(
        (f"park precision ≥ {PARK_PRECISION}", report.micro["parks"].precision >= PARK_PRECISION)
    )
    checks.append(("no malformed park value", not report.malformed))
    checks.append(
        (f"park mention recall ≥ {MENTION_RECALL}", report.mentions.recall >= MENTION_RECALL)
    )
    return checks


def print_report(
    report: Report, split: str, size: int, worst: int, sample: str = "judged xwlb sample"
) -> None:
    print(f"{sample}, {split} split: {size} paragraphs")
    print(f"{'facet / label':<22}{'precision':>10}{'recall':>8}{'judged':>8}{'tagged':>8}")
    for facet, micro in report.micro.items():
        print(_line(f"{facet} (micro)", micro))
        for label, count in sorted(
            report.labels.get(facet, {}).items(), key=lambda i: (-i[1].expected, i[0])
        ):
            print(_line(f"  {label}", count))
    print(_line("park mentions (recall)", report.mentions))
    print("\nconfusions (facet: judged → tagged, — = none)")
    confusions = sorted(report.confusions.items(), key=lambda item: (-item[1], item[0]))
    for (facet, missed, extra), number in confusions[:12]:
        print(f"  {number:>3}  {facet}: {missed} → {extra}")
    print(
        f"\nworst disagreements (+ tagged only, - judged only), "
        f"{worst} of {len(report.disagreements)}"
    )
    for _, key, wrong in report.disagreements[:worst]:
        print(f"  {key}: {' '.join(wrong)}")
    if report.malformed:
        print(f"\npark values not in the gazetteer and not judged: {', '.join(report.malformed)}")
    print("\ntargets")
    for name, met in targets(report):
        print(f"  {'met    ' if met else 'NOT met'}  {name}")


def _line(name: str, count: Score) -> str:
    return (
        f"{name:<22}{count.precision:>10.3f}{count.recall:>8.3f}"
        f"{count.expected:>8}{count.predicted:>8}"
    )


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev"))
    parser.add_argument("--worst", type=int, default=15, help="disagreements to list")
    parser.add_argument(
        "--batch",
        type=int,
        action="append",
        metavar="N",
        help="only the dev batch N (repeatable: the batches together; 1 = the first draw)",
    )
    parser.add_argument(
        "--without-batch",
        type=int,
        action="append",
        default=[],
        metavar="N",
        help="leave out the dev batch N (repeatable; the rounds' halves were read without 8)",
    )
    parser.add_argument(
        "--half",
        type=int,
        choices=(0, 1),
        help="only the dev articles of this half (0 = read for errors while tuning, 1 = the check)",
    )
    parser.add_argument(
        "--mentions", action="store_true", help="score a park-mention sample's halves instead"
    )
    parser.add_argument(
        "--sample",
        type=int,
        choices=sorted(MENTION_SAMPLES),
        help="with --mentions: 1 = zone words (round 8), 2 = gazetteer names (2026-12-02)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = argument_parser()
    arguments = parser.parse_args(argv)
    if arguments.mentions and (
        arguments.split or arguments.batch is not None or arguments.without_batch
    ):
        parser.error("--mentions scores a park-mention sample: only --half applies to it")
    if arguments.sample is not None and not arguments.mentions:
        parser.error("--sample names a park-mention sample: use it with --mentions")
    if arguments.mentions:
        print_mention_sample(arguments.sample or 1, arguments.half)
    else:
        print_judged_sample(arguments)
    return 0


def print_mention_sample(sample: int, half: int | None) -> None:
    """A park-mention sample's figures, each half (or the one asked for)."""
    tagger, rows = Tagger.load(), load_judged(None, MENTION_SAMPLES[sample])
    for number in (0, 1) if half is None else (half,):
        part = [row for row in rows if row["half"] == number]
        print_mentions(evaluate_mentions(tagger, part), number, len(part), sample)


def print_judged_sample(arguments: argparse.Namespace) -> None:
    """The judged sample's figures on the split, batches and half the arguments name."""
    split = arguments.split or "test"
    rows = judged_rows(split, arguments.batch, arguments.without_batch, arguments.half)
    report = evaluate(Tagger.load(), rows)
    batches = ", ".join(str(number) for number in arguments.batch or ())
    name = split + (f", batch {batches}" if batches else "")
    name += "".join(f", without batch {number}" for number in arguments.without_batch)
    name += f", half {arguments.half}" if arguments.half is not None else ""
    print_report(report, name, len(rows), arguments.worst)


if __name__ == "__main__":
    sys.exit(main())
