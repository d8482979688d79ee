"""The rules stacked with a trained multi-label classifier, cross-validated on the judged dev
split only (issue 13; docs/entities.md, "Figures, round 6"). Needs the `[train]` extra (SciPy).

`python scripts/tagger_cv.py [--l2 1e-4] [--title 0.5] [--folds 5] [--seed 13]`: five folds by
article; thresholds chosen inside each training part (nested), so every figure is out of fold.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_judged import LABEL_FACETS, load_judged, tagged_paragraph  # noqa: E402

from search.entities.context import quoted_titles, tool_uses  # noqa: E402
from search.entities.field_lists import passing_lists  # noqa: E402
from search.entities.organizations import OrganizationRecognizer  # noqa: E402
from search.entities.pos import WindowSegmenter  # noqa: E402
from search.entities.spans import blank  # noqa: E402
from search.entities.tagger import Tagger  # noqa: E402
from search.entities.vocabulary import VocabularyMatcher  # noqa: E402

MIN_DOCUMENTS = 5  # a bigram seen in fewer training paragraphs is no feature
THRESHOLDS = np.round(np.arange(0.15, 0.701, 0.025), 3)
UNSEEN_BATCH = 8  # judged after every rule was chosen: the rules' honest baseline


class RuleFeatures:
    """What the rules say about a paragraph, per label: decided (R), with two phrases or more
    (R2), or seen but not decided — a weak word said once (W), an industry in a list (L)."""

    def __init__(self, tagger: Tagger) -> None:
        taxonomy = tagger.taxonomy
        self.tagger = tagger
        self.organizations = OrganizationRecognizer(
            taxonomy, WindowSegmenter(taxonomy.dictionary_words())
        )
        self.industries = VocabularyMatcher(
            taxonomy.industries, taxonomy.industry_exclude, "industries"
        )
        self.policies = VocabularyMatcher(
            taxonomy.policy_types, taxonomy.policy_exclude, "policy-types"
        )
        self.every = frozenset(c.label for c in (*taxonomy.industries, *taxonomy.policy_types))

    def of(self, row: dict) -> tuple[dict[str, set[str]], list[str]]:
        """The rules' labels per facet and the rule features of a judged row."""
        paragraph = tagged_paragraph(self.tagger, row)
        decided = {facet: set(getattr(paragraph, facet)) for facet in LABEL_FACETS}
        features = []
        for facet, label, phrases in paragraph.tag_evidence:
            if facet in LABEL_FACETS:
                features += [f"R:{label}"] + ([f"R2:{label}"] if len(phrases) > 1 else [])
        labels = decided["industries"] | decided["policy_types"]
        features += [name for name in self._candidates(row["text"]) if name[2:] not in labels]
        return decided, features

    def _candidates(self, text: str) -> set[str]:
        organizations = self.organizations.mentions(text)
        parks = self.tagger.park_mentions(text)
        masked = blank(text, parks + organizations + quoted_titles(text))
        lists = passing_lists(masked) + tool_uses(masked)
        found = {f"W:{c.facet_value}" for c, _ in self.industries.match(masked, lists, self.every)}
        found |= {f"L:{c.facet_value}" for c, _ in self.industries.match(masked, [], self.every)}
        found |= {f"W:{c.label}" for c, _ in self.policies.match(masked, supported=self.every)}
        return found


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


class Featurizer:
    """Distinct character bigrams of the paragraph (each 1/√count), of the title (× `title`),
    and the rule features; the bigrams kept are those of at least MIN_DOCUMENTS training rows."""

    def __init__(self, items: list[dict], title: float) -> None:
        self.title = title
        counts = Counter(gram for item in items for gram in item["grams"])
        names = sorted(gram for gram, count in counts.items() if count >= MIN_DOCUMENTS)
        if title:
            titles = Counter(gram for item in items for gram in item["title_grams"])
            names += sorted(f"t:{g}" for g, count in titles.items() if count >= MIN_DOCUMENTS)
        names += sorted({name for item in items for name in item["rules"]})
        self.index = {name: number for number, name in enumerate(names)}

    def matrix(self, items: list[dict]) -> sparse.csr_matrix:
        data: list[float] = []
        columns: list[int] = []
        starts = [0]
        for item in items:
            parts = [("", item["grams"], 1.0), ("t:", item["title_grams"], self.title)]
            for prefix, grams, weight in parts if self.title else parts[:1]:
                found = [self.index[prefix + g] for g in grams if prefix + g in self.index]
                columns += found
                data += [weight / np.sqrt(max(len(grams), 1))] * len(found)
            found = [self.index[name] for name in item["rules"] if name in self.index]
            columns += found
            data += [1.0] * len(found)
            starts.append(len(columns))
        return sparse.csr_matrix((data, columns, starts), shape=(len(items), len(self.index)))


def train(x: sparse.csr_matrix, truth: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """One L2 logistic regression per label, fitted jointly by L-BFGS from zero (deterministic)."""
    size, labels = x.shape[1], truth.shape[1]
    transposed = x.T.tocsr()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = theta[:-labels].reshape(size, labels), theta[-labels:]
        z = x @ weights + bias
        value = (np.logaddexp(0, z) - truth * z).sum() / len(truth)
        gradient = (1 / (1 + np.exp(-z)) - truth) / len(truth)
        value += 0.5 * l2 * (weights * weights).sum()
        weight_gradient = transposed @ gradient + l2 * weights
        return value, np.concatenate([weight_gradient.ravel(), gradient.sum(axis=0)])

    start = np.zeros(size * labels + labels)
    found = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 300})
    return found.x[:-labels].reshape(size, labels), found.x[-labels:]


def fit_predict(items: list[dict], train_rows, test_rows, truth, options) -> np.ndarray:
    featurizer = Featurizer([items[i] for i in train_rows], options.title)
    weights, bias = train(
        featurizer.matrix([items[i] for i in train_rows]),
        truth[train_rows].astype(float),
        options.l2,
    )
    scores = featurizer.matrix([items[i] for i in test_rows]) @ weights + bias
    return 1 / (1 + np.exp(-scores))


def f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    return 2 * (predicted & truth).sum() / max(predicted.sum() + truth.sum(), 1)


def chosen_thresholds(probabilities, truth, columns_of) -> np.ndarray:
    """One threshold per facet, the best micro F1 on these rows (ties: nearest 0.35)."""
    thresholds = np.zeros(truth.shape[1])
    for columns in columns_of.values():
        thresholds[columns] = max(
            THRESHOLDS,
            key=lambda t: (f1(probabilities[:, columns] >= t, truth[:, columns]), -abs(t - 0.35)),
        )
    return thresholds


def nested(items, folds, truth, columns_of, options) -> np.ndarray:
    """Out-of-fold decisions: for each fold, the model of the other folds, its thresholds
    chosen on their own out-of-fold probabilities."""
    decided = np.zeros(truth.shape, dtype=bool)
    for fold in range(options.folds):
        rows = np.flatnonzero(folds != fold)
        inner = np.zeros(truth[rows].shape)
        for other in sorted(set(folds[rows]) - {fold}):
            part = folds[rows] == other
            inner[part] = fit_predict(items, rows[~part], rows[part], truth, options)
        thresholds = chosen_thresholds(inner, truth[rows], columns_of)
        held = np.flatnonzero(folds == fold)
        decided[held] = fit_predict(items, rows, held, truth, options) >= thresholds
        print(f"fold {fold}: thresholds {sorted(set(thresholds.tolist()))}", flush=True)
    return decided


def figures(predicted, truth, rows) -> tuple[float, float, float]:
    hits = (predicted[rows] & truth[rows]).sum()
    precision = hits / max(predicted[rows].sum(), 1)
    recall = hits / max(truth[rows].sum(), 1)
    return precision, recall, 2 * hits / max(predicted[rows].sum() + truth[rows].sum(), 1)


def bootstrap(model, rules, truth, rows, draws: int = 2000) -> tuple[float, float]:
    """95 % interval of the F1 gain over the rules, rows drawn again with replacement."""
    generator = np.random.default_rng(7)
    hits_model, hits_rules = (model & truth).sum(1)[rows], (rules & truth).sum(1)[rows]
    told_model, told_rules, judged = model.sum(1)[rows], rules.sum(1)[rows], truth.sum(1)[rows]
    gains = []
    for _ in range(draws):
        s = generator.integers(0, len(rows), len(rows))
        gains.append(
            2 * hits_model[s].sum() / (told_model[s].sum() + judged[s].sum())
            - 2 * hits_rules[s].sum() / (told_rules[s].sum() + judged[s].sum())
        )
    return float(np.percentile(gains, 2.5)), float(np.percentile(gains, 97.5))


def _triple(values: tuple[float, float, float]) -> str:
    return f"{values[0]:.3f} / {values[1]:.3f}  F1 {values[2]:.3f}"


def report(labels, facet_of, truth, rules, model, batches) -> None:
    subsets = {
        "all dev": np.arange(len(truth)),
        f"batch {UNSEEN_BATCH}": np.flatnonzero(batches == UNSEEN_BATCH),
        "other batches": np.flatnonzero(batches != UNSEEN_BATCH),
    }
    for facet in LABEL_FACETS:
        columns = [n for n, label in enumerate(labels) if facet_of[label] == facet]
        for name, rows in subsets.items():
            t, r, m = truth[:, columns], rules[:, columns], model[:, columns]
            low, high = bootstrap(m, r, t, rows)
            print(
                f"{facet:<13}{name:<14} rules {_triple(figures(r, t, rows))}"
                f"   model {_triple(figures(m, t, rows))}   F1 gain 95% [{low:+.3f}, {high:+.3f}]"
            )
    print(f"\n{'label':<12}{'judged':>7}  rules P / R   model P / R   F1 batch {UNSEEN_BATCH}")
    every, unseen = subsets["all dev"], subsets[f"batch {UNSEEN_BATCH}"]
    for n, label in enumerate(labels):
        t, r, m = truth[:, [n]], rules[:, [n]], model[:, [n]]
        (rp, rr, _), (mp, mr, _) = figures(r, t, every), figures(m, t, every)
        print(
            f"{label:<12}{int(t.sum()):>7}  {rp:.2f} / {rr:.2f}   {mp:.2f} / {mr:.2f}"
            f"   {figures(r, t, unseen)[2]:.2f} → {figures(m, t, unseen)[2]:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--title", type=float, default=0.5, help="weight of title bigrams")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    tagger = Tagger.load()
    rows = load_judged("dev")  # never the test split
    labels = [c.facet_value for c in tagger.taxonomy.industries if not c.parent]
    labels += [c.label for c in tagger.taxonomy.policy_types]
    facet_of = {c.facet_value: "industries" for c in tagger.taxonomy.industries}
    facet_of |= {c.label: "policy_types" for c in tagger.taxonomy.policy_types}
    rule_features = RuleFeatures(tagger)
    items, rules = [], []
    for row in rows:
        decided, features = rule_features.of(row)
        rules.append([label in decided[facet_of[label]] for label in labels])
        grams = {"grams": bigrams(row["text"]), "title_grams": bigrams(row["title"])}
        items.append({**grams, "rules": features})
    truth = np.array([[lab in row[facet_of[lab]] for lab in labels] for row in rows], dtype=bool)
    articles = sorted({row["key"].split("#")[0] for row in rows})
    order = np.random.default_rng(options.seed).permutation(len(articles)) % options.folds
    fold_of = dict(zip(articles, order, strict=True))
    folds = np.array([fold_of[row["key"].split("#")[0]] for row in rows])
    columns_of = {
        facet: [n for n, label in enumerate(labels) if facet_of[label] == facet]
        for facet in LABEL_FACETS
    }
    model = nested(items, folds, truth, columns_of, options)
    batches = np.array([row.get("batch", 1) for row in rows])
    report(labels, facet_of, truth, np.array(rules, dtype=bool), model, batches)


if __name__ == "__main__":
    main()
