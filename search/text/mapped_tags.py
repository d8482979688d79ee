"""jieba.posseg's word -> part-of-speech table read from a memory-mapped table made once per
dictionary (the tags packed into the values of search/text/mapped_dictionary.py's layout): a
process no longer builds the 350k-entry dict (0.1–0.3 s) for the few windows it tags."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

from search.text.mapped_dictionary import MappedFrequencies, open_table, write_table

NAME = "jieba-tags"
_ABSENT = object()
_WIDTH = 8  # a tag is packed into one 8-byte value ("nrfg", "eng" …)


def _packed(tag: str) -> int:
    return int.from_bytes(tag.encode("ascii"), "little")


def _unpacked(value: int) -> str:
    return value.to_bytes(_WIDTH, "little").rstrip(b"\0").decode("ascii")


def _packable(tag: str) -> bool:
    return tag.isascii() and len(tag) <= _WIDTH and "\0" not in tag


class MappedTags(MutableMapping[str, str]):
    """A word -> tag table over the mapped one; tags set later (the vocabulary's words) go to
    a small dict of this instance, looked up first. jieba.posseg only calls `get`."""

    def __init__(self, table: MappedFrequencies) -> None:
        self._table = table
        self.taught: dict[str, str] = {}

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        tag = self.taught.get(word, _ABSENT)
        if tag is not _ABSENT:
            return tag
        value = self._table.get(word)
        return default if value is None else _unpacked(value)

    def __getitem__(self, word: str) -> str:
        tag = self.get(word, _ABSENT)
        if tag is _ABSENT:
            raise KeyError(word)
        return tag

    def __contains__(self, word: object) -> bool:
        return word in self.taught or word in self._table

    def __setitem__(self, word: str, tag: str) -> None:
        self.taught[word] = tag

    def update(self, *others: Any, **words: str) -> None:
        self.taught.update(*others, **words)

    def __delitem__(self, word: str) -> None:
        raise TypeError("the mapped tag table only grows")

    def __len__(self) -> int:
        return len(self._table) + sum(1 for word in self.taught if word not in self._table)

    def __iter__(self) -> Iterator[str]:
        yield from self._table
        yield from (word for word in self.taught if word not in self._table)


def open_tags(key: str, tags: Callable[[], Mapping[str, str]]) -> MappedFrequencies | None:
    """The mapped tag table of `key`, made from `tags()` when there is none usable; None when
    it cannot be made or saved (the caller then uses a dict)."""
    table = open_table(key, NAME)
    if table is not None:
        return table
    made = tags()
    if not all(map(_packable, made.values())):
        return None
    packed = {word: _packed(tag) for word, tag in made.items()}
    return open_table(key, NAME) if write_table(key, packed, 0, NAME) else None
