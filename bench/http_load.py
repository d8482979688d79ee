"""HTTP load: `gaoxin serve` on 127.0.0.1 and N client threads hitting /api/search for a while;
also how soon a fresh server answers its first search, and its processes' memory.

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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.queries import BenchQuery
from bench.report import summary

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
# The first search a fresh server answers: a common word with facets, as a first visitor asks.
FIRST_SEARCH = "/api/search?q=%E9%AB%98%E6%96%B0%E5%8C%BA&per_page=20"
ENTRY_POINT = "import sys; from search.cli import main; sys.argv[0] = 'gaoxin'; sys.exit(main())"


@dataclass
class LoadResult:
    """Latencies of successful requests, error descriptions, and the server's RSS samples."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)  # the largest process's, per sample
    pss_mb: list[float] = field(default_factory=list)  # all server processes', per sample
    # Per process (the master first, then the workers by pid): the largest RSS and PSS sampled.
    peaks: dict[int, dict[str, float]] = field(default_factory=dict)
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
            "server_pss_max_mb": max(self.pss_mb, default=0.0),
            "server_processes_peak_mb": [self.peaks[pid] for pid in sorted(self.peaks)],
        }

    def note(self, members: dict[int, tuple[float, float]]) -> None:
        """One memory sample: every server process's (RSS, PSS) in MB by pid."""
        self.rss_mb.append(max((rss for rss, _ in members.values()), default=0.0))
        self.pss_mb.append(sum(pss for _, pss in members.values()))
        for pid, (rss, pss) in members.items():
            peak = self.peaks.setdefault(pid, {"rss": 0.0, "pss": 0.0})
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def search_path(query: BenchQuery) -> str:
    """The API URL a browser would request for this query (facets + highlights come with it)."""
    parameters = [("q", query.text), ("per_page", "20")]
    parameters += [(name, value) for name, values in query.filters.items() for value in values]
    return "/api/search?" + urllib.parse.urlencode(parameters)


def start_server(
    index_dir: Path, port: int, workers: int | None = None, threads: int | None = None
) -> tuple[subprocess.Popen, float]:
    """Start `gaoxin serve`; return it and the seconds until it answered its first search."""
    gaoxin = Path(sys.executable).with_name("gaoxin")
    # Without `pip install -e .` there is no console script: run its entry point the same way.
    program = [str(gaoxin)] if gaoxin.exists() else [sys.executable, "-c", ENTRY_POINT]
    arguments = ["serve", "--host", HOST, "--port", str(port), "--index", str(index_dir)]
    if workers is not None:
        arguments += ["--workers", str(workers)]
    if threads is not None:
        arguments += ["--threads", str(threads)]
    started = time.perf_counter()
    server = subprocess.Popen(
        program + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            message = server.stderr.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"gaoxin serve exited early: {message}")
        try:
            status, _ = get(port, FIRST_SEARCH)
            if status == 200:
                return server, time.perf_counter() - started
        except OSError:
            time.sleep(0.02)
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


def _client(
    port: int, paths: list[str], offset: int, stop: float, result: LoadResult, keep_alive: bool
) -> None:
    """One client: requests one after the other until `stop`; with `keep_alive`, over one
    persistent connection as a browser keeps (opened again whenever the server closed it),
    else a new connection per request."""
    number = offset
    connection = http.client.HTTPConnection(HOST, port, timeout=30) if keep_alive else None
    while time.monotonic() < stop:
        path = paths[number % len(paths)]
        number += 1
        start = time.perf_counter()
        try:
            status, _body = _request(connection, port, path)
        except (OSError, http.client.HTTPException) as error:
            result.errors.append(f"{type(error).__name__}: {error}")
            if connection is not None:
                connection.close()  # the next request opens a new one
            continue
        elapsed = (time.perf_counter() - start) * 1000
        if status == 200:
            result.latencies_ms.append(elapsed)  # list.append is atomic under the GIL
        else:
            result.errors.append(f"HTTP {status} for {urllib.parse.unquote(path)}")
    if connection is not None:
        connection.close()


def _request(connection: http.client.HTTPConnection | None, port: int, path: str):
    """GET `path` on `connection` (http.client reconnects after a `Connection: close`), or on
    a connection of its own."""
    if connection is None:
        return get(port, path)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def members_memory_mb(server: psutil.Process) -> dict[int, tuple[float, float]]:
    """RSS and PSS (pages shared between processes divided among them) of the server and its
    workers, by pid."""
    found = {}
    for member in [server, *server.children(recursive=True)]:
        try:
            memory = member.memory_full_info()
        except psutil.Error:  # a worker that gunicorn just replaced
            continue
        found[member.pid] = (memory.rss / 1e6, memory.pss / 1e6)
    return found


def cpu_seconds(server: psutil.Process) -> float:
    """CPU seconds (user + system) the server and its workers have used: on a busy machine a
    steadier figure of a start's work than the wall time to its first answer."""
    total = 0.0
    for member in [server, *server.children(recursive=True)]:
        try:
            times = member.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def _sample_rss(server: psutil.Process, stop: float, result: LoadResult) -> None:
    while time.monotonic() < stop:
        try:
            result.note(members_memory_mb(server))
        except psutil.Error:
            return
        time.sleep(0.5)


def run_load(
    index_dir: Path,
    queries: list[BenchQuery],
    clients: int,
    seconds: float,
    workers: int | None = None,
    threads: int | None = None,
    keep_alive: bool = False,
) -> dict:
    """Start the server, run `clients` threads for `seconds`, stop the server; the numbers.
    `workers`, `threads`: `gaoxin serve --workers / --threads` (default: its own);
    `keep_alive`: each client keeps one connection open (a browser's), else one per request."""
    port = free_port()
    server, first_answer = start_server(index_dir, port, workers, threads)
    result = LoadResult()
    try:
        first_cpu = cpu_seconds(psutil.Process(server.pid))
        idle = members_memory_mb(psutil.Process(server.pid))
        paths = [search_path(query) for query in queries]
        stop = time.monotonic() + seconds
        runners = [
            threading.Thread(target=_client, args=(port, paths, n * 7, stop, result, keep_alive))
            for n in range(clients)
        ]
        runners.append(
            threading.Thread(target=_sample_rss, args=(psutil.Process(server.pid), stop, result))
        )
        started, client_cpu = time.monotonic(), time.process_time()
        server_cpu = cpu_seconds(psutil.Process(server.pid))
        for thread in runners:
            thread.start()
        for thread in runners:
            thread.join(seconds + 60)
        result.seconds = time.monotonic() - started
        # CPU seconds of the load: the server's processes and this one's client threads.
        client_cpu = time.process_time() - client_cpu
        server_cpu = cpu_seconds(psutil.Process(server.pid)) - server_cpu
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    return {
        "clients": clients,
        "seconds": seconds,
        "workers": workers,
        "threads": threads,
        "keep_alive": keep_alive,
        "client_cpu_s": client_cpu,
        "server_cpu_s": server_cpu,
        "first_answer_s": first_answer,
        "first_answer_cpu_s": first_cpu,
        "server_rss_idle_mb": max((rss for rss, _ in idle.values()), default=0.0),
        "server_pss_idle_mb": sum(pss for _, pss in idle.values()),
        "server_processes_idle_mb": [
            {"rss": idle[pid][0], "pss": idle[pid][1]} for pid in sorted(idle)
        ],
    } | result.as_dict()


def main() -> None:
    """`python bench/http_load.py --index DIR [--clients 8] [--seconds 60] [--workers N]
    [--threads N] [--keep-alive]`: the load alone (bench/run.py runs it after the other
    measurements), as JSON."""
    import argparse
    import json
    import os

    from bench.queries import load_queries

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None, help="gaoxin serve --threads")
    parser.add_argument(
        "--keep-alive", action="store_true", help="one persistent connection per client"
    )
    options = parser.parse_args()
    load = run_load(
        options.index,
        load_queries(),
        options.clients,
        options.seconds,
        options.workers,
        options.threads,
        options.keep_alive,
    )
    print(json.dumps({"load_average": os.getloadavg(), **load}, ensure_ascii=False))


if __name__ == "__main__":
    main()
