"""When a build uses worker processes, and how many: forked workers inherit the tagger and
jieba's dictionary; the writer that drives them is `search.storage.parallel`.
"""

from __future__ import annotations

import multiprocessing
import os

# Below this many paragraphs to write, forking workers costs more than it saves.
PARALLEL_MIN_PARAGRAPHS = 2_000


def fork_available() -> bool:
    """Workers inherit the tagger and jieba's dictionary by forking; elsewhere build serially."""
    return "fork" in multiprocessing.get_all_start_methods()


def default_processes() -> int:
    """Two workers per CPU, at most 4: measured on 2 CPUs with 20k xwlb paragraphs, 1 process
    took 72 s, 2 workers 40 s, 4 workers 30 s, 6 or 8 workers 33 s (docs/benchmarks.md)."""
    return min(4, 2 * (os.cpu_count() or 1))


def use_workers(articles: int, paragraphs: int, processes: int) -> bool:
    """Whether a build writing `articles` articles of `paragraphs` paragraphs forks workers."""
    return (
        processes > 1
        and articles > 0
        and paragraphs >= PARALLEL_MIN_PARAGRAPHS
        and fork_available()
    )
