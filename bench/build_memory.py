"""A full build's memory over time, per process: `bench/engine.py build` in a child (as
`bench/run.py` runs it) with the PSS of it and each worker sampled every 0.2 s.

`python bench/build_memory.py --corpus FILE --index DIR [--out trace.jsonl]` prints the build's
answer, the peak of the process tree and a coarse timeline; `--out` keeps every sample.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

ENGINE = Path(__file__).resolve().parent / "engine.py"


def _sample(process: psutil.Process) -> dict[int, float]:
    """PSS (MB) of the process and each of its children now."""
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return {}
    found = {}
    for member in members:
        try:
            found[member.pid] = round(member.memory_full_info().pss / 1e6)
        except psutil.Error:  # a worker that just exited
            continue
    return found


def trace(corpus: Path, index: Path) -> tuple[dict, list[tuple[float, dict[int, float]]]]:
    command = [sys.executable, str(ENGINE), "build", "--corpus", str(corpus), "--index", str(index)]
    start = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    handle, samples = psutil.Process(child.pid), []
    while child.poll() is None:
        samples.append((round(time.monotonic() - start, 1), _sample(handle)))
        time.sleep(0.2)
    output, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"build failed with exit code {child.returncode}")
    return json.loads(output.strip().splitlines()[-1]), samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    options = parser.parse_args()
    shutil.rmtree(options.index, ignore_errors=True)
    answer, samples = trace(options.corpus, options.index)
    totals = [sum(pss.values()) for _, pss in samples]
    peak = max(range(len(samples)), key=totals.__getitem__)
    print(json.dumps(answer))
    print(f"peak PSS of the tree {totals[peak]:.0f} MB at {samples[peak][0]} s: {samples[peak][1]}")
    for moment, pss in samples[:: max(1, len(samples) // 30)]:
        print(f"{moment:7.1f} s {sum(pss.values()):6.0f} MB  {sorted(pss.values(), reverse=True)}")
    if options.out:
        with options.out.open("w", encoding="utf-8") as stream:
            for moment, pss in samples:
                stream.write(json.dumps({"t": moment, "pss": pss}) + "\n")


if __name__ == "__main__":
    main()
