"""Index maintenance: incremental updates, one writer, crash safety, foreign directories
(opening a damaged or foreign index: tests/storage/test_manifest.py)."""

from __future__ import annotations

import json
import shutil
import textwrap
import threading
from pathlib import Path

import pytest
from corpus_fixtures import PROJECT_ROOT, add_articles, build, run_script, write_small_corpus

from search.errors import IndexLocked, IndexUnavailable
from search.indexing.builder import BuildReport
from search.models import SearchRequest
from search.service import SearchService
from search.storage.index import build_lock
from search.storage.manifest import MANIFEST_NAME, open_index, read_manifest

NEW_ARTICLE = "武汉东湖高新区光电子信息产业\n\n武汉东湖高新区光谷激光产业规模持续扩大。\n"


def _total(index_dir: Path, query: str) -> int:
    with SearchService(index_dir) as service:
        return service.search(SearchRequest(query=query)).total


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_small_corpus(tmp_path / "corpus")


def test_rebuilding_changes_only_what_changed(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = build(corpus, index_dir)
    assert (first.added, first.replaced, first.removed) == (first.articles, 0, 0)
    generation = read_manifest(index_dir)["generation"]

    again = build(corpus, index_dir)
    assert (again.added, again.replaced, again.removed) == (0, 0, 0)
    assert again.unchanged == first.articles
    assert read_manifest(index_dir)["generation"] == generation  # a no-op commits nothing

    (corpus / "zz_wuhan.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus / "zz_xian.txt").unlink()
    changed = build(corpus, index_dir)
    assert (changed.added, changed.removed, changed.unchanged) == (1, 1, first.articles - 1)
    assert _total(index_dir, "光谷激光") == 1
    assert _total(index_dir, "集成电路") == 0


def test_a_build_announces_how_many_articles_it_writes_then_counts_them(
    corpus: Path, tmp_path: Path
) -> None:
    planned: list[int] = []
    written: list[int] = []
    report = build(corpus, tmp_path / "index", on_plan=planned.append, on_write=written.append)
    assert planned == [report.articles]
    assert written == list(range(1, report.articles + 1))
    planned.clear()
    build(corpus, tmp_path / "index", on_plan=planned.append)
    assert planned == []  # nothing to write, nothing announced


def test_an_edited_article_replaces_the_old_one(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    path = corpus / "zz_xian.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n新材料产业园同步开工。\n", "utf-8")
    report = build(corpus, index_dir)
    # A changed text is a new article id (ids hash the text): the old one goes away.
    assert report.added + report.replaced == 1 and report.removed == 1 - report.replaced
    assert _total(index_dir, "新材料产业园") == 1
    with SearchService(index_dir) as service:
        assert service.stats()["articles"] == report.articles


def test_a_rewrite_of_every_article_leaves_no_dead_segment_behind(tmp_path: Path) -> None:
    archive = tmp_path / "archive.jsonl"
    records = [
        {
            "id": f"a{number}",
            "title": f"第{number}篇",
            "date": "2024-05-01",
            "url": "",
            "paragraphs": [f"集成电路产业园第{number}次扩容。", "企业服务持续优化。"],
        }
        for number in range(6)
    ]
    archive.write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
        encoding="utf-8",
    )
    index_dir = tmp_path / "index"
    first = build(archive, index_dir)
    taxonomy = tmp_path / "taxonomy"
    shutil.copytree(PROJECT_ROOT / "search" / "entities" / "taxonomy", taxonomy)
    with open(taxonomy / "industries.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# edited: the vocabulary fingerprint changes, every article is retagged\n")
    rewrite = build(archive, index_dir, taxonomy_dir=taxonomy)
    assert rewrite.replaced == first.articles == 6
    with open_index(index_dir).reader() as reader:
        # The first segment's documents are all deleted: it must not stay on disk and in memory.
        assert reader.doc_count() == reader.doc_count_all() == 6 * 3
    assert _total(index_dir, "集成电路") == 6


def test_an_index_of_an_older_format_is_rebuilt_by_the_next_build(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    first = build(corpus, index_dir)
    manifest_path = index_dir / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["format_version"] = 1
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with SearchService(index_dir) as service, pytest.raises(IndexUnavailable, match="format"):
        service.search(SearchRequest(query="集成电路"))

    rebuilt = build(corpus, index_dir)
    assert rebuilt.added == first.articles  # everything written again, nothing lost
    assert _total(index_dir, "集成电路") > 0


def test_a_second_build_gives_up_clearly_or_waits_and_loses_nothing(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    first = build(corpus, index_dir)
    (corpus / "zz_wuhan.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    held = build_lock(index_dir)  # what a running `gaoxin index` holds
    assert held.acquire()
    try:
        with pytest.raises(IndexLocked, match="Another `gaoxin index`"):
            build(corpus, index_dir, lock_timeout=0)
        reports: list[BuildReport] = []
        waiter = threading.Thread(target=lambda: reports.append(build(corpus, index_dir)))
        waiter.start()  # waits for the lock (30 s by default)
    finally:
        held.release()
    waiter.join(60)
    assert [(report.added, report.unchanged) for report in reports] == [(1, first.articles)]
    assert _total(index_dir, "光谷激光") == 1


def test_a_directory_we_did_not_build_is_never_written(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "_MAIN_1.toc").write_bytes(b"not ours")
    read: list[str] = []
    with pytest.raises(IndexUnavailable, match="is not a Gaoxin index"):
        build(write_small_corpus(tmp_path / "corpus"), foreign, on_file=read.append)
    assert (foreign / "_MAIN_1.toc").read_bytes() == b"not ours"
    # Not even the build's lock file is left there, and the refusal comes before the corpus is
    # read (`gaoxin index --index <the corpus folder>` read it all, then left a lock file).
    assert [path.name for path in foreign.iterdir()] == ["_MAIN_1.toc"] and read == []


@pytest.mark.integration  # a Python process killed mid-write
def test_a_build_killed_midway_leaves_the_previous_index_usable(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    before = _total(index_dir, "众创空间")
    add_articles(corpus, 5, "众创空间", prefix="zz_extra")
    killed = run_script(_KILLED_BUILD, str(corpus), str(index_dir))
    assert killed.returncode == -9, killed.stderr
    assert _total(index_dir, "众创空间") == before
    assert build(corpus, index_dir).added == 5
    assert _total(index_dir, "众创空间") == before + 5


# Kills itself (SIGKILL, no cleanup) after writing 2 of the new articles, before the commit.
_KILLED_BUILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from corpus_fixtures import build

    def die(count):
        if count == 2:
            os.kill(os.getpid(), signal.SIGKILL)

    build(Path(sys.argv[1]), Path(sys.argv[2]), on_write=die)
    """
)


def test_an_index_directory_that_cannot_be_made_is_index_unavailable(
    corpus: Path, tmp_path: Path
) -> None:
    # Before, the OSError of mkdir escaped as a traceback from `gaoxin index`.
    (tmp_path / "a-file").write_text("not a directory")
    with pytest.raises(IndexUnavailable, match="cannot create or write the index directory"):
        build(corpus, tmp_path / "a-file" / "index")
