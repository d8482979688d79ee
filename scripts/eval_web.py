"""Tags on park news from outside the archive: the judged web sample (issue 13).

The labels and each paragraph's SHA-1 are in bench/entities_web/labels.jsonl; the texts are
third-party web pages and stay outside the repository (a JSONL file of `key`, `text`, named on the
command line).
`python scripts/eval_web.py TEXTS [--half 0|1] [--worst N]` tags each paragraph alone, as the index
tags an article with no title, and prints the figures `eval_judged.py` prints.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_judged import evaluate, print_report  # noqa: E402

from search.entities.tagger import Tagger  # noqa: E402

LABELS = ROOT / "bench" / "entities_web" / "labels.jsonl"


class SampleError(Exception):
    """The texts file does not match the labels (a key missing, a text changed)."""


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def judged_web_rows(
    texts_path: Path, labels_path: Path = LABELS, half: int | None = None
) -> list[dict]:
    """The labelled rows (of one half) with their texts, each checked against its SHA-1: a texts
    file of one half is enough to score that half."""
    texts = {}
    for number, line in enumerate(texts_path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                row = json.loads(line)
                texts[row["key"]] = row["text"]
            except (ValueError, KeyError, TypeError) as error:
                message = f"{texts_path}:{number}: not a {{key, text}} line ({error})"
                raise SampleError(message) from None
    rows = []
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if half is not None and row["half"] != half:
            continue
        text = texts.get(row["key"])
        if text is None:
            raise SampleError(f"{texts_path}: no text for {row['key']}")
        if text_digest(text) != row["sha1"]:
            raise SampleError(f"{texts_path}: the text of {row['key']} is not the one judged")
        rows.append({**row, "text": text, "title": "", "lead": ""})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, help="JSONL of key, text (kept outside the repository)")
    parser.add_argument("--half", type=int, choices=(0, 1), help="0 = read for errors, 1 = unseen")
    parser.add_argument("--worst", type=int, default=0, help="disagreements to list")
    arguments = parser.parse_args(argv)
    try:
        rows = judged_web_rows(arguments.texts, half=arguments.half)
    except (OSError, SampleError) as error:
        parser.exit(2, f"eval_web.py: {error}\n")
    name = "all" if arguments.half is None else f"half {arguments.half}"
    report = evaluate(Tagger.load(), rows)
    print_report(report, name, len(rows), arguments.worst, "judged web sample")
    return 0


if __name__ == "__main__":
    sys.exit(main())
