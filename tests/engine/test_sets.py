"""Sorted-document lookups answer the same whether they search or use an array over docnums."""

from __future__ import annotations

import numpy as np

from search.engine.sets import Scores, add_up, contains, intersection, merge, positions


def _sorted_sample(rng: np.random.Generator, count: int, size: int) -> np.ndarray:
    return np.sort(rng.choice(size, count, replace=False)).astype(np.int32)


def test_lookups_agree_with_set_membership_for_few_and_many_documents() -> None:
    rng = np.random.default_rng(7)
    # Few documents looked up in many (binary search) and many in many (lookup array).
    for wanted, postings in [(5, 40_000), (30_000, 40_000), (40_000, 300), (0, 10), (10, 0)]:
        sorted_documents = _sorted_sample(rng, postings, 100_000)
        documents = rng.integers(0, 100_000, wanted).astype(np.int32)
        expected = np.isin(documents, sorted_documents)
        assert contains(sorted_documents, documents).tolist() == expected.tolist()
        present = documents[expected]
        found = positions(sorted_documents, present)
        assert sorted_documents[found].tolist() == present.tolist()


def test_intersection_keeps_the_documents_of_every_list_in_order() -> None:
    rng = np.random.default_rng(3)
    lists = [_sorted_sample(rng, count, 50_000) for count in (20_000, 30_000, 400)]
    expected = sorted(set(lists[0].tolist()) & set(lists[1].tolist()) & set(lists[2].tolist()))
    assert intersection(sorted(lists, key=len)).tolist() == expected


def test_scores_add_up_to_the_same_floats_for_few_and_many_postings() -> None:
    """The sum per document in the parts' order, whether the postings are merged by sorting
    (few) or counted over an array of docnums (many)."""
    rng = np.random.default_rng(11)
    for count, size in [(50, 100_000), (40_000, 60_000)]:
        parts = [Scores(_sorted_sample(rng, count, size), rng.random(count) * 10) for _ in range(3)]
        expected: dict[int, float] = {}
        for part in parts:
            pairs = zip(part.documents.tolist(), part.scores.tolist(), strict=True)
            for document, score in pairs:
                expected[document] = expected.get(document, 0.0) + score
        found = add_up(parts)
        assert found.documents.tolist() == sorted(expected)
        assert found.scores.tolist() == [expected[document] for document in sorted(expected)]


def test_merging_gives_the_union_and_where_each_part_is_in_it() -> None:
    """A search's candidates: every document of any part once, in order, and each part's
    documents found at their positions, whether merged by sorting (few postings) or through
    an array over docnums (many); the same array given twice is found twice."""
    rng = np.random.default_rng(5)
    for count, size in [(40, 100_000), (30_000, 60_000), (0, 10)]:
        parts = [_sorted_sample(rng, count, size) for _ in range(3)]
        parts.append(parts[0])
        union, where = merge(parts)
        expected = sorted(set().union(*(part.tolist() for part in parts)))
        assert union.tolist() == expected
        for part, found in zip(parts, where, strict=True):
            assert union[found].tolist() == part.tolist()
    single = _sorted_sample(rng, 50, 1000)
    union, where = merge([single, single])
    assert union.tolist() == single.tolist() and all(
        found.tolist() == list(range(50)) for found in where
    )
