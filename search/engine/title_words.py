"""Which title words contain, begin or end a text, found without a pass over every word: the
sorted words bisected for a prefix, the sorted reversed words for a suffix, and a character →
word-ids map (NumPy arrays) intersected for a substring; built once per generation.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

import numpy as np

# The last code point: a prefix ending with it has no successor of the same length.
_LAST = 0x10FFFF


def _prefix_range(words: list[str], prefix: str) -> range:
    """The positions in the sorted `words` of the words beginning with `prefix`."""
    start = bisect_left(words, prefix)
    stem = prefix.rstrip(chr(_LAST))
    if not stem:
        return range(start, len(words))
    # Words beginning with the prefix sort before its successor (last character + 1).
    successor = stem[:-1] + chr(ord(stem[-1]) + 1)
    return range(start, bisect_left(words, successor, lo=start))


class TitleWords:
    """Lookups over one generation's title words, sorted as Python sorts strings."""

    def __init__(self, words: list[str]) -> None:
        """`words`: sorted and distinct; a word's id is its position."""
        self.words = words
        count = len(words)
        backwards = [word[::-1] for word in words]
        order = sorted(range(count), key=backwards.__getitem__)
        self._backwards = [backwards[position] for position in order]
        self._backwards_ids = np.array(order, dtype=np.int64)
        # Every (character, word id) pair once, sorted: a character's words are one slice.
        joined = "".join(words).encode("utf-32-le", "surrogatepass")
        characters = np.frombuffer(joined, dtype=np.uint32).astype(np.int64)
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=count)
        owners = np.repeat(np.arange(count, dtype=np.int64), lengths)
        pairs = np.unique((characters << 32) | owners)
        self._characters = pairs >> 32
        self._owners = pairs & 0xFFFFFFFF

    def __len__(self) -> int:
        return len(self.words)

    def starting_with(self, prefixes: Iterable[str]) -> np.ndarray:
        """The sorted ids of the words beginning with any of `prefixes`."""
        ranges = [_prefix_range(self.words, prefix) for prefix in prefixes]
        found = [np.arange(found.start, found.stop, dtype=np.int64) for found in ranges]
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    def ending_with(self, suffixes: Iterable[str]) -> np.ndarray:
        """The sorted ids of the words ending with any of `suffixes`."""
        ranges = [_prefix_range(self._backwards, suffix[::-1]) for suffix in suffixes]
        found = [self._backwards_ids[found.start : found.stop] for found in ranges]
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    def containing(self, text: str) -> np.ndarray:
        """The sorted ids of the words containing `text`."""
        if not text:
            return np.arange(len(self.words), dtype=np.int64)
        slices = sorted((self._having(ord(character)) for character in set(text)), key=len)
        candidates = slices[0]
        for having in slices[1:]:  # rarest character first: the candidates only shrink
            if not len(candidates):
                break
            candidates = np.intersect1d(candidates, having, assume_unique=True)
        if len(text) == 1:
            return candidates  # every word with the character contains it
        words = self.words
        kept = [word_id for word_id in candidates.tolist() if text in words[word_id]]
        return np.array(kept, dtype=np.int64)

    def _having(self, character: int) -> np.ndarray:
        """The sorted ids of the words with `character`."""
        start, stop = np.searchsorted(self._characters, [character, character + 1])
        return self._owners[start:stop]
