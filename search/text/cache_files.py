"""Tables every process start would otherwise rebuild (jieba's dictionary, the normalization
table, vocabulary data) in pickle-free files of the user's cache directory: a header line (JSON),
a block of newline-separated words, a block of values; a file that does not add up is ignored."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

Cached = tuple[list[str], bytes, dict[str, Any]]  # words, values block, header
_FORMAT = 1  # bumped whenever the file layout changes
_MAGIC = b"gaoxin-cached-table\n"
# Tables kept per name (one per jieba install, vocabulary file version …), the most recently
# used; the others are removed when a new one is written, so the directory stays bounded.
KEEP = 4
_KEY_LENGTH = 16


def cache_directory() -> Path:
    """$GAOXIN_CACHE_DIR, else $XDG_CACHE_HOME/gaoxin, else ~/.cache/gaoxin."""
    configured = os.environ.get("GAOXIN_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gaoxin"


def cache_key(*identity: Any) -> str:
    """A key naming everything a table was made from (JSON-serializable parts)."""
    return hashlib.sha256(json.dumps([_FORMAT, *identity]).encode()).hexdigest()


def cache_file(name: str, key: str) -> Path:
    """Where the table `name` of `key` is kept."""
    return _path(name, key)


def _path(name: str, key: str) -> Path:
    return cache_directory() / f"{name}-{key[:_KEY_LENGTH]}.table"


def read_cached(name: str, key: str) -> Cached | None:
    """The words, the values block and the header of a cached table (None: none usable)."""
    try:
        path = _path(name, key)
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        header_end = data.index(b"\n", len(_MAGIC))
        header = json.loads(data[len(_MAGIC) : header_end])
        words_end = header_end + 1 + header["words_bytes"]
        words = data[header_end + 1 : words_end].decode("utf-8").split("\n")
        if header["key"] != key or len(words) != header["count"]:
            return None
        _touch(path)
        return words, data[words_end:], header
    except (OSError, RuntimeError, ValueError, KeyError, TypeError):
        return None


def write_cached(
    name: str, key: str, words: list[str], values: bytes, header: dict[str, Any]
) -> None:
    """Save a table atomically; a table that cannot be written is only slower to load."""
    if not words or any("\n" in word for word in words):
        return  # not representable: the table is built each time
    text = "\n".join(words).encode("utf-8")
    header = {**header, "key": key, "count": len(words), "words_bytes": len(text)}
    save_file(name, key, _MAGIC + json.dumps(header).encode() + b"\n" + text + values)


def save_file(name: str, key: str, data: bytes) -> bool:
    """Write the file of table `name` and `key` atomically, keeping the `KEEP` most recently
    used of that name; False when it cannot be written (the caller makes it each time)."""
    try:
        path = _path(name, key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name)
    except (OSError, RuntimeError):  # RuntimeError: no home directory to be found
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)  # a full disk leaves no partial file behind
        return False
    with contextlib.suppress(OSError):  # another process pruning at the same time
        _prune(name, path)
    return True


def mark_used(path: Path) -> None:
    """Mark a table as just used (pruning keeps the most recently used)."""
    _touch(path)


def _touch(path: Path) -> None:
    """Mark a table as just used (pruning keeps the most recently used)."""
    with contextlib.suppress(OSError):  # a read-only cache is still read
        os.utime(path)


def _prune(name: str, kept: Path) -> None:
    """Remove all but the KEEP most recently used tables of `name` (`kept` always stays)."""
    length = len(name) + 1 + _KEY_LENGTH + len(".table")
    others = [
        path
        for path in kept.parent.glob(f"{glob.escape(name)}-*.table")
        if len(path.name) == length
    ]
    others = [path for path in others if path != kept]
    others.sort(key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for path in others[KEEP - 1 :]:
        path.unlink(missing_ok=True)
