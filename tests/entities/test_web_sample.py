"""The judged web sample (park news from outside the archive): its labels file, and the script
that joins the labels to texts kept outside the repository and scores the tagger on them."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _eval_web():
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    spec = importlib.util.spec_from_file_location("eval_web", ROOT / "scripts/eval_web.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return path


def test_the_labels_name_known_values_and_carry_no_text(tagger) -> None:
    web = _eval_web()
    rows = [json.loads(line) for line in web.LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 160 and len({row["key"] for row in rows}) == 160
    assert sorted(row["half"] for row in rows).count(1) == 80
    industries = {category.facet_value for category in tagger.taxonomy.industries}
    policies = {category.label for category in tagger.taxonomy.policy_types}
    for row in rows:
        assert "text" not in row and len(row["sha1"]) == 40, row["key"]
        assert set(row["industries"]) <= industries, row["key"]
        assert set(row["policy_types"]) <= policies, row["key"]


@pytest.fixture
def sample(tmp_path: Path) -> tuple[Path, Path]:
    """Two paragraphs written for the test, labelled as the judges label."""
    web = _eval_web()
    texts = [
        {"key": "w1", "text": "蘇州工業園區今年新引進生物醫藥項目十二個，總投資超過八十億元。"},
        {"key": "w2", "text": "市气象台预计，明天全市多云转小雨，气温在十二到十八度之间。"},
    ]
    labels = [
        {"key": "w1", "sha1": web.text_digest(texts[0]["text"]), "half": 0,
         "industries": ["生物医药"], "policy_types": ["招商引资"],
         "parks": ["苏州工业园区"], "park_mentions": ["蘇州工業園區"]},
        {"key": "w2", "sha1": web.text_digest(texts[1]["text"]), "half": 1,
         "industries": [], "policy_types": [], "parks": [], "park_mentions": []},
    ]  # fmt: skip
    return _write_jsonl(tmp_path / "texts.jsonl", texts), _write_jsonl(tmp_path / "l.jsonl", labels)


def test_traditional_park_news_is_scored_as_the_index_tags_it(sample, tagger) -> None:
    web = _eval_web()
    texts, labels = sample
    rows = web.judged_web_rows(texts, labels)
    report = sys.modules["eval_judged"].evaluate(tagger, rows)
    assert report.micro["parks"].true_positives == 1 and report.micro["parks"].predicted == 1
    assert report.mentions.true_positives == 1


def test_a_text_that_is_not_the_one_judged_is_refused(sample, tmp_path: Path) -> None:
    web = _eval_web()
    texts, labels = sample
    changed = texts.read_text(encoding="utf-8").replace("十二個", "十三個")
    (tmp_path / "changed.jsonl").write_text(changed, encoding="utf-8")
    with pytest.raises(web.SampleError, match="w1 is not the one judged"):
        web.judged_web_rows(tmp_path / "changed.jsonl", labels)
    (tmp_path / "short.jsonl").write_text(changed.splitlines()[1] + "\n", encoding="utf-8")
    with pytest.raises(web.SampleError, match="no text for w1"):
        web.judged_web_rows(tmp_path / "short.jsonl", labels)
    # A texts file of one half scores that half.
    one_half = web.judged_web_rows(tmp_path / "short.jsonl", labels, half=1)
    assert [row["key"] for row in one_half] == ["w2"]


def test_a_missing_texts_file_is_a_clear_error(capsys, tmp_path: Path) -> None:
    web = _eval_web()
    with pytest.raises(SystemExit) as stopped:
        web.main([str(tmp_path / "absent.jsonl")])
    assert stopped.value.code == 2
    assert "absent.jsonl" in capsys.readouterr().err
