"""The reprint rules, stated once: which earlier article a new one is a copy of (same id, same
body, or same title and nearly the same body). Used by the full load and the incremental merge.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

NEAR_DUPLICATE = 0.8  # shared share of 4-character shingles for a reprint with small edits
SAME_BODY_LENGTH = 50  # a body this long or longer is a reprint when it is the same text
RECENT_SAME_TITLE = 5  # only the last few of a title are compared: a daily column stays cheap


def shingles_of(text: str) -> set[str]:
    return {text[index : index + 4] for index in range(max(len(text) - 3, 1))}


def nearly_same(first: set[str], second: set[str]) -> bool:
    """Whether two bodies' shingles overlap enough (Jaccard) for a reprint with small edits."""
    return len(first & second) / max(len(first | second), 1) >= NEAR_DUPLICATE


class ReprintIndex:
    """The articles kept so far, by id, body and title; `earlier` finds the one a new article
    copies. Keys are whatever the caller hashes bodies and titles to ("" title: none)."""

    def __init__(self) -> None:
        self._by_id: dict[str, int] = {}
        self._by_body: dict[Hashable, int] = {}
        self._by_title: dict[Hashable, list[tuple[int, int]]] = {}

    def earlier(
        self,
        article_id: str,
        body_key: Hashable,
        body_length: int,
        title_key: Hashable,
        near: Callable[[int], bool],
    ) -> int | None:
        """The kept article this one is a reprint of, or None. `near(index)` compares the bodies
        of a same-titled kept article of similar length (only asked when needed)."""
        found = self._by_id.get(article_id)
        if found is None and body_length >= SAME_BODY_LENGTH:
            found = self._by_body.get(body_key)
        if found is not None or title_key not in self._by_title:
            return found
        for index, length in self._by_title[title_key][-RECENT_SAME_TITLE:]:
            # A Jaccard of 0.8 needs lengths within 0.8 of each other.
            if min(length, body_length) >= NEAR_DUPLICATE * max(length, body_length) and near(
                index
            ):
                return index
        return None

    def keep(
        self, index: int, article_id: str, body_key: Hashable, body_length: int, title_key: Hashable
    ) -> None:
        """Remember a kept article (the `index`th) for the articles after it."""
        self._by_id[article_id] = index
        self._by_body.setdefault(body_key, index)
        if title_key:
            self._by_title.setdefault(title_key, []).append((index, body_length))
