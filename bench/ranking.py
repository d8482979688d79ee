"""Ranking quality on cmrc2018-ir: our engine vs a plain character-bigram BM25, MRR@10 / Recall@10.

Run `python bench/ranking.py` (also part of `make bench`); results go to stdout and bench/out/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import CMRC, OUT, normalize, tokens
from bench.report import table

DEPTH = 10
CORPUS_NAME = "cmrc2018.jsonl"


def load_cmrc(directory: Path = CMRC) -> tuple[list[dict], list[tuple[str, str]], dict]:
    """Passages, (question id, question) pairs and the relevant passage ids per question."""
    with open(directory / "corpus.jsonl", encoding="utf-8") as handle:
        passages = [json.loads(line) for line in handle if line.strip()]
    with open(directory / "queries.tsv", encoding="utf-8") as handle:
        questions = [tuple(line.rstrip("\n").split("\t", 1)) for line in handle if line.strip()]
    relevant: dict[str, set[str]] = defaultdict(set)
    with open(directory / "qrels.txt", encoding="utf-8") as handle:
        for line in handle:
            query_id, _zero, passage_id, grade = line.split()
            if int(grade) > 0:
                relevant[query_id].add(passage_id)
    return passages, questions, relevant


def scores(rankings: dict[str, list[str]], relevant: dict[str, set[str]]) -> dict[str, float]:
    """MRR@10 and Recall@10 over every judged question (an unanswered question scores 0)."""
    reciprocal, recall = 0.0, 0.0
    for query_id, wanted in relevant.items():
        ranked = rankings.get(query_id, [])[:DEPTH]
        rank = next((n for n, pid in enumerate(ranked, 1) if pid in wanted), None)
        reciprocal += 1 / rank if rank else 0.0
        recall += len(wanted.intersection(ranked)) / len(wanted)
    count = len(relevant)
    return {"mrr@10": reciprocal / count, "recall@10": recall / count, "questions": count}


def bigrams(text: str) -> list[str]:
    """Character bigrams inside runs of letters/digits/Han (a lone character counts as itself)."""
    grams: list[str] = []
    run: list[str] = []
    for char in normalize(text) + " ":
        if char.isalnum():
            run.append(char)
            continue
        if len(run) == 1:
            grams.append(run[0])
        grams += [first + second for first, second in zip(run, run[1:], strict=False)]
        run = []
    return grams


class BigramBM25:
    """Okapi BM25 (k1=1.2, b=0.75, Lucene idf) over character bigrams; OR of the query's grams."""

    def __init__(self, documents: dict[str, str], k1: float = 1.2, b: float = 0.75) -> None:
        self.postings: dict[str, list[tuple[str, int]]] = defaultdict(list)
        lengths: dict[str, int] = {}
        for doc_id, text in documents.items():
            grams = bigrams(text)
            lengths[doc_id] = len(grams)
            for gram, frequency in Counter(grams).items():
                self.postings[gram].append((doc_id, frequency))
        average = sum(lengths.values()) / len(lengths)
        self.norm = {d: k1 * (1 - b + b * n / average) for d, n in lengths.items()}
        self.k1, self.count = k1, len(documents)

    def search(self, query: str, depth: int = DEPTH) -> list[str]:
        totals: Counter = Counter()
        for gram in set(bigrams(query)):
            postings = self.postings.get(gram, ())
            if not postings:
                continue
            idf = math.log(1 + (self.count - len(postings) + 0.5) / (len(postings) + 0.5))
            for doc_id, frequency in postings:
                totals[doc_id] += idf * frequency * (self.k1 + 1) / (frequency + self.norm[doc_id])
        return [doc_id for doc_id, _ in totals.most_common(depth)]


def article_id(record_id: str) -> str:
    """Our engine's id for a JSON Lines record (see docs/architecture.md)."""
    return hashlib.sha1(f"{CORPUS_NAME}:{record_id}".encode()).hexdigest()[:12]


def keywords(question: str) -> str:
    """The question as a person would type keywords: its jieba words, space-separated."""
    return " ".join(tokens(question, mode="query"))


VARIANTS = {"Gaoxin, question as typed": str, "Gaoxin, question as jieba keywords": keywords}


def write_corpus(passages: list[dict], corpus: Path) -> Path:
    """Each passage as one JSON Lines article: its title, its text as the one paragraph."""
    with open(corpus, "w", encoding="utf-8") as handle:
        for passage in passages:
            record = {"id": passage["id"], "title": passage["title"], "date": "", "url": ""}
            record["paragraphs"] = [passage["text"]]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return corpus


def engine_rankings(service, questions: list[tuple[str, str]], rewrite, by_article: dict) -> dict:
    """Ask each question through SearchService.search; passage ids in rank order, counters."""
    from search.errors import GaoxinError
    from search.models import SearchRequest

    rankings: dict[str, list[str]] = {}
    stats: Counter = Counter()
    for query_id, question in questions:
        try:
            result = service.search(SearchRequest(query=rewrite(question), per_page=DEPTH))
        except GaoxinError:
            stats["errors"] += 1
            continue
        stats["relaxed"] += result.relaxed
        stats["empty"] += not result.results
        found = [by_article.get(hit.paragraph.article_id) for hit in result.results]
        stats["unmapped"] += found.count(None)
        rankings[query_id] = list(dict.fromkeys(pid for pid in found if pid))
    return {"rankings": rankings, "stats": dict(stats)}


def evaluate_engine(passages, questions, relevant, work: Path) -> dict:
    """Build (unless `work` already holds the index: `--keep DIR`), then ask every question."""
    from bench.engine import build
    from search.service import SearchService

    outcome = {}
    by_article = {article_id(p["id"]): p["id"] for p in passages}
    start = time.perf_counter()
    if not (work / "index").exists():
        work.mkdir(parents=True, exist_ok=True)
        build(write_corpus(passages, work / CORPUS_NAME), work / "index")
    with SearchService(work / "index") as service:
        for name, rewrite in VARIANTS.items():
            engine = engine_rankings(service, questions, rewrite, by_article)
            outcome[name] = scores(engine["rankings"], relevant) | engine["stats"]
            outcome[name]["seconds"] = time.perf_counter() - start
            start = time.perf_counter()
    return outcome


def evaluate(skip_engine: bool = False, keep: Path | None = None) -> dict:
    passages, questions, relevant = load_cmrc()
    start = time.perf_counter()
    baseline = BigramBM25({p["id"]: p["title"] + " " + p["text"] for p in passages})
    baseline_rankings = {qid: baseline.search(question) for qid, question in questions}
    outcome = {
        "bigram BM25": scores(baseline_rankings, relevant)
        | {"seconds": time.perf_counter() - start}
    }
    if skip_engine:
        return outcome
    if keep is not None:
        return outcome | evaluate_engine(passages, questions, relevant, keep)
    with tempfile.TemporaryDirectory(prefix="gaoxin-cmrc-") as work:
        return outcome | evaluate_engine(passages, questions, relevant, Path(work))


def markdown(outcome: dict) -> str:
    rows = [
        [name, f"{r['mrr@10']:.4f}", f"{r['recall@10']:.4f}", r["questions"], f"{r['seconds']:.1f}"]
        for name, r in outcome.items()
    ]
    headers = ["system", "MRR@10", "Recall@10", "questions", "seconds (build + all queries)"]
    return table(headers, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-engine", action="store_true", help="only the bigram baseline")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="build the index into DIR once, reuse it later"
    )
    options = parser.parse_args()
    outcome = evaluate(options.skip_engine, options.keep)
    text = "## Ranking quality: cmrc2018-ir (1,104 passages, 4,221 questions)\n\n"
    text += markdown(outcome) + "\n"
    for name, result in outcome.items():
        text += f"\n- {name}: " + json.dumps(result, ensure_ascii=False)
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ranking.md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
