"""A resident indexer (`gaoxin index --watch`) keeps the ingest memory and reprint merge loaded
between builds: every build still ends where a build from scratch ends."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus_fixtures import build, write_small_corpus

from search.indexing.builder import BuildReport
from search.ingest.resident import Resident
from search.service import SearchService


def _record(number: int, title: str = "", text: str = "") -> str:
    record = {
        "id": f"r{number}",
        "date": f"2024-02-{number % 28 + 1:02}",
        "title": title or f"第{number}条园区快讯",
        "paragraphs": [text or f"合肥高新区第{number}个量子信息项目今天开工建设。"],
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def _contents(index_dir: Path) -> list[str]:
    with SearchService(index_dir) as service:
        return sorted(repr(record) for record in service.export())


def _summary(report: BuildReport) -> tuple:
    return (report.articles, report.paragraphs, report.duplicates, report.skipped, report.undated)


def _reprint(corpus: Path, source: str, name: str) -> None:
    text = (corpus / source).read_text(encoding="utf-8")
    (corpus / name).write_text(text.replace("。", "．"), encoding="utf-8")


def _append(corpus: Path) -> None:
    with (corpus / "news.jsonl").open("a", encoding="utf-8") as stream:
        stream.write(_record(7) + _record(8, text="苏州工业园区生物医药产业基金设立。"))


def _edit_line(corpus: Path) -> None:
    path = corpus / "news.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = _record(2, text="第二条改写：长沙高新区新材料产业链签约。")
    path.write_text("".join(lines), encoding="utf-8")


def _truncate(corpus: Path) -> None:
    path = corpus / "news.jsonl"
    path.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[:4]))


def _copy_first_file_ahead(corpus: Path) -> None:
    # A new file sorted first that reprints a later article: the later one becomes the copy.
    _reprint(corpus, "zz_qingdao.txt", "aa_reprint.txt")


def _edit_kept_article(corpus: Path) -> None:
    # The article a reprint was merged into changes: the reprint stands alone again.
    path = corpus / "zz_xian.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n园区新增加速器两家。\n", "utf-8")


def _delete_original(corpus: Path) -> None:
    (corpus / "aa_reprint.txt").unlink()


def _rename(corpus: Path) -> None:
    (corpus / "zz_changchun.txt").rename(corpus / "zz_changchun_moved.txt")


def _touch_nothing(corpus: Path) -> None:
    pass


def _append_reprint(corpus: Path) -> None:
    # An appended line reprinting the file's first article: merged into it, not kept twice.
    with (corpus / "news.jsonl").open("a", encoding="utf-8") as stream:
        stream.write(
            _record(21, title="第1条园区快讯", text="合肥高新区第1个量子信息项目今天开工建设。")
        )


def _edit_and_append(corpus: Path) -> None:
    # Grown but not an append: the old lines are no longer all the same.
    path = corpus / "news.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = _record(1, text="第一条改写：武汉东湖高新区光谷芯片项目投产。")
    path.write_text("".join(lines) + _record(22), encoding="utf-8")


def _copy_whole_file(corpus: Path) -> None:
    (corpus / "news2.jsonl").write_bytes((corpus / "news.jsonl").read_bytes())


def _empty_file(corpus: Path) -> None:
    # Emptied, then written again: the refill is an "append" to nothing.
    (corpus / "news.jsonl").write_bytes(b"")


def _refill_file(corpus: Path) -> None:
    (corpus / "news.jsonl").write_text("".join(_record(n) for n in range(1, 9)), "utf-8")


CHANGES: list[Callable[[Path], None]] = [
    _append,
    _edit_line,
    _copy_first_file_ahead,
    _edit_kept_article,
    _truncate,
    _delete_original,
    _rename,
    _touch_nothing,
    _append_reprint,
    _edit_and_append,
    _copy_whole_file,
    _empty_file,
    _refill_file,
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = write_small_corpus(tmp_path / "corpus")
    (folder / "news.jsonl").write_text("".join(_record(n) for n in range(1, 7)), "utf-8")
    _reprint(folder, "zz_xian.txt", "zz_zreprint.txt")
    return folder


@pytest.mark.parametrize("keep", [True, False], ids=["resident", "one-shot"])
def test_every_change_ends_as_a_build_from_scratch(
    corpus: Path, tmp_path: Path, keep: bool
) -> None:
    # One-shot builds take the remembered decisions from the memory file instead.
    index_dir, resident = tmp_path / "index", Resident() if keep else None
    build(corpus, index_dir, resident=resident)
    for number, change in enumerate(CHANGES):
        change(corpus)
        merged = resident.merged if resident else None
        report = build(corpus, index_dir, resident=resident)
        if resident is not None:  # merged again in place, not from the file
            assert merged is not None and resident.merged is merged
        scratch_dir = tmp_path / f"scratch-{number}"
        scratch = build(corpus, scratch_dir)
        assert _summary(report) == _summary(scratch), change.__name__
        assert _contents(index_dir) == _contents(scratch_dir), change.__name__
        # What it saved serves the next one-shot build as well.
        assert build(corpus, index_dir).parsed == 0


def test_a_build_by_another_process_is_read_from_disk(corpus: Path, tmp_path: Path) -> None:
    index_dir, resident = tmp_path / "index", Resident()
    build(corpus, index_dir, resident=resident)
    _append(corpus)
    assert build(corpus, index_dir).added == 2  # another writer: its memory file is newer
    _edit_line(corpus)
    report = build(corpus, index_dir, resident=resident)
    assert report.parsed == 1  # only the edited line, not the records the other build added
    scratch_dir = tmp_path / "scratch"
    assert _summary(report) == _summary(build(corpus, scratch_dir))
    assert _contents(index_dir) == _contents(scratch_dir)


def test_a_memory_file_of_an_older_version_is_read_again(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = build(corpus, index_dir)
    memory = index_dir / "gaoxin-ingest.json"
    data = json.loads(memory.read_text(encoding="utf-8"))
    data["version"] = "0000000000000000"
    memory.write_text(json.dumps(data), encoding="utf-8")
    report = build(corpus, index_dir)
    # Every file is read again; nothing is rewritten, since the articles did not change.
    assert (report.parsed, report.added, report.unchanged) == (first.parsed, 0, first.articles)
