"""A paragraph that names a query word only as an item of a list (…、稀土、… or 稀土等) scores
less: it mentions the subject among others instead of saying something about it (docs/ranking.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from search.engine.matched import Matched
from search.engine.plan import Plan
from search.engine.postings import Postings
from search.text.normalize import plain_text

# The best this many full matches (and partial ones) by score are checked: reading their texts
# is the cost, and the order below them hardly matters (depth 30 to 200 measured alike on dev).
DEPTH = 50
# Score times 1 - LIST_FACTOR × the share of the paragraph's query weight named only in lists
# (tuned on the judged set's dev queries: 0.15 to 0.3 on a plateau, docs/ranking.md).
LIST_FACTOR = 0.2
# An occurrence is a list item when an enumeration comma touches it, or 等 follows it; quotes
# and brackets around it do not count as a neighbour.
SEPARATOR = "、"
CLOSING = "等"
QUOTES_BEFORE = '"“‘《(「『'
QUOTES_AFTER = '"”’》)」』'

# (the typed keyword's texts to look for, its IDF weight)
Keyword = tuple[tuple[str, ...], float]


def keywords_of(plan: Plan, matched: Matched, size: int) -> list[Keyword]:
    """Each typed keyword's forms (its own text, its words' equivalent forms) and the IDF
    weight of its words; phrases and OR groups keep their exact meaning and are left out."""
    presence = matched.presence[len(plan.required) :]
    found: dict[str, tuple[list[str], float]] = {}
    for unit, having in zip(plan.units, presence, strict=True):
        typed = unit.keyword or unit.word
        texts, weight = found.get(typed, ([plain_text(typed)], 0.0))
        texts += [plain_text(form.text) for form in unit.forms]
        found[typed] = (texts, weight + math.log((size or 1) / (len(having) + 1)) + 1)
    return [(tuple(t for t in dict.fromkeys(texts) if t), w) for texts, w in found.values()]


def listed_share(text: str, keywords: Sequence[Keyword]) -> float:
    """The share of the query weight present in `text` whose every occurrence is a list item."""
    present = listed = 0.0
    for texts, weight in keywords:
        spans = _spans(text, texts)
        if spans:
            present += weight
            if all(_in_list(text, start, end) for start, end in spans):
                listed += weight
    return listed / present if present else 0.0


def demote(
    postings: Postings,
    keywords: Sequence[Keyword],
    matched: Matched,
    tiers: Sequence[np.ndarray],
) -> None:
    """Scale the scores of the best DEPTH candidates of each tier (`tiers`: arrays of candidate
    positions) by how much of the query they name only in lists."""
    for where in tiers:
        if not len(where):
            continue
        if len(where) > DEPTH:
            where = where[np.argpartition(-matched.scores[where], DEPTH - 1)[:DEPTH]]
        where = np.sort(where)
        texts = postings.texts(matched.candidates[where])
        shares = np.fromiter((listed_share(text, keywords) for text in texts), float, len(texts))
        matched.scores[where] *= 1 - LIST_FACTOR * shares


def _spans(text: str, texts: Sequence[str]) -> list[tuple[int, int]]:
    """Where any of `texts` occurs, overlapping or touching occurrences merged (the words of
    新能源汽车 are one occurrence)."""
    found = []
    for needle in texts:
        start = text.find(needle)
        while start >= 0:
            found.append((start, start + len(needle)))
            start = text.find(needle, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _in_list(text: str, start: int, end: int) -> bool:
    while start > 0 and text[start - 1] in QUOTES_BEFORE:
        start -= 1
    while end < len(text) and text[end] in QUOTES_AFTER:
        end += 1
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return before == SEPARATOR or after in (SEPARATOR, CLOSING)
