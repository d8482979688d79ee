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
import hashlib
import itertools
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import XWLB, BenchParagraph, tokens  # noqa: E402
from bench.judged_eval import (  # noqa: E402
    LABELS,
    POOL_DEPTH,
    RUN_DEPTH,
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
from bench.peers import SqlitePeer, TantivyPeer, fts_phrase  # noqa: E402

JUDGED = ROOT / "bench" / "judged"

POOL = JUDGED / "pool.jsonl"
POOL_NEW = JUDGED / "pool-new.jsonl"
INDEXES = Path(os.environ.get("GAOXIN_JUDGED_INDEXES", ROOT.parent / "indexes"))


# ---------------------------------------------------------------------------- building


def _digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:8]


def engine_dictionary() -> int:
    """Teach jieba the vocabulary words exactly as the engine does when it indexes (Tagger)
    and when it searches (SearchService), so peers cut text into the engine's tokens
    (雄安新区, 临港新片区 stay one word). Returns how many words were added."""
    try:
        from search.entities.taxonomy import load_taxonomy
        from search.text.tokens import add_words, dictionary_size
    except ImportError:  # a bare engine without vocabularies: plain jieba
        return 0
    add_words(load_taxonomy(None).dictionary_words())
    return dictionary_size()


def peer_fingerprint(corpus: Path) -> dict:
    """What the peer indexes depend on: the corpus file, the ingest, the analyzer and the
    vocabulary words jieba is taught."""
    stat = corpus.stat()
    taxonomy = sorted((ROOT / "search" / "entities" / "taxonomy").glob("*.yaml"))
    return {
        "corpus": str(corpus),
        "corpus_size": stat.st_size,
        "corpus_mtime": int(stat.st_mtime),
        "ingest": _digest(ROOT / "search" / "ingest" / "corpus.py"),
        "analysis": _digest(ROOT / "search" / "text" / "tokens.py"),
        "taxonomy": hashlib.sha1(b"".join(path.read_bytes() for path in taxonomy)).hexdigest()[:8],
    }


def _tokens_of_chunk(texts: list[str]) -> list[list[str]]:
    return [tokens(text) for text in texts]


def build_engine(corpus: Path, index_dir: Path) -> float:
    """`gaoxin index` of this checkout (incremental: cheap when nothing changed)."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "search.cli", "index", "--corpus", str(corpus)]
    subprocess.run([*command, "--index", str(index_dir)], check=True, cwd=ROOT)
    return time.perf_counter() - start


def build_peers(corpus: Path, directory: Path, processes: int = 2) -> None:
    """Both peers over the engine's paragraphs, plus a table number -> paragraph_id, title."""
    from search.ingest.corpus import load_corpus

    # The vocabulary goes into jieba before the tokenizing workers fork.
    fingerprint = peer_fingerprint(corpus) | {"dictionary_words": engine_dictionary()}
    manifest = directory / "manifest.json"
    if manifest.exists() and json.loads(manifest.read_text()) == fingerprint:
        print(f"[judged] peers up to date in {directory}", file=sys.stderr)
        return
    if manifest.exists() and _same_paragraphs(corpus, directory, json.loads(manifest.read_text())):
        manifest.write_text(json.dumps(fingerprint, indent=1))
        print("[judged] peers still match the ingest; manifest renewed", file=sys.stderr)
        return
    manifest.unlink(missing_ok=True)
    start = time.perf_counter()
    rows_meta: list[tuple[int, str, str, str]] = []
    paragraphs: list[BenchParagraph] = []
    for article in load_corpus(corpus).articles:
        year, month = article.date[:4], article.date[:7]
        for paragraph in article.paragraphs:
            number = len(paragraphs)
            paragraphs.append(BenchParagraph(number, paragraph.text, year, month))
            rows_meta.append((number, paragraph.paragraph_id, article.title, article.date))
    print(f"[judged] {len(paragraphs)} paragraphs read", file=sys.stderr, flush=True)
    texts = [p.text for p in paragraphs]
    chunks = [texts[i : i + 2000] for i in range(0, len(texts), 2000)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        rows = [row for chunk in pool.map(_tokens_of_chunk, chunks) for row in chunk]
    print(f"[judged] tokenized in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    directory.mkdir(parents=True, exist_ok=True)
    sqlite_peer = SqlitePeer(directory)
    print(f"[judged] SQLite FTS5 {sqlite_peer.build(paragraphs, rows):.0f} s", file=sys.stderr)
    sqlite_peer.connection.executescript(
        "CREATE TABLE ident(id INTEGER PRIMARY KEY, paragraph_id TEXT UNIQUE, title TEXT,"
        " date TEXT);"
    )
    sqlite_peer.connection.executemany("INSERT INTO ident VALUES (?, ?, ?, ?)", rows_meta)
    sqlite_peer.connection.commit()
    tantivy_peer = TantivyPeer(directory, texts)
    print(f"[judged] tantivy {tantivy_peer.build(paragraphs, rows):.0f} s", file=sys.stderr)
    manifest.write_text(json.dumps(fingerprint, indent=1))


def _same_paragraphs(corpus: Path, directory: Path, built: dict) -> bool:
    """True when only the ingest code or the corpus file's mtime changed and the current ingest
    still gives the peers' paragraphs (same numbers, ids and texts): no need to re-tokenize."""
    from search.ingest.corpus import load_corpus

    current = peer_fingerprint(corpus) | {"dictionary_words": engine_dictionary()}
    ignored = {"ingest", "corpus_mtime"}
    if any(built.get(key) != value for key, value in current.items() if key not in ignored):
        return False
    connection = sqlite3.connect(directory / "fts5.sqlite")
    stored = connection.execute(
        "SELECT i.id, i.paragraph_id, p.text FROM ident i JOIN para p ON p.id = i.id ORDER BY i.id"
    )
    paragraphs = (
        paragraph for article in load_corpus(corpus).articles for paragraph in article.paragraphs
    )
    numbered = (
        (number, paragraph.paragraph_id, paragraph.text)
        for number, paragraph in enumerate(paragraphs)
    )
    same = all(left == right for left, right in itertools.zip_longest(stored, numbered))
    connection.close()
    return same


# ---------------------------------------------------------------------------- searching


class Systems:
    """The three systems opened on their indexes; `run(query)` gives each one's ranked ids."""

    def __init__(self, engine_index: Path, peer_dir: Path, corpus: Path) -> None:
        import tantivy

        from search.service import SearchService

        manifest = peer_dir / "manifest.json"
        built = json.loads(manifest.read_text()) if manifest.exists() else {}
        words = built.pop("dictionary_words", None)
        if built != peer_fingerprint(corpus):
            raise SystemExit(f"peer indexes in {peer_dir} missing or stale: run `build` first")
        self.seconds = dict.fromkeys(SYSTEMS, 0.0)  # time spent in each system's searches
        self.service = SearchService(engine_index)
        if engine_dictionary() != words:  # peers' query tokens must be cut like their index
            raise SystemExit(f"jieba vocabulary differs from the peer build in {peer_dir}")
        self.connection = sqlite3.connect(peer_dir / "fts5.sqlite")
        self.tantivy_index = tantivy.Index.open(str(peer_dir / "tantivy"))
        self.searcher = self.tantivy_index.searcher()
        self.schema = self.tantivy_index.schema

    def paragraph_ids(self, numbers: list[int]) -> list[str]:
        found = dict(
            self.connection.execute(
                f"SELECT id, paragraph_id FROM ident WHERE id IN ({','.join('?' * len(numbers))})",
                numbers,
            )
        )
        return [found[n] for n in numbers]

    def gaoxin(self, query: JudgedQuery) -> list[tuple[str, float]]:
        from search.models import SearchRequest

        result = self.service.search(SearchRequest(query=query.text, per_page=RUN_DEPTH))
        return [(hit.paragraph.paragraph_id, hit.score) for hit in result.results]

    def fts5(self, query: JudgedQuery) -> list[tuple[str, float]]:
        terms = query_tokens(query.text)
        if not terms:
            return []
        match = " OR ".join(fts_phrase([term]) for term in terms)
        sql = f"SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT {RUN_DEPTH}"
        hits = self.connection.execute(sql, [match]).fetchall()
        ids = self.paragraph_ids([number for number, _ in hits])
        return [(pid, -rank) for pid, (_, rank) in zip(ids, hits, strict=True)]

    def tantivy(self, query: JudgedQuery) -> list[tuple[str, float]]:
        import tantivy

        terms = query_tokens(query.text)
        if not terms:
            return []
        clauses = [
            (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "body", term))
            for term in terms
        ]
        result = self.searcher.search(tantivy.Query.boolean_query(clauses), RUN_DEPTH)
        numbers = [self.searcher.doc(address)["number"][0] for _, address in result.hits]
        ids = self.paragraph_ids(numbers)
        return [(pid, score) for pid, (score, _) in zip(ids, result.hits, strict=True)]

    def run(self, query: JudgedQuery) -> dict[str, list[tuple[str, float]]]:
        ranked = {}
        for name in SYSTEMS:
            start = time.perf_counter()
            ranked[name] = getattr(self, name)(query)
            self.seconds[name] += time.perf_counter() - start
        return ranked

    def paragraphs(self, ids: list[str]) -> dict[str, dict]:
        """paragraph_id -> title, date, text (from the peers' tables: the engine's paragraphs)."""
        found: dict[str, dict] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            sql = (
                "SELECT i.paragraph_id, i.title, i.date, p.text FROM ident i JOIN para p"
                f" ON p.id = i.id WHERE i.paragraph_id IN ({','.join('?' * len(part))})"
            )
            for pid, title, date, text in self.connection.execute(sql, part):
                found[pid] = {"title": title, "date": date, "text": text}
        return found


class EngineOnly:
    """Gaoxin searched, the peers' runs as saved (they do not change with the engine); pooling
    reads paragraph texts from the engine."""

    def __init__(self, engine_index: Path, saved: dict[str, dict[str, list]]) -> None:
        from search.service import SearchService

        self.saved = saved
        self.seconds = dict.fromkeys(SYSTEMS, 0.0)
        self.service = SearchService(engine_index)

    def run(self, query: JudgedQuery) -> dict[str, list[tuple[str, float]]]:
        start = time.perf_counter()
        ranked = dict(self.saved[query.query_id])
        ranked["gaoxin"] = Systems.gaoxin(self, query)  # type: ignore[arg-type]
        self.seconds["gaoxin"] += time.perf_counter() - start
        return ranked

    def paragraphs(self, ids: list[str]) -> dict[str, dict]:
        found = {}
        for pid in ids:
            paragraph, article = self.service.paragraph(pid)
            found[pid] = {"title": article.title, "date": article.date, "text": paragraph.text}
        return found


def query_tokens(text: str) -> list[str]:
    """The query's jieba tokens as the peers index them, each once, in order."""
    return list(dict.fromkeys(tokens(text, mode="query")))


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


def main() -> None:
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
    options = parser.parse_args()
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
    if options.command == "eval" and options.saved_runs:
        runs = read_runs()
    elif options.engine_only:
        systems = EngineOnly(options.engine_index, read_runs())
        runs = {query.query_id: systems.run(query) for query in queries}
    else:
        systems = Systems(options.engine_index, options.peer_dir, options.corpus)
        runs = run_all(systems, queries)
    seconds = time.perf_counter() - start
    if options.command == "pool":
        write_runs(runs)
        count = write_pool(systems, queries, runs, POOL, only_new=False)
        print(f"[judged] {count} pooled paragraphs -> {POOL} ({seconds:.1f} s)", file=sys.stderr)
        if options.only_new:
            count = write_pool(systems, queries, runs, POOL_NEW, only_new=True)
            print(f"[judged] {count} of them without a grade -> {POOL_NEW}", file=sys.stderr)
            print_new(POOL_NEW)
        return
    grades = load_grades()
    print(markdown(evaluate(queries, runs, grades)))
    for split in ("dev", "test"):
        members = [query for query in queries if query.split == split]
        if options.split == "all" and members:
            print(f"\n{split} split ({len(members)} queries; tune on dev, report test):\n")
            print(markdown(evaluate(members, runs, grades)))
    print()
    print(short_lists(queries, runs))
    if options.per_query:
        print()
        print(per_query(queries, runs, grades))
    if options.peer_wins:
        print()
        print(peer_wins(queries, runs, grades))
    print(f"\n{len(queries)} queries, {len(grades)} grades; {seconds:.1f} s", file=sys.stderr)
    if not options.saved_runs:
        spent = ", ".join(f"{LABELS[n]} {systems.seconds[n]:.1f} s" for n in SYSTEMS)
        print(f"searching (depth 20): {spent}; the rest is opening the indexes", file=sys.stderr)


if __name__ == "__main__":
    main()
