"""`gaoxin index --watch`: keep an index in step with a corpus folder or file by polling.

One build at a time (this loop is the only writer it starts); a change is built once the corpus
has stopped changing for the debounce time, so a file still being copied is not read half-done;
whole lines appended to a JSON Lines file already built are built at once (a record is a line).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from search.errors import GaoxinError, IndexLocked
from search.indexing.report import BuildReport
from search.text.surrogates import printable_name

Signature = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Cycle:
    """One poll of the corpus: the build it ran (if anything changed) or the error it met."""

    report: BuildReport | None = None
    error: GaoxinError | None = None


def corpus_signature(corpus: Path) -> Signature:
    """(name, size, mtime) of every entry of a corpus folder, or of the corpus file."""
    try:
        if corpus.is_dir():
            entries = sorted(os.scandir(corpus), key=lambda entry: entry.name)
            stats = [(entry.name, entry.stat()) for entry in entries if entry.is_file()]
        else:
            stats = [(corpus.name, corpus.stat())]
    except OSError:
        return ()  # missing for now: the build reports it
    return tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)


def watch(
    corpus: Path,
    build: Callable[[], BuildReport],
    stop: threading.Event,
    *,
    interval: float = 2.0,
    debounce: float = 1.0,
    on_cycle: Callable[[Cycle], None] | None = None,
) -> None:
    """Build now, then whenever the corpus changes, until `stop` is set.

    `on_cycle` is called after every poll, with what that poll did.
    """
    built: Signature | None = None
    while not stop.is_set():
        cycle = Cycle()
        seen = corpus_signature(corpus)
        ready = built is None or _lines_appended(corpus, built, seen)
        if seen != built and (ready or _settled(corpus, seen, stop, debounce)):
            try:
                cycle = Cycle(report=build())
            except IndexLocked as error:  # another writer is busy: try again at the next poll
                cycle = Cycle(error=error)
            except GaoxinError as error:  # e.g. no corpus: reported once, until it changes
                cycle, built = Cycle(error=error), seen
            else:
                built = seen
        if on_cycle is not None:
            on_cycle(cycle)
        stop.wait(interval)


def _settled(corpus: Path, seen: Signature, stop: threading.Event, debounce: float) -> bool:
    """Whether the corpus still looks like `seen` after the debounce time."""
    return not stop.wait(debounce) and corpus_signature(corpus) == seen


def _lines_appended(corpus: Path, built: Signature, seen: Signature) -> bool:
    """Whether every change since the last build is whole lines appended to a JSON Lines file it
    read: each record is one line and the build reads only the lines after what it had, so
    waiting out the debounce would only add latency. (The build reads to the end of the file:
    a line still being written then is reported as skipped, and read again at the next poll.)"""
    before = {name: size for name, size, _ in built}
    changed = set(seen) - set(built)
    if not changed or {name for name, _, _ in seen} != set(before):
        return False
    for name, size, _ in changed:
        if not name.lower().endswith(".jsonl") or size <= before[name]:
            return False
        if not _ends_with_newline(corpus / name if corpus.is_dir() else corpus):
            return False
    return True


def _ends_with_newline(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            stream.seek(-1, os.SEEK_END)
            return stream.read(1) == b"\n"
    except OSError:
        return False


def run_watch(
    corpus: Path,
    build: Callable[[], BuildReport],
    interval: float,
    show: Callable[[BuildReport], None],
) -> None:
    """`gaoxin index --watch`: print each build until Ctrl+C or SIGTERM, without a traceback.

    Ctrl+C stops at once (a build it cuts short leaves the last completed one in place; one
    already committed first saves its ingest memory: `search.indexing.interrupts`);
    SIGTERM, as a service manager sends it, lets a running build finish first.
    """
    import time

    import click

    def on_cycle(cycle: Cycle) -> None:
        stamp = time.strftime("%H:%M:%S")
        if cycle.report is not None:
            click.echo(f"[{stamp}] ", nl=False)
            show(cycle.report)
            click.echo(printable_name(f"Watching {corpus} for changes (Ctrl+C stops)."))
        elif cycle.error is not None:
            click.echo(printable_name(f"[{stamp}] Error: {cycle.error.message}"), err=True)

    stop = threading.Event()
    # A process started in the background by a non-interactive shell inherits SIGINT ignored,
    # and Python then never raises KeyboardInterrupt: Ctrl+C (or `kill -INT`) must still stop it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda number, frame: stop.set())
    with contextlib.suppress(KeyboardInterrupt):  # the message below says it all
        watch(
            corpus, build, stop, interval=interval, debounce=min(1.0, interval), on_cycle=on_cycle
        )
    click.echo("Stopped watching; the index holds the last completed build.", err=True)
