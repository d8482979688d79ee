"""The Whoosh schema of the index and the Whoosh tokenizers wrapping `search.text.tokens`.

Whoosh pickles analyzers into the index, so these class paths are part of the index format.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh import columns, fields
from whoosh.analysis import RegexTokenizer, Tokenizer
from whoosh.analysis import Token as WhooshToken

from search.fields import FACETS
from search.text import normalize as normalization
from search.text import tokens

# Joins the values of a multi-valued facet field; values may contain spaces and commas.
FACET_SEPARATOR = "\x1f"
# A cited title as written, filed under its canonical title: "<canonical>\x1e<as written>",
# only where the two differ (policy-document pages list the spellings merged into a title).
VARIANT_FIELD = "policy_document_variant"
VARIANT_SEPARATOR = "\x1e"
# No Whoosh field (Whoosh skips document keys starting with "_"): a paragraph's reprint key,
# kept only in the per-document arrays (`search.storage.document_arrays`).
REPRINT_KEY = "_reprint_key"
WORD_FIELDS = ("text", "title", "heading")
EXACT_FIELD = "exact"
# The compact normalized text of a searchable paragraph (UTF-8), read to confirm exact matches.
PLAIN_FIELD = "plain"
# Query-time weights: a title or heading hit counts more; an n-gram-only (exact) hit counts
# least, so paragraphs matching whole words rank above those matching only inside a word.
FIELD_BOOSTS: dict[str, float] = {"text": 1.0, "title": 2.0, "heading": 1.5, "exact": 0.3}


class _AnalysisTokenizer(Tokenizer):
    """Base: turns `search.text.tokens.Token`s into Whoosh's reused token object. Stateless."""

    def _tokens(self, value: str, mode: str) -> list[tokens.Token]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[WhooshToken]:
        token = WhooshToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:  # Whoosh asks for the whole value as one term (e.g. range ends)
            found = [tokens.Token(normalization.normalize(value), 0, 0, len(value))]
        else:
            found = self._tokens(value, "query" if mode == "query" else "index")
        for item in found:
            token.text = item.text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[item.start : item.end]
            if positions:
                token.pos = start_pos + item.position
            if chars:
                token.startchar = start_char + item.start
                token.endchar = start_char + item.end
            yield token


class WordTokenizer(_AnalysisTokenizer):
    """jieba words (precise mode, no HMM) plus whole Latin/digit tokens, as in `word_tokens`."""

    def _tokens(self, value: str, mode: str) -> list[tokens.Token]:
        return tokens.word_tokens(value, mode=mode)


def word_analyzer() -> WordTokenizer:
    return WordTokenizer()


def facet_analyzer() -> RegexTokenizer:
    """Splits on FACET_SEPARATOR only: values stay verbatim (case, spaces, commas)."""
    return RegexTokenizer(expression=f"[^{FACET_SEPARATOR}]+")


def _word_field() -> fields.TEXT:
    # No positions: queries score words by frequency, and words next to each other are
    # checked on the plain text (the exact field); positions were 8 % of a build.
    return fields.TEXT(analyzer=word_analyzer(), phrase=False)


def build_schema() -> fields.Schema:
    """The schema of paragraph, article and source documents (field names are a contract).

    Readers take every value from the stored JSON `record`; only what a build compares or
    carries over (`paragraph_id`, `content_hash`, `first_indexed`) is stored besides it.
    """
    facets = {
        name: fields.KEYWORD(analyzer=facet_analyzer(), scorable=False)
        for name in (*FACETS, VARIANT_FIELD)
    }
    return fields.Schema(
        doctype=fields.ID,
        paragraph_id=fields.ID(stored=True, unique=True),
        article_id=fields.ID,
        # Sorting only (a column): no range-query terms, which were 8 postings per document.
        ordinal=fields.NUMERIC(sortable=True, shift_step=0),
        kind=fields.ID,
        text=_word_field(),
        title=_word_field(),
        heading=_word_field(),
        record=fields.STORED(),
        content_hash=fields.STORED(),
        date=fields.ID(sortable=True),
        # When the article first entered the index (Unix seconds) on every document, for
        # `indexed_since` and the feed; the article document also stores it, so a rebuild that
        # replaces the article keeps it (`search.indexing.planning`).
        indexed_at=fields.COLUMN(columns.NumericColumn("q")),
        first_indexed=fields.STORED(),
        **facets,
    )


def index_schema() -> fields.Schema:
    """`build_schema()` plus the plain-text column.

    The plain text is where exact matches are confirmed, and where each segment's n-gram
    postings (the exact field, `search.storage.ngrams`) are computed from at commit.
    """
    schema = build_schema()
    schema.add(PLAIN_FIELD, fields.COLUMN(columns.VarBytesColumn()))
    return schema
