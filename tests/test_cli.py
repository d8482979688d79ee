"""The `gaoxin` commands index, search and export, through click and as a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_fixtures import PROJECT_ROOT

from search.cli import cli
from search.cli.serving import check_listen_address
from search.fields import FACET_FIELDS
from search.models import SearchRequest
from search.serialize import results_json
from search.service import SearchService


def test_search_json_is_exactly_the_api_shape(
    search_index_dir: Path, search_service: SearchService
) -> None:
    arguments = ["search", "生物医药", "--per-page", "5", "--json", "--index", search_index_dir]
    result = CliRunner().invoke(cli, [str(argument) for argument in arguments])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    expected = results_json(search_service.search(SearchRequest("生物医药", per_page=5)))
    assert printed == json.loads(json.dumps(expected))
    assert set(printed) >= {"query", "parsed", "relaxed", "total", "results", "facets"}
    assert set(printed["facets"]["park"][0]) == {"value", "count", "selected"}


def test_search_prints_readable_hits_with_marks(
    search_index_dir: Path, search_service: SearchService
) -> None:
    # A park that really has 集成电路 paragraphs, read from the facet counts.
    park = search_service.search(SearchRequest("集成电路")).facets["park"][0].value
    result = CliRunner().invoke(
        cli, ["search", "集成电路", "--park", park, "--index", str(search_index_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "【集成电路】" in result.output and "/articles/" in result.output
    assert "<mark>" not in result.output


def test_export_prints_one_json_paragraph_per_line(search_index_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--index", str(search_index_dir)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) > 20 and all("paragraph_id" in line for line in lines)


def test_errors_are_one_line_without_traceback(tmp_path: Path, search_index_dir: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["search", "高新区", "--index", str(tmp_path / "none")])
    assert missing.exit_code == 2
    assert missing.output.startswith("Error: No index") and "Traceback" not in missing.output
    too_many = runner.invoke(
        cli, ["search", "高新区", "--per-page", "500", "--index", str(search_index_dir)]
    )
    assert too_many.exit_code == 2 and "per_page" in too_many.output


def test_index_summarises_what_it_did_and_is_incremental(
    small_corpus_dir: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    arguments = ["index", "--corpus", str(small_corpus_dir), "--index", str(tmp_path / "ix")]
    first = runner.invoke(cli, arguments)
    assert first.exit_code == 0, first.output
    assert "4 articles" in first.output and "added 4" in first.output
    second = runner.invoke(cli, arguments, env={"GAOXIN_INDEX": str(tmp_path / "ix")})
    assert "added 0" in second.output and "unchanged 4" in second.output


def test_index_of_an_empty_corpus_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(
        cli, ["index", "--corpus", str(tmp_path / "empty"), "--index", str(tmp_path / "ix")]
    )
    assert result.exit_code == 1 and "nothing usable" in result.output


def test_serve_refuses_a_missing_index_with_a_clear_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--index", str(tmp_path / "nothing")])
    assert result.exit_code != 0
    assert "gaoxin index" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("host", ["no such host", ""])
def test_serve_refuses_a_host_that_names_no_address(search_index_dir: Path, host: str) -> None:
    # Before, waitress raised a bare ValueError (a traceback) and gunicorn retried for 5 s.
    arguments = ["serve", "--host", host, "--workers", "1", "--index", str(search_index_dir)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.startswith(f"Error: cannot listen on {host}:5000: ")


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0", "localhost", "::1", "[::1]"])
def test_serve_accepts_the_addresses_users_give(host: str) -> None:
    check_listen_address(host, 5000)  # raises for an address it cannot listen on


@pytest.mark.integration  # a fresh Python process
def test_python_dash_m_runs_a_real_search(search_index_dir: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "search.cli", "search", "众创空间", "--json"],
        cwd=PROJECT_ROOT,
        env={"GAOXIN_INDEX": str(search_index_dir), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["total"] >= 3


def test_every_facet_has_a_search_flag_that_filters_like_the_api(
    search_index_dir: Path, search_service: SearchService
) -> None:
    values = search_service.facet_values()
    tried = 0
    for field in FACET_FIELDS:
        if not values[field.name]:
            continue
        value = values[field.name][-1].value  # the rarest value: a filter that visibly narrows
        arguments = ["search", field.cli_flag, value, "--json", "--index", str(search_index_dir)]
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, result.output
        printed = json.loads(result.output)
        expected = search_service.search(SearchRequest(filters={field.name: (value,)}))
        assert printed["total"] == expected.total > 0
        assert [
            bucket["value"] for bucket in printed["facets"][field.name] if bucket["selected"]
        ] == [value]
        tried += 1
    assert tried >= 5  # organizations and cited documents too, not only parks


def test_a_bad_facet_flag_value_is_one_error_line(search_index_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "--year", "23", "--index", str(search_index_dir)])
    assert result.exit_code == 2
    assert (
        result.output.startswith("Error: 年份 year 必须是四位数字")
        and result.output.count("\n") == 1
    )


def test_an_argument_that_is_not_utf8_is_one_error_line(search_index_dir: Path) -> None:
    # Bytes that are not UTF-8 reach Python as lone surrogates: before, this searched for
    # nothing ("0 results for (everything)") and `--json` failed to print it.
    for arguments in (["search", "\udcff"], ["search", "高新区", "--park", "\udcff"]):
        result = CliRunner().invoke(cli, [*arguments, "--index", str(search_index_dir)])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("Error: 参数含有无效字符") and "UTF-8" in result.output


def test_an_index_directory_that_cannot_be_created_is_one_error_line(
    small_corpus_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    arguments = ["index", "--corpus", str(small_corpus_dir), "--index", str(tmp_path / "a-file/ix")]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "cannot create" in result.output


@pytest.mark.integration  # a fresh Python process, so a hang is a timeout and not a stuck suite
def test_index_skips_a_pipe_a_file_name_and_a_record_that_are_not_text(
    small_corpus_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus_dir, corpus)
    os.mkfifo(corpus / "pipe.txt")  # opening it for reading would wait for a writer forever
    (corpus / os.fsdecode(b"bad\xffname.txt")).write_text("标题\n\n合肥高新区新政。\n")
    (corpus / "records.jsonl").write_text('{"id": "1", "paragraphs": ["光谷\\ud800新政。"]}\n')
    arguments = ["index", "--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    completed = subprocess.run(
        [sys.executable, "-m", "search.cli", *arguments],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # a strict UTF-8 terminal
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    skipped = [line for line in completed.stdout.splitlines() if line.startswith("skipped")]
    assert skipped == [
        "skipped bad\\xffname.txt: the file name is not valid UTF-8: rename the file to index it",
        "skipped pipe.txt: not a regular file (a directory, pipe or device)",
        "skipped records.jsonl line 1: invalid \\u escape: a lone surrogate (half a UTF-16 pair)",
    ]
    assert "4 articles" in completed.stdout


@pytest.mark.integration  # a fresh Python process writing to a device that is always full
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="Linux's always-full device")
@pytest.mark.parametrize("command", [["export"], ["search", "高新区", "--json"], ["trends"]])
def test_output_that_cannot_be_written_is_one_error_line(
    search_index_dir: Path, command: list[str]
) -> None:
    # `gaoxin export > file` on a full disk ended in an OSError traceback.
    with open("/dev/full", "w") as full:
        completed = subprocess.run(
            [sys.executable, "-m", "search.cli", *command, "--index", str(search_index_dir)],
            cwd=PROJECT_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert completed.returncode == 1
    assert completed.stderr == (
        "Error: cannot write the output (No space left on device): it is incomplete\n"
    )


def test_paths_that_are_not_utf8_print_escaped_without_a_traceback(
    small_corpus_dir: Path, tmp_path: Path
) -> None:
    # A strict UTF-8 output (CliRunner's, like PYTHONIOENCODING=utf-8) could not write the
    # lone surrogates Python keeps such bytes as: `override …` ended in a UnicodeEncodeError.
    overrides = tmp_path / os.fsdecode(b"fix\xffes.yaml")
    overrides.write_text(
        "overrides:\n  - paragraph_id: nope-1\n    add: {industry: [金融]}\n    note: 测试\n",
        encoding="utf-8",
    )
    index_dir = str(tmp_path / "ix")
    arguments = ["--corpus", str(small_corpus_dir), "--index", index_dir]
    result = CliRunner().invoke(cli, ["index", *arguments, "--overrides", str(overrides)])
    assert result.exit_code == 0, result.output
    assert f"override {tmp_path}/fix\\xffes.yaml line 2: nope-1: no such paragraph or article" in (
        result.output.splitlines()
    )
    missing = str(tmp_path / os.fsdecode(b"no\xffindex"))
    for command, code in ((["search", "高新区"], 2), (["export"], 2), (["serve"], 1)):
        result = CliRunner().invoke(cli, [*command, "--index", missing])
        assert result.exit_code == code, result.output
        assert f"Error: No index at {tmp_path}/no\\xffindex" in result.output
        assert "\\udc" not in result.output  # the byte, not the surrogate standing for it
