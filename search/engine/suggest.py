"""Completions for what a user is typing: park names and aliases, organisations, policy documents
and the corpus's frequent words, each with its kind and how many paragraphs have it.

Built once per index generation; a lookup is a binary search per source plus a top-k.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from search.engine.columns import FieldColumn
from search.engine.facets import FacetTable
from search.engine.query import leading_operator
from search.storage import lexicon
from search.text.normalize import normalize

MAX_SUGGESTIONS = 10
# Suggestions offer corpus words found in at least this many paragraphs.
SUGGEST_MINIMUM = 3
# Among equal counts, vocabulary entries come before plain corpus words.
KINDS = ("park", "organization", "policy_document", "word")
# The index keeps Latin letters in lower case; news writes its short Latin words (AI, 5G, GDP,
# APP, IT) in capitals, so a corpus word of two to four letters and digits is shown so.
_ABBREVIATION = re.compile(r"(?=[0-9]*[a-z])[a-z0-9]{2,4}")


@dataclass(frozen=True)
class Suggestion:
    """One completion: the text to search, its kind (one of KINDS) and its paragraph count."""

    text: str
    kind: str
    count: int


class _Source:
    """Texts of one kind sorted by their normalized form, with counts; `groups` maps a text to
    the entry it names (a park alias to its park), which is offered once."""

    def __init__(
        self, kind: str, entries: Iterable[tuple[str, int]], groups: dict[str, str] | None = None
    ) -> None:
        best: dict[str, tuple[str, int]] = {}
        for text, count in entries:
            key = normalize(text).strip()
            if key and count > 0 and count > best.get(key, ("", 0))[1]:
                best[key] = (text, count)
        self.kind = kind
        self.keys = sorted(best)
        self.texts = [best[key][0] for key in self.keys]
        self.counts = np.array([best[key][1] for key in self.keys], dtype=np.int64)
        self.groups = [groups.get(text, text) for text in self.texts] if groups else None

    def matching(self, prefix: str, limit: int) -> list[Suggestion]:
        low = bisect.bisect_left(self.keys, prefix)
        high = bisect.bisect_left(self.keys, prefix + "\U0010ffff")
        counts = self.counts[low:high]
        if self.groups is not None:
            chosen = self._one_per_group(self.groups, low, high)
        elif len(counts) > limit:
            chosen = np.argpartition(-counts, limit - 1)[:limit].tolist()
        else:
            chosen = list(range(len(counts)))
        return [
            Suggestion(self.texts[low + index], self.kind, int(counts[index])) for index in chosen
        ]

    def _one_per_group(self, groups: list[str], low: int, high: int) -> list[int]:
        """One text per group among keys low..high: the group's own name when it matches the
        prefix, else its shortest matching spelling (张江高新区 for 张江, not nine aliases)."""
        best: dict[str, int] = {}
        for index in range(low, high):
            group, text = groups[index], self.texts[index]
            kept = best.get(group)
            if kept is None or _preferred(text, self.texts[kept], group):
                best[group] = index
        return [index - low for index in best.values()]


def _preferred(text: str, kept: str, group: str) -> bool:
    if kept == group or text == group:
        return text == group
    return len(text) < len(kept)


def _column_counts(column: FieldColumn) -> list[tuple[str, int]]:
    sizes = np.diff(column.starts).tolist()
    return list(zip(column.values, sizes, strict=True))


class Suggester:
    """Prefix completions over one generation's vocabularies and frequent words."""

    def __init__(
        self,
        table: FacetTable,
        park_names: dict[str, str],
        words: tuple[list[str], np.ndarray],
    ) -> None:
        """`park_names`: every park name and alias -> its canonical name (the facet value);
        `words`: the corpus's frequent words (sorted) and their document counts."""
        park_counts = dict(_column_counts(table.columns["park"]))
        parks = [(name, park_counts.get(canonical, 0)) for name, canonical in park_names.items()]
        self.sources = [
            _Source("park", [*parks, *park_counts.items()], park_names),
            _Source("organization", _column_counts(table.columns["organization"])),
            _Source("policy_document", _column_counts(table.columns["policy_document"])),
            _Source("word", zip(words[0], words[1].tolist(), strict=True)),
        ]

    def suggest(self, prefix: str, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
        """Up to `limit` completions of `prefix`, most paragraphs first; each text once. A
        leading exclusion or quote stays in front of every completion (-张江 → -张江高新区), as
        the query parser reads it (`leading_operator`: an apostrophe before the word is dropped)."""
        typed, length = leading_operator(prefix.strip())
        key = normalize(prefix.strip()[length:]).strip()
        if not key:
            return []
        found = [item for source in self.sources for item in source.matching(key, limit)]
        found.sort(key=lambda item: (-item.count, KINDS.index(item.kind), item.text))
        chosen: dict[str, Suggestion] = {}
        for item in found:
            chosen.setdefault(normalize(item.text), item)
        return [
            Suggestion(typed + _display(item), item.kind, item.count)
            for item in list(chosen.values())[:limit]
        ]


def _display(item: Suggestion) -> str:
    """The text as news writes it: a short Latin corpus word in capitals (ai → AI)."""
    if item.kind == "word" and _ABBREVIATION.fullmatch(item.text):
        return item.text.upper()
    return item.text


def frequent_words(
    segments: Iterable[Any], fieldname: str, minimum: int = SUGGEST_MINIMUM
) -> tuple[list[str], np.ndarray]:
    """The field's words of two characters or more in at least `minimum` documents of the
    generation's `segments`, sorted, with their document counts (deleted documents included, as
    Whoosh counts them); callers hold the generation's lock."""
    counts: dict[str, int] = {}
    for segment in segments:
        for text, frequency in _segment_words(segment, fieldname):
            counts[text] = counts.get(text, 0) + frequency
    words = sorted(word for word, count in counts.items() if count >= minimum)
    return words, np.array([counts[word] for word in words], dtype=np.int64)


def _segment_words(segment: Any, fieldname: str) -> Iterable[tuple[str, int]]:
    """A segment's (word, document count) pairs of two characters or more: from the lexicon
    file written at index time, else (an older index) from Whoosh's term dictionary."""
    stored = segment.lexicon() if fieldname == lexicon.FIELD else None
    if stored is not None:
        return zip(stored[0], stored[1].tolist(), strict=True)
    pairs = segment.document_frequencies(fieldname)
    return ((text, frequency) for text, frequency in pairs if len(text) > 1)
