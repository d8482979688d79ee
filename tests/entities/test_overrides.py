"""Tag corrections without code: an overrides YAML file applied at index time, checked with the
file and line of every mistake, counted in the index summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import cli
from search.entities.overrides import OverrideError, load_overrides
from search.entities.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def index_with_overrides(corpus: Path, index_dir: Path, overrides: Path):
    """`gaoxin index --overrides FILE`, as a user runs it."""
    return CliRunner().invoke(
        cli,
        [
            "index",
            "--corpus",
            str(corpus),
            "--index",
            str(index_dir),
            "--overrides",
            str(overrides),
        ],
    )


def _export(index_dir: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["export", "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_overrides_add_and_remove_labels_at_index_time(small_corpus_dir, tmp_path) -> None:
    index_dir = tmp_path / "ix"
    plain = _export_after_index(small_corpus_dir, index_dir, None)
    paragraph = next(p for p in plain if p["parks"])
    park = paragraph["parks"][0]
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(
        "overrides:\n"
        f"  - paragraph_id: {paragraph['paragraph_id']}\n"
        "    add: {industry: [金融]}\n"
        f"    remove: {{park: [{park}]}}\n"
        "    note: 讲的是银行贷款\n"
        "  - article_id: 000000000000\n"
        "    remove: {industry: [金融]}\n"
        "    note: 这篇文章不在语料里\n",
        encoding="utf-8",
    )
    result = index_with_overrides(small_corpus_dir, index_dir, overrides)
    assert result.exit_code == 0, result.output
    assert "2 tag overrides (1 apply to the corpus)" in result.output
    assert "line 6: 000000000000: no such paragraph or article" in result.output
    corrected = {p["paragraph_id"]: p for p in _export(index_dir)}[paragraph["paragraph_id"]]
    assert "金融" in corrected["industries"] and park not in corrected["parks"]
    assert corrected["tag_evidence"]["industries"]["金融"] == ["人工更正：讲的是银行贷款"]
    assert park not in corrected["tag_evidence"].get("parks", {})


def _export_after_index(corpus: Path, index_dir: Path, overrides: Path | None) -> list[dict]:
    arguments = ["index", "--corpus", str(corpus), "--index", str(index_dir)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    return _export(index_dir)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "overrides:\n  - paragraph_id: p-1\n    add: {industry: [金属]}\n    note: x\n",
            "overrides.yaml:2: add.industry: '金属' is not a known label",
        ),
        (
            "overrides:\n  - paragraph_id: p-1\n    note: x\n  - article_id: a\n    add: {x: [y]}\n"
            "    note: y\n",
            "overrides.yaml:2: nothing to `add` or `remove`",
        ),
        (
            "overrides:\n  - article_id: a\n    remove: {park: [雄安新区]}\n",
            "overrides.yaml:2: every correction needs a `note`",
        ),
        (
            "overrides:\n  - article_id: a\n    add: {industry: [金融]\n    note: x\n",
            "overrides.yaml:4: not valid YAML",
        ),
    ],
)
def test_a_mistake_in_the_file_is_reported_with_file_and_line(
    tmp_path, taxonomy, text, message
) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OverrideError) as raised:
        load_overrides(path, taxonomy)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param("overrides: []\n".encode("utf-16"), "not UTF-8 text", id="utf-16"),
        pytest.param("overrides:\n  - note: 更正\n".encode("gbk"), "not UTF-8 text", id="gbk"),
        pytest.param(b"overrides: []\n\x01", "not valid YAML (unacceptable", id="control"),
    ],
)
def test_a_file_that_is_not_utf8_yaml_text_is_reported_not_raised(
    tmp_path, taxonomy, data: bytes, message: str
) -> None:
    # Before, a UnicodeDecodeError or yaml's ReaderError escaped as a traceback.
    path = tmp_path / "overrides.yaml"
    path.write_bytes(data)
    with pytest.raises(OverrideError) as raised:
        load_overrides(path, taxonomy)
    assert f"overrides.yaml: {message}" in str(raised.value)


def test_the_index_command_reports_a_bad_file_in_one_line(small_corpus_dir, tmp_path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text("overrides:\n  - paragraph_id: p\n    add: {sector: [金融]}\n    note: x\n")
    result = index_with_overrides(small_corpus_dir, tmp_path / "ix", path)
    assert result.exit_code != 0
    assert "overrides.yaml:2: add: 'sector' is not park, industry or policy_type" in result.output
    assert "Traceback" not in result.output
