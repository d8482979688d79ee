"""Ctrl+C held back from the moment a build's generation is committed until the build has
recorded it (its table, the ingest memory, the last build's summary), then delivered: a build
stopped there would leave the next one to read and compare again what this one indexed."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def interrupts_held() -> Iterator[Callable[[], None]]:
    """Yields `hold()`: from its first call to the end of the block, a first SIGINT is recorded
    instead of handled and raised again at the end, under the handler that was in place
    (KeyboardInterrupt by default); a second one stops at once. Before `hold()`, and outside
    the main thread (where Python delivers no signals), nothing changes. An error leaving the
    block is not replaced by the held interrupt."""
    received: list[int] = []
    previous: list[Any] = []  # the handler `hold()` replaced

    def held(number: int, frame: Any) -> None:
        """The first Ctrl+C waits for the record; the second one restores and interrupts."""
        received.append(number)
        if len(received) == 1:
            print("saving what this build did… Ctrl+C again stops now", file=sys.stderr)
            return
        _restore(previous[0])
        raise KeyboardInterrupt

    def hold() -> None:
        """Start holding Ctrl+C back (once; only in the main thread)."""
        if not previous and threading.current_thread() is threading.main_thread():
            previous.append(signal.signal(signal.SIGINT, held))

    try:
        yield hold
    except BaseException:
        if previous:
            _restore(previous[0])
        raise
    if previous:
        _restore(previous[0])
        if len(received) == 1:
            signal.raise_signal(signal.SIGINT)


def _restore(handler: Any) -> None:
    # A handler installed from C reads back as None: the default is the closest Python knows.
    signal.signal(signal.SIGINT, signal.SIG_DFL if handler is None else handler)
