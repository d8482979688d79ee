"""Rules stacked with a logistic regression, cross-validated on the judged dev split (issue 13)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_entities import Score  # noqa: E402
from eval_judged import LABEL_FACETS, load_judged, tagged_paragraph  # noqa: E402

from search.entities.tagger import Tagger  # noqa: E402
from search.text.tokens import word_tokens  # noqa: E402


def features(row: dict, use_words: bool) -> list[str]:
    text = row["text"]
    grams = {text[i : i + 2] for i in range(len(text) - 1)}
    found = [f"c:{g}" for g in grams]
    if use_words:
        found += [f"w:{t.text}" for t in word_tokens(text, mode="query") if len(t.text) > 1]
    return found


def train(x, y, l2: float, steps: int = 250, rate: float = 0.05) -> np.ndarray:
    """Logistic regression per label, Adam, deterministic (zero start, full batch)."""
    weights = np.zeros((x.shape[1], y.shape[1]), dtype=np.float32)
    first = np.zeros_like(weights)
    second = np.zeros_like(weights)
    positives = y.sum(axis=0)
    balance = np.clip((len(y) - positives) / np.maximum(positives, 1), 1, 8) ** 0.5
    sample_weight = np.where(y > 0, balance, 1.0)
    for step in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(x @ weights)))
        gradient = x.T @ ((p - y) * sample_weight) / len(x) + l2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= rate * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights


SCALE = 8.0


def matrix(feats, vocabulary, rule, with_rules: bool):
    x = np.zeros((len(feats), len(vocabulary)), dtype=np.float32)
    for i, fs in enumerate(feats):
        for f in fs:
            if f in vocabulary:
                x[i, vocabulary[f]] = 1
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    x *= SCALE
    parts = [x, np.ones((len(feats), 1), dtype=np.float32)]
    if with_rules:
        parts.append(rule.astype(np.float32))
    return np.hstack(parts)


def main() -> None:
    tagger = Tagger.load()
    rows = load_judged("dev")
    labels = sorted(
        {c.facet_value for c in tagger.taxonomy.industries}
        | {c.label for c in tagger.taxonomy.policy_types}
    )
    facet_of = {c.facet_value: "industries" for c in tagger.taxonomy.industries}
    facet_of |= {c.label: "policy_types" for c in tagger.taxonomy.policy_types}
    paragraphs = [tagged_paragraph(tagger, r) for r in rows]
    articles = sorted({r["key"].split("#")[0] for r in rows})
    rng = np.random.default_rng(13)
    fold_of = dict(zip(articles, rng.integers(0, 5, len(articles)), strict=True))
    folds = np.array([fold_of[r["key"].split("#")[0]] for r in rows])
    truth = np.array([[lab in r[facet_of[lab]] for lab in labels] for r in rows], dtype=np.float32)
    rule = np.array(
        [[lab in getattr(p, facet_of[lab]) for lab in labels] for p in paragraphs], dtype=bool
    )
    report("rules", rule, truth, labels, facet_of)
    for use_words in (False,):
        feats = [features(r, use_words) for r in rows]
        df = Counter(f for fs in feats for f in set(fs))
        vocabulary = {f: n for n, f in enumerate(sorted(f for f, c in df.items() if c >= 5))}
        print(len(vocabulary), "features", flush=True)
        for with_rules in (True, False):
            x = matrix(feats, vocabulary, rule, with_rules)
            for l2 in (1e-4, 1e-3):
                probabilities = np.zeros_like(truth)
                for fold in range(5):
                    keep = folds != fold
                    weights = train(x[keep], truth[keep], l2)
                    probabilities[~keep] = 1 / (1 + np.exp(-(x[~keep] @ weights)))
                for threshold in (0.4, 0.5, 0.6):
                    name = f"w={int(use_words)} r={int(with_rules)} l2={l2} t={threshold}"
                    report(name, probabilities >= threshold, truth, labels, facet_of)


def report(name, predicted, truth, labels, facet_of) -> None:
    cells = []
    for facet in LABEL_FACETS:
        columns = [i for i, lab in enumerate(labels) if facet_of[lab] == facet]
        score = Score()
        score.true_positives = int((predicted[:, columns] & (truth[:, columns] > 0)).sum())
        score.predicted = int(predicted[:, columns].sum())
        score.expected = int(truth[:, columns].sum())
        cells.append(f"{facet} {score.precision:.3f}/{score.recall:.3f}")
    print(f"{name:<22}", "  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
