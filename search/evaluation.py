"""Evaluate a parsed query with NumPy over cached posting arrays: which paragraphs match, scores.

Same meaning as `search.query.to_whoosh` (which stays the reference): a clause matches as words or
as exact text; groups AND (or OR when relaxed, where a keyword's words also count one by one);
title, heading and word-phrase hits add score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from search.analysis import exact_query_terms, normalize, word_tokens
from search.documents import plain_text
from search.postings import Postings
from search.query import BIGRAM_BOOST, PHRASE_BOOST, Clause, ParsedQuery, partial_words
from search.schema import EXACT_FIELD, FIELD_BOOSTS


@dataclass
class Scored:
    """A set of documents (mask) with a score for each."""

    mask: np.ndarray
    scores: np.ndarray


class Evaluator:
    """Scores clauses of one query over one generation's postings."""

    def __init__(
        self,
        postings: Postings,
        aliases: Mapping[str, tuple[str, ...]],
        check: Callable[[], None] = lambda: None,
    ) -> None:
        self.postings = postings
        self.size = postings.size
        self.aliases = aliases
        self.check = check  # raises when the search ran out of time
        self._exact_found: dict[str, Scored] = {}  # a keyword's exact matches serve its bonus too

    def empty(self) -> Scored:
        return Scored(np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64))

    def _all_terms(self, fieldname: str, terms: list[str], boost: float) -> Scored:
        """Documents having every term; the score is the sum of the term scores, boosted."""
        result = self.empty()
        if not terms:
            result.mask[:] = True
            return result
        # Intersect the sorted posting arrays, then scatter once: whole-index arrays per term
        # cost more than the postings of all but the commonest words.
        documents, scores = self.postings.scores(fieldname, terms[0])
        for term in terms[1:]:
            term_documents, term_scores = self.postings.scores(fieldname, term)
            documents, left, right = np.intersect1d(
                documents, term_documents, assume_unique=True, return_indices=True
            )
            scores = scores[left] + term_scores[right]
        result.mask[documents] = True
        result.scores[documents] = scores * boost
        return result

    def _exact(self, text: str, terms: list[str]) -> Scored:
        """Documents containing `text` exactly: every n-gram, then confirmed on the plain text."""
        if text in self._exact_found:
            return self._exact_found[text]
        result = self._all_terms(EXACT_FIELD, terms, FIELD_BOOSTS[EXACT_FIELD])
        self._exact_found[text] = result
        if len(terms) > 1:  # n-grams in a paragraph need not be next to each other
            candidates = np.nonzero(result.mask)[0]
            confirmed = self.postings.containing(plain_text(text), candidates)
            result.mask[:] = False
            result.mask[confirmed] = True
            result.scores[~result.mask] = 0.0
        return result

    def _any_terms(self, fieldname: str, terms: list[str], boost: float) -> Scored:
        """Documents having at least one term; the score is the sum of the present ones."""
        result = self.empty()
        for term in dict.fromkeys(terms):
            documents, scores = self.postings.scores(fieldname, term)
            result.mask[documents] = True
            result.scores[documents] += scores
        result.scores *= boost
        return result

    def _words(self, fieldname: str, text: str, boost: float) -> Scored | None:
        tokens = [token.text for token in word_tokens(text, mode="query")]
        return self._all_terms(fieldname, tokens, boost) if tokens else None

    def clause(self, clause: Clause) -> Scored:
        """Documents matching the clause (any alias; as words unless quoted, or as exact text)."""
        result = self.empty()
        for variant in self.aliases.get(normalize(clause.text), (clause.text,)):
            options = [] if clause.phrase else [self._words("text", variant, FIELD_BOOSTS["text"])]
            terms = exact_query_terms(variant)
            if terms:
                options.append(self._exact(variant, terms))
            for option in options:
                if option is not None:
                    result.mask |= option.mask
                    result.scores += option.scores
            self.check()
        return result

    def partial(self, clause: Clause) -> Scored:
        """Relaxed: the clause's own matches, or any of its words, each scoring on its own.

        A pasted question or sentence is one keyword that no paragraph contains whole; its
        words find the best partial matches, ranked by BM25F; its character bigrams add a
        little score (`BIGRAM_BOOST`).
        """
        result = self.clause(clause)
        if clause.phrase:
            return result
        for word in partial_words(clause.text):
            if word == normalize(clause.text):
                continue  # the keyword itself, scored above
            # A paragraph qualifies by having the word as a word: a fragment inside a longer
            # word (引力 in 吸引力) is no evidence alone, though it adds to a qualified one.
            result.mask |= self._any_terms("text", [word], 1.0).mask
            result.scores += self.clause(Clause(word)).scores
        grams = [gram for gram in exact_query_terms(clause.text) if gram.isalnum()]
        if len(grams) > 1:  # score only: a paragraph sharing a bigram but no word stays out
            result.scores += self._any_terms(EXACT_FIELD, grams, BIGRAM_BOOST).scores
        return result

    def _fields(self, clause: Clause, relaxed: bool) -> list[Scored | None]:
        """Title and heading hits: of all the keyword's words, or (relaxed) of each word."""
        words = partial_words(clause.text) if relaxed and not clause.phrase else []
        if len(words) < 2:
            return [
                self._words(fieldname, clause.text, FIELD_BOOSTS[fieldname])
                for fieldname in ("title", "heading")
            ]
        return [
            self._any_terms(fieldname, words, FIELD_BOOSTS[fieldname])
            for fieldname in ("title", "heading")
        ]

    def bonus(self, clause: Clause, within: np.ndarray, relaxed: bool = False) -> np.ndarray:
        """Extra score for the keyword as a word phrase and for title and heading hits."""
        extra = np.zeros(self.size, dtype=np.float64)
        tokens = [token.text for token in word_tokens(clause.text, mode="query")]
        found = self._fields(clause, relaxed)
        terms = exact_query_terms(clause.text)
        if len(tokens) > 1 and terms:
            # The keyword's words next to each other: all its words, and its text in one piece.
            phrase = self._all_terms("text", tokens, PHRASE_BOOST)
            phrase.scores[~self._exact(clause.text, terms).mask] = 0.0
            found.append(phrase)
        for option in found:
            if option is not None:
                extra += option.scores
        extra[~within] = 0.0
        return extra

    def positive(self, parsed: ParsedQuery, relaxed: bool) -> Scored:
        """Every group must match (relaxed: any group, or any word of a keyword); scores add up."""
        groups = []
        for group in parsed.groups:
            matched = self.empty()
            for clause in group:
                option = self.partial(clause) if relaxed else self.clause(clause)
                matched.mask |= option.mask
                matched.scores += option.scores
            groups.append(matched)
        combine = np.logical_or if relaxed else np.logical_and
        mask = combine.reduce([group.mask for group in groups])
        scores = np.sum([group.scores for group in groups], axis=0)
        for group in parsed.groups:
            for clause in group:
                scores += self.bonus(clause, mask, relaxed)
        scores[~mask] = 0.0
        return Scored(mask, scores)

    def excluded(self, parsed: ParsedQuery) -> np.ndarray:
        """Documents matching any excluded clause."""
        mask = np.zeros(self.size, dtype=bool)
        for clause in parsed.excluded:
            mask |= self.clause(clause).mask
        return mask
