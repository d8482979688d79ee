"""The already-read part of each grown JSON Lines file, hashed on a thread that `gaoxin index`
starts before it loads the builder and the ingest memory: sha256 releases the interpreter lock,
so the prefix of an appended 100 MB archive is hashed on the second core meanwhile.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_CHUNK = 1 << 20

# sha256 of a file's first bytes, and the last of those bytes
Prefix = tuple[Any, bytes]


def hash_prefix(stream: Any, length: int) -> Prefix | None:
    """sha256 of the next `length` bytes of the binary `stream` (None: it ends sooner)."""
    digest, last, remaining = hashlib.sha256(), b"\n", length
    while remaining:
        chunk = stream.read(min(_CHUNK, remaining))
        if not chunk:
            return None
        digest.update(chunk)
        remaining -= len(chunk)
        last = chunk[-1:]
    return digest, last


def _identity(status: os.stat_result) -> tuple[int, int, int]:
    return (status.st_ino, status.st_size, status.st_mtime_ns)


class _PrefixThread(threading.Thread):
    """Hashes one file's first `length` bytes, noting the file's identity before it reads."""

    def __init__(self, path: Path, length: int) -> None:
        super().__init__(name=f"hash {path.name}", daemon=True)
        self.path, self.length = path, length
        self.identity: tuple[int, int, int] | None = None
        self.prefix: Prefix | None = None

    def run(self) -> None:
        try:
            with self.path.open("rb") as stream:
                self.identity = _identity(os.fstat(stream.fileno()))
                self.prefix = hash_prefix(stream, self.length)
        except OSError:
            self.prefix = None  # the build reads the file itself and reports what is wrong


class PrefixHashes:
    """Prefix hashes started early, for the build's reader of appended lines to take."""

    def __init__(self, files: Iterable[tuple[Path, int]] = ()) -> None:
        self._threads: dict[tuple[Path, int], _PrefixThread] = {}
        for path, length in files:
            thread = _PrefixThread(Path(path), length)
            self._threads[(Path(path), length)] = thread
            thread.start()

    def take(self, path: Path, length: int, listed: os.stat_result | None) -> Prefix | None:
        """The hash of `path`'s first `length` bytes if it was started for exactly those and
        the file was then what the build listed (`listed`); else None (hash it yourself)."""
        thread = self._threads.pop((Path(path), length), None)
        if thread is None:
            return None
        thread.join()
        if listed is None or thread.identity != _identity(listed):
            return None  # changed since the thread looked: the read must see one version
        return thread.prefix
