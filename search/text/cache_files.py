"""Tables that every process start would otherwise rebuild (jieba's dictionary, the
normalization table), kept in pickle-free files of the user's cache directory.

A file holds a header line (JSON), a block of newline-separated words and a block of values;
its key says what it was made from, and anything that does not add up is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

Cached = tuple[list[str], bytes, dict[str, Any]]  # words, values block, header
_FORMAT = 1  # bumped whenever the file layout changes
_MAGIC = b"gaoxin-cached-table\n"


def cache_directory() -> Path:
    """$GAOXIN_CACHE_DIR, else $XDG_CACHE_HOME/gaoxin, else ~/.cache/gaoxin."""
    configured = os.environ.get("GAOXIN_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gaoxin"


def cache_key(*identity: Any) -> str:
    """A key naming everything a table was made from (JSON-serializable parts)."""
    return hashlib.sha256(json.dumps([_FORMAT, *identity]).encode()).hexdigest()


def _path(name: str, key: str) -> Path:
    return cache_directory() / f"{name}-{key[:16]}.table"


def read_cached(name: str, key: str) -> Cached | None:
    """The words, the values block and the header of a cached table (None: none usable)."""
    try:
        data = _path(name, key).read_bytes()
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


def write_cached(
    name: str, key: str, words: list[str], values: bytes, header: dict[str, Any]
) -> None:
    """Save a table atomically; a table that cannot be written is only slower to load."""
    if not words or any("\n" in word for word in words):
        return  # not representable: the table is built each time
    path = _path(name, key)
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
