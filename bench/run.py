"""`make bench`: build our index from xwlb, time the query set warm and cold, compare with peers.

Options: --subset N (paragraphs, default 50000), --full, --skip-peers, --skip-http,
--skip-ranking, --http-seconds S. Writes Markdown to stdout and bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import render
from bench.corpus import OUT, paragraphs_of, select_records, tokenize_all, write_jsonl
from bench.engine import run_child
from bench.peers import ScanPeer, SqlitePeer, TantivyPeer, directory_megabytes
from bench.queries import class_names, load_queries
from bench.report import class_totals, machine_description, summary, time_queries


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subset", type=int, default=50_000, help="paragraphs (default 50000)")
    parser.add_argument("--full", action="store_true", help="the whole corpus (~300k paragraphs)")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-ranking", action="store_true")
    parser.add_argument("--skip-engine", action="store_true", help="peers only")
    parser.add_argument("--http-seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--passes", type=int, default=3, help="timed passes after a warm-up")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--reuse-index",
        type=Path,
        help="copy this index of the same corpus instead of building one (no build figures)",
    )
    parser.add_argument("--render", type=Path, help="only re-render a saved bench/out/*.json")
    return parser.parse_args()


def attempt(results: dict, key: str, function, *arguments) -> None:
    """Record a measurement, or the reason it could not be made, and go on with the others."""
    print(f"[bench] {key} …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        results[key] = function(*arguments)
    except Exception as error:  # a missing or broken part must not hide the other numbers
        traceback.print_exc()
        results[key] = {"error": f"{type(error).__name__}: {error}"}
    print(f"[bench] {key} done in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def build_child(corpus: Path, index_dir: Path) -> dict:
    """`build_index` in a child process: its answer and the peak memory of its process tree."""
    answer, peak = run_child(["build", "--corpus", str(corpus), "--index", str(index_dir)])
    return answer | {"peak_tree_rss_mb": peak["rss"], "peak_tree_pss_mb": peak["pss"]}


def build_ours(corpus: Path, index_dir: Path, paragraphs: int) -> dict:
    answer = build_child(corpus, index_dir)
    answer["megabytes"] = directory_megabytes(index_dir)
    answer["paragraphs_per_second"] = paragraphs / answer["seconds"]
    return answer


def query_ours(index_dir: Path, passes: int, classes: list[str]) -> dict:
    answer, _ = run_child(["serve", "--index", str(index_dir), "--passes", str(passes)])
    answer["first"] = {
        name: run_child(["first", "--index", str(index_dir), "--query-class", name])[0]
        for name in classes
    }
    return answer


def trends_ours(index_dir: Path, passes: int) -> dict:
    return run_child(["trends", "--index", str(index_dir), "--passes", str(passes)])[0]


def profile_ours(index_dir: Path, classes: dict) -> dict:
    slowest = max(classes, key=lambda name: classes[name]["p95"])
    return run_child(["profile", "--index", str(index_dir), "--query-class", slowest])[0]


def entities_ours(index_dir: Path) -> dict:
    """Entity pages and related paragraphs, timed warm in a fresh child (bench/entities.py)."""
    return run_child(["entities", "--index", str(index_dir)])[0]


def measure_peers(paragraphs, work: Path, queries, passes: int) -> dict:
    texts = [paragraph.text for paragraph in paragraphs]
    start = time.perf_counter()
    rows = tokenize_all(texts)
    answers = {"tokenize_seconds": time.perf_counter() - start, "systems": {}}
    for peer in (SqlitePeer(work), TantivyPeer(work, texts), ScanPeer(paragraphs)):
        print(f"[bench] peer {peer.name} …", file=sys.stderr, flush=True)
        seconds = peer.build(paragraphs, rows)
        timings = time_queries(peer.search, queries, passes=passes)
        answers["systems"][peer.name] = {
            "build_seconds": seconds,
            "megabytes": peer.megabytes(),
            "classes": {name: summary(values) for name, values in timings.items()},
            "totals": class_totals(peer.search, queries),
        }
    return answers


def main() -> None:
    options = parse_options()
    if options.render:
        print(render.markdown(json.loads(options.render.read_text(encoding="utf-8"))))
        return
    work = Path(tempfile.mkdtemp(prefix="gaoxin-bench-"))
    records = select_records(None if options.full else options.subset)
    # In a folder of its own: the freshness steps add 1,000 .txt files beside it.
    corpus = write_jsonl(records, work / "corpus" / "xwlb.jsonl")
    paragraphs = paragraphs_of(records)
    queries = load_queries()
    index_dir = work / "index"
    results: dict = {
        "machine": machine_description(),
        "load_average_at_start": os.getloadavg(),
        "corpus": {"articles": len(records), "paragraphs": len(paragraphs), "full": options.full},
        "options": vars(options),
    }
    if options.reuse_index:
        shutil.copytree(options.reuse_index, index_dir)
    elif not options.skip_engine:
        attempt(results, "build", build_ours, corpus, index_dir, len(paragraphs))
    if not options.skip_engine:
        attempt(results, "queries", query_ours, index_dir, options.passes, class_names(queries))
        attempt(results, "trends", trends_ours, index_dir, options.passes)
        classes = results["queries"].get("classes")
        if classes:
            attempt(results, "profile", profile_ours, index_dir, classes)
        attempt(results, "entities", entities_ours, index_dir)
    if not options.skip_peers:
        attempt(results, "peers", measure_peers, paragraphs, work, queries, options.passes)
    if not (options.skip_http or options.skip_engine):
        from bench.http_load import run_load

        load = (index_dir, queries, options.clients, options.http_seconds)
        attempt(results, "http", run_load, *load)
    if not options.skip_engine and not options.reuse_index:  # a copied index rewrites all
        from bench.incremental import measure

        attempt(results, "incremental", measure, corpus, index_dir)
    if not options.skip_ranking:
        from bench.ranking import evaluate

        attempt(results, "ranking", evaluate, options.skip_engine)
    write_outputs(results)
    if not options.keep:
        shutil.rmtree(work, ignore_errors=True)


def write_outputs(results: dict) -> None:
    """Save the raw measurements first, so a rendering problem loses nothing."""
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"bench-{stamp}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    text = render.markdown(results)
    print(text)
    (OUT / f"bench-{stamp}.md").write_text(text + "\n", encoding="utf-8")
    print(f"[bench] wrote {OUT}/bench-{stamp}.md and .json", file=sys.stderr)


if __name__ == "__main__":
    main()
