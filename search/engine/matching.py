"""Evaluate a parsed query with NumPy over cached posting arrays: which paragraphs match, scores.

The meaning is docs/search.md's: a clause matches as words or as exact text; groups AND (or OR
when relaxed, where a keyword's words also count one by one); title, heading and word-phrase
hits add score, with Whoosh's BM25F. Results stay sparse (sorted docnums) until the
end: arrays over the whole index cost more per search than the postings of all but the commonest
words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from search.engine.postings import Postings
from search.engine.query import BIGRAM_BOOST, PHRASE_BOOST, Clause, ParsedQuery, partial_words
from search.storage.schema import EXACT_FIELD, FIELD_BOOSTS
from search.text.normalize import normalize, plain_text
from search.text.tokens import exact_query_terms, word_tokens

_NO_DOCUMENTS = np.zeros(0, dtype=np.int64)
_NO_SCORES = np.zeros(0, dtype=np.float64)


@dataclass(frozen=True)
class Scores:
    """Sorted docnums, each with a score. Never changed in place: posting arrays are shared."""

    documents: np.ndarray
    scores: np.ndarray

    def times(self, factor: float) -> Scores:
        return Scores(self.documents, self.scores * factor)

    def within(self, documents: np.ndarray) -> Scores:
        """Only the documents also in the sorted `documents`."""
        keep = contains(documents, self.documents)
        return Scores(self.documents[keep], self.scores[keep])

    def at(self, documents: np.ndarray) -> np.ndarray:
        """The score of each of the sorted `documents` (0 where it has none)."""
        if np.array_equal(self.documents, documents):  # the usual case: scores where matched
            return self.scores
        found = contains(self.documents, documents)
        result = np.zeros(len(documents), dtype=np.float64)
        result[found] = self.scores[np.searchsorted(self.documents, documents[found])]
        return result


@dataclass(frozen=True)
class Scored:
    """A set of matching documents and the scores contributed so far.

    Scores may reach documents outside the set (a relaxed keyword's fragments score where
    another keyword of the group matches); only the final set's scores are kept.
    """

    documents: np.ndarray
    scores: Scores

    @classmethod
    def of(cls, scores: Scores) -> Scored:
        return cls(scores.documents, scores)


EMPTY = Scored.of(Scores(_NO_DOCUMENTS, _NO_SCORES))


def contains(sorted_documents: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """For each of `documents`, whether it is in `sorted_documents`."""
    if not len(sorted_documents) or not len(documents):
        return np.zeros(len(documents), dtype=bool)
    positions = np.searchsorted(sorted_documents, documents)
    positions[positions == len(sorted_documents)] = 0
    return sorted_documents[positions] == documents


def _run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in the sorted, non-empty `ordered`."""
    return np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))


def add_up(parts: list[Scores]) -> Scores:
    """Every document of any part, its score the sum over the parts (in their order)."""
    parts = [part for part in parts if len(part.documents)]
    if len(parts) <= 1:
        return parts[0] if parts else EMPTY.scores
    documents = np.concatenate([part.documents for part in parts])
    scores = np.concatenate([part.scores for part in parts])
    order = np.argsort(documents, kind="stable")  # merges sorted runs; keeps the parts' order
    documents, scores = documents[order], scores[order]
    starts = _run_starts(documents)
    return Scores(documents[starts], np.add.reduceat(scores, starts))


def union(parts: list[np.ndarray]) -> np.ndarray:
    """The sorted documents in any of `parts`."""
    parts = [part for part in parts if len(part)]
    if len(parts) <= 1:
        return parts[0] if parts else _NO_DOCUMENTS
    documents = np.sort(np.concatenate(parts))  # np.unique hashes: 3 ms for 60k documents
    return documents[_run_starts(documents)]


def intersection(parts: list[np.ndarray]) -> np.ndarray:
    """The sorted documents in every one of `parts`."""
    result = parts[0]
    for part in parts[1:]:
        result = result[contains(part, result)]
    return result


def combine(options: list[Scored | None]) -> Scored:
    """Documents matching any option; scores add up."""
    present = [option for option in options if option is not None]
    scores = add_up([option.scores for option in present])
    if all(option.documents is option.scores.documents for option in present):
        return Scored.of(scores)  # every option scores exactly its matches: one merge is enough
    return Scored(union([option.documents for option in present]), scores)


class Evaluator:
    """Scores clauses of one query over one generation's postings."""

    def __init__(
        self,
        postings: Postings,
        aliases: Mapping[str, tuple[str, ...]],
        check: Callable[[], None] = lambda: None,
    ) -> None:
        self.postings = postings
        self.aliases = aliases
        self.check = check  # raises when the search ran out of time
        self._exact_found: dict[str, Scored] = {}  # a keyword's exact matches serve its bonus too

    def _all_terms(self, fieldname: str, terms: list[str], boost: float) -> Scored:
        """Documents having every one of `terms` (not empty); the summed term scores, boosted."""
        documents, scores = self.postings.scores(fieldname, terms[0])
        for term in terms[1:]:
            term_documents, term_scores = self.postings.scores(fieldname, term)
            documents, left, right = np.intersect1d(
                documents, term_documents, assume_unique=True, return_indices=True
            )
            scores = scores[left] + term_scores[right]
        return Scored.of(Scores(documents, scores * boost))

    def _exact(self, text: str, terms: list[str]) -> Scored:
        """Documents containing `text` exactly: every n-gram, then confirmed on the plain text."""
        if text not in self._exact_found:
            result = self._all_terms(EXACT_FIELD, terms, FIELD_BOOSTS[EXACT_FIELD])
            if len(terms) > 1:  # n-grams in a paragraph need not be next to each other
                result = Scored.of(result.scores.within(self._confirmed(text, result.documents)))
            self._exact_found[text] = result
        return self._exact_found[text]

    def _confirmed(self, text: str, candidates: np.ndarray) -> np.ndarray:
        """The sorted `candidates` whose plain text contains `text`."""
        needle = plain_text(text)
        tokens = word_tokens(text, mode="query")
        sure = np.zeros(len(candidates), dtype=bool)
        if len(tokens) == 1 and tokens[0].text == needle:
            # A paragraph with the needle as a word has it in its text: no need to look.
            sure = contains(self.postings.documents("text", needle)[0], candidates)
        checked = self.postings.containing(needle, candidates[~sure])
        return union([candidates[sure], checked])

    def _any_terms(self, fieldname: str, terms: list[str], boost: float) -> Scored:
        """Documents having at least one term; the score is the sum of the present ones."""
        found = [Scores(*self.postings.scores(fieldname, term)) for term in dict.fromkeys(terms)]
        return Scored.of(add_up(found).times(boost))

    def _words(self, fieldname: str, text: str, boost: float) -> Scored | None:
        tokens = [token.text for token in word_tokens(text, mode="query")]
        return self._all_terms(fieldname, tokens, boost) if tokens else None

    def clause(self, clause: Clause) -> Scored:
        """Documents matching the clause (any alias; as words unless quoted, or as exact text)."""
        options: list[Scored | None] = []
        for variant in self.aliases.get(normalize(clause.text), (clause.text,)):
            if not clause.phrase:
                options.append(self._words("text", variant, FIELD_BOOSTS["text"]))
            terms = exact_query_terms(variant)
            if terms:
                options.append(self._exact(variant, terms))
            self.check()
        return combine(options)

    def partial(self, clause: Clause) -> Scored:
        """Relaxed: the clause's own matches, or any of its words, each scoring on its own.

        A pasted question or sentence is one keyword that no paragraph contains whole; its
        words find the best partial matches, ranked by BM25F; its character bigrams add a
        little score (`BIGRAM_BOOST`).
        """
        own = self.clause(clause)
        if clause.phrase:
            return own
        documents, scores = [own.documents], [own.scores]
        for word in partial_words(clause.text):
            if word == normalize(clause.text):
                continue  # the keyword itself, scored above
            # A paragraph qualifies by having the word as a word: a fragment inside a longer
            # word (引力 in 吸引力) is no evidence alone, though it adds to a qualified one.
            documents.append(self.postings.documents("text", word)[0])
            scores.append(self.clause(Clause(word)).scores)
        grams = [gram for gram in exact_query_terms(clause.text) if gram.isalnum()]
        if len(grams) > 1:  # score only: a paragraph sharing a bigram but no word stays out
            scores.append(self._any_terms(EXACT_FIELD, grams, BIGRAM_BOOST).scores)
        return Scored(union(documents), add_up(scores))

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

    def bonus(self, clause: Clause, within: np.ndarray, relaxed: bool = False) -> Scores:
        """Extra score, for the sorted `within`, for the keyword as a word phrase and for title
        and heading hits."""
        tokens = [token.text for token in word_tokens(clause.text, mode="query")]
        found = [option.scores for option in self._fields(clause, relaxed) if option is not None]
        terms = exact_query_terms(clause.text)
        if len(tokens) > 1 and terms:
            # The keyword's words next to each other: all its words, and its text in one piece.
            phrase = self._all_terms("text", tokens, PHRASE_BOOST).scores
            found.append(phrase.within(self._exact(clause.text, terms).documents))
        return add_up(found).within(within)

    def positive(self, parsed: ParsedQuery, relaxed: bool) -> Scores:
        """Every group must match (relaxed: any group, or any word of a keyword); scores add up."""
        groups = [
            combine([self.partial(clause) if relaxed else self.clause(clause) for clause in group])
            for group in parsed.groups
        ]
        members = [group.documents for group in groups]
        documents = union(members) if relaxed else intersection(members)
        if not len(documents):  # no bonus to add (and a strict search relaxes next)
            return Scores(documents, np.zeros(0, dtype=np.float64))
        parts = [group.scores for group in groups]
        for group in parsed.groups:
            for clause in group:
                parts.append(self.bonus(clause, documents, relaxed))
        return Scores(documents, add_up(parts).at(documents))

    def excluded(self, parsed: ParsedQuery) -> np.ndarray:
        """The sorted documents matching any excluded clause."""
        return union([self.clause(clause).documents for clause in parsed.excluded])
