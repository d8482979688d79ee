"""jieba loaded quickly: imported without pkg_resources, and its dictionary's word frequencies
and part-of-speech tags read from a pickle-free cache file made once per jieba dictionary.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import numpy as np

_FORMAT = 1  # bumped whenever the file layout changes
_MAGIC = b"gaoxin-jieba-table\n"


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


def cache_directory() -> Path:
    """$GAOXIN_CACHE_DIR, else $XDG_CACHE_HOME/gaoxin, else ~/.cache/gaoxin."""
    configured = os.environ.get("GAOXIN_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gaoxin"


def _dictionary_file() -> Path:
    return Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME


def _cache_file(kind: str) -> tuple[Path, str]:
    """Where a table is cached, and the key that says which dictionary it came from."""
    dictionary = _dictionary_file()
    status = dictionary.stat()
    identity = [_FORMAT, kind, jieba.__version__, str(dictionary), status.st_size]
    identity.append(status.st_mtime_ns)
    key = hashlib.sha256(json.dumps(identity).encode()).hexdigest()
    return cache_directory() / f"jieba-{kind}-{key[:16]}.table", key


def _read(kind: str) -> tuple[list[str], bytes, dict] | None:
    """The words, the values block and the header of a cached table (None: none usable)."""
    path, key = _cache_file(kind)
    try:
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        header_end = data.index(b"\n", len(_MAGIC))
        header = json.loads(data[len(_MAGIC) : header_end])
        words_end = header_end + 1 + header["words_bytes"]
        words = data[header_end + 1 : words_end].decode("utf-8").split("\n")
        if header["key"] != key or len(words) != header["count"]:
            return None
        return words, data[words_end:], header
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(kind: str, words: list[str], values: bytes, header: dict) -> None:
    """Save a table atomically; a cache that cannot be written is only slower."""
    path, key = _cache_file(kind)
    if any("\n" in word for word in words):
        return  # not representable: keep loading from jieba
    text = "\n".join(words).encode("utf-8")
    header = {**header, "key": key, "count": len(words), "words_bytes": len(text)}
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC + json.dumps(header).encode() + b"\n" + text + values)
        os.replace(temporary, path)
    except OSError:
        pass


def load_frequencies(tokenizer: jieba.Tokenizer) -> None:
    """Initialize a tokenizer of jieba's default dictionary from the cache (jieba's own loading
    when there is none, which is then cached)."""
    cached = _read("frequencies")
    if cached is not None:
        words, values, header = cached
        frequencies = np.frombuffer(values, dtype="<i8")
        if len(frequencies) == len(words):
            with tokenizer.lock:
                tokenizer.FREQ = dict(zip(words, frequencies.tolist(), strict=True))
                tokenizer.total = header["total"]
                tokenizer.initialized = True
            return
    tokenizer.initialize()
    words = list(tokenizer.FREQ)
    values = np.fromiter(tokenizer.FREQ.values(), dtype="<i8", count=len(words)).tobytes()
    _write("frequencies", words, values, {"total": tokenizer.total})


@functools.cache
def dictionary_tags() -> dict[str, str]:
    """jieba's dictionary word -> part-of-speech tag table (what jieba.posseg reads), cached on
    disk and read once per process: copy it before changing it."""
    cached = _read("tags")
    if cached is not None:
        words, values, _ = cached
        tags = values.decode("utf-8").split("\n")
        if len(tags) == len(words):
            return dict(zip(words, tags, strict=True))
    table: dict[str, str] = {}
    with _dictionary_file().open("rb") as lines:
        for line in lines:  # as jieba.posseg.POSTokenizer.load_word_tag reads it
            text = line.strip().decode("utf-8")
            if text:
                word, _, tag = text.split(" ")
                table[word] = tag
    _write("tags", list(table), "\n".join(table.values()).encode("utf-8"), {})
    return table
