"""Exact text in article titles, for search in titles only: a keyword inside a longer title word
(自贸区 in 上海自贸区) or across words (自贸试验区 in 内蒙古自|贸|试验区), like Ctrl+F.

The title field has words, no n-grams: titles whose words contain the text have it; titles
whose words begin and end it are confirmed on the article's title, subtitle and kicker.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Callable

import numpy as np

from search.engine.facets import FacetTable
from search.engine.memo import Memo
from search.engine.postings import Postings
from search.engine.sets import intersection, union
from search.text.normalize import plain_text

FIELD = "title"
# Texts whose matches are remembered per generation (sorted docnums, 8 bytes each): ~16 MB.
CACHE_DOCUMENTS = 2_000_000
# Articles whose title parts are remembered (to confirm words across a title's word bounds).
CACHE_ARTICLES = 20_000
# What a title word is made of: the ends of the text searched must be inside title words.
_WORD_CHARACTER = re.compile(r"[^\W_]")


def _size(found: np.ndarray) -> int:
    return len(found)


class TitleText:
    """Which paragraphs' article titles contain a text, for one generation."""

    def __init__(self, postings: Postings, table: FacetTable, record: Callable[[int], str]):
        """`record(docnum)`: a document's stored record (an article's has its title parts)."""
        self.postings = postings
        self.table = table
        self.record = record
        self._terms: list[str] | None = None
        self._lock = threading.Lock()
        self._found: Memo[np.ndarray] = Memo(CACHE_DOCUMENTS, _size)
        self._titles: Memo[tuple[str, ...]] = Memo(CACHE_ARTICLES)

    def terms(self) -> list[str]:
        """Every title word of the generation (read once, about 30k on xwlb)."""
        with self._lock:
            if self._terms is None:
                with self.postings.lock:
                    segments = self.postings.snapshot.segments
                    found = {term for segment in segments for term in segment.terms(FIELD)}
                self._terms = sorted(found)
            return self._terms

    def documents(self, text: str) -> np.ndarray:
        """The sorted docnums (searchable paragraphs) whose article title contains `text`."""
        needle = plain_text(text)
        if not _WORD_CHARACTER.search(needle):
            return np.zeros(0, dtype=np.int64)
        return self._found.get(needle, lambda: self._documents(needle))

    def scores(self, documents: np.ndarray, boost: float) -> np.ndarray:
        """A match inside title words scores as one word as rare as the text: IDF × `boost`."""
        idf = math.log((self.postings.size or 1) / (len(documents) + 1)) + 1
        return np.full(len(documents), idf * boost)

    def _documents(self, needle: str) -> np.ndarray:
        terms = self.terms()
        inside = self._having([term for term in terms if needle in term])
        words = [match.start() for match in _WORD_CHARACTER.finditer(needle)]
        first, last = words[0], words[-1]
        if first == last:  # one character: any title having it has it inside a word
            found = inside
        else:
            heads = {needle[first:end] for end in range(first + 1, last + 1)}
            tails = {needle[start : last + 1] for start in range(first + 1, last + 1)}
            head_terms = [term for term in terms if any(map(term.endswith, heads))]
            tail_terms = [term for term in terms if any(map(term.startswith, tails))]
            across = intersection([self._having(head_terms), self._having(tail_terms)])
            found = union([inside, self._confirmed(needle, np.setdiff1d(across, inside))])
        found = found.astype(np.int64)
        found.flags.writeable = False  # remembered for every search of the generation
        return found

    def _having(self, terms: list[str]) -> np.ndarray:
        return union([self.postings.documents(FIELD, term)[0] for term in terms])

    def _confirmed(self, needle: str, candidates: np.ndarray) -> np.ndarray:
        """The `candidates` whose article's title, subtitle or kicker contains `needle`."""
        articles = self.table.article_of[candidates]
        keep = np.zeros(len(candidates), dtype=bool)
        for article in np.unique(articles).tolist():
            parts = self._titles.get(article, lambda article=article: self._parts(article))
            if any(needle in part for part in parts):
                keep |= articles == article
        return candidates[keep]

    def _parts(self, article: int) -> tuple[str, ...]:
        """An article's title, kicker and subtitle as plain text (what its title field holds)."""
        documents = self.table.documents_of(article)
        for docnum in documents[~self.table.paragraphs[documents]].tolist():
            with self.postings.lock:  # the generation's lock: one reader at a time
                raw = self.record(docnum)
            record = json.loads(raw)
            if record.get("doctype") == "article":
                parts = (record.get(name) or "" for name in ("title", "kicker", "subtitle"))
                return tuple(plain_text(part) for part in parts if part)
        return ()
