"""The Whoosh schema of the index (ids and stored fields) and the names of the fields kept
outside Whoosh (keyword fields and numbers in the per-document arrays, word fields, exact field).
"""

from __future__ import annotations

from whoosh import columns, fields

# Joins the values of a multi-valued facet field; values may contain spaces and commas.
FACET_SEPARATOR = "\x1f"
# A cited title as written, filed under its canonical title: "<canonical>\x1e<as written>",
# only where the two differ (policy-document pages list the spellings merged into a title).
VARIANT_FIELD = "policy_document_variant"
VARIANT_SEPARATOR = "\x1e"
# No Whoosh field (Whoosh skips document keys starting with "_"): a paragraph's reprint key,
# kept only in the per-document arrays (`search.storage.document_arrays`).
REPRINT_KEY = "_reprint_key"
# No Whoosh field either: a paragraph's text and its words as the build cut them before tagging
# (`search.indexing.documents.paragraph_words`), which the writer stores instead of cutting again.
TEXT_WORDS = "_text_words"
# The word fields (jieba words of a paragraph, its article's title, its section heading) are no
# Whoosh fields: their postings are written by `search.storage.words`.
WORD_FIELDS = ("text", "title", "heading")
EXACT_FIELD = "exact"
# The compact normalized text of a searchable paragraph (UTF-8), read to confirm exact matches.
PLAIN_FIELD = "plain"
# All Whoosh keeps of a paragraph document (format 12): the article id a build deletes it by, and
# the plain-text column. Its own id, type and small stored fields cost a posting list (one term
# per paragraph) and a stored entry each, about a tenth of a build's CPU, for nothing a reader
# asks Whoosh: a paragraph is found through its article (`Snapshot.paragraph_record`).
PARAGRAPH_WHOOSH_FIELDS = frozenset({"article_id", PLAIN_FIELD})
# Query-time weights: a title or heading hit counts more; an n-gram-only (exact) hit counts
# least, so paragraphs matching whole words rank above those matching only inside a word.
FIELD_BOOSTS: dict[str, float] = {"text": 1.0, "title": 2.0, "heading": 1.5, "exact": 0.3}


def build_schema() -> fields.Schema:
    """The schema of paragraph, article and source documents (field names are a contract).

    Whoosh keeps only what finds documents by id (a build deletes and looks them up by
    `paragraph_id` / `article_id`, lists them by `doctype`) and what a build compares or carries
    over (`paragraph_id`, `content_hash`, `first_indexed`, stored); of a paragraph document only
    its `article_id` (`PARAGRAPH_WHOOSH_FIELDS`). Readers take every value
    from the JSON `record`, which is in our records file (`search.storage.stored`). The keyword
    fields, ordinals and times are in the per-document arrays (`search.storage.document_arrays`),
    the word fields in our postings files: Whoosh's pure-Python writer indexed them too (format
    ≤ 9), a fifth of a build's CPU.
    """
    return fields.Schema(
        doctype=fields.ID,
        paragraph_id=fields.ID(stored=True, unique=True),
        article_id=fields.ID,
        content_hash=fields.STORED(),
        first_indexed=fields.STORED(),
    )


def index_schema() -> fields.Schema:
    """`build_schema()` plus the plain-text column.

    The plain text is where exact matches are confirmed, and where each segment's n-gram
    postings (the exact field, `search.storage.ngrams`) are computed from at commit.
    """
    schema = build_schema()
    schema.add(PLAIN_FIELD, fields.COLUMN(columns.VarBytesColumn()))
    return schema
