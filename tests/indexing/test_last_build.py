"""`gaoxin index` over an unchanged corpus answers from the last build's record, exactly as a
build that reads the ingest memory would, and never once anything it depends on changed."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jieba
import pytest
from click.testing import CliRunner
from corpus_fixtures import build, run_script

import search
from search.cli import cli
from search.entities.taxonomy import DEFAULT_DIRECTORY
from search.indexing.builder import index_corpus
from search.indexing.last_build import (
    SUMMARY_NAME,
    taxonomy_fingerprint,
    text_library_versions,
    unchanged_report,
)
from search.ingest.corpus import load_corpus

_NO_OP = """
import sys
from search.cli import main
sys.argv = ["gaoxin", "index", "--corpus", sys.argv[1], "--index", sys.argv[2]]
try:
    main()
finally:
    print("loaded:", sorted(name for name in ("jieba", "whoosh") if name in sys.modules))
"""


def _record(number: int, **fields: object) -> str:
    record = {
        "id": f"r{number}",
        "date": f"2024-03-{number % 28 + 1:02}",
        "title": f"第{number}条园区新闻",
        "paragraphs": [f"苏州工业园区第{number}个生物医药项目开工。"],
        **fields,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Articles with a reprint, an undated one and a broken line: every figure of the summary."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = [_record(number) for number in range(1, 11)]
    lines += [_record(11, date=""), _record(1, id="r1-copy"), "{broken\n"]
    (folder / "news.jsonl").write_text("".join(lines), encoding="utf-8")
    (folder / "brief.txt").write_text("园区简报\n\n张江科学城新增孵化器三家。\n", "utf-8")
    return folder


def _index(corpus: Path, index_dir: Path, *options: str) -> str:
    arguments = ["index", "--corpus", str(corpus), "--index", str(index_dir), *options]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    return result.output


def test_an_unchanged_corpus_is_answered_without_whoosh_or_jieba(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    _index(corpus, index_dir)
    answered = run_script(_NO_OP, str(corpus), str(index_dir))
    assert answered.returncode == 0, answered.stderr
    *report, loaded = answered.stdout.splitlines()
    assert loaded == "loaded: []"
    # The same lines as a build that reads the ingest memory and opens the index.
    (index_dir / SUMMARY_NAME).unlink()
    assert _index(corpus, index_dir).splitlines() == report
    assert "12 articles" in report[0] and "1 duplicate," in report[0]
    assert "2 without a date" in report[0] and "unchanged 12" in report[0]
    assert any(line.startswith("skipped news.jsonl line 13") for line in report[1:])


def _append(corpus: Path) -> None:
    with (corpus / "news.jsonl").open("a", encoding="utf-8") as stream:
        stream.write(_record(12))


def _touch(corpus: Path) -> None:
    path = corpus / "brief.txt"
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 10_000_000))


def _add_file(corpus: Path) -> None:
    (corpus / "more.txt").write_text("新文章\n\n临港新片区扩区。\n", "utf-8")


def _delete_file(corpus: Path) -> None:
    (corpus / "brief.txt").unlink()


def _move_corpus(corpus: Path) -> None:
    shutil.copytree(corpus, corpus.with_name("moved"), copy_function=shutil.copy2)


@pytest.mark.parametrize("change", [_append, _touch, _add_file, _delete_file, _move_corpus])
def test_a_changed_corpus_is_built(corpus: Path, tmp_path: Path, change: Callable) -> None:
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    assert unchanged_report(corpus, index_dir) is not None
    change(corpus)
    given = corpus.with_name("moved") if change is _move_corpus else corpus
    assert unchanged_report(given, index_dir) is None
    built = build(given, index_dir)  # and once built, the record holds again
    expected = replace(built, added=0, replaced=0, removed=0, parsed=0, unchanged=built.articles)
    assert unchanged_report(given, index_dir) == expected


def test_an_edited_vocabulary_or_overrides_file_is_built(corpus: Path, tmp_path: Path) -> None:
    taxonomy = Path(shutil.copytree(DEFAULT_DIRECTORY, tmp_path / "taxonomy"))
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("overrides: []\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    build(corpus, index_dir, taxonomy_dir=taxonomy, overrides=overrides)
    options = {"taxonomy_dir": taxonomy, "overrides": overrides}
    assert unchanged_report(corpus, index_dir, **options) is not None
    assert unchanged_report(corpus, index_dir, taxonomy_dir=taxonomy) is None  # no overrides now
    overrides.write_text("overrides: []\n# edited\n", encoding="utf-8")
    assert unchanged_report(corpus, index_dir, **options) is None
    build(corpus, index_dir, **options)
    industries = taxonomy / "industries.yaml"
    industries.write_text(industries.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    assert unchanged_report(corpus, index_dir, **options) is None


def test_an_index_written_by_another_build_is_built_again(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = _index(corpus, index_dir)
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("别的文章\n\n西咸新区一则新闻。\n", "utf-8")
    index_corpus(load_corpus(other), index_dir)  # the index now holds another corpus
    assert unchanged_report(corpus, index_dir) is None
    again = _index(corpus, index_dir)
    assert "removed 1" in again and first.splitlines()[0].split(" (")[0] in again


# `gaoxin index` run by a copy of the package whose index format is one newer (an upgrade).
_UPGRADED = """
import sys
sys.path.insert(0, sys.argv[3])
from search.cli import main
sys.argv = ["gaoxin", "index", "--corpus", sys.argv[1], "--index", sys.argv[2]]
main()
"""


def test_an_upgrade_to_a_newer_index_format_rebuilds_an_unchanged_corpus(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    _index(corpus, index_dir)
    release = tmp_path / "release"
    shutil.copytree(Path(search.__file__).parent, release / "search")
    manifest = release / "search" / "storage" / "format_version.py"
    text = manifest.read_text(encoding="utf-8")
    version = int(text.split("\nFORMAT_VERSION = ")[1].split("\n")[0])
    newer = f"\nFORMAT_VERSION = {version + 1}\n"
    manifest.write_text(text.replace(f"\nFORMAT_VERSION = {version}\n", newer), "utf-8")
    upgraded = run_script(_UPGRADED, str(corpus), str(index_dir), str(release))
    assert upgraded.returncode == 0, upgraded.stderr
    # The older-format index is discarded and every article written again, not "unchanged".
    assert "added 12" in upgraded.stdout and "unchanged 12" not in upgraded.stdout
    stored = json.loads(next(index_dir.glob("gaoxin-index.json")).read_text(encoding="utf-8"))
    assert stored["format_version"] == version + 1


def test_a_record_that_cannot_be_written_fails_no_build(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    _index(corpus, index_dir)
    # The record is only a shortcut: a build whose record cannot be saved still succeeds.
    (index_dir / f"{SUMMARY_NAME}.tmp").mkdir()
    _append(corpus)
    assert "added 1" in _index(corpus, index_dir)
    assert unchanged_report(corpus, index_dir) is None  # the old record no longer holds


def test_a_release_that_tags_or_cuts_differently_retags_every_article(tmp_path: Path) -> None:
    """The vocabulary fingerprint covers the tagger's and the tokenizer's code: articles kept
    from the last build are retagged when either changes, not left with the old tags."""
    root = tmp_path / "search"
    for package in ("entities", "text"):
        shutil.copytree(Path(search.__file__).parent / package, root / package)
    before = taxonomy_fingerprint(None, code_root=root)
    assert taxonomy_fingerprint(None, code_root=root) == before
    for package, module in (("entities", "tagger.py"), ("text", "normalize.py")):
        path = root / package / module
        path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        assert taxonomy_fingerprint(None, code_root=root) != before
        before = taxonomy_fingerprint(None, code_root=root)


def test_the_fingerprint_names_the_installed_tokenizer_and_converter() -> None:
    """An upgrade of jieba or OpenCC (how text is cut and folded) retags every article."""
    versions = text_library_versions()
    assert f"jieba=={jieba.__version__}" in versions
    assert any(version.startswith("opencc==") and "?" not in version for version in versions)
