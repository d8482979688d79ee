"""Collapsing reprint groups: the totals and counts read only the grouped documents, and agree
with counting every document's group."""

from __future__ import annotations

import numpy as np

from search.engine.reprints import collapsed_totals, others


def _groups(size: int, seed: int) -> np.ndarray:
    """Docnum -> group (-1: unique); about one document in five is in a group of 2-4."""
    rng = np.random.default_rng(seed)
    groups = np.full(size, -1, dtype=np.int64)
    grouped = rng.choice(size, size // 5, replace=False)
    groups[grouped] = rng.integers(0, size // 12, len(grouped))
    return groups


def _counted(full: np.ndarray, partial: np.ndarray, groups: np.ndarray) -> tuple[int, int]:
    """The totals by definition: one result per group, a partial group counted only when no
    full result has its text."""
    full_groups = {int(g) for g in groups[full] if g >= 0}
    total = int(np.count_nonzero(groups[full] < 0)) + len(full_groups)
    partial_groups = {int(g) for g in groups[partial] if g >= 0} - full_groups
    return total, int(np.count_nonzero(groups[partial] < 0)) + len(partial_groups)


def test_totals_count_each_reprint_group_once_and_partial_groups_only_without_a_full_one() -> None:
    for seed in range(20):
        groups = _groups(2000, seed)
        rng = np.random.default_rng(100 + seed)
        full = rng.random(2000) < 0.3
        partial = ~full & (rng.random(2000) < 0.4)
        reprinted = np.flatnonzero(groups >= 0)
        found = collapsed_totals(np.flatnonzero(full), np.flatnonzero(partial), groups, reprinted)
        assert found == _counted(full, partial, groups)


def test_each_page_hit_knows_how_many_of_its_reprints_also_match() -> None:
    groups = np.array([-1, 0, 0, 0, 1, 1, -1, 2, 2])
    matches = np.array([True, True, True, False, True, False, True, True, True])
    page = np.array([0, 1, 4, 7])
    reprinted = np.flatnonzero(groups >= 0)
    # Group 0: documents 1 and 2 match (3 does not); group 1: only 4 itself; group 2: 7 and 8.
    assert others(page, matches, groups, reprinted) == {1: 1, 7: 1}
