"""Judged query set over xwlb: pool three systems' top 10s for grading, then evaluate them.

    python bench/judged_pool.py build              # indexes under /work/indexes (once; about
                                                   # 10 min on a quiet 2-core machine)
    python bench/judged_pool.py pool [--only-new]  # run the queries, write runs + the pool
                                                   # (--only-new: list what has no grade yet)
    python bench/judged_pool.py show QUERY_ID [--ungraded | --only-new]  # a query's pool to read
    python bench/judged_pool.py eval               # nDCG@10, Recall@20, unjudged@10 per class

Systems, all over the same paragraphs (the engine's ingest of articles.jsonl.xz, reprints
merged, so every hit has the engine's `paragraph_id`):
- Gaoxin: `gaoxin index` into INDEXES/xwlb-engine, then `SearchService.search(SearchRequest(
  query, per_page=20))`, the call the API makes, the query exactly as typed;
- tantivy and SQLite FTS5: built with `bench/peers.py` on the engine's jieba tokens into
  INDEXES/xwlb-peers; a query is its jieba tokens (query mode, punctuation dropped, each once)
  OR-ed, ranked by BM25 (a bag-of-words BM25 run: AND of the keywords would find nothing for
  most questions).

The pool is the union of the three top 10s (runs are kept to depth 20 for Recall@20). Grades
(`grades.tsv`, graded by reading, rules in bench/judged/RULES.md) are 0/1/2; nDCG@10 uses the
grade as gain and log2(rank + 1) as discount, the ideal ranking made of every graded paragraph
of the query; unjudged hits count as 0 and are reported. Recall@20 is over every paragraph
graded >= 1 for the query. After an engine change, `pool --only-new` also writes
bench/judged/pool-new.jsonl with only the pooled paragraphs that have no grade yet (and lists
them per query), to read, grade and append to grades.tsv; `eval` then scores the new runs.
`eval --saved-runs` rescores bench/judged/runs.tsv (written by `pool`) without searching.
Indexes live outside the repository: GAOXIN_JUDGED_INDEXES or ../indexes (/work/indexes).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import XWLB  # noqa: E402
from bench.judged_build import build_engine, build_peers  # noqa: E402
from bench.judged_eval import (  # noqa: E402
    LABELS,
    POOL_DEPTH,
    RUNS,
    SYSTEMS,
    JudgedQuery,
    evaluate,
    load_grades,
    load_queries,
    markdown,
    peer_wins,
    per_query,
    read_runs,
    short_lists,
)
from bench.judged_systems import EngineOnly, Systems  # noqa: E402

JUDGED = ROOT / "bench" / "judged"

POOL = JUDGED / "pool.jsonl"
POOL_NEW = JUDGED / "pool-new.jsonl"
INDEXES = Path(os.environ.get("GAOXIN_JUDGED_INDEXES", ROOT.parent / "indexes"))


# ---------------------------------------------------------------------------- pooling


def run_all(systems: Systems, queries: list[JudgedQuery]) -> dict[str, dict[str, list]]:
    """query_id -> system -> [(paragraph_id, score)] to depth 20; checks every id is known."""
    runs = {query.query_id: systems.run(query) for query in queries}
    known = systems.paragraphs(
        sorted({pid for ranked in runs.values() for hits in ranked.values() for pid, _ in hits})
    )
    for query_id, ranked in runs.items():
        for hits in ranked.values():
            missing = [pid for pid, _ in hits if pid not in known]
            if missing:
                raise SystemExit(f"{query_id}: engine ids not in the peer table: {missing[:3]}")
    return runs


def write_runs(runs: dict[str, dict[str, list]], path: Path = RUNS) -> None:
    lines = ["# query_id\tsystem\trank\tparagraph_id\tscore (depth 20; written by `pool`)"]
    for query_id, ranked in runs.items():
        for system in SYSTEMS:
            for rank, (pid, score) in enumerate(ranked[system], start=1):
                lines.append(f"{query_id}\t{system}\t{rank}\t{pid}\t{score:.4f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def pooled(runs: dict[str, dict[str, list]], query_id: str) -> list[str]:
    """The union of the three top 10s, sorted by paragraph id (blind to system and rank)."""
    ids = {pid for hits in runs[query_id].values() for pid, _ in hits[:POOL_DEPTH]}
    return sorted(ids)


def write_pool(
    systems: Systems, queries: list[JudgedQuery], runs: dict, target: Path, only_new: bool
) -> int:
    grades = load_grades()
    entries = []
    for query in queries:
        for pid in pooled(runs, query.query_id):
            if only_new and (query.query_id, pid) in grades:
                continue
            entries.append((query, pid))
    texts = systems.paragraphs(sorted({pid for _, pid in entries}))
    with open(target, "w", encoding="utf-8") as handle:
        for query, pid in entries:
            record = {
                "query_id": query.query_id,
                "class": query.query_class,
                "query": query.text,
                "need": query.need,
                "paragraph_id": pid,
                **texts[pid],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(entries)


# ---------------------------------------------------------------------------- commands


def print_new(path: Path) -> None:
    """The ungraded pooled paragraphs per query: what to read and append to grades.tsv."""
    by_query: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_query[record["query_id"]].append(record["paragraph_id"])
    for query_id, ids in by_query.items():
        print(f"{query_id}\t{len(ids)}\t{' '.join(ids)}")


def command_show(query_id: str, ungraded: bool, pool_path: Path) -> None:
    grades = load_grades()
    for line in pool_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["query_id"] != query_id:
            continue
        key = (query_id, record["paragraph_id"])
        if ungraded and key in grades:
            continue
        print(f"== {record['paragraph_id']}  [{record['date']}] {record['title']}")
        print(record["text"])
        print()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["build", "pool", "show", "eval"])
    parser.add_argument("query_id", nargs="?", help="for show")
    parser.add_argument("--corpus", type=Path, default=XWLB)
    parser.add_argument("--engine-index", type=Path, default=INDEXES / "xwlb-engine")
    parser.add_argument("--peer-dir", type=Path, default=INDEXES / "xwlb-peers")
    parser.add_argument(
        "--only-new", action="store_true", help="pool: also list the ungraded pooled paragraphs"
    )
    parser.add_argument("--ungraded", action="store_true", help="show: ungraded paragraphs only")
    parser.add_argument("--saved-runs", action="store_true", help="eval: score runs.tsv, no search")
    parser.add_argument("--per-query", action="store_true", help="eval: nDCG@10 of every query")
    parser.add_argument(
        "--peer-wins",
        action="store_true",
        help="eval: relevant paragraphs in a peer's top 10 and not in Gaoxin's, with Gaoxin's rank",
    )
    parser.add_argument(
        "--engine-only",
        action="store_true",
        help="pool/eval: search with Gaoxin only, the peers' runs read from runs.tsv",
    )
    parser.add_argument(
        "--split", choices=["dev", "test", "all"], default="all", help="eval: which queries"
    )
    return parser


def _searched(
    options: argparse.Namespace, queries: list[JudgedQuery]
) -> tuple[Systems | EngineOnly | None, dict[str, dict[str, list]]]:
    """The systems searched (None for saved runs) and their runs."""
    if options.command == "eval" and options.saved_runs:
        return None, read_runs()
    if options.engine_only:
        engine = EngineOnly(options.engine_index, read_runs())
        return engine, {query.query_id: engine.run(query) for query in queries}
    systems = Systems(options.engine_index, options.peer_dir, options.corpus)
    return systems, run_all(systems, queries)


def _command_pool(
    systems: Systems | EngineOnly, queries: list[JudgedQuery], runs: dict, options, seconds: float
) -> None:
    write_runs(runs)
    count = write_pool(systems, queries, runs, POOL, only_new=False)
    print(f"[judged] {count} pooled paragraphs -> {POOL} ({seconds:.1f} s)", file=sys.stderr)
    if options.only_new:
        count = write_pool(systems, queries, runs, POOL_NEW, only_new=True)
        print(f"[judged] {count} of them without a grade -> {POOL_NEW}", file=sys.stderr)
        print_new(POOL_NEW)


def _command_eval(queries: list[JudgedQuery], runs: dict, options: argparse.Namespace) -> None:
    grades = load_grades()
    print(markdown(evaluate(queries, runs, grades)))
    for split in ("dev", "test"):
        members = [query for query in queries if query.split == split]
        if options.split == "all" and members:
            print(f"\n{split} split ({len(members)} queries; tune on dev, report test):\n")
            print(markdown(evaluate(members, runs, grades)))
    latest = max(query.query_set for query in queries)
    unseen = [query for query in queries if query.query_set == latest]
    if options.split != "dev" and len(unseen) < len(queries):  # the set written after tuning
        print(f"\nset {latest} ({len(unseen)} queries written after the tuning, test only):\n")
        print(markdown(evaluate(unseen, runs, grades)))
    print()
    print(short_lists(queries, runs))
    if options.per_query:
        print()
        print(per_query(queries, runs, grades))
    if options.peer_wins:
        print()
        print(peer_wins(queries, runs, grades))
    print(f"\n{len(queries)} queries, {len(grades)} grades", file=sys.stderr)


def main() -> None:
    options = _parser().parse_args()
    queries = load_queries()
    if options.command == "build":
        build_peers(options.corpus, options.peer_dir)
        seconds = build_engine(options.corpus, options.engine_index)
        print(f"[judged] gaoxin index {seconds:.0f} s", file=sys.stderr)
        return
    if options.command == "show":
        command_show(options.query_id, options.ungraded, POOL_NEW if options.only_new else POOL)
        return
    if options.command == "eval" and options.split != "all":
        queries = [query for query in queries if query.split == options.split]
    start = time.perf_counter()
    systems, runs = _searched(options, queries)
    seconds = time.perf_counter() - start
    if options.command == "pool":
        _command_pool(systems, queries, runs, options, seconds)
        return
    _command_eval(queries, runs, options)
    print(f"{seconds:.1f} s", file=sys.stderr)
    if systems is not None:
        spent = ", ".join(f"{LABELS[n]} {systems.seconds[n]:.1f} s" for n in SYSTEMS)
        print(f"searching (depth 20): {spent}; the rest is opening the indexes", file=sys.stderr)


if __name__ == "__main__":
    main()
