"""The judged xwlb query set (queries with their class, need and dev/test split; grades) and its
evaluation: nDCG@10, Recall@20 and unjudged hits per class, as Markdown tables.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

JUDGED = Path(__file__).resolve().parent / "judged"
QUERIES = JUDGED / "queries.yaml"
GRADES = JUDGED / "grades.tsv"
RUNS = JUDGED / "runs.tsv"  # each system's top 20 per query from the last `pool`
SYSTEMS = ("gaoxin", "tantivy", "fts5")
LABELS = {"gaoxin": "Gaoxin", "tantivy": "tantivy BM25", "fts5": "SQLite FTS5 BM25"}
POOL_DEPTH = 10
RUN_DEPTH = 20


@dataclass(frozen=True)
class JudgedQuery:
    query_id: str
    query_class: str
    text: str
    need: str
    split: str = "dev"  # `dev` (tune on it) or `test` (report only); see queries.yaml
    query_set: int = 1  # 1, 2 or 3: when the query was written (3: after all tuning)


def load_queries(path: Path = QUERIES) -> list[JudgedQuery]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        JudgedQuery(
            item["id"], item["class"], item["query"], item["need"], item["split"], item["set"]
        )
        for item in document["queries"]
    ]


def load_grades(path: Path = GRADES) -> dict[tuple[str, str], int]:
    """(query_id, paragraph_id) -> grade; `#` lines and blank lines are comments."""
    grades: dict[tuple[str, str], int] = {}
    if not path.exists():
        return grades
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[2] not in {"0", "1", "2"}:
            raise SystemExit(f"{path}:{number}: expected query_id<TAB>paragraph_id<TAB>0|1|2")
        key = (fields[0], fields[1])
        if key in grades and grades[key] != int(fields[2]):
            raise SystemExit(f"{path}:{number}: {key} graded twice, differently")
        grades[key] = int(fields[2])
    return grades


def read_runs(path: Path = RUNS) -> dict[str, dict[str, list]]:
    """query_id -> system -> [(paragraph_id, score)] in rank order, as `pool` wrote them."""
    runs: dict[str, dict[str, list]] = defaultdict(lambda: {name: [] for name in SYSTEMS})
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        query_id, system, _rank, pid, score = line.split("\t")
        runs[query_id][system].append((pid, float(score)))
    return dict(runs)


def ndcg(ranked: list[str], judged: dict[str, int], depth: int = POOL_DEPTH) -> float:
    gains = [judged.get(pid, 0) for pid in ranked[:depth]]
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))
    ideal = sorted(judged.values(), reverse=True)[:depth]
    best = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: list[str], judged: dict[str, int], depth: int = RUN_DEPTH) -> float | None:
    relevant = {pid for pid, grade in judged.items() if grade >= 1}
    if not relevant:
        return None
    return len(relevant & set(ranked[:depth])) / len(relevant)


def evaluate(queries: list[JudgedQuery], runs: dict, grades: dict) -> list[dict]:
    """One row per class and an `all` row: means per system, unjudged hits in the top 10."""
    by_query: dict[str, dict[str, int]] = defaultdict(dict)
    for (query_id, pid), grade in grades.items():
        by_query[query_id][pid] = grade
    classes = list(dict.fromkeys(query.query_class for query in queries))
    rows = []
    for name in [*classes, "all"]:
        members = [q for q in queries if name in ("all", q.query_class)]
        row: dict = {"class": name, "queries": len(members)}
        for system in SYSTEMS:
            ndcgs, recalls, unjudged = [], [], 0
            for query in members:
                judged = by_query.get(query.query_id, {})
                ranked = [pid for pid, _ in runs[query.query_id][system]]
                ndcgs.append(ndcg(ranked, judged))
                value = recall(ranked, judged)
                if value is not None:
                    recalls.append(value)
                unjudged += sum(pid not in judged for pid in ranked[:POOL_DEPTH])
            row[system] = {
                "ndcg10": sum(ndcgs) / len(ndcgs),
                "recall20": sum(recalls) / len(recalls) if recalls else float("nan"),
                "recall_queries": len(recalls),
                "unjudged10": unjudged,
            }
        rows.append(row)
    return rows


def markdown(rows: list[dict]) -> str:
    names = [LABELS[s] for s in SYSTEMS]
    header = (
        "| class | queries | "
        + " | ".join(f"nDCG@10 {n}" for n in names)
        + " | "
        + " | ".join(f"Recall@20 {n}" for n in names)
        + " | "
        + " | ".join(f"unjudged@10 {n}" for n in names)
        + " |"
    )
    lines = [header, "|" + "---|" * (2 + 3 * len(SYSTEMS))]
    for row in rows:
        cells = [row["class"], str(row["queries"])]
        cells += [f"{row[s]['ndcg10']:.3f}" for s in SYSTEMS]
        cells += [f"{row[s]['recall20']:.3f}" for s in SYSTEMS]
        cells += [str(row[s]["unjudged10"]) for s in SYSTEMS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def short_lists(queries: list[JudgedQuery], runs: dict) -> str:
    """Per system: the queries that returned fewer than 10 hits (an AND that found few)."""
    lines = []
    for system in SYSTEMS:
        short = [
            f"{q.query_id} ({len(runs[q.query_id][system])})"
            for q in queries
            if len(runs[q.query_id][system]) < POOL_DEPTH
        ]
        listed = f": {', '.join(short)}" if short else ""
        lines.append(f"- {LABELS[system]}: {len(short)} queries{listed}")
    return "Queries with fewer than 10 hits (hits in brackets):\n" + "\n".join(lines)


def per_query(queries: list[JudgedQuery], runs: dict, grades: dict) -> str:
    lines = ["| query | class | relevant (2) | " + " | ".join(SYSTEMS) + " |", "|---" * 6 + "|"]
    for query in queries:
        judged = {pid: g for (qid, pid), g in grades.items() if qid == query.query_id}
        cells = []
        for system in SYSTEMS:
            ranked = [pid for pid, _ in runs[query.query_id][system]]
            cells.append(f"{ndcg(ranked, judged):.2f}")
        relevant = sum(g >= 1 for g in judged.values())
        high = sum(g == 2 for g in judged.values())
        head = f"| {query.query_id} {query.text} | {query.query_class} | {relevant} ({high}) | "
        lines.append(head + " | ".join(cells) + " |")
    return "\n".join(lines)


def peer_wins(queries: list[JudgedQuery], runs: dict, grades: dict) -> str:
    """Per query, the relevant paragraphs (grade >= 1) a BM25 peer puts in its top 10 and Gaoxin
    does not: where Gaoxin ranks them (within its run's depth) — the per-query diagnosis of a
    tuning round (docs/ranking.md)."""
    lines = ["| query | paragraph | grade | best peer rank | Gaoxin rank |", "|---" * 5 + "|"]
    for query in queries:
        ranked = runs[query.query_id]
        ours = [pid for pid, _ in ranked["gaoxin"]]
        best: dict[str, int] = {}
        for system in SYSTEMS[1:]:
            for rank, (pid, _) in enumerate(ranked[system][:POOL_DEPTH], start=1):
                best[pid] = min(rank, best.get(pid, rank))
        for pid, rank in best.items():
            grade = grades.get((query.query_id, pid), 0)
            if grade >= 1 and pid not in ours[:POOL_DEPTH]:
                where = str(ours.index(pid) + 1) if pid in ours else f"> {len(ours)}"
                lines.append(f"| {query.query_id} | {pid} | {grade} | {rank} | {where} |")
    return "\n".join(lines)
