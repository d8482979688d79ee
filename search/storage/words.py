"""The word fields' postings (jieba tokens of text, title and heading), one file per segment,
written with NumPy: a segment's (term, document) pairs are gathered while documents are added
and sorted once when the segment is finished, instead of Whoosh's per-posting Python.

A file holds, per field, each document's length as Whoosh encodes it (one byte) and the field's
total length as Whoosh counts it (exact for documents added, decoded bytes for documents merged
in), so BM25F scores keep the values Whoosh's own files gave them.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from search.storage.codec import LENGTH_OF_BYTE
from search.storage.ngrams import encoded_lengths
from search.storage.schema import TEXT_WORDS, WORD_FIELDS
from search.text.tokens import word_terms

# A term's key is one character naming its field, then the term: keys of one field sort
# together, and within a field in code-point order (Whoosh's order of UTF-8 terms).
_PREFIX = {fieldname: chr(1 + number) for number, fieldname in enumerate(WORD_FIELDS)}
_BLOCK = 16384  # documents whose numbers are packed next to their tokens' keys at a time


def term_key(fieldname: str, text: str) -> str:
    return _PREFIX[fieldname] + text


def tokenize(fields: Mapping[str, Any]) -> dict[str, list[str]]:
    """The terms Whoosh's word analyzer gave each word field of a document (in token order)."""
    return {name: word_terms(fields[name]) for name in WORD_FIELDS if fields.get(name) is not None}


class Tokenizer:
    """`tokenize` remembering each field's last value: a paragraph's title (and heading) is
    its neighbours' too, so an article's title is cut once instead of once per paragraph.

    A text already cut by the build (`TEXT_WORDS`: the text and its words) is not cut again.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, list[str]]] = {}

    def __call__(self, fields: Mapping[str, Any]) -> dict[str, list[str]]:
        terms = {}
        for name in WORD_FIELDS:
            value = fields.get(name)
            if value is None:
                continue
            cut = fields.get(TEXT_WORDS) if name == "text" else None
            if cut is not None and cut[0] == value:  # `word_terms` of this very text
                terms[name] = cut[1]
                continue
            last = self._last.get(name)
            if last is None or last[0] != value:
                last = self._last[name] = (value, word_terms(value))
            terms[name] = last[1]
        return terms


@dataclass(frozen=True)
class WordArrays:
    """A segment's word postings: sorted keys, each key's slice of (document, frequency)."""

    keys: list[str]
    starts: np.ndarray  # int64, len(keys) + 1
    documents: np.ndarray  # uint32, ascending within a key
    frequencies: np.ndarray  # uint32
    lengths: np.ndarray  # uint8 [field, document]: Whoosh's one-byte length
    totals: list[int]  # per field: Whoosh's total length (its average's numerator)


class Collector:
    """Gathers a segment's word postings while its writer adds (and merges) documents."""

    def __init__(self) -> None:
        self.size = 0
        self._ids: dict[str, int] = {}  # key -> id, in order of first appearance
        self._tokens = array("I")  # the id of every token of the documents added, in order
        self._token_counts = array("I")  # tokens per document (0 for documents merged in)
        self._lengths = [array("q") for _ in WORD_FIELDS]  # Whoosh's length per document
        self._merged: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # ids, docs, freqs

    def add(self, terms: Mapping[str, list[str]]) -> None:
        """One document's `tokenize` result."""
        setdefault, count = self._ids.setdefault, 0
        for number, fieldname in enumerate(WORD_FIELDS):
            found = terms.get(fieldname, ())
            prefix = _PREFIX[fieldname]
            self._tokens.extend([setdefault(prefix + text, len(self._ids)) for text in found])
            self._lengths[number].append(len(found))
            count += len(found)
        self._token_counts.append(count)
        self.size += 1

    def add_segment(self, source: WordArrays, kept: np.ndarray) -> None:
        """The documents `kept` (sorted segment docnums) of a segment merged in, in order."""
        renumbered = np.full(len(source.lengths[0]), -1, dtype=np.int64)
        renumbered[kept] = np.arange(self.size, self.size + len(kept))
        setdefault = self._ids.setdefault
        ids = np.array([setdefault(key, len(self._ids)) for key in source.keys], dtype=np.int64)
        owners = np.repeat(ids, np.diff(source.starts))
        documents = renumbered[source.documents]
        alive = documents >= 0
        self._merged.append((owners[alive], documents[alive], source.frequencies[alive]))
        for number in range(len(WORD_FIELDS)):  # Whoosh copies lengths decoded from their byte
            decoded = LENGTH_OF_BYTE[source.lengths[number][kept]].astype(np.int64)
            self._lengths[number].frombytes(decoded.tobytes())
        self._token_counts.frombytes(bytes(4 * len(kept)))
        self.size += len(kept)

    def arrays(self) -> WordArrays:
        """The segment's postings, sorted by key then document."""
        keys = list(self._ids)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        rank = np.empty(len(keys), dtype=np.uint64)
        rank[order] = np.arange(len(keys), dtype=np.uint64)
        bits = np.uint64(max(self.size - 1, 1).bit_length())  # a key's rank above its document
        parts = [_token_pairs(rank, self._tokens, self._token_counts, bits)]
        for ids, documents, frequencies in self._merged:
            parts.append(((rank[ids] << bits) | documents.astype(np.uint64), frequencies))
        if len(parts) > 1:  # the parts hold different documents: no pair repeats
            packed = np.concatenate([part[0] for part in parts])
            frequencies = np.concatenate([part[1].astype(np.uint32) for part in parts])
            by_pair = np.argsort(packed, kind="stable")
            packed, frequencies = packed[by_pair], frequencies[by_pair]
        else:
            packed, frequencies = parts[0]
        lengths = [np.frombuffer(values, dtype=np.int64) for values in self._lengths]
        return WordArrays(
            keys=[keys[index] for index in order],
            starts=np.searchsorted(packed >> bits, np.arange(len(keys) + 1, dtype=np.uint64)),
            documents=(packed & np.uint64((1 << int(bits)) - 1)).astype(np.uint32),
            frequencies=frequencies,
            lengths=np.array([encoded_lengths(values) for values in lengths], dtype=np.uint8)
            if self.size
            else np.zeros((len(WORD_FIELDS), 0), dtype=np.uint8),
            totals=[int(values.sum()) for values in lengths],
        )


def _token_pairs(
    rank: np.ndarray, tokens: array, counts: array, bits: np.uint64
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (key rank, document) pairs of the tokens, packed and sorted, with how often
    each occurs (uint32). Documents are or-ed in a block at a time to bound the memory."""
    packed = rank[np.frombuffer(tokens, dtype=np.uint32)]
    packed <<= bits
    per_document = np.frombuffer(counts, dtype=np.uint32)
    ends = np.cumsum(per_document, dtype=np.int64)
    for first in range(0, len(per_document), _BLOCK):
        last = min(first + _BLOCK, len(per_document))
        start = int(ends[first - 1]) if first else 0
        owners = np.arange(first, last, dtype=np.uint64)
        packed[start : ends[last - 1]] |= np.repeat(owners, per_document[first:last])
    packed.sort()
    changed = np.empty(len(packed), dtype=bool)
    if len(packed):
        changed[0] = True
        np.not_equal(packed[1:], packed[:-1], out=changed[1:])
    firsts = np.flatnonzero(changed)
    del changed
    frequencies = np.empty(len(firsts), dtype=np.uint32)
    np.subtract(firsts[1:], firsts[:-1], out=frequencies[:-1], casting="unsafe")
    frequencies[-1:] = len(packed) - firsts[-1:]
    return packed[firsts], frequencies


def lexicon_words(arrays: WordArrays, fieldname: str) -> tuple[list[str], np.ndarray]:
    """A field's terms of two characters or more and their document counts, in term order."""
    prefix = _PREFIX[fieldname]
    chosen = [
        (index, key[1:])
        for index, key in enumerate(arrays.keys)
        if key.startswith(prefix) and len(key) > 2
    ]
    indexes = np.array([index for index, _ in chosen], dtype=np.int64)
    counts = (arrays.starts[indexes + 1] - arrays.starts[indexes]).astype(np.uint32)
    return [word for _, word in chosen], counts
