"""A query's matches as arrays over its candidates (the sorted docnums its words reach), so that
a search costs in proportion to its postings, not to the index; looked up by position or docnum.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from search.engine.sets import contains


@dataclass
class Matched:
    """Full and partial matches with scores and what each one misses, as arrays over the
    query's candidates: the sorted docnums that have one of its words or a score from one,
    so a search costs in proportion to its postings, not to the index. A blank query has no
    candidates: `allowed` (a mask over docnums) holds what it lists, unscored."""

    candidates: np.ndarray | None = None  # sorted docnums (None: a blank query)
    full: np.ndarray | None = None  # per candidate: a full match
    partial: np.ndarray | None = None  # per candidate: a partial match
    scores: np.ndarray | None = None  # per candidate
    missing: np.ndarray | None = None  # per candidate: IDF weight missing (None: one word)
    lacks_decisive: np.ndarray | None = None  # per candidate: without the decisive word
    stretched: np.ndarray | None = None  # per candidate: admitted only to fill the page
    allowed: np.ndarray | None = None  # a blank query's documents (a mask over docnums)
    labels: tuple[str, ...] = ()  # each meaningful word (or phrase, or OR group) as shown
    presence: tuple[np.ndarray, ...] = ()  # sorted docnums having each unit
    named: np.ndarray | None = None  # sorted docnums whose article title has every word
    flat: bool = False  # a sentence: full and partial matches ranked together, by score

    def listed(self, partial: bool, masks: list[np.ndarray]) -> tuple[np.ndarray, Any, Any]:
        """The full (or partial) matches in every one of `masks`: sorted docnums, their
        positions among the candidates and their mask (both None but for a blank query's
        mask)."""
        if self.candidates is None:
            if partial:
                return np.zeros(0, dtype=np.int64), None, None
            mask = functools.reduce(np.logical_and, masks, self.allowed)
            return np.flatnonzero(mask), None, mask
        keep = self.partial if partial else self.full
        for mask in masks:
            keep = keep & mask[self.candidates]
        positions = np.flatnonzero(keep)
        return self.candidates[positions], positions, None

    def at(self, name: str, positions: Any, count: int) -> np.ndarray:
        """A per-candidate array (`scores`, `missing` ...) at `positions`; zeros where the
        search has none (a blank query, the missing weight of one word)."""
        values = getattr(self, name)
        if values is None or positions is None:
            return np.zeros(count, dtype=bool if name == "stretched" else np.float64)
        return values[positions]

    def on_page(self, docnums: np.ndarray) -> list[tuple[float, tuple[str, ...]]]:
        """Each of a page's docnums' score (0 when the query gives it none) and the meaningful
        words it lacks (empty for a full match): one lookup for the page, not two per hit."""
        if self.candidates is None or not len(self.candidates):
            return [(0.0, ())] * len(docnums)
        positions = np.searchsorted(self.candidates, docnums)
        positions[positions == len(self.candidates)] = 0
        found = self.candidates[positions] == docnums
        scores = np.where(found, self.scores[positions], 0.0).tolist()
        partial = (found & self.partial[positions]).tolist()
        lacking = (
            [
                (label, contains(documents, docnums).tolist())
                for label, documents in zip(self.labels, self.presence, strict=True)
            ]
            if any(partial)
            else []
        )
        return [
            (score, tuple(label for label, has in lacking if not has[row]) if partial[row] else ())
            for row, score in enumerate(scores)
        ]
