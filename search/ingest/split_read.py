"""A large plain JSON Lines file read fresh by two processes: a forked child parses the lines
of its second half while this process parses the first; the halves join in line order.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from search.ingest.state import FileState

# Below this size forking and handing the parsed half back cost more than they save (the
# whole xwlb corpus is 105 MB: about 16 of the build's 24 single-core seconds were parsing).
SPLIT_BYTES = 8 << 20
# This process reads a little more than half: the child also pickles its half (≈ 15 % of
# parsing it), which this process then loads.
FIRST_SHARE = 0.54
_CHUNK = 1 << 20

# A half's results: line hashes, entries, skipped lines, parsed articles (key, article)
Half = tuple[list[Any], list[Any], list[Any], list[tuple[Any, Any]]]
# (state, raw line, (line number, byte offset), parsed articles): adds the line's results
AddLine = Callable[[FileState, bytes, tuple[int, int], dict[Any, Any]], None]


def split_point(path: Path) -> int | None:
    """Where the second half starts (the first line starting at or after `FIRST_SHARE` of the
    bytes), or None when the file is too small, has no such line, or processes cannot fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
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
        handle, name = tempfile.mkstemp(prefix="gaoxin-half-", suffix=".pickle")
        os.close(handle)
        self._out = Path(name)
        self.first_number = lines_before(path, start) + 1
        context = multiprocessing.get_context("fork")
        arguments = (read_half, start, self.first_number, self._out)
        self._child = context.Process(target=_read_to_file, args=arguments, daemon=True)
        self._child.start()

    def results(self) -> Half | None:
        self._child.join()
        try:
            if self._child.exitcode != 0:
                return None
            with self._out.open("rb") as stream, _collector_paused():
                return pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        finally:
            with suppress(OSError):
                self._out.unlink()

    def cancel(self) -> None:
        """Stop the child (this process failed reading its half)."""
        if self._child.is_alive():
            self._child.terminate()
        self._child.join()
        with suppress(OSError):
            self._out.unlink()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector off while a half is unpickled: its millions of new objects would
    run it again and again (half the unpickling time), and they hold no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_to_file(
    read_half: Callable[[int, int], Half], start: int, first_number: int, out: Path
) -> None:
    half = read_half(start, first_number)
    with out.open("wb") as stream:
        pickle.dump(half, stream, pickle.HIGHEST_PROTOCOL)


def digest_and_length(path: Path) -> tuple[str, int]:
    """sha256 (hex) and size of the file's bytes, read once."""
    digest = hashlib.sha256()
    length = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            length += len(chunk)
    return digest.hexdigest(), length


def read_split(path: Path, start: int, fresh: dict[Any, Any], add_line: AddLine) -> FileState:
    """A file read fresh, its lines from byte `start` by a forked child while this process
    reads those before: the same state (and `fresh` articles) as reading it line by line."""
    read_half = functools.partial(_read_half, path, add_line)
    second = SecondHalf(path, start, read_half)
    try:
        hashes, entries, skipped, articles = read_half(0, 1, end=start)
    except BaseException:
        second.cancel()
        raise
    fresh.update(articles)
    state = FileState("jsonl", -1, -1, "", 0, hashes, entries, skipped)
    # A child that failed (killed, out of memory): the half is read here instead.
    half = second.results() or read_half(start, second.first_number)
    state.line_hashes += half[0]
    state.entries += half[1]
    state.skipped += half[2]
    fresh.update(half[3])
    state.digest, state.length = digest_and_length(path)
    return state


def _read_half(
    path: Path, add_line: AddLine, start: int, first_number: int, end: int | None = None
) -> Half:
    """The results of the lines from byte `start` (line `first_number`) to byte `end`."""
    state = FileState("jsonl", -1, -1, "", 0)
    fresh: dict[Any, Any] = {}
    for raw, number, offset in lines_from(path, start, first_number):
        if end is not None and offset >= end:
            break
        add_line(state, raw, (number, offset), fresh)
    return state.line_hashes, state.entries, state.skipped, list(fresh.items())
