"""The manifest that marks a directory as a Gaoxin index, and opening an index only through it.

The manifest pins the committed TOC file's sha256, so we never unpickle a foreign directory
(Whoosh pickles its TOC). Writers record each generation here after committing it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, LockError

from search.errors import IndexLocked, IndexUnavailable
from search.storage.codec import INDEX_NAME, latest_generation, toc_path
from search.storage.format_version import FORMAT_VERSION
from search.storage.schema import index_schema

MANIFEST_NAME = "gaoxin-index.json"
_LOCK_POLL_SECONDS = 0.1


# (path, size, mtime) -> sha256: a process verifies a file it already verified without reading it
# again (segment files are never rewritten in place; a replaced file changes size or mtime).
_verified: dict[tuple[str, int, int], str] = {}


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file's bytes, read in chunks."""
    status = path.stat()
    key = (str(path), status.st_size, status.st_mtime_ns)
    known = _verified.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    if len(_verified) > 10_000:
        _verified.clear()
    _verified[key] = digest.hexdigest()
    return _verified[key]


def read_manifest(index_dir: Path) -> dict[str, Any]:
    """The manifest of a Gaoxin index; IndexUnavailable for anything else."""
    path = Path(index_dir) / MANIFEST_NAME
    if not Path(index_dir).is_dir():
        raise IndexUnavailable(f"No index at {index_dir}: run `gaoxin index` first")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise IndexUnavailable(
            f"{index_dir} is not a Gaoxin index (no readable {MANIFEST_NAME}); "
            "build one with `gaoxin index --index DIR` into a new or empty directory"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise IndexUnavailable(
            f"{index_dir} is not a Gaoxin index of format {FORMAT_VERSION}; rebuild it "
            "with `gaoxin index` into a new directory"
        )
    return manifest


def write_manifest(index_dir: Path, manifest: dict[str, Any]) -> None:
    """Replace the manifest atomically."""
    # Write then rename, so readers never see half a manifest.
    temporary = index_dir / f"{MANIFEST_NAME}.tmp"
    temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(index_dir / MANIFEST_NAME)


def latest_toc(folder: Path) -> tuple[int, Path]:
    """The newest committed generation number (-1 if none) and its TOC file."""
    generation = latest_generation(folder)
    return generation, toc_path(folder, generation)


def _stat(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def trusted(folder: Path, manifest: dict[str, Any]) -> bool:
    """Whether the newest TOC is the one the manifest vouches for (or is being recorded).

    The TOC is hashed on every open. A segment file whose size and modification time are the
    ones the manifest recorded with its hash is trusted without reading it (Whoosh never
    rewrites one; a process already trusted those two within itself): hashing every file made
    each opening read the whole index. Any other file is hashed.
    """
    generation, toc_file = latest_toc(folder)
    if generation < 0:
        return False
    if manifest.get("pending_generation") == generation:
        return True  # our own writer committed and is about to record the TOC's hash
    try:
        if manifest.get("toc", {}).get("sha256") != sha256_file(toc_file):
            return False
        # Whoosh also unpickles parts of segment files (term extras, stored fields).
        files = manifest.get("files", {})
        stats = manifest.get("file_stats", {})
        return all(
            stats.get(name) == _stat(folder / name) or sha256_file(folder / name) == digest
            for name, digest in files.items()
        )
    except OSError:
        return False


def _segment_files(folder: Path) -> list[Path]:
    return [
        path
        for path in sorted(folder.glob(f"{INDEX_NAME}_*"))
        if path.suffix != ".toc" and not path.name.endswith("LOCK") and path.is_file()
    ]


def _segment_hashes(folder: Path, previous: dict[str, Any]) -> dict[str, str]:
    """sha256 of every segment file; Whoosh never rewrites one, so known hashes are reused."""
    known = previous.get("files", {}) if isinstance(previous.get("files"), dict) else {}
    return {path.name: known.get(path.name) or sha256_file(path) for path in _segment_files(folder)}


def _settled(folder: Path, manifest: dict[str, Any]) -> bool:
    """Whether no build is between its commit and its manifest update: a mismatch is then damage."""
    generation, _ = latest_toc(folder)
    return manifest.get("generation") == generation and manifest.get("pending_generation") is None


def open_index(
    index_dir: Path, *, patience: float = 2.0, storage: type[FileStorage] = FileStorage
) -> FileIndex:
    """Open a verified Gaoxin index (IndexUnavailable when missing, foreign or damaged);
    `storage`: the Whoosh storage class its files are opened with."""
    index_dir = Path(index_dir)
    deadline = time.monotonic() + patience
    while True:
        manifest = read_manifest(index_dir)
        if trusted(index_dir, manifest):
            break
        if _settled(index_dir, manifest) or time.monotonic() > deadline:
            raise IndexUnavailable(
                f"{index_dir} does not match its {MANIFEST_NAME} (changed outside Gaoxin or "
                "damaged); rebuild it with `gaoxin index` into a new directory"
            )
        time.sleep(0.05)  # a build may be between its commit and its manifest update
    try:
        return FileIndex(storage(str(index_dir)), schema=index_schema(), indexname=INDEX_NAME)
    except Exception as error:  # Whoosh raises many types for damaged files
        raise IndexUnavailable(
            f"The index at {index_dir} is damaged ({error}); rebuild it"
        ) from None


def record_generation(index_dir: Path, counts: dict[str, Any]) -> None:
    """Vouch for the newest generation in the manifest, with the corpus counts."""
    generation, toc_file = latest_toc(index_dir)
    try:
        previous = read_manifest(index_dir)
    except IndexUnavailable:
        previous = {}
    manifest = {
        "format": "gaoxin-index",
        "format_version": FORMAT_VERSION,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generation": generation,
        "toc": {"file": toc_file.name, "sha256": sha256_file(toc_file)},
        "files": _segment_hashes(Path(index_dir), previous),
        # Size and modification time of each file as hashed: see `trusted`.
        "file_stats": {path.name: _stat(path) for path in _segment_files(Path(index_dir))},
        "pending_generation": None,
        **counts,
    }
    write_manifest(index_dir, manifest)


def acquire(attempt: Callable[[], Any], deadline: float, index_dir: Path) -> Any:
    """Retry `attempt` (a lock or writer) until it succeeds; IndexLocked at `deadline`."""
    while True:
        try:
            result = attempt()
        except LockError:
            result = None
        if result:
            return result
        if time.monotonic() >= deadline:
            raise IndexLocked(
                f"Another `gaoxin index` is writing {index_dir}; it did not finish in time. "
                "Try again when it is done."
            )
        time.sleep(_LOCK_POLL_SECONDS)
