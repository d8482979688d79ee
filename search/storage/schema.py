"""The Whoosh schema of the index, the facet tokenizer and the names of the fields kept outside
Whoosh (word fields, the exact field). Whoosh pickles analyzers into the index, so their class
paths are part of the index format.
"""

from __future__ import annotations

from whoosh import columns, fields
from whoosh.analysis import RegexTokenizer

from search.fields import FACETS

# Joins the values of a multi-valued facet field; values may contain spaces and commas.
FACET_SEPARATOR = "\x1f"
# A cited title as written, filed under its canonical title: "<canonical>\x1e<as written>",
# only where the two differ (policy-document pages list the spellings merged into a title).
VARIANT_FIELD = "policy_document_variant"
VARIANT_SEPARATOR = "\x1e"
# No Whoosh field (Whoosh skips document keys starting with "_"): a paragraph's reprint key,
# kept only in the per-document arrays (`search.storage.document_arrays`).
REPRINT_KEY = "_reprint_key"
# The word fields (jieba words of a paragraph, its article's title, its section heading) are no
# Whoosh fields: their postings are written by `search.storage.words`.
WORD_FIELDS = ("text", "title", "heading")
EXACT_FIELD = "exact"
# The compact normalized text of a searchable paragraph (UTF-8), read to confirm exact matches.
PLAIN_FIELD = "plain"
# Query-time weights: a title or heading hit counts more; an n-gram-only (exact) hit counts
# least, so paragraphs matching whole words rank above those matching only inside a word.
FIELD_BOOSTS: dict[str, float] = {"text": 1.0, "title": 2.0, "heading": 1.5, "exact": 0.3}


def facet_analyzer() -> RegexTokenizer:
    """Splits on FACET_SEPARATOR only: values stay verbatim (case, spaces, commas)."""
    return RegexTokenizer(expression=f"[^{FACET_SEPARATOR}]+")


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
