"""`make reliability`: `gaoxin serve` over the xwlb index under 16 clients while a re-index is
killed and rerun, then the long API fuzz and the slow fault tests. Exits 1 on any error.

Only 127.0.0.1 traffic; every loop is bounded in time and count. Results: bench/out/reliability/.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import OUT, ROOT, select_records, write_jsonl
from bench.reliability_load import Load, fetch

WORK = OUT / "reliability"
MARKER = "可靠性测试标记"  # in every paragraph the re-index adds, and nowhere else


def gaoxin(*arguments: str) -> list[str]:
    script = Path(sys.executable).with_name("gaoxin")
    if script.exists():
        return [str(script), *arguments]
    return [sys.executable, "-c", "from search.cli import main; main()", *arguments]


def prepare(paragraphs: int | None, label: str) -> tuple[Path, Path, list[dict]]:
    """The corpus file (restored to the benchmark records) and its index, built or reused."""
    base = WORK / label
    corpus, index_dir = base / "corpus" / "xwlb.jsonl", base / "index"
    records = select_records(paragraphs)
    write_jsonl(records, corpus)  # drops the previous run's additions
    started = time.monotonic()
    subprocess.run(gaoxin("index", "--corpus", str(corpus), "--index", str(index_dir)), check=True)
    print(f"index ready in {time.monotonic() - started:.0f} s: {index_dir}", flush=True)
    return corpus, index_dir, records


def additions(run: str, count: int) -> list[dict]:
    return [
        {
            "id": f"reliability-{run}-{number}",
            "date": "20990101",
            "title": f"可靠性测试文章{number}",
            "url": "",
            "paragraphs": [f"{MARKER}：第{number}篇第{part}段，高新区。" for part in (1, 2)],
        }
        for number in range(count)
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(base_url: str, server: subprocess.Popen, limit: float = 300.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if fetch(base_url, "/healthz", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gaoxin serve did not become healthy")


def sample_rss(pid: int, stop: threading.Event, samples: list[tuple[float, float]]) -> None:
    process, started = psutil.Process(pid), time.monotonic()
    while not stop.wait(2.0):
        try:
            rss = process.memory_info().rss + sum(
                child.memory_info().rss for child in process.children(recursive=True)
            )
        except psutil.Error:
            return
        samples.append((round(time.monotonic() - started, 1), rss / 2**20))


def reindex_with_crash(corpus: Path, index_dir: Path, count: int, log: dict) -> None:
    """Append articles; kill -9 the first `gaoxin index` once its writer has files open (or
    after `kill_after_at_most` s), then rerun it to completion."""
    with open(corpus, "a", encoding="utf-8") as handle:
        for record in additions(str(os.getpid()), count):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    command = gaoxin("index", "--corpus", str(corpus), "--index", str(index_dir))
    before = set(os.listdir(index_dir))
    crashed = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + log["kill_after_at_most"]
    while time.monotonic() < deadline and set(os.listdir(index_dir)) <= before:
        time.sleep(0.02)
    time.sleep(0.5)  # let the writer add some documents
    log["killed_while_running"] = crashed.poll() is None
    log["killed_while_writing"] = not set(os.listdir(index_dir)) <= before
    os.kill(crashed.pid, signal.SIGKILL)
    crashed.wait()
    started = time.monotonic()
    rerun = subprocess.run(command, capture_output=True, text=True)
    log.update(rerun_seconds=round(time.monotonic() - started, 1), rerun_exit=rerun.returncode)
    log["rerun_output"] = (rerun.stdout + rerun.stderr)[-1500:]


def health(base_url: str) -> dict:
    status, body = fetch(base_url, "/healthz")
    return json.loads(body) if status == 200 else {}


def documents_lost(base_url: str, before: dict, count: int) -> int:
    """Paragraphs and articles missing after the re-index (the index should hold old + added)."""
    deadline, expected, found = time.monotonic() + 30, 2 * count, -1
    while time.monotonic() < deadline and found != expected:
        status, body = fetch(base_url, "/api/search?" + urlencode({"q": MARKER, "per_page": 1}))
        found = json.loads(body)["total"] if status == 200 else -1
        time.sleep(0.5)
    after = health(base_url)
    print(f"healthz before: {before}\nhealthz after: {after}", flush=True)
    missing_paragraphs = before["paragraphs"] + expected - after.get("paragraphs", 0)
    missing_articles = before["articles"] + count - after.get("articles", 0)
    return max(0, expected - found) + abs(missing_paragraphs) + abs(missing_articles)


def run_pytest(label: str, arguments: list[str], examples: int) -> dict:
    environment = {**os.environ, "GAOXIN_FUZZ_EXAMPLES": str(examples)}
    started = time.monotonic()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    print(result.stdout[-800:], flush=True)
    seconds = round(time.monotonic() - started, 1)
    return {"step": label, "exit": result.returncode, "seconds": seconds}


def serve(index_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = gaoxin("serve", "--host", "127.0.0.1", "--port", str(port), "--index", str(index_dir))
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, f"http://127.0.0.1:{port}"


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def load_phase(arguments: argparse.Namespace, label: str) -> dict:
    """Serve the index, run the clients at least `seconds` and until the re-index is done."""
    corpus, index_dir, records = prepare(arguments.paragraphs, label)
    server, base_url = serve(index_dir)
    rss: list[tuple[float, float]] = []
    stop = threading.Event()
    log = {"kill_after_at_most": arguments.kill_after, "added_articles": arguments.additions}
    try:
        wait_healthy(base_url, server)
        facets = json.loads(fetch(base_url, "/api/facets")[1])
        load = Load(base_url, {name: [b["value"] for b in items] for name, items in facets.items()})
        before = health(base_url)
        threading.Thread(target=sample_rss, args=(server.pid, stop, rss), daemon=True).start()
        reindex = threading.Thread(
            target=reindex_with_crash, args=(corpus, index_dir, arguments.additions, log)
        )
        started = time.monotonic()
        minimum, maximum = started + arguments.seconds, started + arguments.seconds + 1800

        def done() -> bool:
            now = time.monotonic()
            return now >= maximum or (now >= minimum and not reindex.is_alive())

        reindex.start()
        load.run(arguments.clients, done)
        reindex.join()
        held = time.monotonic() - started
        lost = documents_lost(base_url, before, arguments.additions)
    finally:
        stop.set()
        stop_server(server)
    values = [value for _, value in rss] or [0.0]
    return load.summary() | {
        "paragraphs": sum(len(record["paragraphs"]) for record in records),
        "clients": arguments.clients,
        "seconds": round(held, 1),
        "error_examples": load.errors[:10],
        "rss_mb": {"first": round(values[0]), "max": round(max(values)), "last": round(values[-1])},
        "rss_samples": rss,
        "reindex": log,
        "documents_lost": lost,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5k paragraphs, 20 s, short fuzz")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--additions", type=int, default=20, help="articles the re-index adds")
    parser.add_argument("--kill-after", type=float, default=None, help="kill -9 by then (s)")
    parser.add_argument("--fuzz-examples", type=int, default=None)
    arguments = parser.parse_args()
    quick = arguments.quick
    arguments.paragraphs = 5_000 if quick else None
    arguments.seconds = arguments.seconds or (20.0 if quick else 120.0)
    arguments.kill_after = arguments.kill_after or (30.0 if quick else 600.0)
    examples = arguments.fuzz_examples or (300 if quick else 3000)
    label = "quick" if quick else "full"
    report = {"mode": label, "load": load_phase(arguments, label)}
    fuzz = ["tests/web/test_hostile_input.py", "-k", "fuzz"]
    report["fuzz"] = run_pytest("fuzz", fuzz, examples) | {"examples_per_route": examples}
    report["slow"] = run_pytest("slow cases", ["-m", "slow or integration"], 200)
    target = WORK / f"result-{label}.json"
    target.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    summary = {key: value for key, value in report["load"].items() if key != "rss_samples"}
    print(json.dumps(summary | {"fuzz": report["fuzz"], "slow": report["slow"]}, indent=1))
    load = report["load"]
    checks = (load["errors"], load["documents_lost"], load["reindex"].get("rerun_exit") != 0)
    failed = any(checks) or report["fuzz"]["exit"] or report["slow"]["exit"]
    print(f"results written to {target}; {'FAILED' if failed else 'passed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
