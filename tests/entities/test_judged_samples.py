"""The labelled samples `make eval` scores: the judged xwlb sample's fixed split and batches, the
blind park-mention sample, the dev rows' filters and the seeds' labelled figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _eval_judged():
    spec = importlib.util.spec_from_file_location("eval_judged", ROOT / "scripts/eval_judged.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_judged"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_judged_sample_has_a_fixed_split_and_only_known_labels(tagger) -> None:
    judged = _eval_judged()
    rows = judged.load_judged(None)
    assert len(rows) >= 600
    assert {row["split"] for row in rows} == {"dev", "test"}
    first = [row for row in rows if "batch" not in row]
    assert {row["stratum"] for row in first} == {"park", "economy", "other"}
    # The second batch was judged for tuning only: it never adds to the test split.
    assert {row["split"] for row in rows if "batch" in row} == {"dev"}
    industries = {category.facet_value for category in tagger.taxonomy.industries}
    policies = {category.label for category in tagger.taxonomy.policy_types}
    for row in rows:
        assert set(row["industries"]) <= industries, row["key"]
        assert set(row["policy_types"]) <= policies, row["key"]
    report = judged.evaluate(tagger, [row for row in rows if row["split"] == "test"][:40])
    assert report.micro["industries"].expected > 0


def test_paragraphs_judged_twice_are_dev_paragraphs_of_the_first_draw_or_batches_8_to_14(
    tagger,
) -> None:
    """The agreement check never reads a test paragraph, and its labels are the facets' own."""
    judged = _eval_judged()
    first_judged_in = {1, 8, 10, 11, 12, 13, 14}
    sources = {
        row["key"] for row in judged.load_judged("dev") if row.get("batch", 1) in first_judged_in
    }
    again = judged.load_judged(None, ROOT / "tests/data/entities_xwlb_rejudged.jsonl")
    assert len(again) >= 290
    assert {row["key"] for row in again} <= sources
    assert len({row["key"] for row in again}) == len(again)
    industries = {category.facet_value for category in tagger.taxonomy.industries}
    policies = {category.label for category in tagger.taxonomy.policy_types}
    for row in again:
        assert set(row["industries"]) <= industries, row["key"]
        assert set(row["policy_types"]) <= policies, row["key"]
    # A later batch never reuses an article of the first draw, so it never holds a test article.
    first_articles = {
        row["key"].split("#")[0] for row in judged.load_judged(None) if "batch" not in row
    }
    later = [row for row in judged.load_judged(None) if "batch" in row]
    assert not {row["key"].split("#")[0] for row in later} & first_articles
    # One paragraph per article across the later batches: no article is judged twice.
    later_articles = [row["key"].split("#")[0] for row in later]
    assert len(later_articles) == len(set(later_articles))


def test_the_park_mention_sample_quotes_every_mention_from_its_text(tagger) -> None:
    """The blind park-mention sample of round 8: both halves, and mentions copied as written."""
    judged = _eval_judged()
    rows = judged.load_judged(None, judged.MENTION_SAMPLE)
    assert len(rows) == 300
    assert {row["half"] for row in rows} == {0, 1}
    for row in rows:
        assert all(mention in row["text"] for mention in row["park_mentions"]), row["key"]
    # A half is a set of whole articles (CRC-32 of the article id, as the judged sample's
    # halves), so reading half 0 tells nothing of half 1's articles.
    assert all(row["half"] == judged.article_half(row) for row in rows)
    # Its articles are in no judged batch but batch 10 (drawn with the sample's seed; later
    # batches drop the sample's articles): the sample is blind to every other batch's reading.
    sample_articles = {row["key"].split("#")[0] for row in rows}
    others = [row for row in judged.load_judged(None) if row.get("batch") != 10]
    assert not sample_articles & {row["key"].split("#")[0] for row in others}
    report = judged.evaluate_mentions(tagger, [row for row in rows if row["half"] == 0])
    assert report.mentions.expected > 0


def test_the_second_park_mention_sample_is_blind_to_every_other_sample(tagger) -> None:
    """Sample 2 (gazetteer names): whole-article halves, mentions quoted as written, and no
    article of the judged file or of sample 1, so no round that read those has seen it."""
    judged = _eval_judged()
    rows = judged.load_judged(None, judged.MENTION_SAMPLES[2])
    assert len(rows) == 150
    assert all(row["half"] == judged.article_half(row) for row in rows)
    for row in rows:
        assert all(mention in row["text"] for mention in row["park_mentions"]), row["key"]
    articles = {row["key"].split("#")[0] for row in rows}
    elsewhere = judged.load_judged(None) + judged.load_judged(None, judged.MENTION_SAMPLES[1])
    assert not articles & {row["key"].split("#")[0] for row in elsewhere}
    report = judged.evaluate_mentions(tagger, [row for row in rows if row["half"] == 0])
    assert report.mentions.expected > 0 and report.micro["parks"].predicted > 0


def test_a_mention_sample_is_named_only_with_mentions() -> None:
    judged = _eval_judged()
    with pytest.raises(SystemExit) as stopped:
        judged.main(["--sample", "2"])
    assert stopped.value.code == 2


# The seeds' labelled figures before issue 13 (precision, recall): context must not lower them.
SEED_FIGURES = {
    "parks": (1.000, 1.000),
    "industries": (1.000, 0.986),
    "policy_types": (0.991, 0.991),
    "organizations": (0.975, 0.975),
    "policy_documents": (1.000, 1.000),
    "amounts": (1.000, 1.000),
}


def test_the_seeds_labelled_figures_stay_where_they_were(tagger) -> None:
    spec = importlib.util.spec_from_file_location(
        "eval_entities", ROOT / "scripts/eval_entities.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_entities"] = module
    spec.loader.exec_module(module)
    scores = module.evaluate(tagger, module.load_cases())
    for facet, (precision, recall) in SEED_FIGURES.items():
        assert round(scores[facet].precision, 3) >= precision, facet
        assert round(scores[facet].recall, 3) >= recall, facet


def test_the_mention_sample_takes_no_judged_sample_filter() -> None:
    """--mentions scores its own sample: --split or --batch with it is an error, not ignored."""
    judged = _eval_judged()
    for extra in (["--batch", "8"], ["--split", "dev"], ["--without-batch", "8"]):
        with pytest.raises(SystemExit) as stopped:
            judged.main(["--mentions", *extra])
        assert stopped.value.code == 2


def test_dev_rows_can_leave_a_batch_out() -> None:
    """The rounds' "half 0 without batch 8" figures: `--half 0 --without-batch 8`."""
    judged = _eval_judged()
    half = judged.judged_rows("dev", half=0)
    without = judged.judged_rows("dev", without=[8], half=0)
    batch = judged.judged_rows("dev", batch=8, half=0)
    assert without and batch
    assert not any(row.get("batch") == 8 for row in without)
    assert len(without) + len(batch) == len(half)


def test_batches_named_together_are_scored_together(capsys) -> None:
    """`--batch 20 --batch 21` scores both batches' paragraphs, not only the last one named."""
    judged = _eval_judged()
    together = judged.judged_rows("dev", batch=[20, 21])
    apart = judged.judged_rows("dev", batch=20) + judged.judged_rows("dev", batch=21)
    assert judged.judged_rows("dev", batch=20) and judged.judged_rows("dev", batch=21)
    assert sorted(row["key"] for row in together) == sorted(row["key"] for row in apart)
    judged.main(["--split", "dev", "--batch", "20", "--batch", "21", "--worst", "0"])
    assert f"dev, batch 20, 21 split: {len(apart)} paragraphs" in capsys.readouterr().out


def test_the_report_reads_the_same_whatever_order_labels_were_counted_in(capsys) -> None:
    """Two runs of `make eval` on the same tags print the same lines (labels are counted from
    sets, whose order changes with Python's hash seed)."""
    judged = _eval_judged()
    printed = []
    for labels in (["金融", "生物医药", "新材料"], ["新材料", "生物医药", "金融"]):
        report = judged.Report()
        for facet in ("industries", "policy_types", "parks"):
            report.micro[facet] = judged.Score(true_positives=1, predicted=2, expected=20)
        report.labels = {"industries": {}, "policy_types": {}}
        for label in labels:
            report.labels["industries"][label] = judged.Score(15, 20, 20)
        for label in labels:
            report.confusions[("industries", label, "—")] += 1
        judged.print_report(report, "dev", 3, 0)
        printed.append(capsys.readouterr().out)
    assert printed[0] == printed[1]
    assert "金融 precision" in printed[0]
