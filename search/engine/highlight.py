"""Highlights: which characters of a paragraph to mark, and HTML snippets with <mark> (no Whoosh).

Matching runs on normalized text, so ＡＩ is marked for `ai` and 高新區 for 高新区.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Sequence

from search.text.normalize import HAN_CLASS, is_han, normalize
from search.text.tokens import Token, dictionary_size, word_tokens

ELLIPSIS = "…"
# Han runs whose word bounds are remembered (a clause of 10-30 characters: ~7 MB in all).
RUN_CACHE = 20_000
# Where a snippet may start: just after the end of a sentence or clause.
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
# Matches exactly what str.isspace() accepts (both use Py_UNICODE_ISSPACE).
_WHITESPACE = re.compile(r"\s")


def find_spans(text: str, terms: Sequence[str], phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Sorted, merged [start, end) spans of `text` to mark.

    `terms` are word-field terms: each occurrence is marked, widened to whole words of the
    paragraph when it crosses a word boundary; an occurrence inside one longer Han word marks
    the term itself; a Latin/digit term only marks whole tokens (`ai` not inside `said`).
    `phrases` are exact texts, marked exactly where they occur (whitespace in the paragraph
    or the phrase ignored, as in the exact field).
    """
    normalized = normalize(text)
    spans: list[tuple[int, int]] = []
    if terms:
        words = _Words(text, normalized)
        for term in terms:
            spans.extend(_term_spans(normalized, words, normalize(term).strip()))
    if phrases:
        compact, offsets = _compact(normalized)
        for phrase in phrases:
            spans.extend(_phrase_spans(compact, offsets, phrase))
    return _merge(spans)


def _occurrences(haystack: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of `needle`."""
    found: list[int] = []
    start = haystack.find(needle) if needle else -1
    while start >= 0:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


# Han runs and the stretches between them. No word crosses from one to the next, and jieba
# cuts each Han run on its own (`search.text.tokens.word_tokens`), so a run's words can be cut
# alone, and only for the runs where a term occurs: jieba was most of a results page's time.
_RUNS = re.compile(f"[{HAN_CLASS}]+|[^{HAN_CLASS}]+")


@functools.lru_cache(maxsize=RUN_CACHE)
def _word_bounds(run: str, dictionary: int) -> tuple[tuple[int, int], ...]:
    """Where jieba's words of one run start and end, remembered: a facet click highlights the
    same paragraphs again, and clauses recur across paragraphs (jieba was most of a page).
    `dictionary` (`dictionary_size()`) keeps words cut before a vocabulary was taught apart."""
    return tuple((token.start, token.end) for token in word_tokens(run))


class _Words:
    """The word tokens of a paragraph, cut one run at a time when first asked for."""

    def __init__(self, text: str, normalized: str) -> None:
        self.text = text
        self.runs = [(match.start(), match.end()) for match in _RUNS.finditer(normalized)]
        self.run_starts = [start for start, _ in self.runs]
        self.cut: dict[int, tuple[list[Token], list[int]]] = {}

    def _run_words(self, number: int) -> tuple[list[Token], list[int]]:
        if number not in self.cut:
            start, end = self.runs[number]
            # normalize() maps char for char, so the run's own words are the paragraph's.
            run = self.text[start:end]
            words = [
                Token(run[first:last], position, start + first, start + last)
                for position, (first, last) in enumerate(_word_bounds(run, dictionary_size()))
            ]
            self.cut[number] = (words, [word.start for word in words])
        return self.cut[number]

    def covering(self, offset: int) -> Token | None:
        """The word containing character `offset`, if any (punctuation belongs to none)."""
        number = bisect.bisect_right(self.run_starts, offset) - 1
        if number < 0:
            return None
        words, starts = self._run_words(number)
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and words[index].start <= offset < words[index].end:
            return words[index]
        return None


def _term_spans(normalized: str, words: _Words, term: str) -> list[tuple[int, int]]:
    han = is_han(term)
    spans = []
    for start in _occurrences(normalized, term):
        end = start + len(term)
        first = words.covering(start)
        last = words.covering(end - 1)
        if not han:
            if first and last and first.start == start and last.end == end:
                spans.append((start, end))
        elif first is not None and first is last:
            spans.append((start, end))  # the term itself, even inside a longer word
        else:
            spans.append((first.start if first else start, last.end if last else end))
    return spans


def _compact(normalized: str) -> tuple[str, Sequence[int]]:
    """The text without whitespace, as the exact field sees it, and each character's offset."""
    if not _WHITESPACE.search(normalized):  # the usual paragraph: nothing to take out
        return normalized, range(len(normalized))
    offsets = [index for index, char in enumerate(normalized) if not char.isspace()]
    return "".join(normalized[index] for index in offsets), offsets


def _phrase_spans(compact: str, offsets: Sequence[int], phrase: str) -> list[tuple[int, int]]:
    needle = "".join(char for char in normalize(phrase) if not char.isspace())
    return [
        (offsets[start], offsets[start + len(needle) - 1] + 1)
        for start in _occurrences(compact, needle)
    ]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans become one, so a name is never marked in pieces."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end] HTML-escaped, with <mark> around the parts of spans inside the window."""
    pieces: list[str] = []
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end or span_start < cursor:
            continue
        pieces.append(html.escape(text[cursor:span_start]))
        pieces.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(html.escape(text[cursor:end]))
    return "".join(pieces)


def mark_all(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The whole paragraph, HTML-escaped, with <mark> around every span."""
    return _render(text, _merge(list(spans)), 0, len(text))


def _densest(spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """[start, end) of the run of spans that fits in `width` chars and holds the most spans."""
    best = (0, 0, 0)  # (count, first index, last index)
    last = 0
    for first in range(len(spans)):
        last = max(last, first)
        while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= width:
            last += 1
        if last - first + 1 > best[0]:
            best = (last - first + 1, first, last)
    _, first, last = best
    return spans[first][0], min(spans[last][1], spans[first][0] + width)


def _window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    if not spans:
        return 0, width
    cluster_start, cluster_end = _densest(spans, width)
    start = max(0, cluster_start - (width - (cluster_end - cluster_start)) // 2)
    # Prefer starting at a sentence start when one lies between the window start and the match.
    boundaries = [match.end() for match in _SENTENCE_END.finditer(text, start, cluster_start)]
    if boundaries:
        start = boundaries[-1]
    start = max(0, min(start, len(text) - width))
    return _outside_spans(start, spans, width, before=True), _outside_spans(
        start + width, spans, width, before=False
    )


def _outside_spans(offset: int, spans: list[tuple[int, int]], width: int, before: bool) -> int:
    """Move a window edge out of a short marked span so that no word is marked in part."""
    for start, end in spans:
        if start < offset < end and end - start <= width // 4:
            return start if before else end
    return offset


def snippet(text: str, spans: Sequence[tuple[int, int]], *, width: int = 120) -> str:
    """About `width` chars around the densest cluster of spans, escaped, `…` where cut."""
    merged = _merge(list(spans))
    if len(text) <= width:
        return _render(text, merged, 0, len(text))
    start, end = _window(text, merged, width)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return prefix + _render(text, merged, start, end) + suffix
