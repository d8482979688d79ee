"""`gaoxin serve --workers 2`: both gunicorn workers answer, and each sees a rebuilt index, with
threads (gunicorn's gthread workers) or one request at a time each (`--threads 1`: sync workers,
which close a connection once its answer is sent)."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from corpus_fixtures import PROJECT_ROOT, build, write_small_corpus

NEW_ARTICLE = "武汉东湖高新区光电子信息产业\n\n武汉东湖高新区光谷激光产业规模持续扩大。\n"
_LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
_READY = re.compile(r"worker (\d+) ready")
_RELEASED = re.compile(r"master (\d+) closed the index")
_WORKER_CLASS = re.compile(r"Using worker: (\w+)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A `gaoxin serve` child process; its log lines are read as they come."""

    def __init__(self, index_dir: Path, workers: int, threads: int | None) -> None:
        command = [sys.executable, "-m", "search.cli", "serve", "--index", str(index_dir)]
        command += ["--port", str(_free_port()), "--workers", str(workers)]
        command += ["--threads", str(threads)] if threads is not None else []
        self.process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)
        self.lines.put("")  # end of output

    def wait_for(self, pattern: re.Pattern[str], count: int) -> list[str]:
        """The first group of the log's first `count` lines matching `pattern`, waiting for
        them (lines logged by the workers and the master come in any order)."""
        found = [match.group(1) for match in map(pattern.search, self.log) if match]
        while len(found) < count:
            line = self.lines.get(timeout=120)
            self.log.append(line)
            assert line, "the server stopped:\n" + "".join(self.log)
            match = pattern.search(line)
            if match:
                found.append(match.group(1))
        return found[:count]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()


def _get(port: int, path: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


@contextmanager
def _only(worker: int, workers: list[int]) -> Iterator[None]:
    """Pause every other worker: requests can then only be accepted by `worker`."""
    others = [pid for pid in workers if pid != worker]
    for pid in others:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in others:
            os.kill(pid, signal.SIGCONT)


def _total(port: int, query: str) -> int:
    return _get(port, f"/api/search?q={quote(query)}")["total"]


def _open_index_files(pid: int, index_dir: Path) -> list[str]:
    """The files of `index_dir` that process `pid` holds open."""
    folder = str(index_dir.resolve())
    targets = [os.readlink(link) for link in Path(f"/proc/{pid}/fd").iterdir()]
    return [target for target in targets if target.startswith(folder)]


def _until_seen(port: int, query: str, seconds: float = 30.0) -> int:
    # A worker looks for a new generation at most every 0.2 s, on a request.
    deadline = time.monotonic() + seconds
    total = _total(port, query)
    while total == 0 and time.monotonic() < deadline:
        total = _total(port, query)
    return total


@pytest.mark.integration
@pytest.mark.skipif(
    not hasattr(os, "fork") or not Path("/proc/self/fd").is_dir(),
    reason="gunicorn forks its workers; /proc lists their open files (Linux)",
)
@pytest.mark.parametrize(
    ("threads", "worker_class"),
    [(2, "gthread"), (1, "PromptSyncWorker"), (None, "PromptSyncWorker")],
)
def test_two_workers_answer_and_each_sees_a_rebuild(
    tmp_path: Path, threads: int | None, worker_class: str
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    server = Server(index_dir, workers=2, threads=threads)
    try:
        port = int(server.wait_for(_LISTENING, 1)[0])
        assert server.wait_for(_WORKER_CLASS, 1) == [worker_class]
        workers = [int(pid) for pid in server.wait_for(_READY, 2)]
        assert len(set(workers)) == 2
        # The master opened the index before forking, then let go of it: a later build's
        # deleted files are not kept on disk by a process that serves nothing.
        master = int(server.wait_for(_RELEASED, 1)[0])
        assert master == server.process.pid
        assert _open_index_files(master, index_dir) == []
        assert _open_index_files(workers[0], index_dir)
        for worker in workers:
            with _only(worker, workers):
                assert _get(port, "/healthz")["status"] == "ok"
                assert _total(port, "光谷激光") == 0

        (corpus / "zz_wuhan.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        build(corpus, index_dir)
        for worker in workers:
            with _only(worker, workers):
                assert _until_seen(port, "光谷激光") == 1
    finally:
        server.stop()


def _send_and_keep_open(port: int, request: bytes) -> socket.socket:
    """A client that sends `request` and keeps its side open, reading nothing yet."""
    client = socket.create_connection(("127.0.0.1", port), timeout=30)
    client.sendall(request)
    return client


def _whole_answer(client: socket.socket) -> tuple[bytes, bytes]:
    """The status line and headers, and the body, of the answer read to the server's close."""
    answer = b""
    while chunk := client.recv(65536):
        answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return head, body


@pytest.mark.integration
@pytest.mark.skipif(not hasattr(os, "fork"), reason="gunicorn forks its workers")
def test_a_client_slow_to_close_does_not_hold_a_sync_worker(tmp_path: Path) -> None:
    """gunicorn's own close would keep the worker waiting (up to 2 s each) for every earlier
    client to close its side before it takes the next connection: five such clients would
    hold the next request for about 10 s."""
    index_dir = tmp_path / "index"
    build(write_small_corpus(tmp_path / "corpus"), index_dir)
    server = Server(index_dir, workers=2, threads=1)
    try:
        port = int(server.wait_for(_LISTENING, 1)[0])
        workers = [int(pid) for pid in server.wait_for(_READY, 2)]
        get = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        body = b"x" * (1 << 20)
        post = b"POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(
            body
        )
        with _only(workers[0], workers):
            held = [_send_and_keep_open(port, get) for _ in range(4)]
            held.append(_send_and_keep_open(port, get * 2))  # a second request sent along
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=8) as answer:
                assert json.loads(answer.read())["status"] == "ok"
            for client in held:  # every answer whole: no reset cut one short
                head, text = _whole_answer(client)
                assert head.startswith(b"HTTP/1.1 200 ") and json.loads(text)["status"] == "ok"
                client.close()
            # A request with a body (here refused) still gets its whole answer.
            client = _send_and_keep_open(port, post + body)
            head, text = _whole_answer(client)
            client.close()
            assert head.startswith(b"HTTP/1.1 405 ") and b"error" in text
    finally:
        server.stop()
