"""A large plain JSON Lines file read fresh by two processes: a forked child parses the lines
of its second half while this process parses the first; the halves join in line order.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

from search.ingest.state import FileState, collector_paused

# Below this size forking and handing the parsed half back cost more than they save (the
# whole xwlb corpus is 105 MB: about 16 of the build's 24 single-core seconds were parsing).
SPLIT_BYTES = 8 << 20
# This process reads a little more than half: the child also pickles its half (≈ 15 % of
# parsing it), which this process then loads.
FIRST_SHARE = 0.54
_CHUNK = 1 << 20

# A half's results: line hashes, entries, skipped lines, parsed articles (key, article), and
# the byte offset after its last line (what was read, should the file grow meanwhile)
Half = tuple[list[Any], list[Any], list[Any], list[tuple[Any, Any]], int]
# (state, raw line, (line number, byte offset), parsed articles): adds the line's results
AddLine = Callable[[FileState, bytes, tuple[int, int], dict[Any, Any]], None]


def split_point(path: Path) -> int | None:
    """Where the second half starts (the first line starting at or after `FIRST_SHARE` of the
    bytes), or None when the file is too small, has no such line, or this process should not
    fork (no fork, a daemon process, or other threads: a fork copies only the calling thread,
    and a lock another thread holds would stay held in the child)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    if multiprocessing.current_process().daemon or threading.active_count() > 1:
        return None
    size = path.stat().st_size
    if size < SPLIT_BYTES:
        return None
    with path.open("rb") as stream:
        stream.seek(int(size * FIRST_SHARE))
        stream.readline()  # the rest of the line that point falls in
        start = stream.tell()
    return start if start < size else None


def lines_from(path: Path, start: int, first_number: int) -> Iterator[tuple[bytes, int, int]]:
    """(raw line, line number, byte offset) of every line from byte `start` on."""
    with path.open("rb") as stream:
        stream.seek(start)
        offset = start
        for number, raw in enumerate(stream, start=first_number):
            yield raw, number, offset
            offset += len(raw)


def lines_before(path: Path, end: int) -> int:
    """How many lines end before byte `end` (a line start)."""
    count = 0
    with path.open("rb") as stream:
        remaining = end
        while remaining:
            chunk = stream.read(min(_CHUNK, remaining))
            if not chunk:
                break
            count += chunk.count(b"\n")
            remaining -= len(chunk)
    return count


class SecondHalf:
    """The child reading a file's lines from byte `start` on; `results()` waits for them.

    `read_half(start, first_number)` parses the lines from `start` (the first is line
    `first_number`). A child that fails leaves `results()` None: the caller reads the half.
    """

    def __init__(self, path: Path, start: int, read_half: Callable[[int, int], Half]) -> None:
        self.first_number = lines_before(path, start) + 1
        # The child writes to the descriptor it inherits: once this process removed the file,
        # nothing can bring it back.
        handle, name = tempfile.mkstemp(prefix="gaoxin-half-", suffix=".pickle")
        self._out = Path(name)
        try:
            context = multiprocessing.get_context("fork")
            arguments = (read_half, start, self.first_number, handle)
            self._child = context.Process(target=_read_to_file, args=arguments, daemon=True)
            self._child.start()
        except BaseException:
            self._out.unlink(missing_ok=True)
            raise
        finally:
            os.close(handle)

    def results(self) -> Half | None:
        """The child's half, or None when it failed (the file is removed either way)."""
        self._child.join()
        try:
            if self._child.exitcode != 0:
                return None
            with self._out.open("rb") as stream, collector_paused():
                return pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        finally:
            with suppress(OSError):
                self._out.unlink()

    def cancel(self) -> None:
        """Stop the child if it still runs and remove its file (after `results()`, or when this
        process failed reading its own half)."""
        if self._child.is_alive():
            self._child.terminate()
        self._child.join()
        with suppress(OSError):
            self._out.unlink()


def _read_to_file(
    read_half: Callable[[int, int], Half], start: int, first_number: int, handle: int
) -> None:
    """The child: parse the half, pickle it to `handle`, exit without Python's clean-up. Ctrl+C
    is the parent's to handle (it stops the child), and a failure exits with status 1 instead
    of printing a traceback: the parent then reads the half itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        half = read_half(start, first_number)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(half, stream, pickle.HIGHEST_PROTOCOL)
    except BaseException:
        os._exit(1)
    os._exit(0)


def digest_and_length(path: Path, limit: int) -> tuple[str, int]:
    """sha256 (hex) and size of the file's first `limit` bytes (what was parsed: bytes appended
    since are read by the next build)."""
    digest = hashlib.sha256()
    length = 0
    with path.open("rb") as stream:
        while length < limit and (chunk := stream.read(min(_CHUNK, limit - length))):
            digest.update(chunk)
            length += len(chunk)
    return digest.hexdigest(), length


def read_split(path: Path, start: int, fresh: dict[Any, Any], add_line: AddLine) -> FileState:
    """A file read fresh, its lines from byte `start` by a forked child while this process
    reads those before: the same state (and `fresh` articles) as reading it line by line."""
    read_half = functools.partial(_read_half, path, add_line)
    try:
        second = SecondHalf(path, start, read_half)
    except OSError:  # no fork (out of processes or memory), no temporary file: one reader
        return _read_alone(path, fresh, read_half)
    try:
        hashes, entries, skipped, articles, _ = read_half(0, 1, end=start)
        fresh.update(articles)
        state = FileState("jsonl", -1, -1, "", 0, hashes, entries, skipped)
        # A child that failed (killed, out of memory): the half is read here instead.
        half = second.results() or read_half(start, second.first_number)
    finally:
        second.cancel()  # nothing left to stop once its results are in
    state.line_hashes += half[0]
    state.entries += half[1]
    state.skipped += half[2]
    fresh.update(half[3])
    state.digest, state.length = digest_and_length(path, half[4])
    return state


def _read_alone(path: Path, fresh: dict[Any, Any], read_half: Callable[..., Half]) -> FileState:
    hashes, entries, skipped, articles, end = read_half(0, 1)
    fresh.update(articles)
    state = FileState("jsonl", -1, -1, "", 0, hashes, entries, skipped)
    state.digest, state.length = digest_and_length(path, end)
    return state


def _read_half(
    path: Path, add_line: AddLine, start: int, first_number: int, end: int | None = None
) -> Half:
    """The results of the lines from byte `start` (line `first_number`) to byte `end`."""
    state = FileState("jsonl", -1, -1, "", 0)
    fresh: dict[Any, Any] = {}
    finish = start
    for raw, number, offset in lines_from(path, start, first_number):
        if end is not None and offset >= end:
            break
        add_line(state, raw, (number, offset), fresh)
        finish = offset + len(raw)
    return state.line_hashes, state.entries, state.skipped, list(fresh.items()), finish
