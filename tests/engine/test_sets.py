"""Sorted-document lookups answer the same whether they search or use an array over docnums."""

from __future__ import annotations

import numpy as np

from search.engine.sets import contains, intersection, positions


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
