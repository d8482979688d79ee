"""Text analysis shared by indexing, querying and entity extraction (pure Python + jieba, no Whoosh).

(Work in progress: the full tokenizer lands with the search issue.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

import jieba

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_added: set[str] = set()


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
    """Teach the tokenizer (word, frequency or None, part-of-speech tag or None); idempotent."""
    active = tokenizer()
    with _lock:
        for word, frequency, tag in words:
            if word and word not in _added:
                active.add_word(word, freq=frequency, tag=tag)
                _added.add(word)
