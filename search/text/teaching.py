"""Words taught to jieba (`add_word`), replayed from a cache file keyed by jieba's dictionary and
every batch taught before: a server teaches the same vocabulary at every start (0.1–0.2 s)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import numpy as np

from search.text.cache_files import cache_key, read_cached, write_cached
from search.text.dictionary_cache import jieba
from search.text.normalize import normalize

_NAME = "jieba-taught"
Batch = list[tuple[str, int | None, str | None]]


class _Recorder:
    """jieba's FREQ while it is taught: reads see what was written, writes are kept apart."""

    def __init__(self, base: MutableMapping[str, int]) -> None:
        self.base = base
        self.writes: dict[str, int] = {}

    def get(self, word: str, default: Any = None) -> Any:
        return self.writes[word] if word in self.writes else self.base.get(word, default)

    def __contains__(self, word: str) -> bool:
        return word in self.writes or word in self.base

    def __getitem__(self, word: str) -> int:
        return self.writes[word] if word in self.writes else self.base[word]

    def __setitem__(self, word: str, frequency: int) -> None:
        self.writes[word] = frequency


def batch_key(previous: str, batch: Batch) -> str:
    """The tokenizer's state after `batch`, taught in the state `previous`."""
    return cache_key("taught", previous, batch)


def teach(tokenizer: jieba.Tokenizer, batch: Batch, added: set[str], key: str) -> None:
    """Teach `tokenizer` the batch's new words (and their normalized forms), as jieba's
    `add_word` does, from the cache file of `key` when there is one; `added` gains them."""
    if _replay(tokenizer, added, key):
        return
    recorder = _Recorder(tokenizer.FREQ)
    tags: dict[str, str] = {}
    split: list[str] = []  # taught with frequency 0: jieba's HMM must split them too
    total, new = tokenizer.total, []
    tokenizer.FREQ = recorder
    try:
        for word, frequency, tag in batch:
            if word and word not in added:
                for form in dict.fromkeys((word, normalize(word))):
                    tokenizer.add_word(form, freq=frequency, tag=tag)
                    tags.update({form: tag} if tag else {})
                    split += [form] if frequency is not None and int(frequency) == 0 else []
                added.add(word)
                new.append(word)
    finally:
        tokenizer.FREQ = recorder.base
        recorder.base.update(recorder.writes)
    if total != tokenizer.total or recorder.writes:
        header = {"total": tokenizer.total, "tags": tags, "force_split": split, "added": new}
        values = np.fromiter(recorder.writes.values(), "<i8", len(recorder.writes)).tobytes()
        write_cached(_NAME, key, list(recorder.writes), values, header)


def _replay(tokenizer: jieba.Tokenizer, added: set[str], key: str) -> bool:
    cached = read_cached(_NAME, key)
    if cached is None:
        return False
    words, values, header = cached
    try:
        frequencies = np.frombuffer(values, "<i8").tolist()
        total, tags = int(header["total"]), dict(header["tags"])
        split, new = list(header["force_split"]), list(header["added"])
    except (ValueError, KeyError, TypeError):
        return False
    if len(frequencies) != len(words):
        return False
    tokenizer.FREQ.update(zip(words, frequencies, strict=True))
    tokenizer.total = total
    tokenizer.user_word_tag_tab.update(tags)
    jieba.finalseg.Force_Split_Words.update(split)
    added.update(new)
    return True
