"""Evaluate clauses and query words over cached posting arrays: which paragraphs have them, scores.

The meaning is docs/search.md's: a word matches as a word or as exact text, in any of its
equivalent forms; title and heading hits add score (Whoosh's BM25F) only to the paragraphs that
carry the word themselves.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from search.engine.equivalents import Equivalents, Form
from search.engine.plan import Unit
from search.engine.postings import Postings
from search.engine.query import BIGRAM_BOOST, PHRASE_BOOST, Clause
from search.engine.sets import (
    EMPTY,
    Scored,
    Scores,
    add_up,
    combine,
    contains,
    intersection,
    union,
)
from search.engine.title_text import TitleText
from search.storage.schema import EXACT_FIELD, FIELD_BOOSTS
from search.text.normalize import plain_text
from search.text.tokens import exact_query_terms, word_tokens

FIELDS = ("text", "title")
# A word cut from a longer keyword matches inside longer words from this length on.
CUT_EXACT = 3


def names(forms: tuple[Form, ...]) -> list[bool]:
    """Which forms are names of several words: an equivalent (not the word as typed) that jieba
    cuts (中国—新加坡苏州工业园区, 中国(海南)自由贸易港) matches as its exact text only, or its
    words would match anywhere (中国 · 新加坡 · 苏州工业园区) and be marked alone."""
    return [
        index > 0 and len(word_tokens(form.text, mode="query")) > 1
        for index, form in enumerate(forms)
    ]


class Evaluator:
    """Scores clauses and words of one query over one generation's postings.

    `field` "title" matches article titles only, as words or exact text (`titles`; no bonuses).
    """

    def __init__(
        self,
        postings: Postings,
        equivalents: Equivalents,
        check: Callable[[], None] = lambda: None,
        field: str = "text",
        titles: TitleText | None = None,
    ) -> None:
        self.postings = postings
        self.titles = titles
        self.equivalents = equivalents
        self.check = check  # raises when the search ran out of time
        self.field = field
        self._exact_found: dict[str, Scored] = {}  # a keyword's exact matches serve its bonus too

    def _all_terms(self, fieldname: str, terms: list[str], boost: float) -> Scored:
        """Documents having every one of `terms` (not empty); the summed term scores, boosted.

        Several terms: the documents first (rarest posting list first), then each term's
        scores of those documents only, added in the terms' order (the same floats as adding
        whole lists)."""
        if len(terms) == 1:
            documents, scores = self.postings.scores(fieldname, terms[0])
            return Scored.of(Scores(documents, scores * boost))
        postings = [self.postings.documents(fieldname, term)[0] for term in terms]
        documents = intersection(sorted(postings, key=len))
        scores = self.postings.scores_at(fieldname, terms[0], documents)
        for term in terms[1:]:
            scores = scores + self.postings.scores_at(fieldname, term, documents)
        return Scored.of(Scores(documents, scores * boost))

    def _exact(self, text: str) -> Scored:
        """Documents containing `text` exactly: every n-gram, then confirmed on the plain text."""
        if text not in self._exact_found:
            terms = exact_query_terms(text)
            if not terms:
                return EMPTY
            if len(terms) == 1:
                result = self._all_terms(EXACT_FIELD, terms, FIELD_BOOSTS[EXACT_FIELD])
            else:  # n-grams in a paragraph need not be next to each other: confirmed
                found = self.postings.exact.get(text, lambda: self._confirmed_all(text, terms))
                result = Scored.of(Scores(*found))
            self._exact_found[text] = result
        return self._exact_found[text]

    def _title_exact(self, text: str) -> Scored:
        """Paragraphs whose article title contains `text` exactly (none without `titles`)."""
        if self.titles is None:
            return EMPTY
        documents = self.titles.documents(text, self.check)
        return Scored.of(Scores(documents, self.titles.scores(documents, FIELD_BOOSTS["exact"])))

    def _exact_in_field(self, text: str) -> Scored:
        """`text` as exact text in the searched field: paragraphs, or article titles."""
        return self._title_exact(text) if self.field == "title" else self._exact(text)

    def _confirmed_all(self, text: str, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The documents having every n-gram of `text` whose plain text has it, and their
        summed n-gram scores."""
        candidates = self._all_terms(EXACT_FIELD, terms, FIELD_BOOSTS[EXACT_FIELD])
        found = candidates.scores.within(self._confirmed(text, candidates.documents))
        for array in (found.documents, found.scores):
            array.flags.writeable = False  # remembered for every search of the generation
        return found.documents, found.scores

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

    def _form(self, form: Form, exact: bool, name: bool = False) -> list[Scored | None]:
        """A form as all its words (in the searched field), and as exact text when `exact`; a
        `name` (`names`) only as exact text, its words scoring where it is."""
        boost = FIELD_BOOSTS[self.field] * form.weight
        words = self._words(self.field, form.text, boost)
        if name:
            found = self._exact_in_field(form.text)
            within = None if words is None else Scored.of(words.scores.within(found.documents))
            self.check()
            return [within, found.times(form.weight)]
        options = [words]
        if exact:
            options.append(self._exact_in_field(form.text).times(form.weight))
        self.check()
        return options

    def clause(self, clause: Clause) -> Scored:
        """Documents matching a clause: a phrase as exact text; a keyword as words or exact text,
        in any of its forms (in title mode, in the article's title)."""
        if clause.phrase:
            return self._exact_in_field(clause.text)
        options: list[Scored | None] = []
        forms = self.equivalents.forms(clause.text)
        for form, name in zip(forms, names(forms), strict=True):
            options += self._form(form, exact=True, name=name)
        return combine(options)

    def unit(self, unit: Unit) -> Scored:
        """Documents having the word (any form); fragments of it inside longer words add score.

        A word typed alone matches as exact text too, like Ctrl+F. A word cut from a longer
        keyword does when it has CUT_EXACT characters or more (高新区 in 青岛高新区), or when the
        keyword's exact text is there: a shorter piece inside another word (引力 in 吸引力,
        上 in 上海) is no evidence of the word, though it adds a little score.
        """
        options: list[Scored | None] = []
        fragments: list[Scores] = []
        for form, name in zip(unit.forms, names(unit.forms), strict=True):
            whole = unit.alone or len(form.text) >= CUT_EXACT
            options += self._form(form, exact=whole, name=name)
            if not whole and not name and self.field == "text":
                fragments.append(self._exact(form.text).scores.times(form.weight))
        if unit.keyword:
            keyword = self._exact_in_field(unit.keyword)
            options.append(Scored(keyword.documents, EMPTY.scores))
        found = combine(options)
        if not fragments:
            return found
        return Scored(found.documents, add_up([found.scores, *fragments]))

    def field_bonus(self, forms: tuple[Form, ...], within: np.ndarray) -> Scores:
        """Title and heading hits of any form, for the sorted `within` (the paragraphs that
        have the word themselves); a name of several words counts in a title that has its
        exact text (headings have no exact text: none there)."""
        if self.field != "text":
            return EMPTY.scores
        found = []
        for form, name in zip(forms, names(forms), strict=True):
            self.check()
            for fieldname in ("title",) if name else ("title", "heading"):
                option = self._words(fieldname, form.text, FIELD_BOOSTS[fieldname] * form.weight)
                if option is not None and name:
                    option = Scored.of(
                        option.scores.within(self._titled(form.text, option, within))
                    )
                if option is not None:
                    found.append(option.scores)
        return add_up(found).within(within)

    def _titled(self, text: str, option: Scored, within: np.ndarray) -> np.ndarray:
        """Of the sorted `within` having `option` (a name's words in the title), those whose
        title has its exact text: only they can get its bonus, so only they are checked."""
        if self.titles is None:
            return EMPTY.documents
        candidates = intersection([option.documents, within])
        return self.titles.among(text, candidates, self.check)

    def title_documents(self, forms: tuple[Form, ...]) -> np.ndarray:
        """The sorted documents whose article title has every word of one of `forms`."""
        found = [self._words("title", form.text, 1.0) for form in forms]
        return union([option.documents for option in found if option is not None])

    def keyword_bonus(self, keyword: str, ignored: frozenset[str], within: np.ndarray) -> Scores:
        """For a keyword cut into words: its words next to each other (the keyword as exact
        text) score again × PHRASE_BOOST; its character bigrams without the ignored words
        add a little (× BIGRAM_BOOST), never making a paragraph match."""
        if self.field != "text":
            return EMPTY.scores
        found = []
        tokens = [token.text for token in word_tokens(keyword, mode="query")]
        runs = "".join(" " if token in ignored else token for token in tokens).split()
        # The words next to each other; with question words only at its ends, the rest too:
        # 什么是新质生产力 rewards 新质生产力, not only paragraphs asking the same question.
        phrases = runs if len(runs) == 1 else [keyword]
        for phrase in phrases:
            words = [token.text for token in word_tokens(phrase, mode="query")]
            if len(words) > 1:
                scores = self._all_terms("text", words, PHRASE_BOOST).scores
                found.append(scores.within(self._exact(phrase).documents))
        grams = [gram for run in runs for gram in exact_query_terms(run) if gram.isalnum()]
        if len(grams) > 1:
            found.append(self._any_terms(EXACT_FIELD, grams, BIGRAM_BOOST).scores)
        return add_up(found).within(within)

    def excluded(self, clauses: tuple[Clause, ...]) -> np.ndarray:
        """The sorted documents matching any excluded clause (in the paragraph text)."""
        field, self.field = self.field, "text"
        try:
            return union([self.clause(clause).documents for clause in clauses])
        finally:
            self.field = field
