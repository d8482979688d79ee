"""jieba loaded quickly: imported without pkg_resources, its dictionary's word frequencies
memory-mapped and its part-of-speech tags read from cache files made once per jieba dictionary.
"""

from __future__ import annotations

import functools
import importlib
import io
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from search.text.cache_files import Cached, cache_key, read_cached, write_cached
from search.text.mapped_dictionary import open_table, write_table


def _import_jieba() -> ModuleType:
    """jieba, imported without pkg_resources (0.2 s of every start): jieba only uses it to open
    its own files, and opens them by path when it is missing."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    return jieba


jieba = _import_jieba()


def import_posseg() -> ModuleType:
    """jieba.posseg, whose import reads the whole dictionary again for a default tokenizer we
    never use (0.3–0.4 s): it reads an empty one, then gets the cached table."""
    if "jieba.posseg" not in sys.modules:
        jieba.dt.get_dict_file = io.BytesIO  # an instance attribute, removed right after
        try:
            posseg = importlib.import_module("jieba.posseg")
        finally:
            del jieba.dt.get_dict_file
        posseg.dt.word_tag_tab = dict(dictionary_tags())
    return importlib.import_module("jieba.posseg")


def dictionary_key() -> str:
    """What jieba's default dictionary is: its version and content."""
    return _key("dictionary")


def _key(kind: str) -> str:
    """What a table is made from: jieba's version and its dictionary's content."""
    return cache_key(kind, jieba.__version__, _dictionary_digest())


@functools.cache
def _dictionary_digest() -> tuple[int, int]:
    """The dictionary file's size and CRC-32 (5 MB: about 2 ms), not its path or time: every
    virtual environment of the same jieba shares one cached table, where several used to push
    each other's out of the cache (`KEEP` per name) and start a second slower."""
    content = _dictionary_file().read_bytes()
    return len(content), zlib.crc32(content)


def _dictionary_file() -> Path:
    return Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME


def _values(cached: Cached | None, decode: Callable[[bytes], list[Any]]) -> list[Any] | None:
    """The decoded values block of a cached table, when it has one value per word."""
    if cached is None:
        return None
    try:
        values = decode(cached[1])
    except ValueError:  # a damaged block
        return None
    return values if len(values) == len(cached[0]) else None


def load_frequencies(tokenizer: jieba.Tokenizer) -> None:
    """Initialize a tokenizer of jieba's default dictionary from the memory-mapped table (made
    from jieba's own loading when there is none; a plain dict if it cannot be saved)."""
    key = _key("dictionary")
    table = open_table(key)
    if table is None:
        tokenizer.initialize()
        if not write_table(key, tokenizer.FREQ, tokenizer.total):
            return
        table = open_table(key)
        if table is None:
            return
    with tokenizer.lock:
        tokenizer.FREQ = table
        tokenizer.total = table.total
        tokenizer.initialized = True


@functools.cache
def dictionary_tags() -> dict[str, str]:
    """jieba's dictionary word -> part-of-speech tag table (what jieba.posseg reads), cached on
    disk and read once per process: copy it before changing it."""
    key = _key("tags")
    cached = read_cached("jieba-tags", key)
    tags = _values(cached, lambda values: values.decode("utf-8").split("\n"))
    if cached is not None and tags is not None:
        return dict(zip(cached[0], tags, strict=True))
    table: dict[str, str] = {}
    with _dictionary_file().open("rb") as lines:
        for line in lines:  # as jieba.posseg.POSTokenizer.load_word_tag reads it
            text = line.strip().decode("utf-8")
            if text:
                word, _, tag = text.split(" ")
                table[word] = tag
    write_cached("jieba-tags", key, list(table), "\n".join(table.values()).encode("utf-8"), {})
    return table
