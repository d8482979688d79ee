"""The plain text of one generation's paragraphs, segment by segment (memory-mapped columns the
build wrote): what exact-text confirmation and reranking read for a few candidates.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from search.errors import IndexUnavailable
from search.storage.plain_text import PlainText


class PlainTexts:
    """Each segment's plain-text column; callers hold the generation's lock (`close` unmaps)."""

    def __init__(self, segments: list[Any]) -> None:
        self._segments = segments
        self._columns: list[PlainText | None] | None = []
        try:
            for segment in segments:
                self._columns.append(segment.plain_text())
        except BaseException:
            self.close()
            raise

    def containing(self, needle: str, candidates: np.ndarray) -> np.ndarray:
        """The sorted `candidates` whose plain text (`plain_text`) contains `needle`."""
        encoded = needle.encode("utf-8")  # UTF-8 bytes match exactly where characters do
        keep = np.zeros(len(candidates), dtype=bool)
        for column, start, end, local in self._parts(candidates):
            if column is not None:
                keep[start:end] = column.containing(encoded, local)
        return candidates[keep]

    def texts(self, documents: np.ndarray) -> list[str]:
        """The plain texts (`plain_text`) of the sorted `documents`."""
        found: list[str] = []
        for column, start, end, local in self._parts(documents):
            found += column.texts(local) if column is not None else [""] * (end - start)
        return found

    def _parts(self, documents: np.ndarray) -> list[tuple[Any, int, int, np.ndarray]]:
        """Each segment's column with the slice of the sorted `documents` in it (start, end)
        and their docnums within the segment."""
        if self._columns is None:
            raise IndexUnavailable("This index generation was closed")
        bounds = np.searchsorted(documents, [segment.offset for segment in self._segments])
        ends = [*bounds[1:].tolist(), len(documents)]
        return [
            (column, start, end, documents[start:end] - segment.offset)
            for column, segment, start, end in zip(
                self._columns, self._segments, bounds.tolist(), ends, strict=True
            )
            if end > start
        ]

    def close(self) -> None:
        """Release the memory maps (opened ones too, when opening failed half-way)."""
        for column in self._columns or ():
            if column is not None:
                column.close()
        self._columns = None
