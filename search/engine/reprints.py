"""Near-identical paragraphs (reprinted items): one group id per text shared by several paragraphs,
and collapsing each group to one result.

Two paragraphs are near-identical when their normalized texts agree once punctuation is
dropped (`search.text.normalize.reprint_key`, computed at build time into the per-document
arrays); grouping equal keys is a few array operations per generation.
"""

from __future__ import annotations

import numpy as np

from search.engine.sets import contains
from search.storage.reader import Snapshot
from search.storage.schema import REPRINT_KEY


def duplicate_groups(snapshot: Snapshot) -> np.ndarray:
    """Docnum -> group id of its near-identical paragraphs, -1 when its text is unique."""
    keys = snapshot.numbers(REPRINT_KEY)
    documents = np.flatnonzero((keys != 0) & ~snapshot.deleted())
    groups = np.full(snapshot.size, -1, dtype=np.int64)
    _, key_ids, counts = np.unique(keys[documents], return_inverse=True, return_counts=True)
    shared = counts[key_ids] > 1
    groups[documents[shared]] = key_ids[shared]
    return groups


def collapse(documents: np.ndarray, duplicates: np.ndarray) -> np.ndarray:
    """`documents` without the later ones of each near-identical group."""
    groups = duplicates[documents]
    shared = np.flatnonzero(groups >= 0)
    if not len(shared):
        return documents
    _, first = np.unique(groups[shared], return_index=True)
    keep = groups < 0
    keep[shared[first]] = True
    return documents[keep]


def collapsed_totals(
    full_documents: np.ndarray,
    partial_documents: np.ndarray,
    duplicates: np.ndarray,
    reprinted: np.ndarray,
) -> tuple[int, int]:
    """Results after collapsing: full ones, and partial ones whose text no full one has (both
    sorted docnums). `reprinted`: the sorted docnums in a group, the only ones whose group is
    looked at (no pass over every document's group)."""
    in_full = reprinted[contains(full_documents, reprinted)]
    full_groups = np.unique(duplicates[in_full])
    total = len(full_documents) - len(in_full) + len(full_groups)
    in_partial = partial_documents[contains(reprinted, partial_documents)]
    partial_groups = np.unique(duplicates[in_partial])
    partial_total = len(partial_documents) - len(in_partial)
    partial_total += int(np.count_nonzero(~contains(full_groups, partial_groups)))
    return total, partial_total


def others(
    page: np.ndarray, matches: np.ndarray, duplicates: np.ndarray, reprinted: np.ndarray
) -> dict[int, int]:
    """For each docnum of `page` with reprints among `matches` (a mask): how many others
    there are."""
    groups = duplicates[page]
    if not (groups >= 0).any():
        return {}
    everything = duplicates[reprinted[matches[reprinted]]]
    counts = np.bincount(everything, minlength=int(groups.max()) + 1)
    found = {int(group): int(counts[group]) for group in groups.tolist() if group >= 0}
    return {
        int(docnum): found.get(int(group), 1) - 1
        for docnum, group in zip(page.tolist(), groups.tolist(), strict=True)
        if group >= 0 and found.get(int(group), 1) > 1
    }
