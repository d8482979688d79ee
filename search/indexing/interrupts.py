"""Ctrl+C held back from the moment a build's generation is committed until the build has
recorded it (its table, the ingest memory, the last build's summary), then delivered: a build
stopped there would leave the next one to read and compare again what this one indexed."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def interrupts_held() -> Iterator[Callable[[], None]]:
    """Yields `hold()`: from its first call to the end of the block, SIGINT is recorded instead
    of handled; at the end it is raised again under the handler that was in place
    (KeyboardInterrupt by default). Before `hold()`, and outside the main thread (where Python
    delivers no signals), nothing changes."""
    received: list[int] = []
    previous: list[Any] = []  # the handler `hold()` replaced

    def hold() -> None:
        if not previous and threading.current_thread() is threading.main_thread():
            previous.append(signal.signal(signal.SIGINT, lambda number, _: received.append(number)))

    try:
        yield hold
    finally:
        if previous:
            signal.signal(signal.SIGINT, previous[0])
            if received:
                signal.raise_signal(signal.SIGINT)
