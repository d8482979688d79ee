"""Builds in worker processes: same answers as a serial build, and failures that lose nothing.

Worker pools are end-to-end work: `integration` (in `make test`, not in `make unit`).
"""

from __future__ import annotations

import gc
import os
import select
import textwrap
from pathlib import Path

import pytest
from corpus_fixtures import add_articles, build, run_script, write_small_corpus

from search.errors import BuildFailed
from search.indexing import builder as indexer
from search.indexing import parallel
from search.ingest.corpus import load_corpus
from search.models import Article, SearchRequest
from search.service import SearchService
from search.storage import parallel as storage_parallel
from search.storage.manifest import open_index
from search.storage.reader import Snapshot

REQUESTS = [
    SearchRequest(query="高新区", per_page=100),
    # A vocabulary word: scores differ unless workers cut it with the parent's jieba dictionary.
    SearchRequest(query="青岛蓝色生物医药产业园", per_page=100),
    SearchRequest(query="生物医药 产业", per_page=100),
    SearchRequest(query="“众创空间”", per_page=100),
    SearchRequest(query="新技术", per_page=100),  # inside the word 新技术开发区
    SearchRequest(query="孵化 -昆明", per_page=100),
    SearchRequest(query="", filters={"park": ("青岛高新区",)}, per_page=100),
    SearchRequest(query="企业", filters={"industry": ("生物医药",)}, per_page=100),
]


def _answers(service: SearchService, request: SearchRequest) -> tuple:
    results = service.search(request)
    hits = sorted((hit.paragraph.paragraph_id, round(hit.score, 6)) for hit in results.results)
    return results.total, results.relaxed, results.facets, hits


@pytest.fixture
def parallel_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use workers even for a tiny corpus (the threshold exists only to save time)."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PARAGRAPHS", 1)


def _segment_count(index_dir: Path) -> int:
    with open_index(index_dir).reader() as reader:
        return len(list(reader.leaf_readers()))


@pytest.mark.integration
@pytest.mark.usefixtures("parallel_always")
def test_a_parallel_build_answers_every_search_like_a_serial_one(
    search_corpus_dir: Path, search_service: SearchService, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    report = build(search_corpus_dir, index_dir, processes=2)
    assert report.added == report.articles > 0
    assert _segment_count(index_dir) >= 2  # really written by two workers
    # The parent wrote each worker segment's n-gram file (the exact field) before committing.
    assert len(list(index_dir.glob("*.ngrams"))) == _segment_count(index_dir)
    with SearchService(index_dir) as parallel:
        for request in REQUESTS:
            expected = _answers(search_service, request)
            assert expected[0] > 0, request
            assert _answers(parallel, request) == expected, request


def _documents(index_dir: Path) -> set[tuple[str, int]]:
    """Every document's stored record with its ordinal (an article's corpus position)."""
    snapshot = Snapshot(index_dir)
    try:
        ordinals = snapshot.numbers("ordinal").tolist()
        return {
            (snapshot.stored_record(docnum), ordinals[docnum]) for docnum in range(snapshot.size)
        }
    finally:
        snapshot.close()


@pytest.mark.integration
@pytest.mark.usefixtures("parallel_always")
def test_workers_get_every_article_once_in_corpus_order(
    search_corpus_dir: Path, search_index_dir: Path, tmp_path: Path
) -> None:
    # The parent writes every article to job files and lets go of them before the workers
    # fork; progress still counts each article once, in order, and nothing is lost or moved.
    counts: list[int] = []
    report = build(search_corpus_dir, tmp_path / "index", processes=3, on_write=counts.append)
    assert counts == list(range(1, report.articles + 1))
    assert _documents(tmp_path / "index") == _documents(search_index_dir)


def _failing_tag(article: Article) -> Article:
    if "第3篇" in article.title:
        raise ValueError("tagger broke")
    return article


@pytest.mark.integration
@pytest.mark.usefixtures("parallel_always")
def test_a_worker_that_fails_fails_the_build_and_changes_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    before = _paragraphs(index_dir)
    add_articles(corpus, 6, "众创空间")
    with pytest.raises(BuildFailed, match="worker failed"):
        indexer.index_corpus(load_corpus(corpus), index_dir, tag=_failing_tag, processes=2)
    assert "tagger broke" in capfd.readouterr().err  # one line from the worker, no traceback
    assert _paragraphs(index_dir) == before
    assert build(corpus, index_dir, processes=2).added == 6
    assert _paragraphs(index_dir) == before + 6


def _exits(pid: int, seconds: float = 30.0) -> bool:
    """Whether process `pid` (not a child of ours) ends within `seconds`: its pidfd becomes
    readable when it does (an event, not polling)."""
    try:
        descriptor = os.pidfd_open(pid)
    except ProcessLookupError:
        return True  # already gone
    try:
        watcher = select.poll()
        watcher.register(descriptor, select.POLLIN)
        return bool(watcher.poll(seconds * 1000))
    finally:
        os.close(descriptor)


def _paragraphs(index_dir: Path) -> int:
    with SearchService(index_dir) as service:
        return service.search(SearchRequest(query="")).total


@pytest.mark.integration
@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="waits for the workers on pidfds")
@pytest.mark.parametrize("late_worker", [False, True], ids=["on-time", "second-worker-late"])
def test_workers_of_a_killed_build_exit_and_the_next_build_completes(
    tmp_path: Path, late_worker: bool
) -> None:
    # A worker scheduled late (a busy machine) starts running after its parent was killed:
    # it must still notice that it is orphaned, not wait on the job queue for ever.
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    add_articles(corpus, 40, "孵化器")
    killed = run_script(_KILLED_PARALLEL_BUILD, str(corpus), str(index_dir), str(late_worker))
    assert killed.returncode == -9, killed.stderr
    workers = [int(pid) for pid in killed.stdout.split()]
    assert len(workers) == 2
    assert all(_exits(pid) for pid in workers)
    assert build(corpus, index_dir, processes=2).added == 40


# Starts two workers, prints their pids, then kills itself (SIGKILL) before the commit. With
# "True", the second worker waits right after the fork until the parent is gone (the end of a
# pipe whose only other writer is the parent) and the first worker has ended too, so it runs
# only after the kill and finds nothing left in the job queue.
_KILLED_PARALLEL_BUILD = textwrap.dedent(
    """
    import multiprocessing, os, select, signal, sys
    from pathlib import Path
    from corpus_fixtures import build
    from search.indexing import parallel

    parallel.PARALLEL_MIN_PARAGRAPHS = 1
    forks = []

    def before_fork():
        first = [worker.pid for worker in multiprocessing.active_children()]
        forks.append((*os.pipe(), first[0]) if len(forks) == 1 else None)

    def second_starts_after_the_parent_died():
        if len(forks) == 2:
            reader, writer, first = forks[1]
            os.close(writer)
            os.read(reader, 1)  # end of file once the parent, the last writer, is gone
            try:
                ended = os.pidfd_open(first)
            except ProcessLookupError:
                return
            select.select([ended], [], [])  # readable once the first worker has ended

    if sys.argv[3] == "True":
        os.register_at_fork(before=before_fork, after_in_child=second_starts_after_the_parent_died)

    def die(count):
        workers = multiprocessing.active_children()
        if count >= 30 and len(workers) == 2:
            print(" ".join(str(worker.pid) for worker in workers), flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    build(Path(sys.argv[1]), Path(sys.argv[2]), on_write=die, processes=2)
    """
)


@pytest.mark.integration
@pytest.mark.usefixtures("parallel_always")
def test_the_ingest_memory_stays_out_of_the_collector_while_workers_write(
    search_corpus_dir: Path, tmp_path: Path
) -> None:
    # Starting a worker froze and then unfroze everything, the build's frozen memory with it.
    frozen: list[int] = []
    build(
        search_corpus_dir,
        tmp_path / "index",
        processes=2,
        on_write=lambda _: frozen.append(gc.get_freeze_count()),
    )
    assert frozen and min(frozen) > 0
    assert gc.get_freeze_count() == 0  # all of it let go once the build ends


def test_every_worker_but_the_last_is_told_to_stop_before_the_end() -> None:
    # Staggered stops: one worker finishes its segment while the others still write.
    stops = storage_parallel.early_stops(1_000, 4)
    assert stops == sorted(stops) and len(stops) == 3
    assert all(1 <= stop < 1_000 for stop in stops) and len(set(stops)) == 3
    assert storage_parallel.early_stops(2, 3) == [2, 2]  # never before the first job
    assert storage_parallel.early_stops(5, 1) == []
