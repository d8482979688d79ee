"""Merging reprints over remembered entries, as `load_corpus` does. A resident process keeps
its last merge and redoes only what a change can reach: an entry's decision depends only on
earlier entries sharing its id, body or title.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from search.ingest.corpus import NEAR_DUPLICATE, body_text, shingles_of
from search.ingest.state import Entry, IngestState, Member

if TYPE_CHECKING:
    from search.ingest.incremental import Scan

Placed = tuple[str, Entry]  # an entry and the corpus file it came from


@dataclass
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
    entries: dict[int, Entry]  # id() -> every entry of the corpus (held, so ids stay valid)
    holders: dict[str, dict[int, Placed]]  # key -> the entries having it


@dataclass(frozen=True)
class Change:
    """What a build's merge redid: entries added and removed, and every entry they reach."""

    added: list[Placed]
    removed: list[Placed]
    reached: dict[int, Placed]


def merge_reprints(scan: Scan, previous: IngestState, memory: MergeMemory | None) -> bool:
    """Fill `scan.kept`, `scan.duplicates` and `scan.state.near` as a merge of the whole corpus
    would. With `memory` (the merge of `previous`) only entries a change can reach are merged
    again. Returns whether every decision is the remembered one (no entry added or removed)."""
    changed = _changed_files(previous, scan.state)
    if memory is not None:
        return _merge_changes(scan, previous, memory, changed)
    if not changed and (remembered := _remembered_merge(previous)) is not None:
        scan.kept, scan.state.near = remembered, previous.near
        scan.duplicates = entry_count(scan.state) - len(remembered)
        return True
    _merge(scan, _placed(scan.state), previous.near)
    return False


def memory_of(scan: Scan) -> MergeMemory:
    """The merge a build made, for the next build of a resident process."""
    entries: dict[int, Entry] = {}
    holders: dict[str, dict[int, Placed]] = {}
    for item in _placed(scan.state):
        entries[id(item[1])] = item[1]
        for key in _keys(item[1]):
            holders.setdefault(key, {})[id(item[1])] = item
    return MergeMemory(scan.kept, entries, holders)


def entry_count(state: IngestState) -> int:
    return sum(len(file_state.entries) for file_state in state.files.values())


def _placed(state: IngestState) -> list[Placed]:
    return [(name, entry) for name, file in state.files.items() for entry in file.entries]


def _keys(entry: Entry) -> tuple[str, ...]:
    # A shared body key links entries even under 50 characters (then both are that short).
    keys = ("i" + entry.article_id, "b" + entry.body_key)
    return (*keys, "t" + entry.title_key) if entry.title_key else keys


def _changed_files(previous: IngestState, current: IngestState) -> list[str]:
    names = dict.fromkeys([*previous.files, *current.files])
    return [name for name in names if current.files.get(name) is not previous.files.get(name)]


def _remembered_merge(previous: IngestState) -> list[Kept] | None:
    """The previous build's kept articles, from the copies each kept entry remembers (a merged
    reprint remembers none); None when the memory does not add up."""
    by_line: dict[tuple[str, int], Entry] | None = None
    kept = []
    for name, entry in _placed(previous):
        members = entry.members
        if not members:
            continue
        if len(members) == 1 and members[0][0] == name and members[0][1] == entry.line:
            kept.append(Kept(name, entry, [(name, entry)]))
            continue
        if by_line is None:  # only reprinted articles need their copies looked up
            by_line = {(source, item.line): item for source, item in _placed(previous)}
        copies = [(source, by_line.get((source, line))) for source, line, _ in members]
        if any(copy is None for _, copy in copies) or copies[0][1] is not entry:
            return None
        kept.append(Kept(name, entry, copies))  # type: ignore[arg-type]
    return kept or None


def _difference(
    previous: IngestState, current: IngestState, changed: list[str], known: dict[int, Entry]
) -> tuple[list[Placed], list[Placed]]:
    """Entries added and removed, looking only at the changed files."""
    added: list[Placed] = []
    removed: list[Placed] = []
    for name in changed:
        old, new = previous.files.get(name), current.files.get(name)
        now = {id(entry) for entry in new.entries} if new is not None else set()
        removed += [(name, entry) for entry in old.entries if id(entry) not in now] if old else []
        added += [(name, entry) for entry in new.entries if id(entry) not in known] if new else []
    return added, removed


def _merge_changes(
    scan: Scan, previous: IngestState, memory: MergeMemory, changed: list[str]
) -> bool:
    """Merge again only the entries linked (by id, body or title) to an added or removed one."""
    added, removed = _difference(previous, scan.state, changed, memory.entries)
    _hold(memory, added)
    change = Change(added, removed, _reachable(memory, added + removed))
    _release(memory, removed)
    gone = {id(entry) for _, entry in removed}
    rank = {name: number for number, name in enumerate(scan.state.files)}
    again = [item for key, item in change.reached.items() if key not in gone]
    again.sort(key=lambda item: (rank[item[0]], item[1].line))
    fresh = _Merge(scan, previous.near)
    fresh.run(again)
    scan.state.near = _near_pairs(previous.near, change) | fresh.near
    kept = [item for item in memory.kept if id(item.entry) not in change.reached]
    keys = [(rank[item.source_file], item.entry.line) for item in kept]
    for item in fresh.kept:  # few: each goes to its place in corpus order
        key = (rank[item.source_file], item.entry.line)
        place = bisect.bisect(keys, key)
        keys.insert(place, key)
        kept.insert(place, item)
    scan.kept, scan.duplicates = kept, len(memory.entries) - len(kept)
    scan.change = change
    memory.kept = kept
    return not (added or removed)


def _hold(memory: MergeMemory, placed: list[Placed]) -> None:
    for item in placed:
        memory.entries[id(item[1])] = item[1]
        for key in _keys(item[1]):
            memory.holders.setdefault(key, {})[id(item[1])] = item


def _release(memory: MergeMemory, placed: list[Placed]) -> None:
    for _, entry in placed:
        del memory.entries[id(entry)]
        for key in _keys(entry):
            holders = memory.holders[key]
            del holders[id(entry)]
            if not holders:
                del memory.holders[key]


def _reachable(memory: MergeMemory, start: list[Placed]) -> dict[int, Placed]:
    """Every entry linked to `start` through shared keys, `start` included, by id()."""
    reached = {id(item[1]): item for item in start}
    pending = list(dict.fromkeys(key for _, entry in start for key in _keys(entry)))
    seen = set(pending)
    while pending:
        for key, item in memory.holders.get(pending.pop(), {}).items():
            if key in reached:
                continue
            reached[key] = item
            for linked in _keys(item[1]):
                if linked not in seen:
                    seen.add(linked)
                    pending.append(linked)
    return reached


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
        self.by_id: dict[str, int] = {}
        self.by_body: dict[str, int] = {}
        self.by_title: dict[str, list[int]] = {}

    def run(self, entries: Iterable[Placed]) -> None:
        for source_file, entry in entries:
            earlier = self.by_id.get(entry.article_id)
            if earlier is None and entry.body_length >= 50:
                earlier = self.by_body.get(entry.body_key)
            if earlier is None and entry.title_key in self.by_title:
                earlier = self._near_duplicate(source_file, entry)
            if earlier is not None:
                self.duplicates += 1
                self.kept[earlier].copies.append((source_file, entry))
                continue
            self.by_id[entry.article_id] = len(self.kept)
            self.by_body.setdefault(entry.body_key, len(self.kept))
            if entry.title_key:
                self.by_title.setdefault(entry.title_key, []).append(len(self.kept))
            self.kept.append(Kept(source_file, entry, [(source_file, entry)]))

    def _near_duplicate(self, source_file: str, entry: Entry) -> int | None:
        shingles: set[str] | None = None
        for index in self.by_title[entry.title_key][-5:]:
            earlier = self.kept[index]
            length, other = earlier.entry.body_length, entry.body_length
            if min(length, other) < NEAR_DUPLICATE * max(length, other):
                continue
            pair = f"{earlier.entry.body_key}:{entry.body_key}"
            if pair in self.known:
                self.near[pair] = self.known[pair]
            else:
                if shingles is None:
                    shingles = shingles_of(body_text(self.scan.article(source_file, entry)))
                first = self.scan.article(earlier.source_file, earlier.entry)
                first_shingles = shingles_of(body_text(first))
                shared = len(shingles & first_shingles) / max(len(shingles | first_shingles), 1)
                self.near[pair] = shared >= NEAR_DUPLICATE
            if self.near[pair]:
                return index
        return None
