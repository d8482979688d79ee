"""Whether a build writes its generation's table (`search.engine.generation_table`), and the
step that writes it or removes outdated ones, run once the generation is committed and recorded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from search.storage.generation_file import remove_tables

# A one-shot build writing or deleting fewer articles than this, and than this share of the
# corpus, leaves its generation without a table: merging the whole corpus's arrays (0.3-0.4 s
# CPU on 305k paragraphs) would double the time of appending one record; a reader merges them
# itself when it opens the generation, as before tables. `--watch` writes one every time.
TABLE_MIN_ARTICLES = 1_000
TABLE_MIN_SHARE = 0.1


def after_commit(changed: int, articles: int, watching: bool) -> Callable[[Path], None]:
    """The step after a commit that wrote or deleted `changed` of the corpus's `articles`."""
    threshold = min(TABLE_MIN_ARTICLES, TABLE_MIN_SHARE * articles)
    return write_table if watching or changed >= threshold else drop_tables


def write_table(index_dir: Path) -> None:
    """The new generation's merged per-document arrays, written once for every reader to map
    (imported here: a build that changes nothing never needs the engine). Not writing them
    fails nothing: readers then merge the segments' arrays themselves."""
    from search.engine.generation_table import write_generation_table

    with contextlib.suppress(OSError):  # e.g. a full disk: the build itself is committed
        write_generation_table(index_dir)


def drop_tables(index_dir: Path) -> None:
    """Remove the tables of earlier generations (no reader of the new one can use them)."""
    with contextlib.suppress(OSError):
        remove_tables(index_dir)
