"""What a build reports: the corpus it found and what it changed in the index."""

from __future__ import annotations

from dataclasses import dataclass

from search.models import SkippedFile


@dataclass(frozen=True)
class BuildReport:
    """What a build found in the corpus and what it changed in the index."""

    articles: int
    paragraphs: int
    duplicates: int
    skipped: tuple[SkippedFile, ...]
    added: int
    replaced: int
    removed: int
    unchanged: int
    undated: int = 0  # articles without a date (no date field, file name or header date)
    parsed: int = 0  # articles read from new or changed input (the rest was remembered)
    overrides: int = 0  # tag corrections in the overrides file
    overrides_unmatched: tuple[str, ...] = ()  # "line N: id" of corrections matching nothing
