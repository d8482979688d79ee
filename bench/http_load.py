"""HTTP load: `gaoxin serve` on 127.0.0.1 and N client threads hitting /api/search for a while.

Only 127.0.0.1 is ever contacted; the server is a child process this module starts and stops.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.queries import BenchQuery
from bench.report import summary

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
ENTRY_POINT = "import sys; from search.cli import main; sys.argv[0] = 'gaoxin'; sys.exit(main())"


@dataclass
class LoadResult:
    """Latencies of successful requests, error descriptions, and the server's RSS samples."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "requests": len(self.latencies_ms) + len(self.errors),
            "errors": len(self.errors),
            "error_examples": sorted(set(self.errors))[:5],
            "latency": summary(self.latencies_ms),
            "throughput_per_s": len(self.latencies_ms) / self.seconds if self.seconds else 0.0,
            "server_rss_max_mb": max(self.rss_mb, default=0.0),
            "server_rss_last_mb": self.rss_mb[-1] if self.rss_mb else 0.0,
        }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def search_path(query: BenchQuery) -> str:
    """The API URL a browser would request for this query (facets + highlights come with it)."""
    parameters = [("q", query.text), ("per_page", "20")]
    parameters += [(name, value) for name, values in query.filters.items() for value in values]
    return "/api/search?" + urllib.parse.urlencode(parameters)


def start_server(index_dir: Path, port: int) -> subprocess.Popen:
    gaoxin = Path(sys.executable).with_name("gaoxin")
    # Without `pip install -e .` there is no console script: run its entry point the same way.
    program = [str(gaoxin)] if gaoxin.exists() else [sys.executable, "-c", ENTRY_POINT]
    arguments = ["serve", "--host", HOST, "--port", str(port), "--index", str(index_dir)]
    server = subprocess.Popen(
        program + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            message = server.stderr.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"gaoxin serve exited early: {message}")
        try:
            status, _ = get(port, "/api/search?q=&per_page=1")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("gaoxin serve did not answer within 120 s")


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _client(port: int, paths: list[str], offset: int, stop: float, result: LoadResult) -> None:
    number = offset
    while time.monotonic() < stop:
        path = paths[number % len(paths)]
        number += 1
        start = time.perf_counter()
        try:
            status, _body = get(port, path)
        except OSError as error:
            result.errors.append(f"{type(error).__name__}: {error}")
            continue
        elapsed = (time.perf_counter() - start) * 1000
        if status == 200:
            result.latencies_ms.append(elapsed)  # list.append is atomic under the GIL
        else:
            result.errors.append(f"HTTP {status} for {urllib.parse.unquote(path)}")


def _sample_rss(server: psutil.Process, stop: float, result: LoadResult) -> None:
    while time.monotonic() < stop:
        try:
            result.rss_mb.append(server.memory_info().rss / 1e6)
        except psutil.Error:
            return
        time.sleep(0.5)


def run_load(index_dir: Path, queries: list[BenchQuery], clients: int, seconds: float) -> dict:
    """Start the server, run `clients` threads for `seconds`, stop the server; the numbers."""
    port = free_port()
    server = start_server(index_dir, port)
    result = LoadResult()
    try:
        idle_rss = psutil.Process(server.pid).memory_info().rss / 1e6
        paths = [search_path(query) for query in queries]
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(target=_client, args=(port, paths, n * 7, stop, result))
            for n in range(clients)
        ]
        threads.append(
            threading.Thread(target=_sample_rss, args=(psutil.Process(server.pid), stop, result))
        )
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + 60)
        result.seconds = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    return {"clients": clients, "seconds": seconds, "server_rss_idle_mb": idle_rss} | (
        result.as_dict()
    )
