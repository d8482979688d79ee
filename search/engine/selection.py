"""Selecting a search's results: its matches (`search.engine.tiers`) within the facet filters and
the time window, as the sorted docnums of each tier (full, partial) with a mask made on demand.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from search.engine import facets, listing
from search.engine.equivalents import Equivalents
from search.engine.generation import Generation
from search.engine.matched import Matched
from search.engine.matching import Evaluator
from search.engine.plan import Plan
from search.engine.tiers import evaluate
from search.errors import SearchTimeout


def check_deadline(deadline: float) -> None:
    """SearchTimeout once `deadline` (time.monotonic) has passed."""
    if time.monotonic() > deadline:
        raise SearchTimeout("The search took too long; add or narrow keywords")


class Tier:
    """The full (or partial) matches that pass the filters: sorted docnums, their positions
    among the query's candidates (None for a blank query), and a mask over docnums, made only
    when asked for (a pass over every document a small search does not need)."""

    def __init__(
        self, documents: np.ndarray, positions: np.ndarray | None, mask: Any, size: int
    ) -> None:
        self.documents = documents
        self.positions = positions
        self.size = size
        self._mask = mask

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def mask(self) -> np.ndarray:
        """The documents as a mask over docnums."""
        if self._mask is None:
            self._mask = np.zeros(self.size, dtype=bool)
            self._mask[self.documents] = True
        return self._mask


def select(
    generation: Generation,
    plan: Plan,
    equivalents: Equivalents,
    filters: dict[str, tuple[str, ...]],
    deadline: float,
    field: str = "text",
    window: Any = None,
    ranked: bool = True,
) -> tuple[Matched, Tier, Tier]:
    """The matches (for facet counts) and the filtered full and partial results.

    `window` (a mask: date range, indexed since) narrows the results like a facet filter;
    `ranked=False`: only which documents match is wanted (trends), so scores are not refined.
    """
    check_deadline(deadline)
    evaluator = Evaluator(
        generation.postings,
        equivalents,
        lambda: check_deadline(deadline),
        field,
        generation.titles,
    )
    table = generation.table
    matched = evaluate(evaluator, plan, table.searchable)
    check_deadline(deadline)
    masks = list(facets.facet_masks(table, filters).values())
    if window is not None:
        masks.append(window)
    tiers = [Tier(*matched.listed(partial, masks), size=table.size) for partial in (False, True)]
    if ranked and field == "text" and plan.units and matched.candidates is not None:
        _demote_lists(generation, plan, matched, tiers)
    return matched, *tiers


def _demote_lists(generation: Generation, plan: Plan, matched: Matched, tiers: list[Tier]) -> None:
    """The best results of each tier as listed (full and partial ones together for a sentence)
    score less for naming the query's words only in lists (`search.engine.listing`)."""
    positions = [tier.positions for tier in tiers]
    if matched.flat:
        positions = [np.concatenate(positions)]
    elif len(tiers[0]) >= listing.DEPTH:
        positions = positions[:1]  # partial matches start below the depth checked
    postings = generation.postings
    keywords = listing.keywords_of(plan, matched, postings.size)
    listing.demote(postings, keywords, matched, positions)
