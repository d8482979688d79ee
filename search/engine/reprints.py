"""Near-identical paragraphs (reprinted items): one group id per text shared by several paragraphs.

Two paragraphs are near-identical when their normalized texts agree once punctuation is
dropped (`search.text.normalize.reprint_key`, computed at build time into the per-document
arrays); grouping equal keys is a few array operations per generation.
"""

from __future__ import annotations

import numpy as np

from search.storage.reader import Snapshot
from search.storage.schema import REPRINT_KEY


def duplicate_groups(snapshot: Snapshot) -> np.ndarray:
    """Docnum -> group id of its near-identical paragraphs, -1 when its text is unique."""
    keys = snapshot.numbers(REPRINT_KEY)
    documents = np.flatnonzero((keys != 0) & ~snapshot.deleted())
    groups = np.full(snapshot.size, -1, dtype=np.int64)
    _, key_ids, counts = np.unique(keys[documents], return_inverse=True, return_counts=True)
    shared = counts[key_ids] > 1
    groups[documents[shared]] = key_ids[shared]
    return groups
