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


def hash_prefix(stream: Any, length: int, stop: threading.Event | None = None) -> Prefix | None:
    """sha256 of the next `length` bytes of the binary `stream` (None: it ends sooner, or
    `stop` was set meanwhile)."""
    digest, last, remaining = hashlib.sha256(), b"\n", length
    while remaining:
        if stop is not None and stop.is_set():
            return None
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

    def __init__(self, path: Path, length: int, stop: threading.Event) -> None:
        super().__init__(name=f"hash {path.name}", daemon=True)
        self.path, self.length, self.stop = path, length, stop
        self.identity: tuple[int, int, int] | None = None
        self.prefix: Prefix | None = None

    def run(self) -> None:
        try:
            with self.path.open("rb") as stream:
                self.identity = _identity(os.fstat(stream.fileno()))
                self.prefix = hash_prefix(stream, self.length, self.stop)
        except OSError:
            self.prefix = None  # the build reads the file itself and reports what is wrong


class PrefixHashes:
    """Prefix hashes started early, for the build's reader of appended lines to take."""

    def __init__(self, files: Iterable[tuple[Path, int]] = ()) -> None:
        self._threads: dict[tuple[Path, int], _PrefixThread] = {}
        self._stop = threading.Event()
        for path, length in files:
            thread = _PrefixThread(Path(path), length, self._stop)
            self._threads[(Path(path), length)] = thread
            thread.start()

    def take(self, path: Path, length: int, opened: os.stat_result | None) -> Prefix | None:
        """The hash of `path`'s first `length` bytes if it was started for exactly those and
        the file was then the one the build opened (`opened`: its `fstat`); else None (hash
        it yourself)."""
        thread = self._threads.pop((Path(path), length), None)
        if thread is None:
            return None
        thread.join()
        if opened is None or thread.identity != _identity(opened):
            return None  # changed since the thread looked: the read must see one version
        return thread.prefix

    def close(self) -> None:
        """Stop and wait for the hashes nobody took (the build forks workers afterwards)."""
        self._stop.set()
        for thread in self._threads.values():
            thread.join()
        self._threads.clear()
