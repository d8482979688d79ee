"""Which entries a change to the corpus reaches (shares an id, body or title with, directly or
through others): looked up in a resident merge's index of entries by key, or found by passes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from search.ingest.state import Entry, IngestState

if TYPE_CHECKING:
    from search.ingest.incremental import Scan
    from search.ingest.merge import MergeMemory

Placed = tuple[str, Entry]  # an entry and the corpus file it came from


def placed_entries(state: IngestState) -> list[Placed]:
    return [(name, entry) for name, file in state.files.items() for entry in file.entries]


def entry_keys(entry: Entry) -> tuple[str, ...]:
    # A shared body key links entries even under 50 characters (then both are that short).
    keys = ("i" + entry.article_id, "b" + entry.body_key)
    return (*keys, "t" + entry.title_key) if entry.title_key else keys


def held_reach(memory: MergeMemory, start: list[Placed]) -> dict[int, Placed]:
    """Every entry linked to `start` through shared keys, `start` included, by id(), looked up
    in a resident merge's index of entries by key (which the added ones join)."""
    for item in start:  # the added ones join the index; removed ones leave it after the merge
        for key in entry_keys(item[1]):
            memory.holders.setdefault(key, {})[id(item[1])] = item
    reached = {id(item[1]): item for item in start}
    pending = list(dict.fromkeys(key for _, entry in start for key in entry_keys(entry)))
    seen = set(pending)
    while pending:
        for key, item in memory.holders.get(pending.pop(), {}).items():
            if key in reached:
                continue
            reached[key] = item
            for linked in entry_keys(item[1]):
                if linked not in seen:
                    seen.add(linked)
                    pending.append(linked)
    return reached


def reach_by_passes(scan: Scan, start: list[Placed]) -> dict[int, Placed]:
    """`held_reach` without an index: passes over every entry until none links anew (a change
    usually reaches a few entries: two passes, nothing allocated per entry)."""
    reached = {id(item[1]): item for item in start}
    ids = {entry.article_id for _, entry in start}
    bodies = {entry.body_key for _, entry in start}
    titles = {entry.title_key for _, entry in start if entry.title_key}
    everything = placed_entries(scan.state)
    grew = True
    while grew:
        grew = False
        for item in everything:
            entry = item[1]
            linked = entry.article_id in ids or entry.body_key in bodies
            if not (linked or entry.title_key in titles) or id(entry) in reached:
                continue
            reached[id(entry)] = item
            ids.add(entry.article_id)
            bodies.add(entry.body_key)
            if entry.title_key:
                titles.add(entry.title_key)
            grew = True
    return reached


def release(memory: MergeMemory, placed: list[Placed]) -> None:
    """Removed entries leave a resident merge's index."""
    for _, entry in placed:
        for key in entry_keys(entry):
            holders = memory.holders[key]
            del holders[id(entry)]
            if not holders:
                del memory.holders[key]
