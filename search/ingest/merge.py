"""Merging reprints over remembered entries, as `load_corpus` does. A resident process keeps
its last merge and redoes only what a change can reach: an entry's decision depends only on
earlier entries sharing its id, body or title.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from search.ingest.corpus import body_text
from search.ingest.merge_reach import (
    Placed,
    entry_keys,
    held_reach,
    placed_entries,
    reach_by_passes,
    release,
)
from search.ingest.reprints import ReprintIndex, nearly_same, shingles_of
from search.ingest.state import Entry, IngestState, Member

if TYPE_CHECKING:
    from search.ingest.incremental import Scan


@dataclass(slots=True)
class Kept:
    """One article of the corpus after reprints were merged into it: its copies in corpus order,
    itself first (their files and JSON Lines records become the article's, as in `load_corpus`).
    """

    source_file: str
    entry: Entry
    copies: list[Placed]

    @property
    def article_id(self) -> str:
        return self.entry.article_id

    @property
    def members(self) -> tuple[Member, ...]:
        """What the fingerprint depends on besides the text: where each copy sits."""
        return tuple((name, entry.line, entry.offset) for name, entry in self.copies)


@dataclass
class MergeMemory:
    """One build's reprint merge, kept by a resident process (`gaoxin index --watch`) for its
    next build, so that a change costs only the entries it can reach."""

    kept: list[Kept]  # in corpus order
    # key -> the entries having it, by id() (held here, so no other object takes their id)
    holders: dict[str, dict[int, Placed]]


@dataclass(frozen=True)
class Change:
    """What a build's merge redid: entries added and removed, and every entry they reach."""

    added: list[Placed]
    removed: list[Placed]
    reached: dict[int, Placed]
    kept: set[int]  # id() of the reached entries kept now (the others are merged reprints)


def merge_reprints(scan: Scan, previous: IngestState, memory: MergeMemory | None) -> bool:
    """Fill `scan.kept`, `scan.duplicates` and `scan.state.near` as a merge of the whole corpus
    would: only entries linked to an added or removed one are merged again, the others keep
    the previous build's decisions (`memory`: a resident process's merge of `previous`; else
    they come from the memory file). Returns whether no entry was added or removed."""
    changed = _changed_files(previous, scan.state)
    if memory is not None:
        reach = partial(held_reach, memory)
        unchanged = _merge_changes(scan, previous, memory.kept, changed, reach)
        release(memory, scan.change.removed if scan.change is not None else [])
        memory.kept = scan.kept
        return unchanged
    remembered = _remembered_merge(previous) if previous.files else None
    if remembered is None:  # nothing remembered, or a memory that does not add up
        _merge(scan, placed_entries(scan.state), previous.near)
        return False
    return _merge_changes(scan, previous, remembered, changed, partial(reach_by_passes, scan))


def memory_of(scan: Scan) -> MergeMemory:
    """The merge a build made, for the next build of a resident process."""
    holders: dict[str, dict[int, Placed]] = {}
    for item in placed_entries(scan.state):
        for key in entry_keys(item[1]):
            holders.setdefault(key, {})[id(item[1])] = item
    return MergeMemory(scan.kept, holders)


def entry_count(state: IngestState) -> int:
    return sum(len(file_state.entries) for file_state in state.files.values())


def _changed_files(previous: IngestState, current: IngestState) -> list[str]:
    names = dict.fromkeys([*previous.files, *current.files])
    return [name for name in names if current.files.get(name) is not previous.files.get(name)]


def _remembered_merge(previous: IngestState) -> list[Kept] | None:
    """The previous build's kept articles, from the copies each kept entry remembers (a merged
    reprint remembers none); None when the memory does not add up."""
    kept: list[Kept] = []
    for name, file_state in previous.files.items():
        for entry in file_state.entries:
            members = entry.members
            if len(members) == 1 and members[0][0] == name and members[0][1] == entry.line:
                kept.append(Kept(name, entry, [(name, entry)]))  # most: alone where it sits
            elif members and not _add_merged(kept, previous, name, entry):
                return None
    return kept or None


def _add_merged(kept: list[Kept], previous: IngestState, name: str, entry: Entry) -> bool:
    """Add an article kept with reprints merged into it; False when a copy is not found."""
    copies = [(source, _entry_at(previous, source, line)) for source, line, _ in entry.members]
    if any(copy is None for _, copy in copies) or copies[0][1] is not entry:
        return False
    kept.append(Kept(name, entry, copies))  # type: ignore[arg-type]
    return True


def _entry_at(state: IngestState, source_file: str, line: int) -> Entry | None:
    """A file's entry at `line` (a file's entries are in line order)."""
    file_state = state.files.get(source_file)
    if file_state is None:
        return None
    entries = file_state.entries
    place = bisect.bisect_left(entries, line, key=lambda entry: entry.line)
    return entries[place] if place < len(entries) and entries[place].line == line else None


def _difference(
    previous: IngestState, current: IngestState, changed: list[str]
) -> tuple[list[Placed], list[Placed]]:
    """Entries added and removed, looking only at the changed files (an unchanged entry is the
    same object in both)."""
    added: list[Placed] = []
    removed: list[Placed] = []
    for name in changed:
        old, new = previous.files.get(name), current.files.get(name)
        old_entries, new_entries = (old.entries if old else []), (new.entries if new else [])
        if _appended(old_entries, new_entries):
            added += [(name, entry) for entry in new_entries[len(old_entries) :]]
            continue
        now, was = {id(entry) for entry in new_entries}, {id(entry) for entry in old_entries}
        removed += [(name, entry) for entry in old_entries if id(entry) not in now]
        added += [(name, entry) for entry in new_entries if id(entry) not in was]
    return added, removed


def _appended(old: list[Entry], new: list[Entry]) -> bool:
    """Whether `new` is `old` (the same objects) and more: an appended JSON Lines file."""
    return len(new) >= len(old) and all(map(operator.is_, old, new))


def _merge_changes(
    scan: Scan,
    previous: IngestState,
    kept_before: list[Kept],
    changed: list[str],
    reach: Callable[[list[Placed]], dict[int, Placed]],
) -> bool:
    """Merge again only the entries linked (by id, body or title) to an added or removed one;
    the rest of `kept_before` (the previous build's kept articles) stays as it was."""
    added, removed = _difference(previous, scan.state, changed)
    reached = reach(added + removed)
    gone = {id(entry) for _, entry in removed}
    rank = {name: number for number, name in enumerate(scan.state.files)}
    again = [item for key, item in reached.items() if key not in gone]
    again.sort(key=lambda item: (rank[item[0]], item[1].line))
    fresh = _Merge(scan, previous.near)
    fresh.run(again)
    change = Change(added, removed, reached, {id(item.entry) for item in fresh.kept})
    scan.state.near = _near_pairs(previous.near, change) | fresh.near
    kept = kept_before
    if any(entry.members for _, entry in reached.values()):  # some kept article went
        kept = [item for item in kept_before if id(item.entry) not in reached]
    for item in fresh.kept:  # few: each goes to its place in corpus order
        place = bisect.bisect(
            kept,
            (rank[item.source_file], item.entry.line),
            key=lambda other: (rank[other.source_file], other.entry.line),
        )
        kept.insert(place, item)
    scan.kept, scan.duplicates, scan.change = kept, entry_count(scan.state) - len(kept), change
    return not (added or removed)


def _near_pairs(known: dict[str, bool], change: Change) -> dict[str, bool]:
    """The remembered near-duplicate decisions no change touched (the merge asks for them
    again; the others it makes again, from the same memo)."""
    touched = {entry.body_key for _, entry in change.reached.values()}
    return {pair: same for pair, same in known.items() if touched.isdisjoint(pair.split(":"))}


def _merge(scan: Scan, entries: list[Placed], known_near: dict[str, bool]) -> None:
    merge = _Merge(scan, known_near)
    merge.run(entries)
    scan.kept, scan.duplicates, scan.state.near = merge.kept, merge.duplicates, merge.near


class _Merge:
    """`load_corpus`'s reprint merge over entries: bodies are loaded only for unknown pairs."""

    def __init__(self, scan: Scan, known_near: dict[str, bool]) -> None:
        self.scan, self.known = scan, known_near
        self.kept: list[Kept] = []
        self.duplicates = 0
        self.near: dict[str, bool] = {}
        self.reprints = ReprintIndex()

    def run(self, entries: Iterable[Placed]) -> None:
        for source_file, entry in entries:
            near = partial(self._nearly_same, source_file, entry, [])
            earlier = self.reprints.earlier(
                entry.article_id, entry.body_key, entry.body_length, entry.title_key, near
            )
            if earlier is not None:
                self.duplicates += 1
                self.kept[earlier].copies.append((source_file, entry))
                continue
            self.reprints.keep(
                len(self.kept), entry.article_id, entry.body_key, entry.body_length, entry.title_key
            )
            self.kept.append(Kept(source_file, entry, [(source_file, entry)]))

    def _nearly_same(
        self, source_file: str, entry: Entry, mine: list[set[str]], index: int
    ) -> bool:
        """Whether the `index`th kept body and this one are near-duplicates: a remembered pair
        is not compared again; `mine` keeps this body's shingles once made."""
        earlier = self.kept[index]
        pair = f"{earlier.entry.body_key}:{entry.body_key}"
        if pair in self.known:
            self.near[pair] = self.known[pair]
        else:
            mine[:] = mine or [shingles_of(body_text(self.scan.article(source_file, entry)))]
            first = self.scan.article(earlier.source_file, earlier.entry)
            self.near[pair] = nearly_same(mine[0], shingles_of(body_text(first)))
        return self.near[pair]
