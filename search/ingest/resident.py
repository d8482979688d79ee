"""What a resident indexer (`gaoxin index --watch`) keeps loaded between builds: the ingest
memory as it last saved it, trusted while the file on disk is unchanged, and that build's
reprint merge, so that the next change costs only its own work.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from search.ingest.merge import MergeMemory, memory_of
from search.ingest.state import STATE_NAME, IngestState, load_state

if TYPE_CHECKING:
    from search.ingest.incremental import Scan

Stamp = tuple[int, int, int, int]


def _stamp(index_dir: Path) -> Stamp | None:
    try:
        status = os.stat(Path(index_dir) / STATE_NAME)
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


@dataclass
class Resident:
    """The last build's ingest memory and merge in this process (empty until a build ends).

    `keeps=False`: a one-shot build, which reads the memory file and keeps nothing."""

    keeps: bool = True
    index_dir: Path | None = None
    state: IngestState | None = None
    merged: MergeMemory | None = None
    stamp: Stamp | None = None

    def load(self, index_dir: Path) -> tuple[IngestState, MergeMemory | None]:
        """The memory of `index_dir` and its merge: the kept ones while the file is still the
        one this process wrote or read (after another writer's build it is read again)."""
        kept = self.state is not None and self.index_dir == index_dir
        if not (kept and self.stamp is not None and _stamp(index_dir) == self.stamp):
            self.forget()
            self.state = load_state(index_dir)
        # The memory (65k xwlb articles: some 300k objects) lives through the build:
        # the collections its many small allocations trigger need not walk it again and
        # again (they took about half of the merge and scan). `held` unfreezes at the end.
        gc.freeze()
        return self.state, self.merged  # type: ignore[return-value]

    def keep(self, index_dir: Path, state: IngestState, scan: Scan) -> None:
        """After a completed build: what its memory file now holds, and its merge."""
        if not self.keeps:
            self.state = None
        else:
            self.index_dir, self.state, self.stamp = index_dir, state, _stamp(index_dir)
            self.merged = scan.merged or memory_of(scan)

    def forget(self) -> None:
        self.index_dir = self.state = self.merged = self.stamp = None


@contextmanager
def held(resident: Resident | None) -> Iterator[Resident]:
    """`resident` for one build, forgotten if the build fails part-way (its kept objects may be
    half-updated); without one, a one-shot build's."""
    holder = resident if resident is not None else Resident(keeps=False)
    try:
        yield holder
    except BaseException:
        holder.forget()
        raise
    finally:
        gc.unfreeze()
