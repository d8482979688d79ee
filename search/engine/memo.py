"""A bounded, thread-safe memo (least recently used out): per-generation caches of decoded
stored paragraphs, rendered highlights and exact-text matches, which depend only on the
generation and the key."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Memo(Generic[Value]):
    """Computed values by key, up to `capacity` of them (or of their total `weigh(value)`);
    the least recently used one leaves first."""

    def __init__(self, capacity: int, weigh: Callable[[Value], int] | None = None) -> None:
        self.capacity = capacity
        self._weigh = weigh or (lambda _value: 1)
        self._held = 0
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The value remembered for `key`, else `compute()` (outside the lock) remembered."""
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
                return found
        value = compute()
        with self._lock:
            old = self._values.pop(key, None)  # computed meanwhile by another thread
            self._held += self._weigh(value) - (self._weigh(old) if old is not None else 0)
            self._values[key] = value
            while self._held > self.capacity and len(self._values) > 1:
                self._held -= self._weigh(self._values.popitem(last=False)[1])
        return value

    def clear(self) -> None:
        """Forget every value (benchmarks measure the cold cost with it)."""
        with self._lock:
            self._values.clear()
            self._held = 0
