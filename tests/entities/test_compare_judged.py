"""scripts/compare_judged.py: whether a tagger change gained on judged news beyond the draw."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _compare_judged():
    path = ROOT / "scripts/compare_judged.py"
    spec = importlib.util.spec_from_file_location("compare_judged", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_judged"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _rows(right: int, wrong: int, missed: int, size: int) -> list[dict]:
    counts = {"industries": [right, wrong, missed], "policy_types": [1, 0, 0], "parks": [0, 0, 0]}
    return [counts] * size


def test_the_same_tags_differ_by_nothing() -> None:
    compare = _compare_judged()
    result = compare.paired_bootstrap(_rows(1, 1, 1, 50), _rows(1, 1, 1, 50), "industries")
    assert result.before == result.after
    assert (result.low, result.high) == (0.0, 0.0)


def test_a_gain_on_every_paragraph_is_more_than_the_draw() -> None:
    compare = _compare_judged()
    before = _rows(1, 1, 1, 30) + _rows(0, 1, 1, 30)
    after = _rows(1, 0, 1, 30) + _rows(1, 1, 0, 30)
    result = compare.paired_bootstrap(before, after, "industries", resamples=300)
    assert result.after[2] > result.before[2]
    assert 0 < result.low <= result.high


def test_a_gain_on_a_few_paragraphs_is_within_the_draw() -> None:
    """One paragraph of sixty better: the interval holds 0, as a stop's one-tag gain should."""
    compare = _compare_judged()
    before = _rows(1, 1, 1, 60)
    after = _rows(1, 1, 1, 59) + _rows(2, 0, 0, 1)
    result = compare.paired_bootstrap(before, after, "industries", resamples=300)
    assert result.low <= 0 < result.high


def test_comparing_the_checkout_with_itself_on_a_batch() -> None:
    command = [sys.executable, str(ROOT / "scripts/compare_judged.py"), str(ROOT), "--batch", "2"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    lines = output.splitlines()
    assert lines[0].startswith("100 paragraphs")
    for facet in ("industries", "policy_types", "parks"):
        line = next(line for line in lines if line.startswith(facet))
        assert line.endswith("difference +0.000 [+0.000, +0.000]")


def test_a_folder_that_is_no_checkout_is_refused(tmp_path: Path) -> None:
    compare = _compare_judged()
    with pytest.raises(SystemExit) as stop:
        compare.main([str(tmp_path)])
    assert stop.value.code == 2


def test_batches_are_compared_in_the_order_asked() -> None:
    """The bootstrap draws paragraphs by position: --batch 8 --batch 7 puts batch 8's first,
    as it did when each batch was loaded in turn (the judged file has batch 8 before 7)."""
    compare = _compare_judged()
    arguments = compare.argparse.Namespace(split="dev", batch=[2, 1], file=None)
    batches = [row.get("batch", 1) for row in compare.chosen_rows(arguments)]
    assert batches == sorted(batches, reverse=True)
    assert set(batches) == {1, 2}
