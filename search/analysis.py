"""Text analysis shared by indexing, querying, highlighting and entity extraction (no Whoosh).

normalize() folds width, case and traditional characters one char for one char; word_tokens()
gives jieba words with positions and offsets into the original text; exact_tokens() gives n-grams.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import jieba

_lock = threading.Lock()
_table_lock = threading.Lock()  # separate: add_words normalizes while holding _lock
_tokenizer: jieba.Tokenizer | None = None
_added: set[str] = set()
_table: dict[int, str] | None = None

WORD_MODES = ("index", "query")
# Han characters: CJK unified ideographs, extension A, compatibility block, extensions B-H, 〇.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f"
# One word-field unit: a Han run (jieba cuts it) or a run of letters/digits (not Han, not "_")
# joined by + - . _ / so that 1+2+1, ABL5-3, 3.5 and covid_19 stay whole tokens.
_ALNUM = rf"[^\W_{HAN_CLASS}]"
_UNIT = re.compile(rf"(?P<han>[{HAN_CLASS}]+)|(?P<alnum>{_ALNUM}+(?:[+\-._/]{_ALNUM}+)*)")
# Ranges converted traditional → simplified when the lazy table is built.
_CONVERTED_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF))
_HAN_CHAR = re.compile(f"[{HAN_CLASS}]")


@dataclass(frozen=True)
class Token:
    """A normalized term with its sequential position and [start, end) offsets in the original."""

    text: str
    position: int
    start: int
    end: int


def tokenizer() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer, with every word given to `add_words`."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            jieba.setLogLevel(logging.WARNING)
            _tokenizer = jieba.Tokenizer()
            _tokenizer.initialize()
        return _tokenizer


def add_words(words: Iterable[tuple[str, int | None, str | None]]) -> None:
    """Teach the tokenizer (word, frequency or None, part-of-speech tag or None); idempotent.

    Words are normalized first, since the tokenizer only ever sees normalized text.
    """
    active = tokenizer()
    normalize("")  # build the table before taking the lock
    with _lock:
        for word, frequency, tag in words:
            if word and word not in _added:
                active.add_word(word, freq=frequency, tag=tag)
                normalized = normalize(word)
                if normalized != word:
                    active.add_word(normalized, freq=frequency, tag=tag)
                _added.add(word)


def dictionary_size() -> int:
    """How many words `add_words` has taught: changes whenever cutting may change."""
    return len(_added)


def _traditional_to_simplified() -> dict[int, str]:
    """OpenCC's t2s conversion of every Han character on its own, kept where it is 1 → 1."""
    import opencc  # imported lazily: only the first normalize() call pays for it

    characters = [chr(code) for low, high in _CONVERTED_RANGES for code in range(low, high + 1)]
    # One call for all characters: a newline keeps OpenCC from matching multi-character phrases.
    converted = opencc.OpenCC("t2s").convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):  # a conversion swallowed a newline: trust nothing
        return {}
    return {
        ord(source): target
        for source, target in zip(characters, converted, strict=True)
        if len(target) == 1 and target != source
    }


def _build_table() -> dict[int, str]:
    """The translate table behind normalize(): every entry maps one character to one character."""
    table: dict[int, str] = {}
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        folded = chr(code).casefold()
        if len(folded) != 1:
            folded = chr(code).lower()  # e.g. ß: keep a 1:1 lower-casing, or the char itself
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms → ASCII, then case-folded
        table[code] = chr(code - 0xFEE0).lower()
    table[0x3000] = " "  # ideographic space
    for code in range(0xFFE0, 0xFFEF):  # full-width ￥ ￠ and half-width forms, when 1:1
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1:
            table[code] = folded
    simplified = _traditional_to_simplified()
    table.update(simplified)
    for code in range(0xF900, 0xFB00):  # compatibility ideographs → unified twin → simplified
        unified = unicodedata.normalize("NFKC", chr(code))
        if len(unified) == 1 and unified != chr(code):
            table[code] = simplified.get(ord(unified), unified)
    return table


def _normalization_table() -> dict[int, str]:
    global _table
    if _table is None:
        with _table_lock:
            if _table is None:
                _table = _build_table()
    return _table


def normalize(text: str) -> str:
    """Width-, case- and script-folded text with exactly one output char per input char."""
    return text.translate(_normalization_table())


def word_tokens(text: str, *, mode: str = "index") -> list[Token]:
    """Words of `text` for the word fields: jieba words for Han runs, whole Latin/digit runs.

    Both modes cut the same way on purpose (see docs/analysis.md); punctuation and
    whitespace produce no token.
    """
    if mode not in WORD_MODES:
        raise ValueError(f"unknown analysis mode {mode!r}; expected one of {WORD_MODES}")
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
        for word in jieba_tokenizer.cut(match.group(), HMM=False):
            tokens.append(Token(word, len(tokens), offset, offset + len(word)))
            offset += len(word)
    return tokens


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


def is_han(text: str) -> bool:
    """Whether `text` contains at least one Han character."""
    return _HAN_CHAR.search(text) is not None
