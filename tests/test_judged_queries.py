"""The judged query set of bench/judged (issue 14): its shape, its split and a complete pool."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path


def _judged_eval():
    """bench/ is not a package on the test path; load its judged-set module by file."""
    path = Path(__file__).resolve().parent.parent / "bench" / "judged_eval.py"
    spec = importlib.util.spec_from_file_location("judged_eval", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["judged_eval"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


judged = _judged_eval()


def test_every_class_has_dev_and_test_queries_with_a_need() -> None:
    queries = judged.load_queries()
    assert len(queries) >= 40
    assert len({query.query_id for query in queries}) == len(queries)
    per_class = Counter((query.query_class, query.split) for query in queries)
    for query_class in ("keyword", "question", "zone", "mixed"):
        assert per_class[(query_class, "dev")] >= 6
        # Sets 1 and 2 split half and half; set 3 is test only (written after the tuning).
        assert per_class[(query_class, "test")] >= per_class[(query_class, "dev")]
    assert all(query.need.strip() and query.text.strip() for query in queries)


def test_every_paragraph_a_peer_put_in_its_top_ten_has_a_grade() -> None:
    """The pool is complete for the BM25 peers, so their figures count no ungraded hit as 0."""
    grades = judged.load_grades()
    runs = judged.read_runs()
    missing = [
        (query.query_id, paragraph_id)
        for query in judged.load_queries()
        for system in judged.SYSTEMS[1:]
        for paragraph_id, _ in runs[query.query_id][system][: judged.POOL_DEPTH]
        if (query.query_id, paragraph_id) not in grades
    ]
    assert not missing


def test_peer_wins_lists_relevant_paragraphs_a_peer_ranks_above_gaoxins_top_ten() -> None:
    query = judged.JudgedQuery("k99", "keyword", "稀土 产业", "rare earths")
    ours = [(f"ours-{rank}", 1.0) for rank in range(11)] + [("answer", 1.0)]
    runs = {
        "k99": {
            "gaoxin": ours,
            "tantivy": [("answer", 9.0), ("off-topic", 8.0), ("ours-0", 7.0)],
            "fts5": [("off-topic", 9.0), ("unseen", 8.0), ("answer", 7.0)],
        }
    }
    grades = {("k99", "answer"): 2, ("k99", "off-topic"): 0, ("k99", "unseen"): 1}
    rows = judged.peer_wins([query], runs, grades).splitlines()[2:]
    # The graded 0 paragraph and the one Gaoxin already shows are not listed; the best peer
    # rank and Gaoxin's own rank (or beyond its run) are.
    assert rows == ["| k99 | answer | 2 | 1 | 12 |", "| k99 | unseen | 1 | 2 | > 12 |"]
