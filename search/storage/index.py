"""Writing an index directory: create or open it, the build lock, writers, the merge policy and
the commit that the manifest vouches for. The indexing package drives these; Whoosh stays here.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.writing import MERGE_SMALL

from search.storage.codec import INDEX_NAME, latest_generation
from search.storage.generation_file import is_table_file
from search.storage.manifest import (
    FORMAT_VERSION,
    MANIFEST_NAME,
    acquire,
    open_index,
    read_manifest,
    record_generation,
    trusted,
    write_manifest,
)
from search.storage.parallel import ParallelWriter
from search.storage.schema import index_schema
from search.storage.writers import SerialWriter

BUILD_LOCK = "gaoxin-build.lock"


def build_lock(index_dir: Path) -> Any:
    """The lock one build holds on `index_dir` (acquire/release)."""
    return FileStorage(str(index_dir)).lock(BUILD_LOCK)


def _outdated_format(index_dir: Path) -> bool:
    """Whether `index_dir` holds a Gaoxin index of an older format (ours, so safe to rebuild)."""
    try:
        manifest = json.loads((index_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    version = manifest.get("format_version") if isinstance(manifest, dict) else None
    return isinstance(version, int) and 0 < version < FORMAT_VERSION


def _discard_outdated(index_dir: Path) -> None:
    """Remove an older-format index of ours: it is a build product, rebuilt from the corpus."""
    for path in index_dir.iterdir():
        whoosh_file = path.name.startswith((f"{INDEX_NAME}_", f"_{INDEX_NAME}_"))
        ours = path.name == MANIFEST_NAME or is_table_file(path.name)
        if path.is_file() and (whoosh_file or ours):
            path.unlink()


def refuse_foreign(index_dir: Path, companions: tuple[str, ...] = ()) -> None:
    """IndexUnavailable when `index_dir` holds files but no index manifest (a corpus folder, a
    typo): said before a build reads the corpus or leaves its lock file there. `companions` as
    for `prepare_directory`."""
    try:
        names = {path.name for path in index_dir.iterdir()}
    except OSError:
        return  # not there yet (the build makes it) or unreadable (the build says why)
    if names - {BUILD_LOCK, *companions} and MANIFEST_NAME not in names:
        read_manifest(index_dir)  # raises: no readable manifest


def prepare_directory(index_dir: Path, companions: tuple[str, ...] = ()) -> FileIndex:
    """Open the index in `index_dir`, creating it when the directory is new or empty.

    `companions`: names of the builder's own files that may sit in a directory without an index.
    """
    if _outdated_format(index_dir):
        _discard_outdated(index_dir)
    ours = {BUILD_LOCK, *companions}
    others = [path.name for path in index_dir.iterdir() if path.name not in ours]
    if not others or (MANIFEST_NAME in others and latest_generation(index_dir) < 0):
        index = FileIndex.create(FileStorage(str(index_dir)), index_schema(), indexname=INDEX_NAME)
        record_generation(index_dir, {"articles": 0, "paragraphs": 0, "sources": 0})
        return index
    return open_index(index_dir)


def stored_hashes(index: FileIndex, doctype: str) -> dict[str, str]:
    """`paragraph_id` -> `content_hash` of every document of a type."""
    with index.searcher() as searcher:
        return {
            fields["paragraph_id"]: fields.get("content_hash", "")
            for fields in searcher.documents(doctype=doctype)
        }


def first_indexed_times(index: FileIndex, keys: Iterable[str]) -> dict[str, int]:
    """`paragraph_id` -> when the article first entered the index (Unix seconds), for the
    article documents `keys` (looked up one by one: a build replaces few of them)."""
    times: dict[str, int] = {}
    keys = list(keys)
    if not keys:  # an append replaces nothing: opening a searcher reads every term table
        return times
    with index.searcher() as searcher:
        for key in keys:
            fields = searcher.document(paragraph_id=key)
            if fields and fields.get("first_indexed"):
                times[key] = int(fields["first_indexed"])
    return times


def serial_writer(index: FileIndex, deadline: float) -> Any:
    """The writer of a build in one process (waits for Whoosh's writer lock up to `deadline`)."""
    # Not compound: Whoosh copies a compound segment into RAM when a searcher opens it
    # (measured: 470 MB for a 50k-paragraph index); separate files are read from the page cache.
    open_writer = functools.partial(SerialWriter, index, limitmb=256, compound=False)
    return acquire(open_writer, deadline, Path(index.storage.folder))


def parallel_writer(
    index: FileIndex, processes: int, prepare: Callable, batchsize: int, deadline: float
) -> Any:
    """A writer whose `processes` forked workers turn articles into documents with `prepare`."""
    open_writer = functools.partial(
        ParallelWriter,
        index,
        procs=processes,
        prepare=prepare,
        batchsize=batchsize,
        # Each worker sorts postings in its own pool, spilling sorted runs to disk when full:
        # 128 MB per worker made 4 workers hold 1.9 GB at 305k paragraphs; smaller pools
        # only mean more runs to merge (measured: same build time on 20k paragraphs).
        limitmb=128 // processes,
        compound=False,
    )
    return acquire(open_writer, deadline, Path(index.storage.folder))


def _merge_policy(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's MERGE_SMALL, after dropping segments whose documents are all deleted.

    MERGE_SMALL never touches large segments, so after a rewrite of most articles (a changed
    vocabulary retags everything) the old segments would stay on disk and in memory for good.
    """
    return MERGE_SMALL(writer, [segment for segment in segments if segment.doc_count() > 0])


def commit(
    index: FileIndex,
    writer: Any,
    counts: dict[str, Any],
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Commit the writer's generation and vouch for it in the manifest; then `finish(index_dir)`
    (the generation's merged arrays are written there, after readers can see the generation:
    one that opens it first merges the segments' arrays itself, as without a table)."""
    index_dir = Path(index.storage.folder)
    manifest = read_manifest(index_dir)
    # Readers trust the next generation while we record its hash (see `manifest.trusted`).
    manifest["pending_generation"] = index.latest_generation() + 1
    write_manifest(index_dir, manifest)
    try:
        writer.commit(mergetype=_merge_policy)
    except BaseException:
        manifest["pending_generation"] = None  # nothing was committed: trust nothing new
        write_manifest(index_dir, manifest)
        raise
    record_generation(index_dir, counts)
    if finish is not None:
        finish(index_dir)


def record_if_untrusted(index_dir: Path, counts: dict[str, Any]) -> None:
    """After a build that wrote nothing: vouch for the newest generation if no one has yet."""
    if not trusted(index_dir, read_manifest(index_dir)):
        record_generation(index_dir, counts)
