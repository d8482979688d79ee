"""Tokens for the index and queries: jieba words with positions and offsets into the original
text (word fields), and character n-grams (the exact field). No Whoosh here.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from search.text.dictionary_cache import dictionary_key, jieba, load_frequencies
from search.text.mapped_dictionary import MappedFrequencies
from search.text.normalize import HAN_CLASS, normalize, table_key
from search.text.segment import han_words
from search.text.teaching import batch_key, teach

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_added: set[str] = set()
# The tokenizer's state: its dictionary's and the normalization table's keys, then one key per
# batch taught (a batch is replayed from the cache only in the state it was taught in).
_taught = ""
# Cutting (`word_terms`, the tagger's part-of-speech windows) turns the mapped dictionary into
# a plain dict once it has cut this many characters: a dict lookup is ten times faster, and
# building it costs 0.15–0.5 s (a build cuts millions of characters; a server's queries and
# highlights a few thousand a page; a one-article `gaoxin index` a few hundred).
BULK_CHARACTERS = 100_000
_characters = 0

WORD_MODES = ("index", "query")
# Query texts whose words are remembered: a search cuts each of its words several times (text,
# title and heading fields, bonuses, marks), and facet clicks repeat the query.
QUERY_CACHE = 4096
# One word-field unit: a Han run (jieba cuts it) or a run of letters/digits (not Han, not "_")
# joined by + - . _ / so that 1+2+1, ABL5-3, 3.5 and covid_19 stay whole tokens.
_ALNUM = rf"[^\W_{HAN_CLASS}]"
_UNIT = re.compile(rf"(?P<han>[{HAN_CLASS}]+)|(?P<alnum>{_ALNUM}+(?:[+\-._/]{_ALNUM}+)*)")


@dataclass(frozen=True)
class Token:
    """A normalized term with its sequential position and [start, end) offsets in the original."""

    text: str
    position: int
    start: int
    end: int


def tokenizer() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer, with every word given to `add_words`; its dictionary
    is memory-mapped (search/text/mapped_dictionary.py) until `bulk_tokenizer` is asked for."""
    global _tokenizer, _taught
    with _lock:
        if _tokenizer is None:
            jieba.setLogLevel(logging.WARNING)
            _tokenizer = jieba.Tokenizer()
            load_frequencies(_tokenizer)
            _taught = f"{dictionary_key()} {table_key()}"
        return _tokenizer


def bulk_tokenizer() -> jieba.Tokenizer:
    """The process-wide tokenizer with its dictionary a plain dict (built once, 0.15–0.2 s):
    for cutting a corpus, where lookups in the mapped table would cost ten times more."""
    active = tokenizer()
    with _lock:
        if isinstance(active.FREQ, MappedFrequencies):
            active.FREQ = active.FREQ.as_dict()
    return active


def cutting_tokenizer(characters: int) -> jieba.Tokenizer:
    """The process-wide tokenizer, about to cut `characters` more: its dictionary becomes a
    plain dict (`bulk_tokenizer`) once the process has cut `BULK_CHARACTERS`."""
    global _characters
    _characters += characters
    return tokenizer() if _characters < BULK_CHARACTERS else bulk_tokenizer()


def add_words(words: Iterable[tuple[str, int | None, str | None]]) -> None:
    """Teach the tokenizer (word, frequency or None, part-of-speech tag or None); idempotent.

    Words are normalized first, since the tokenizer only ever sees normalized text. A batch
    taught in the same state before (the same vocabulary at every start) is replayed from the
    cache (search/text/teaching.py).
    """
    global _taught
    active = tokenizer()
    normalize("")  # build the table before taking the lock
    batch = list(words)
    with _lock:
        key = batch_key(_taught, batch)
        teach(active, batch, _added, key)
        _taught = key


def dictionary_size() -> int:
    """How many words `add_words` has taught: changes whenever cutting may change."""
    return len(_added)


def word_tokens(text: str, *, mode: str = "index") -> list[Token]:
    """Words of `text` for the word fields: jieba words for Han runs, whole Latin/digit runs.

    Both modes cut the same way on purpose (see docs/analysis.md); punctuation and
    whitespace produce no token.
    """
    if mode not in WORD_MODES:
        raise ValueError(f"unknown analysis mode {mode!r}; expected one of {WORD_MODES}")
    if mode == "query":
        return list(_query_tokens(text, dictionary_size()))
    return _cut(text)


@functools.lru_cache(maxsize=QUERY_CACHE)
def _query_tokens(text: str, dictionary: int) -> tuple[Token, ...]:
    """A query text's words, remembered; `dictionary` (`dictionary_size()`) keeps words cut
    before a vocabulary was taught apart."""
    return tuple(_cut(text))


def _cut(text: str) -> list[Token]:
    normalized = normalize(text)
    jieba_tokenizer = tokenizer()
    tokens: list[Token] = []
    for match in _UNIT.finditer(normalized):
        if match.lastgroup == "alnum":
            tokens.append(Token(match.group(), len(tokens), match.start(), match.end()))
            continue
        offset = match.start()
        # Precise mode without HMM: an unknown name falls apart into single characters the
        # same way in a paragraph and in a query, so phrase positions agree (HMM guesses).
        for word in han_words(jieba_tokenizer, match.group()):
            tokens.append(Token(word, len(tokens), offset, offset + len(word)))
            offset += len(word)
    return tokens


def word_terms(text: str) -> list[str]:
    """The texts of `word_tokens(text)`, without positions and offsets: what the index stores
    (the build calls it for every field value, so it makes no Token objects)."""
    active = cutting_tokenizer(len(text))
    terms: list[str] = []
    for match in _UNIT.finditer(normalize(text)):
        if match.lastgroup == "alnum":
            terms.append(match.group())
        else:
            terms.extend(han_words(active, match.group()))
    return terms


def _compact(text: str) -> list[tuple[str, int]]:
    """The normalized characters of `text` other than whitespace, with their offsets."""
    return [(char, index) for index, char in enumerate(normalize(text)) if not char.isspace()]


def exact_tokens(text: str) -> list[Token]:
    """Character n-grams for the exact field: each non-space char at position i as a unigram,
    and the bigram of chars i and i+1 (whitespace skipped) at the same position i."""
    characters = _compact(text)
    tokens: list[Token] = []
    for position, (char, start) in enumerate(characters):
        tokens.append(Token(char, position, start, start + 1))
        if position + 1 < len(characters):
            following, following_start = characters[position + 1]
            tokens.append(Token(char + following, position, start, following_start + 1))
    return tokens


def exact_query_terms(text: str) -> list[str]:
    """The exact-field terms a query must match at consecutive positions (empty if none)."""
    characters = [char for char, _ in _compact(text)]
    if len(characters) == 1:
        return characters
    return [first + second for first, second in zip(characters, characters[1:], strict=False)]
