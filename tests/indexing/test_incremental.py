"""Incremental builds read only new or changed input, and end where a build from scratch ends."""

from __future__ import annotations

import gzip
import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_fixtures import add_articles, build, write_small_corpus

from search.cli import cli
from search.indexing.builder import BuildReport
from search.models import SearchRequest
from search.service import SearchService


def _record(number: int, text: str = "") -> str:
    record = {
        "id": f"r{number}",
        "date": f"2024-01-{number % 28 + 1:02}",
        "title": f"第{number}条新闻联播",
        "paragraphs": [text or f"西安高新区第{number}个集成电路项目今天签约。", "第二段内容。"],
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def _write_lines(path: Path, numbers: range) -> None:
    path.write_text("".join(_record(number) for number in numbers), encoding="utf-8")


def _contents(index_dir: Path) -> list[str]:
    with SearchService(index_dir) as service:
        return sorted(repr(record) for record in service.export())


def _summary(report: BuildReport) -> tuple:
    return (report.articles, report.paragraphs, report.duplicates, report.skipped)


def _assert_same_as_scratch(corpus: Path, index_dir: Path, tmp_path: Path, report: BuildReport):
    scratch_dir = tmp_path / f"scratch-{len(list(tmp_path.iterdir()))}"
    scratch = build(corpus, scratch_dir)
    assert _summary(report) == _summary(scratch)
    assert _contents(index_dir) == _contents(scratch_dir)


def _bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


@pytest.fixture
def jsonl_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write_lines(corpus / "news.jsonl", range(1, 21))
    return corpus


def test_an_unchanged_corpus_is_not_read_again(jsonl_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    ctrl_c = signal.getsignal(signal.SIGINT)
    first = build(jsonl_corpus, index_dir)
    assert signal.getsignal(signal.SIGINT) is ctrl_c  # a build leaves Ctrl+C as it found it
    assert first.parsed == first.articles == 20
    again = build(jsonl_corpus, index_dir)
    assert (again.parsed, again.added, again.unchanged) == (0, 0, 20)
    assert _summary(again) == _summary(first)


def test_appended_records_are_the_only_ones_read(jsonl_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build(jsonl_corpus, index_dir)
    with (jsonl_corpus / "news.jsonl").open("a", encoding="utf-8") as stream:
        stream.write(_record(21, "长春新区人工智能产业扶持政策发布。") + _record(22))
    report = build(jsonl_corpus, index_dir)
    assert (report.parsed, report.added, report.unchanged) == (2, 2, 20)
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="人工智能产业扶持")).total == 1
    _assert_same_as_scratch(jsonl_corpus, index_dir, tmp_path, report)


def test_an_edited_record_is_the_only_one_read(jsonl_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build(jsonl_corpus, index_dir)
    path = jsonl_corpus / "news.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = _record(10, "第十条改写后的内容：苏州工业园区生物医药。")
    lines[14] = "{broken json\n"
    path.write_text("".join(lines), encoding="utf-8")
    report = build(jsonl_corpus, index_dir)
    # Only the edited line is parsed; the records after it moved (the source view seeks to
    # their stored byte offsets), so they are rewritten, read again from their new place.
    assert (report.parsed, report.replaced, report.removed) == (1, 10, 1)
    assert [(item.line, item.reason[:12]) for item in report.skipped] == [(15, "invalid JSON")]
    _assert_same_as_scratch(jsonl_corpus, index_dir, tmp_path, report)


def test_a_truncated_file_loses_its_cut_records(jsonl_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build(jsonl_corpus, index_dir)
    path = jsonl_corpus / "news.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:15]) + lines[15][:20])  # cut inside line 16
    report = build(jsonl_corpus, index_dir)
    assert (report.parsed, report.removed, report.unchanged) == (0, 5, 15)
    assert [item.line for item in report.skipped] == [16]
    _assert_same_as_scratch(jsonl_corpus, index_dir, tmp_path, report)
    # The unfinished last line is completed later: read again, not taken from memory.
    path.write_bytes(b"".join(lines[:17]))
    report = build(jsonl_corpus, index_dir)
    assert (report.parsed, report.added, report.skipped) == (2, 2, ())
    _assert_same_as_scratch(jsonl_corpus, index_dir, tmp_path, report)


def test_a_corpus_emptied_then_refilled_leaves_a_readable_index(
    jsonl_corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    build(jsonl_corpus, index_dir)
    path = jsonl_corpus / "news.jsonl"
    path.write_bytes(b"")
    result = CliRunner().invoke(
        cli, ["index", "--corpus", str(jsonl_corpus), "--index", str(index_dir)]
    )
    assert result.exit_code != 0
    assert "removed 20" in result.output
    assert "the index is now empty" in result.output
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="集成电路")).total == 0
        assert service.search(SearchRequest(query="")).total == 0
    _write_lines(path, range(5, 8))
    report = build(jsonl_corpus, index_dir)
    assert (report.articles, report.added) == (3, 3)
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="集成电路")).total == 3


def test_text_files_edited_deleted_renamed_and_touched(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    first = build(corpus, index_dir)
    _bump_mtime(corpus / "zz_xian.txt")  # touched, same bytes: nothing to read or write
    touched = build(corpus, index_dir)
    assert (touched.parsed, touched.unchanged) == (0, first.articles)

    edited = (corpus / "zz_qingdao.txt").read_text(encoding="utf-8") + "\n园区新增孵化器两家。\n"
    (corpus / "zz_qingdao.txt").write_text(edited, encoding="utf-8")
    (corpus / "zz_changchun.txt").unlink()
    (corpus / "zz_xian.txt").rename(corpus / "zz_xian_renamed.txt")
    report = build(corpus, index_dir)
    # The renamed file's article keeps its id (its text) and moves to the new source name.
    assert (report.parsed, report.added, report.replaced, report.removed) == (2, 1, 1, 2)
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="孵化器")).total == 1
        assert service.search(SearchRequest(query='"最高奖励500万元"')).total == 0
    _assert_same_as_scratch(corpus, index_dir, tmp_path, report)


def test_reprints_are_merged_and_unmerged_as_from_scratch(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    original = (corpus / "zz_xian.txt").read_text(encoding="utf-8")
    (corpus / "zz_zreprint.txt").write_text(original.replace("。", "．"), encoding="utf-8")
    merged = build(corpus, index_dir)
    assert (merged.duplicates, merged.added, merged.replaced) == (1, 0, 1)
    _assert_same_as_scratch(corpus, index_dir, tmp_path, merged)
    again = build(corpus, index_dir)  # nothing read: the merge decisions are remembered
    assert (again.parsed, again.duplicates, again.unchanged) == (0, 1, merged.articles)

    (corpus / "zz_xian.txt").unlink()  # the reprint is now the only copy
    alone = build(corpus, index_dir)
    assert (alone.duplicates, alone.parsed) == (0, 0)
    _assert_same_as_scratch(corpus, index_dir, tmp_path, alone)


def test_a_lost_memory_file_only_costs_a_full_read(jsonl_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build(jsonl_corpus, index_dir)
    (index_dir / "gaoxin-ingest.json").write_text("{not json", encoding="utf-8")
    report = build(jsonl_corpus, index_dir)
    assert (report.parsed, report.added, report.unchanged) == (20, 0, 20)


def _files(index_dir: Path) -> dict[str, tuple[int, int]]:
    return {
        path.name: (path.stat().st_size, path.stat().st_mtime_ns) for path in index_dir.iterdir()
    }


def test_a_no_op_index_command_changes_nothing(jsonl_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    arguments = ["index", "--corpus", str(jsonl_corpus), "--index", str(index_dir)]
    first = CliRunner().invoke(cli, arguments)
    assert first.exit_code == 0, first.output
    assert "20 read from new or changed input" in first.output
    before = _files(index_dir)
    again = CliRunner().invoke(cli, arguments)
    assert again.exit_code == 0, again.output
    assert "(added 0, replaced 0, removed 0, unchanged 20)" in again.output
    assert "0 read from new or changed input" in again.output
    assert _files(index_dir) == before  # no new generation, manifest or memory file written


def _index_command(corpus: Path, index_dir: Path) -> str:
    """`gaoxin index` as a user runs it (it hashes a grown file's read part ahead)."""
    arguments = ["index", "--corpus", str(corpus), "--index", str(index_dir)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_command_reads_only_appended_records(jsonl_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    _index_command(jsonl_corpus, index_dir)
    with (jsonl_corpus / "news.jsonl").open("a", encoding="utf-8") as stream:
        stream.write(_record(21, "长春新区人工智能产业扶持政策发布。") + _record(22))
    output = _index_command(jsonl_corpus, index_dir)
    assert "(added 2, replaced 0, removed 0, unchanged 20)" in output
    assert "2 read from new or changed input" in output
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="人工智能产业扶持")).total == 1


def test_the_command_notices_an_earlier_record_edited_with_an_append(
    jsonl_corpus: Path, tmp_path: Path
) -> None:
    """The part read before is hashed ahead of the build; an edit saved in it with an append
    (same or larger size) is still read, not taken for a pure append."""
    index_dir = tmp_path / "index"
    _index_command(jsonl_corpus, index_dir)
    path = jsonl_corpus / "news.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = _record(5, "第五条改写：雄安新区数字经济。")
    path.write_text("".join(lines) + _record(21), encoding="utf-8")
    output = _index_command(jsonl_corpus, index_dir)
    assert "(added 1, replaced " in output and "removed 0" in output
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="雄安新区数字经济")).total == 1
        assert service.search(SearchRequest(query="第5个集成电路项目")).total == 0
    _assert_same_as_scratch(jsonl_corpus, index_dir, tmp_path, build(jsonl_corpus, index_dir))


def test_one_edited_text_file_in_a_folder_is_the_only_one_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    add_articles(corpus.mkdir() or corpus, 30, "张江科学城")
    index_dir = tmp_path / "index"
    assert build(corpus, index_dir).parsed == 30
    (corpus / "zz_17.txt").write_text("第17篇改写文章\n\n临港新片区第17次扩容。\n", "utf-8")
    report = build(corpus, index_dir)
    assert (report.parsed, report.added, report.removed, report.unchanged) == (1, 1, 1, 29)
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="临港新片区")).total == 1
        assert service.search(SearchRequest(query="张江科学城")).total == 29
    _assert_same_as_scratch(corpus, index_dir, tmp_path, report)


def test_a_deleted_and_a_renamed_jsonl_file(jsonl_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    _write_lines(jsonl_corpus / "other.jsonl", range(21, 26))
    build(jsonl_corpus, index_dir)
    (jsonl_corpus / "other.jsonl").unlink()
    deleted = build(jsonl_corpus, index_dir)
    assert (deleted.parsed, deleted.removed, deleted.unchanged) == (0, 5, 20)
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="第21个集成电路项目")).total == 0
    # A record's id is scoped by its file name: a renamed file's records are new articles.
    (jsonl_corpus / "news.jsonl").rename(jsonl_corpus / "archive.jsonl")
    renamed = build(jsonl_corpus, index_dir)
    assert (renamed.parsed, renamed.added, renamed.removed) == (20, 20, 20)
    _assert_same_as_scratch(jsonl_corpus, index_dir, tmp_path, renamed)


def test_a_compressed_archive_rewritten_with_one_more_record(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [_record(number) for number in range(1, 11)]
    (corpus / "news.jsonl.gz").write_bytes(gzip.compress("".join(lines).encode()))
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    assert build(corpus, index_dir).parsed == 0
    lines.append(_record(11, "合肥高新区量子信息产业园开园。"))
    (corpus / "news.jsonl.gz").write_bytes(gzip.compress("".join(lines).encode()))
    report = build(corpus, index_dir)
    assert (report.parsed, report.added, report.unchanged) == (1, 1, 10)
    scratch_dir = tmp_path / "scratch"
    build(corpus, scratch_dir)
    with SearchService(index_dir) as service, SearchService(scratch_dir) as scratch:
        hit = service.search(SearchRequest(query="量子信息产业园")).results[0]
        # The source view shows the record kept with the article, checked against the archive.
        article_id = hit.paragraph.article_id
        assert service.source(article_id) == scratch.source(article_id)
    _assert_same_as_scratch(corpus, index_dir, tmp_path, report)
