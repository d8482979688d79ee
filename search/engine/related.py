"""More-like-this: paragraphs of other articles sharing a paragraph's rare words and entities.

Scores are the BM25 scores of the paragraph's most distinctive words (from the cached posting
arrays) plus a bonus per shared entity, weighted by how rare it is; reprints are left out.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Mapping

import numpy as np

from search.engine.generation import Generation
from search.engine.highlight import find_spans, mark_all, snippet
from search.fields import TEXT_TAG_FIELDS
from search.models import Hit, Paragraph, RelatedParagraph, StoredParagraph
from search.text.normalize import normalize, plain_text
from search.text.tokens import word_tokens

MAX_TERMS = 12
# A word in more than this share of all documents (or, in a small index, more than
# COMMON_FLOOR documents) says nothing about a paragraph's topic.
MAX_DOCUMENT_SHARE = 0.05
COMMON_FLOOR = 20
CANDIDATES = 30
# How much one shared entity adds, per facet, times its inverse document frequency.
ENTITY_WEIGHTS: Mapping[str, float] = {
    "park": 1.0,
    "organization": 1.5,
    "policy_document": 2.0,
    "industry": 0.5,
    "policy_type": 0.5,
}
# Paragraphs sharing this share of their character pairs are the same text (a reprint).
REPRINT_OVERLAP = 0.8


def distinctive_terms(generation: Generation, text: str) -> tuple[str, ...]:
    """The words of `text` that are rarest in the index (found in at least one other doc)."""
    postings = generation.postings
    size = generation.table.size
    words = (token.text for token in word_tokens(text))
    counts = Counter(word for word in words if len(word) > 1 and not word.isdigit())
    common = max(size * MAX_DOCUMENT_SHARE, COMMON_FLOOR)
    weighted = []
    for term, frequency in counts.items():
        # A Whoosh term lookup (about 0.3 ms): the suggestions' sorted vocabulary would be a
        # bisection, but building it costs 4.5 s on the whole xwlb index, once per generation.
        documents = postings.frequency("text", term)
        if 2 <= documents <= common:
            weighted.append((term, frequency * (math.log(size / documents) + 1)))
    weighted.sort(key=lambda item: (-item[1], item[0]))
    return tuple(term for term, _ in weighted[:MAX_TERMS])


def _tags(paragraph: Paragraph) -> list[tuple[str, str]]:
    return [
        (field.name, value)
        for field in TEXT_TAG_FIELDS
        for value in getattr(paragraph, str(field.attribute))
    ]


def related(
    generation: Generation, paragraph: Paragraph, limit: int
) -> tuple[tuple[str, ...], tuple[RelatedParagraph, ...]]:
    """The distinctive words of `paragraph` and up to `limit` related paragraphs."""
    table = generation.table
    terms = distinctive_terms(generation, paragraph.text)
    word_scores = np.zeros(table.size, dtype=np.float64)
    for term in terms:
        documents, scores = generation.postings.scores("text", term)
        word_scores[documents] += scores  # a posting list names each document once
    entities = _tags(paragraph)
    entity_scores = _entity_scores(generation, entities)
    # Shared words make a paragraph related; shared entities only rank those (or stand in
    # when the paragraph has no distinctive word).
    documents = np.flatnonzero((word_scores > 0) if terms else (entity_scores > 0))
    # Article ids are sorted (they are read as a field's terms): their number is their place.
    article = bisect.bisect_left(table.article_ids, paragraph.article_id)
    documents = documents[table.searchable[documents] & (table.article_of[documents] != article)]
    scores = word_scores[documents] + entity_scores[documents]
    if len(documents) > CANDIDATES:
        keep = np.argpartition(-scores, CANDIDATES - 1)[:CANDIDATES]
        documents, scores = documents[keep], scores[keep]
    order = np.lexsort((table.order[documents], -scores))
    ranked_scores = scores[order].tolist()
    chosen = _without_reprints(generation, paragraph.text, documents[order], limit)
    return terms, tuple(
        _related(found, ranked_scores[index], terms, entities) for index, found in chosen
    )


def _entity_scores(generation: Generation, entities: list[tuple[str, str]]) -> np.ndarray:
    table = generation.table
    scores = np.zeros(table.size, dtype=np.float64)
    for facet, value in entities:
        column = table.columns[facet]
        value_id = column.index_of.get(value)
        if value_id is None:
            continue
        owners = column.owners[column.starts[value_id] : column.starts[value_id + 1]]
        scores[owners] += ENTITY_WEIGHTS[facet] * (math.log(table.size / len(owners)) + 1)
    return scores


def _pairs(text: str) -> set[str]:
    plain = plain_text(text)
    return {plain[index : index + 2] for index in range(max(len(plain) - 1, 1))}


def _same_text(pairs: set[str], other: set[str]) -> bool:
    if not pairs or not other:
        return pairs == other
    shared = len(pairs & other)
    return shared / min(len(pairs), len(other)) >= REPRINT_OVERLAP


def _without_reprints(
    generation: Generation, text: str, ranked: np.ndarray, limit: int
) -> list[tuple[int, StoredParagraph]]:
    """The first `limit` ranked documents that repeat neither `text` nor one already taken."""
    seen = [_pairs(text)]
    chosen: list[tuple[int, StoredParagraph]] = []
    for index, docnum in enumerate(ranked.tolist()):
        stored = generation.paragraph(docnum)
        pairs = _pairs(stored.paragraph.text)
        if any(_same_text(pairs, earlier) for earlier in seen):
            continue
        seen.append(pairs)
        chosen.append((index, stored))
        if len(chosen) == limit:
            break
    return chosen


def _related(
    stored: StoredParagraph, score: float, terms: tuple[str, ...], entities: list[tuple[str, str]]
) -> RelatedParagraph:
    paragraph = stored.paragraph
    spans = find_spans(paragraph.text, terms, ())
    normalized = normalize(paragraph.text)
    shared_terms = tuple(term for term in terms if term in normalized)
    tagged = set(_tags(paragraph))
    hit = Hit(
        paragraph=paragraph,
        article_title=stored.article_title,
        highlight=snippet(paragraph.text, spans, width=120),
        score=score,
        text_html=mark_all(paragraph.text, spans),
        date=stored.date,
    )
    return RelatedParagraph(hit, shared_terms, tuple(item for item in entities if item in tagged))
