"""Admission: how many searches work at once, and how long the others wait their turn."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from search.errors import ServiceBusy


class Admission:
    """How many searches work at once; the others wait their turn up to `queue_timeout` s.

    Searching is mostly Python under the GIL: with 8 server threads searching at once, each
    would take 8 times its work on the clock and a fair budget would time out searches that
    were only waiting their turn. Pass one to `SearchService` to share or hold its slots.
    """

    def __init__(self, concurrency: int = 2, queue_timeout: float = 30.0) -> None:
        self.queue_timeout = queue_timeout
        self._slots = threading.BoundedSemaphore(concurrency)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one slot; ServiceBusy when none frees up within `queue_timeout`."""
        if not self._slots.acquire(timeout=self.queue_timeout):
            raise ServiceBusy("The server is busy; try again in a moment")
        try:
            yield
        finally:
            self._slots.release()
