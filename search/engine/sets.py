"""Sorted-document sets with scores (NumPy): the algebra query evaluation is built from.

Results stay sparse (sorted docnums) until the end: arrays over the whole index cost more per
search than the postings of all but the commonest words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_NO_DOCUMENTS = np.zeros(0, dtype=np.int64)
_NO_SCORES = np.zeros(0, dtype=np.float64)
# Look documents up in an array over docnums instead of by binary search when there are more
# than about 1/DENSE_FACTOR as many of them as postings plus docnums/DENSE_FACTOR (`_dense`).
DENSE_FACTOR = 16
# Add scores up through arrays over docnums instead of sorting the postings when there are
# more than 1/DENSE_SUMS as many postings as docnums (measured over 370k docnums: equal at 50k
# postings, 5.8 ms instead of 9.1 at 250k).
DENSE_SUMS = 8


@dataclass(frozen=True)
class Scores:
    """Sorted docnums, each with a score. Never changed in place: posting arrays are shared."""

    documents: np.ndarray
    scores: np.ndarray

    def times(self, factor: float) -> Scores:
        return Scores(self.documents, self.scores * factor)

    def within(self, documents: np.ndarray) -> Scores:
        """Only the documents also in the sorted `documents`."""
        keep = contains(documents, self.documents)
        return Scores(self.documents[keep], self.scores[keep])

    def at(self, documents: np.ndarray) -> np.ndarray:
        """The score of each of the sorted `documents` (0 where it has none)."""
        if np.array_equal(self.documents, documents):  # the usual case: scores where matched
            return self.scores
        found = contains(self.documents, documents)
        result = np.zeros(len(documents), dtype=np.float64)
        result[found] = self.scores[np.searchsorted(self.documents, documents[found])]
        return result


@dataclass(frozen=True)
class Scored:
    """A set of matching documents and the scores contributed so far.

    Scores may reach documents outside the set (a relaxed keyword's fragments score where
    another keyword of the group matches); only the final set's scores are kept.
    """

    documents: np.ndarray
    scores: Scores

    @classmethod
    def of(cls, scores: Scores) -> Scored:
        return cls(scores.documents, scores)

    def times(self, factor: float) -> Scored:
        return self if factor == 1.0 else Scored(self.documents, self.scores.times(factor))


EMPTY = Scored.of(Scores(_NO_DOCUMENTS, _NO_SCORES))


def _dense(sorted_documents: np.ndarray, documents: np.ndarray) -> int:
    """0 when binary search is cheaper for looking up `documents`, else the size of an array
    over docnums that covers both: a binary search per document costs a few cache misses, a
    lookup array about a byte per docnum to clear plus one write per posting (a common word's
    50k postings in another's: 1.9 ms by binary search, 0.2 ms by lookup array)."""
    size = int(max(sorted_documents[-1], documents.max())) + 1
    if DENSE_FACTOR * len(documents) > len(sorted_documents) + size // DENSE_FACTOR:
        return size
    return 0


def contains(sorted_documents: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """For each of `documents`, whether it is in `sorted_documents`."""
    if not len(sorted_documents) or not len(documents):
        return np.zeros(len(documents), dtype=bool)
    size = _dense(sorted_documents, documents)
    if size:
        present = np.zeros(size, dtype=bool)
        present[sorted_documents] = True
        return present[documents]
    positions = np.searchsorted(sorted_documents, documents)
    positions[positions == len(sorted_documents)] = 0
    return sorted_documents[positions] == documents


def positions(sorted_documents: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """Where each of `documents`, every one of them in `sorted_documents`, is in it."""
    if not len(documents):
        return np.zeros(0, dtype=np.intp)
    size = _dense(sorted_documents, documents)
    if not size:
        return np.searchsorted(sorted_documents, documents)
    where = np.empty(size, dtype=np.intp)  # only the entries of sorted_documents are read
    where[sorted_documents] = np.arange(len(sorted_documents))
    return where[documents]


def _run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in the sorted, non-empty `ordered`."""
    return np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))


def add_up(parts: list[Scores]) -> Scores:
    """Every document of any part, its score the sum over the parts (in their order)."""
    parts = [part for part in parts if len(part.documents)]
    if len(parts) <= 1:
        return parts[0] if parts else EMPTY.scores
    documents = np.concatenate([part.documents for part in parts])
    scores = np.concatenate([part.scores for part in parts])
    size = int(max(part.documents[-1] for part in parts)) + 1
    if DENSE_SUMS * len(documents) > size:
        return _add_up_dense(documents, scores, size)
    order = np.argsort(documents, kind="stable")  # merges sorted runs; keeps the parts' order
    documents, scores = documents[order], scores[order]
    starts = _run_starts(documents)
    return Scores(documents[starts], np.add.reduceat(scores, starts))


def _add_up_dense(documents: np.ndarray, scores: np.ndarray, size: int) -> Scores:
    """`add_up` of many postings through arrays over docnums: sorting 250k postings (国 · 代表
    · 大) cost 10 ms a search. `bincount` adds each document's scores in the parts' order, as
    the sorted runs do (0.0 + the first is the first), so the sums are the same floats."""
    present = np.zeros(size, dtype=bool)
    present[documents] = True
    union = np.flatnonzero(present)
    sums = np.bincount(documents, weights=scores, minlength=size)
    return Scores(union, sums[union])


def union(parts: list[np.ndarray]) -> np.ndarray:
    """The sorted documents in any of `parts`."""
    parts = [part for part in parts if len(part)]
    if len(parts) <= 1:
        return parts[0] if parts else _NO_DOCUMENTS
    documents = np.sort(np.concatenate(parts))  # np.unique hashes: 3 ms for 60k documents
    return documents[_run_starts(documents)]


def intersection(parts: list[np.ndarray]) -> np.ndarray:
    """The sorted documents in every one of `parts`."""
    result = parts[0]
    for part in parts[1:]:
        result = result[contains(part, result)]
    return result


def combine(options: list[Scored | None]) -> Scored:
    """Documents matching any option; scores add up."""
    present = [option for option in options if option is not None]
    scores = add_up([option.scores for option in present])
    if all(option.documents is option.scores.documents for option in present):
        return Scored.of(scores)  # every option scores exactly its matches: one merge is enough
    return Scored(union([option.documents for option in present]), scores)


def merge(parts: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """The sorted documents in any of `parts` (each sorted, no repeats), and where each part's
    documents are in it: a search's per-document arrays then cover only its candidates, not
    every docnum (one stable sort merges the sorted runs; many postings go through arrays
    over docnums instead, as in `add_up`)."""
    unique = list({id(part): part for part in parts}.values())  # an array given twice: once
    if len(unique) == 1:
        return unique[0], [np.arange(len(unique[0]))] * len(parts)
    documents = np.concatenate(unique) if unique else _NO_DOCUMENTS
    size = int(max((part[-1] for part in unique if len(part)), default=-1)) + 1
    if DENSE_SUMS * len(documents) > size:
        return _merge_dense(unique, parts, size)
    order = np.argsort(documents, kind="stable")
    ordered = documents[order]
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(len(ordered), dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    bounds = np.cumsum([0, *(len(part) for part in unique)])
    found = {id(part): inverse[bounds[n] : bounds[n + 1]] for n, part in enumerate(unique)}
    return ordered[first], [found[id(part)] for part in parts]


def _merge_dense(
    unique: list[np.ndarray], parts: list[np.ndarray], size: int
) -> tuple[np.ndarray, list[np.ndarray]]:
    """`merge` through arrays over docnums: sorting 250k postings (国 · 代表 · 大) cost more
    than a few passes over every docnum."""
    present = np.zeros(size, dtype=bool)
    for part in unique:
        present[part] = True
    union = np.flatnonzero(present)
    where = np.empty(size, dtype=np.intp)  # only the entries of the union are read
    where[union] = np.arange(len(union))
    found = {id(part): where[part] for part in unique}
    return union, [found[id(part)] for part in parts]
