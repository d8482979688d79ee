"""Exact text in article titles, for search in titles only: a keyword inside a longer title word
(自贸区 in 上海自贸区) or across words (自贸试验区 in 内蒙古自|贸|试验区), like Ctrl+F.

The title field has words, no n-grams: titles whose words contain the text have it; titles
whose words begin and end it are confirmed on the article's title, subtitle and kicker. Those
words are found through `TitleWords` (no pass over every title word); matches are remembered.
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
from search.engine.title_words import TitleWords
from search.text.normalize import plain_text

FIELD = "title"
# Texts whose matches are remembered per generation (sorted docnums, 8 bytes each): ~16 MB.
CACHE_DOCUMENTS = 2_000_000
# Articles whose title parts are remembered (to confirm words across a title's word bounds).
CACHE_ARTICLES = 20_000
# Up to this many candidate articles, `among` reads their titles rather than look the text up
# in every title word (what the first search of a generation would otherwise wait for).
CONFIRM_ARTICLES = 200
# What a title word is made of: the ends of the text searched must be inside title words.
_WORD_CHARACTER = re.compile(r"[^\W_]")


def _size(found: np.ndarray) -> int:
    return len(found)


def _unchecked() -> None:
    """No time limit."""


class TitleText:
    """Which paragraphs' article titles contain a text, for one generation."""

    def __init__(self, postings: Postings, table: FacetTable, record: Callable[[int], str]):
        """`record(docnum)`: a document's stored record (an article's has its title parts)."""
        self.postings = postings
        self.table = table
        self.record = record
        self._words: TitleWords | None = None
        self._lock = threading.Lock()
        self._found: Memo[np.ndarray] = Memo(CACHE_DOCUMENTS, _size)
        self._titles: Memo[tuple[str, ...]] = Memo(CACHE_ARTICLES)

    def words(self) -> TitleWords:
        """The generation's title words with their lookups (read and built once: ~60 ms for
        xwlb's 29k title words)."""
        with self._lock:
            if self._words is None:
                with self.postings.lock:
                    segments = self.postings.snapshot.segments
                    found = {term for segment in segments for term in segment.terms(FIELD)}
                self._words = TitleWords(sorted(found))
            return self._words

    def __len__(self) -> int:
        """How many texts' matches are remembered."""
        return len(self._found)

    def forget(self) -> None:
        """Drop the remembered matches and titles (benchmarks measure the cold cost with it);
        the title words and their lookups stay, as they depend only on the generation."""
        self._found.clear()
        self._titles.clear()

    def documents(self, text: str, check: Callable[[], None] = _unchecked) -> np.ndarray:
        """The sorted docnums (searchable paragraphs) whose article title contains `text`;
        `check()` raises when the search has run out of time (nothing is then remembered)."""
        needle = plain_text(text)
        if not _WORD_CHARACTER.search(needle):
            return np.zeros(0, dtype=np.int64)
        return self._found.get(needle, lambda: self._documents(needle, check))

    def among(
        self, text: str, candidates: np.ndarray, check: Callable[[], None] = _unchecked
    ) -> np.ndarray:
        """The sorted `candidates` whose article title contains `text`: confirmed on their own
        titles when they come from few articles (a fresh generation's title words are then
        never read), else through `documents`."""
        needle = plain_text(text)
        if not _WORD_CHARACTER.search(needle) or not len(candidates):
            return np.zeros(0, dtype=np.int64)
        if len(np.unique(self.table.article_of[candidates])) > CONFIRM_ARTICLES:
            return intersection([candidates, self.documents(text, check)])
        return self._confirmed(needle, candidates, check)

    def scores(self, documents: np.ndarray, boost: float) -> np.ndarray:
        """A match inside title words scores as one word as rare as the text: IDF × `boost`."""
        idf = math.log((self.postings.size or 1) / (len(documents) + 1)) + 1
        return np.full(len(documents), idf * boost)

    def _documents(self, needle: str, check: Callable[[], None]) -> np.ndarray:
        words = self.words()
        inside = self._having(words.containing(needle), check)
        characters = [match.start() for match in _WORD_CHARACTER.finditer(needle)]
        first, last = characters[0], characters[-1]
        if first == last:  # one character: any title having it has it inside a word
            found = inside
        else:
            heads = {needle[first:end] for end in range(first + 1, last + 1)}
            tails = {needle[start : last + 1] for start in range(first + 1, last + 1)}
            head_titles = self._having(words.ending_with(heads), check)
            tail_titles = self._having(words.starting_with(tails), check)
            across = np.setdiff1d(intersection([head_titles, tail_titles]), inside)
            found = union([inside, self._confirmed(needle, across, check)])
        found = found.astype(np.int64)
        found.flags.writeable = False  # remembered for every search of the generation
        return found

    def _having(self, word_ids: np.ndarray, check: Callable[[], None]) -> np.ndarray:
        """The sorted docnums whose title field has any of the words (by id)."""
        words = self.words().words
        found = []
        for word_id in word_ids.tolist():  # a common character's words can be thousands
            check()
            found.append(self.postings.documents(FIELD, words[word_id])[0])
        return union(found)

    def _confirmed(
        self, needle: str, candidates: np.ndarray, check: Callable[[], None]
    ) -> np.ndarray:
        """The `candidates` whose article's title, subtitle or kicker contains `needle`."""
        articles = self.table.article_of[candidates]
        kept = []
        for article in np.unique(articles).tolist():  # each read once per generation
            check()
            parts = self._titles.get(article, lambda article=article: self._parts(article))
            if any(needle in part for part in parts):
                kept.append(article)
        return candidates[np.isin(articles, kept)]

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
