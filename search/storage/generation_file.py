"""One generation's merged per-document arrays in one file (`gaoxin-generation-N.table`), written
by the build after its commit and memory-mapped when the generation opens, so opening merges
nothing. Named after the generation and the segments it was made from; a reader that finds none,
or one made from other segments, merges the segments' arrays itself.
"""

from __future__ import annotations

import contextlib
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from search.storage.sectioned import MappedSections, write_sectioned

_MAGIC = b"GXGENT01"
# A table, or what a build killed while writing one left (only the build holding the lock writes).
_NAME = re.compile(r"^gaoxin-generation-(\d+)\.table(\.tmp)?$")
# The segments a table was made from: (segment id, documents, deleted documents) each.
Identity = list[list[Any]]


def path_of(folder: Path, generation: int) -> Path:
    return Path(folder) / f"gaoxin-generation-{generation}.table"


def is_table_file(name: str) -> bool:
    """Whether a file name is a generation table's or a half-written one's (for removing them)."""
    return _NAME.match(name) is not None


class StringList(Sequence[str]):
    """Sorted strings kept as UTF-8 bytes and offsets in the mapped file, decoded one at a time
    when first asked (65k article ids are never all decoded when a generation opens), then
    remembered: facet values are read on every search."""

    def __init__(self, text: np.ndarray, offsets: np.ndarray) -> None:
        self._text = text
        self._offsets = offsets
        self._count = len(offsets) - 1
        self._decoded: dict[int, str] = {}

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, position: Any) -> Any:
        found = self._decoded.get(position) if type(position) is int else None
        if found is not None:
            return found
        if isinstance(position, slice):
            return [self[number] for number in range(*position.indices(self._count))]
        position = operator.index(position)
        if position < 0:
            position += self._count
        if not 0 <= position < self._count:
            raise IndexError(position)
        start, end = int(self._offsets[position]), int(self._offsets[position + 1])
        value = self._text[start:end].tobytes().decode("utf-8")
        self._decoded[position] = value
        return value

    def __iter__(self) -> Iterator[str]:
        return (self[position] for position in range(self._count))


def _encoded(values: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [value.encode("utf-8") for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(value) for value in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def write_table(
    folder: Path,
    generation: int,
    identity: Identity,
    arrays: Mapping[str, np.ndarray],
    strings: Mapping[str, Sequence[str]],
) -> Path:
    """Write generation `generation`'s table and remove the tables of other generations (a
    reader that mapped one keeps it until it lets go)."""
    sections = list(arrays.items())
    for name, values in strings.items():
        text, offsets = _encoded(values)
        sections += [(f"{name}.text", text), (f"{name}.offsets", offsets)]
    header = {"generation": generation, "segments": identity, "strings": sorted(strings)}
    path = path_of(folder, generation)
    write_sectioned(path, _MAGIC, header, sections)
    remove_tables(folder, keep=path.name)
    return path


def remove_tables(folder: Path, keep: str = "") -> None:
    """Remove every generation table but `keep` (a reader that mapped one keeps it until it
    lets go)."""
    for other in Path(folder).iterdir():
        if is_table_file(other.name) and other.name != keep:
            with contextlib.suppress(OSError):  # removed meanwhile
                other.unlink()


class GenerationTable:
    """A generation's table, memory-mapped (pages shared by every process that maps it)."""

    def __init__(self, path: Path) -> None:
        self._file = MappedSections(path, _MAGIC, "generation table")
        self.generation: int = self._file.header["generation"]
        self.identity: Identity = self._file.header["segments"]
        self._strings = frozenset(self._file.header["strings"])

    def array(self, name: str) -> np.ndarray:
        """A read-only array of the table (a view of the mapped file)."""
        return self._file.array(name)

    def has(self, name: str) -> bool:
        return self._file.has(name)

    def strings(self, name: str) -> StringList:
        if name not in self._strings:
            raise KeyError(name)
        return StringList(self.array(f"{name}.text"), self.array(f"{name}.offsets"))

    def close(self) -> None:
        """Unmap the file (arrays handed out keep the map alive until they are dropped)."""
        self._file.close()


def open_table(folder: Path, generation: int, identity: Identity) -> GenerationTable | None:
    """The table of `generation` when it was made from the segments `identity` names, else None
    (none written yet, an older build's, or unreadable: the caller merges the segments)."""
    try:
        table = GenerationTable(path_of(folder, generation))
    except (OSError, ValueError, KeyError):
        return None
    if table.generation != generation or table.identity != identity:
        table.close()
        return None
    return table
