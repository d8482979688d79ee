"""Freshness on the whole xwlb corpus (issue 17): `gaoxin index` over the unchanged corpus, one
appended record (and when a server already running finds it), 1,000 appended records, a folder of
1,000 `.txt` files added beside the archive, then one of them edited.

    python bench/incremental.py [--work DIR]     # builds DIR/index once, then measures

`make bench-full` runs the same measurements on its own index (`bench/run.py`). Each figure is
the wall time of the command as a user runs it, with its CPU time (user + system) and load.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import read_records, write_jsonl
from search.models import SearchRequest
from search.service import SearchService

GAOXIN = Path(sys.executable).with_name("gaoxin")
FOLDER_FILES = 1_000


def _command(corpus: Path, index_dir: Path) -> list[str]:
    return [str(GAOXIN), "index", "--corpus", str(corpus), "--index", str(index_dir)]


def _finished(process: subprocess.Popen, start: float, before: resource.struct_rusage) -> dict:
    """Wait for `gaoxin index`: its wall and CPU seconds (since `start`), and its summary."""
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args, stdout, stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "load": os.getloadavg()[0],
        "output": stdout.strip().splitlines()[0],
    }


def _started(corpus: Path, index_dir: Path) -> tuple[subprocess.Popen, float, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        _command(corpus, index_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    return process, start, before


def index_command(corpus: Path, index_dir: Path) -> dict:
    """`gaoxin index` as a user runs it: wall and CPU seconds, and its summary line."""
    return _finished(*_started(corpus, index_dir))


def _append(corpus: Path, count: int, tag: str) -> str:
    """Append `count` records; returns a word only the first of them contains."""
    with corpus.open("a", encoding="utf-8") as stream:
        for number in range(count):
            record = {
                "id": f"bench-{tag}-{number}",
                "date": "2026-07-01",
                "title": f"增量基准追加第{number}篇",
                "paragraphs": [f"增量基准{tag}第{number}段：高新区集成电路产业项目签约落地。"],
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return f"增量基准{tag}第0段"


def _warm(index_dir: Path) -> SearchService:
    """A service opened and searched once, like a running `gaoxin serve` (it looks for a new
    generation at each request once a build's commit rewrote the manifest)."""
    service = SearchService(index_dir)
    service.search(SearchRequest(query="高新区"))
    return service


def _found_after(service: SearchService, word: str, start: float) -> float | None:
    """Seconds from `start` until `service` finds `word` (None: not within 300 s)."""
    while not service.search(SearchRequest(query=f'"{word}"')).total:
        if time.perf_counter() - start > 300:
            return None
        time.sleep(0.02)
    return round(time.perf_counter() - start, 3)


def one_shot(corpus: Path, index_dir: Path, change: Callable[[str], str]) -> dict:
    """Make one change, run `gaoxin index`: its time, and when a warm service answers it,
    counted from the command's start while it runs (the command goes on saving what it read
    after its commit has made the change searchable)."""
    with _warm(index_dir) as service:
        word = change(time.strftime("one%H%M%S"))
        process, start, before = _started(corpus, index_dir)
        try:
            searchable = _found_after(service, word, start)
        finally:
            answer = _finished(process, start, before)
        answer["searchable_seconds"] = searchable
    return answer


def watching(corpus: Path, index_dir: Path, change: Callable[[str], str]) -> dict:
    """The same change made twice while `gaoxin index --watch --interval 0.2` runs: seconds
    from the second change (the first loaded the tagger) until a warm service answers it."""
    command = [str(GAOXIN), "index", "--watch", "--interval", "0.2"]
    command += ["--corpus", str(corpus), "--index", str(index_dir)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as watcher:
        assert watcher.stdout is not None
        lines = []
        with _warm(index_dir) as service:
            for round_number in range(2):
                while not (line := watcher.stdout.readline()).startswith("Watching"):
                    lines.append(line.strip())
                word = change(time.strftime(f"watch{round_number}%H%M%S"))
                start = time.perf_counter()
                seconds = _found_after(service, word, start)
        watcher.send_signal(signal.SIGINT)
        rest, _ = watcher.communicate(timeout=120)
    built = [line for line in lines + rest.splitlines() if "articles" in line]
    return {"searchable_seconds": seconds, "load": os.getloadavg()[0], "output": built[-1]}


def write_folder(folder: Path, count: int = FOLDER_FILES) -> None:
    """`count` one-article `.txt` files beside the archive (new text: not reprints of it)."""
    for number in range(count):
        body = f"增量基准园区简报第{number}期：新增孵化器{number % 7 + 1}家。"
        text = f"园区简报第{number}期\n\n{body}\n"
        (folder / f"brief-{number:04}.txt").write_text(text, encoding="utf-8")


def _edit_one_file(folder: Path, tag: str) -> str:
    """Rewrite one `.txt` of the folder; returns a word only it contains now."""
    target = folder / f"brief-{FOLDER_FILES // 2:04}.txt"
    target.write_text(f"园区简报改写版\n\n增量基准{tag}改写后的园区简报：新增加速器。\n", "utf-8")
    return f"增量基准{tag}改写"


def measure(corpus: Path, index_dir: Path) -> dict:
    """Every freshness figure over an index already built from the plain `.jsonl` `corpus`
    (its folder gets the 1,000 `.txt` files; the corpus then becomes the folder)."""
    append = functools.partial(_append, corpus, 1)
    folder = corpus.parent
    edit = functools.partial(_edit_one_file, folder)
    results = {"no_op": index_command(corpus, index_dir)}
    results["append_1"] = one_shot(corpus, index_dir, append)
    results["append_1_watching"] = watching(corpus, index_dir, append)
    _append(corpus, 1_000, time.strftime("many%H%M%S"))
    results["append_1000"] = index_command(corpus, index_dir)
    write_folder(folder)
    results["add_folder_1000_files"] = index_command(folder, index_dir)
    results["edit_1_of_1000_files"] = one_shot(folder, index_dir, edit)
    results["edit_1_of_1000_files_watching"] = watching(folder, index_dir, edit)
    results["no_op_folder"] = index_command(folder, index_dir)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gaoxin-bench-incremental"))
    options = parser.parse_args()
    corpus, index_dir = options.work / "corpus" / "xwlb.jsonl", options.work / "index"
    results: dict = {"load_average_at_start": os.getloadavg()}
    if not corpus.exists():
        write_jsonl(list(read_records()), corpus)
    if not index_dir.exists():
        results["full_build"] = index_command(corpus, index_dir)
    results |= measure(corpus, index_dir)
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
