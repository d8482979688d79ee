"""`gaoxin index --watch`: each change is indexed, a bad file is reported and skipped, Ctrl+C
stops it cleanly."""

from __future__ import annotations

import functools
import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from corpus_fixtures import PROJECT_ROOT, write_small_corpus

from search.indexing.builder import build_index
from search.indexing.watch import Cycle, watch
from search.models import SearchRequest
from search.service import SearchService

NEW_ARTICLE = "武汉东湖高新区光电子信息产业\n\n武汉东湖高新区光谷激光产业规模持续扩大。\n"


class Script:
    """Changes the corpus after each build the watcher reports, then stops it."""

    def __init__(self, corpus: Path, stop: threading.Event) -> None:
        self.corpus = corpus
        self.stop = stop
        self.reports: list = []
        self.polls = 0

    def __call__(self, cycle: Cycle) -> None:
        self.polls += 1
        assert cycle.error is None
        if self.polls > 200:  # a change went unnoticed: end instead of spinning forever
            self.stop.set()
        if cycle.report is None:
            return
        self.reports.append(cycle.report)
        if len(self.reports) == 1:
            (self.corpus / "zz_wuhan.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        elif len(self.reports) == 2:
            (self.corpus / "zz_broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
        else:
            self.stop.set()


def test_each_change_is_indexed_and_a_bad_file_skipped(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    stop = threading.Event()
    script = Script(corpus, stop)
    build = functools.partial(build_index, corpus, index_dir)
    watch(corpus, build, stop, interval=0, debounce=0, on_cycle=script)

    first, added, broken = script.reports
    assert (first.added, added.added, added.unchanged) == (4, 1, 4)
    assert (broken.added, broken.unchanged) == (0, 5)
    assert [item.file for item in broken.skipped] == ["zz_broken.txt"]  # relative: no paths
    assert "PNG" in broken.skipped[0].reason
    with SearchService(index_dir) as service:
        assert service.search(SearchRequest(query="光谷激光")).total == 1


def test_an_unchanged_corpus_is_not_built_again(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    stop = threading.Event()
    cycles: list[Cycle] = []

    def on_cycle(cycle: Cycle) -> None:
        cycles.append(cycle)
        if len(cycles) == 5:
            stop.set()

    build = functools.partial(build_index, corpus, tmp_path / "index")
    watch(corpus, build, stop, interval=0, debounce=0, on_cycle=on_cycle)
    assert [cycle.report is not None for cycle in cycles] == [True, False, False, False, False]


def _ignore_interrupts() -> None:
    """What a non-interactive shell does to a job it starts in the background (CI, nohup &)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.integration  # a `gaoxin` process and a signal
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_a_signal_stops_watching_without_a_traceback(tmp_path: Path, stop_signal: int) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    command = [sys.executable, "-m", "search.cli", "index", "--watch", "--interval", "0.2"]
    command += ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    with subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ignore_interrupts,  # Ctrl+C must work even when SIGINT came in ignored
    ) as process:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:  # until the first build is done
            lines.append(line)
            if line.startswith("Watching"):
                break
        process.send_signal(stop_signal)
        try:
            rest, errors = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:  # never leave the test waiting on a live watcher
            process.kill()
            rest, errors = process.communicate()
            pytest.fail(f"{stop_signal!r} did not stop `gaoxin index --watch`:\n" + errors[-2000:])
    assert "added 4" in "".join(lines), "".join(lines) + rest + errors
    assert process.returncode == 0
    assert "Stopped watching" in errors and "Traceback" not in errors


class CopyingWhileWaiting(threading.Event):
    """A stop event whose every wait stands for time passing while a file is being copied in:
    one more chunk lands per wait, until the copy is complete."""

    def __init__(self, target: Path, chunks: list[bytes]) -> None:
        super().__init__()
        self.target = target
        self.chunks = chunks

    def wait(self, timeout: float | None = None) -> bool:
        if self.chunks:
            with self.target.open("ab") as stream:
                stream.write(self.chunks.pop(0))
        return self.is_set()


def test_a_file_still_being_copied_is_built_once_complete(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    records = [
        json.dumps({"id": f"c{number}", "title": "通知", "paragraphs": [f"第{number}号公告。"]})
        for number in range(6)
    ]
    data = ("\n".join(records) + "\n").encode()
    chunks = [data[start : start + 40] for start in range(0, len(data), 40)]
    stop = CopyingWhileWaiting(corpus / "zz_copy.jsonl", chunks)
    reports = []

    polls = []

    def on_cycle(cycle: Cycle) -> None:
        assert cycle.error is None
        polls.append(cycle)
        if cycle.report is not None:
            reports.append(cycle.report)
        if (not stop.chunks and len(reports) == 2) or len(polls) > 200:
            stop.set()

    build = functools.partial(build_index, corpus, tmp_path / "index")
    watch(corpus, build, stop, interval=1, debounce=1, on_cycle=on_cycle)
    # The first build ran at start; while the copy went on nothing was built; once it had
    # settled, one build read the whole file: no half-written record was ever reported.
    assert len(reports) == 2
    assert (reports[1].added, reports[1].skipped) == (6, ())


def test_a_missing_corpus_is_reported_and_watched_until_it_returns(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    stop = threading.Event()
    cycles: list[Cycle] = []

    def on_cycle(cycle: Cycle) -> None:
        cycles.append(cycle)
        if len(cycles) == 2:
            write_small_corpus(corpus)
        if cycle.report is not None or len(cycles) > 200:
            stop.set()

    build = functools.partial(build_index, corpus, tmp_path / "index")
    watch(corpus, build, stop, interval=0, debounce=0, on_cycle=on_cycle)
    assert "no such corpus" in cycles[0].error.message
    assert cycles[1].error is None and cycles[1].report is None  # reported once, not per poll
    assert cycles[-1].report is not None and cycles[-1].report.added == 4


class RecordingWaits(threading.Event):
    """A stop event that records how long each wait was asked to last, without waiting."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout)
        return self.is_set()


@pytest.mark.parametrize(
    ("change", "debounced"),
    [("append a record", False), ("append half a record", True), ("edit a text", True)],
)
def test_whole_appended_records_skip_the_debounce(
    tmp_path: Path, change: str, debounced: bool
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    archive = corpus / "zz_feed.jsonl"
    first = json.dumps({"id": "f1", "title": "快讯", "paragraphs": ["首条快讯。"]}) + "\n"
    archive.write_text(first, encoding="utf-8")
    second = json.dumps({"id": "f2", "title": "快讯", "paragraphs": ["第二条快讯。"]}) + "\n"
    stop = RecordingWaits()
    reports: list = []

    def on_cycle(cycle: Cycle) -> None:
        assert cycle.error is None
        if cycle.report is not None:
            reports.append(cycle.report)
        if len(reports) == 1 and not stop.waits:  # the first build is done: change the corpus
            if change == "edit a text":
                (corpus / sorted(p.name for p in corpus.glob("*.txt"))[0]).write_text(
                    NEW_ARTICLE, encoding="utf-8"
                )
            else:
                text = second if change == "append a record" else second[:20]
                with archive.open("a", encoding="utf-8") as stream:
                    stream.write(text)
        if len(reports) == 2 or len(stop.waits) > 20:
            stop.set()

    build = functools.partial(build_index, corpus, tmp_path / "index")
    watch(corpus, build, stop, interval=2, debounce=0.5, on_cycle=on_cycle)
    assert (0.5 in stop.waits) == debounced
    if change == "append a record":
        assert len(reports) == 2 and reports[1].added == 1
