"""jieba's word frequencies as a memory-mapped hash table, made once per dictionary content in
the cache directory: a process opens it without building the 498k-entry dict (0.15–0.2 s)."""

from __future__ import annotations

import contextlib
import json
import mmap
import zlib
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import numpy as np

from search.text.cache_files import cache_file, mark_used, save_file

_MAGIC = b"gaoxin-mapped-dictionary 1\n"
_NAME = "jieba-dictionary"
_ABSENT = object()


def _aligned(offset: int) -> int:
    return offset + (-offset % 8)


def _slot_count(words: int) -> int:
    """A power of two at least twice the word count: linear probing stays short."""
    return 1 << max(4, (2 * words - 1).bit_length())


def _slots(encoded: list[bytes]) -> np.ndarray:
    """Open addressing by CRC-32, linear probing; a slot holds word index + 1 (0: empty)."""
    size = _slot_count(len(encoded))
    mask = size - 1
    slots = [0] * size
    for index, word in enumerate(encoded, 1):
        slot = zlib.crc32(word) & mask
        while slots[slot]:
            slot = (slot + 1) & mask
        slots[slot] = index
    return np.array(slots, dtype="<u4")


def write_table(key: str, frequencies: Mapping[str, int], total: int, name: str = _NAME) -> bool:
    """Save `frequencies` (jieba's FREQ, in its order) under `key`; False if it cannot be.
    `name`: another table of the same layout (search/text/mapped_tags.py)."""
    encoded = [word.encode("utf-8") for word in frequencies]
    if any(b"\n" in word for word in encoded):
        return False
    blob = b"\n".join(encoded) + b"\n"
    lengths = np.fromiter((len(word) + 1 for word in encoded), dtype="<u8", count=len(encoded))
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype("<u4")
    values = np.fromiter(frequencies.values(), dtype="<i8", count=len(encoded))
    slots = _slots(encoded)
    header = {"key": key, "count": len(encoded), "total": total, "slots": len(slots)}
    payload = json.dumps(header).encode()
    prefix = _MAGIC + len(payload).to_bytes(8, "little") + payload
    parts = [values.tobytes(), slots.tobytes(), starts.tobytes(), blob]
    data = bytearray(prefix + b"\0" * (_aligned(len(prefix)) - len(prefix)))
    for part in parts:
        data += part + b"\0" * (_aligned(len(part)) - len(part))
    return save_file(name, key, bytes(data))


class MappedFrequencies(MutableMapping[str, int]):
    """jieba's FREQ read from the mapped table; words jieba is taught later (`add_word`) go to a
    small dict of their own, looked up first. A lookup costs about a microsecond instead of a
    dict's tens of nanoseconds: fine for queries, not for cutting a corpus (`as_dict`)."""

    def __init__(self, mapped: mmap.mmap, header: dict, start: int) -> None:
        """`start`: where the first section begins (after the magic and the header)."""
        self._mapped = mapped
        count, slots = header["count"], header["slots"]
        view = memoryview(mapped)
        self._values = view[start : start + 8 * count].cast("q")
        start = _aligned(start + 8 * count)
        self._slots = view[start : start + 4 * slots].cast("I")
        start = _aligned(start + 4 * slots)
        self._starts = view[start : start + 4 * (count + 1)].cast("I")
        self._words = _aligned(start + 4 * (count + 1))
        self._mask = slots - 1
        self._count = count
        self.total: int = header["total"]
        self.taught: dict[str, int] = {}  # words written since (new or changed)

    def _find(self, word: str) -> int:
        """The word's index in the table, -1 if it is not there."""
        data = word.encode("utf-8", "surrogatepass")
        slot = zlib.crc32(data) & self._mask
        slots, starts, mapped, base = self._slots, self._starts, self._mapped, self._words
        while entry := slots[slot]:
            index = entry - 1
            if mapped[base + starts[index] : base + starts[entry] - 1] == data:
                return index
            slot = (slot + 1) & self._mask
        return -1

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        value = self.taught.get(word, _ABSENT)
        if value is not _ABSENT:
            return value  # type: ignore[return-value]
        index = self._find(word)
        return default if index < 0 else self._values[index]

    def __getitem__(self, word: str) -> int:
        value = self.get(word, _ABSENT)  # type: ignore[arg-type]
        if value is _ABSENT:
            raise KeyError(word)
        return value  # type: ignore[return-value]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.taught or self._find(word) >= 0)

    def __setitem__(self, word: str, frequency: int) -> None:
        self.taught[word] = frequency

    def update(self, *others: Any, **words: int) -> None:
        """Words written all at once (a replayed batch, search/text/teaching.py)."""
        self.taught.update(*others, **words)

    def __delitem__(self, word: str) -> None:
        raise TypeError("jieba's mapped dictionary only grows (jieba deletes with frequency 0)")

    def __len__(self) -> int:
        return self._count + sum(1 for word in self.taught if self._find(word) < 0)

    def well_formed(self) -> bool:
        """Whether every slot is empty or names a word, one at least is empty, and the words
        start where they follow each other: a damaged table would fail lookups (or never end
        one). About a millisecond, once per process."""
        slots = np.frombuffer(self._slots, dtype=np.uint32)
        starts = np.frombuffer(self._starts, dtype=np.uint32)
        return bool(
            int(slots.max()) <= self._count
            and not slots.all()
            and starts[0] == 0
            and (starts[1:] > starts[:-1]).all()
        )

    @property
    def words_bytes(self) -> int:
        """The length of the words block (the file's last section)."""
        return self._starts[self._count]

    def _table_words(self) -> list[str]:
        end = self._words + self.words_bytes
        return self._mapped[self._words : end].decode("utf-8", "surrogatepass").split("\n")[:-1]

    def __iter__(self) -> Iterator[str]:
        yield from self.as_dict()

    def as_dict(self) -> dict[str, int]:
        """The same frequencies as a plain dict (jieba's order), for cutting many texts."""
        table = dict(zip(self._table_words(), self._values.tolist(), strict=True))
        table.update(self.taught)
        return table


def open_table(key: str, name: str = _NAME) -> MappedFrequencies | None:
    """The table saved under `key`, mapped read-only; None if there is none usable."""
    path = cache_file(name, key)
    try:
        with open(path, "rb") as stream:
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError, RuntimeError):  # ValueError: an empty file
        return None
    try:
        table = _checked(mapped, key)
        mark_used(path)
        return table
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError):
        # A table made before the damage was found holds views of the map: the map is then
        # closed when they are freed, with this exception.
        with contextlib.suppress(BufferError):
            mapped.close()
        return None


def _checked(mapped: mmap.mmap, key: str) -> MappedFrequencies | None:
    if mapped[: len(_MAGIC)] != _MAGIC:
        raise ValueError("not a mapped dictionary")
    length = int.from_bytes(mapped[len(_MAGIC) : len(_MAGIC) + 8], "little")
    header = json.loads(mapped[len(_MAGIC) + 8 : len(_MAGIC) + 8 + length])
    count, slots = header["count"], header["slots"]
    if header["key"] != key or slots != _slot_count(count):
        raise ValueError("another dictionary")
    start = _aligned(len(_MAGIC) + 8 + length)
    words = _aligned(_aligned(_aligned(start + 8 * count) + 4 * slots) + 4 * (count + 1))
    if len(mapped) < words:
        raise ValueError("cut short")
    table = MappedFrequencies(mapped, header, start)
    if len(mapped) < words + table.words_bytes or not table.well_formed():
        raise ValueError("damaged")
    return table


def cached_path(key: str) -> Path:
    """Where the table of `key` is kept (tests damage it)."""
    return cache_file(_NAME, key)
