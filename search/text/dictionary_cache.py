"""jieba loaded quickly: imported without pkg_resources, its dictionary's word frequencies
and part-of-speech tags memory-mapped from cache files made once per jieba dictionary.
"""

from __future__ import annotations

import functools
import importlib
import io
import sys
import zlib
from collections.abc import MutableMapping
from pathlib import Path
from types import ModuleType

from search.text.cache_files import cache_key
from search.text.mapped_dictionary import MappedFrequencies, open_table, write_table
from search.text.mapped_tags import MappedTags, open_tags


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
        posseg.dt.word_tag_tab = tag_table()
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
    """jieba's dictionary word -> part-of-speech tag table (what jieba.posseg reads), read
    from its file once per process: copy it before changing it."""
    table: dict[str, str] = {}
    with _dictionary_file().open("rb") as lines:
        for line in lines:  # as jieba.posseg.POSTokenizer.load_word_tag reads it
            text = line.strip().decode("utf-8")
            if text:
                word, _, tag = text.split(" ")
                table[word] = tag
    return table


@functools.cache
def _mapped_tags() -> MappedFrequencies | None:
    return open_tags(_key("tag-table"), dictionary_tags)


def tag_table() -> MutableMapping[str, str]:
    """A word -> tag table of jieba's dictionary for one POS tokenizer (tags it is given stay
    its own): over the mapped table made once per dictionary, else a copy of the dict."""
    mapped = _mapped_tags()
    return MappedTags(mapped) if mapped is not None else dict(dictionary_tags())
