"""The index format number, in a module importing nothing (no Whoosh), so a build that may answer
without opening the index (`search.indexing.last_build`) still notices a format change.
"""

# 2: exact field without positions, plain-text column; 3: n-gram postings in `.ngrams` files;
# 4: packages (the pickled analyzer class paths moved to search.storage.schema); 5: canonical
# policy-document titles and the `policy_document_variant` field; 6: `source.file` relative to
# the corpus root, JSON Lines records and files for the source view; 7: first-indexed time per
# document (`indexed_at` column, `first_indexed` on articles); 8: per-document arrays written at
# build time (`.docs` files, `search.storage.document_arrays`), opened without reading postings;
# 9: word-field postings and lengths in `.postings` files (`search.storage.words`), not in Whoosh;
# 10: Whoosh keeps only the ids, stored fields and plain-text column (keyword fields, ordinals and
# times only in the per-document arrays); 11: the stored records in `.records` files
# (`search.storage.stored`), not Whoosh's stored fields; 12: a paragraph document gives Whoosh
# only its `article_id` and plain text (no id, type or stored fields): found through its article
FORMAT_VERSION = 12
