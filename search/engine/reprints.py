"""Near-identical paragraphs (reprinted items): one group id per text shared by several paragraphs.

Two paragraphs are near-identical when their normalized texts agree once punctuation is
dropped. Computed once per index generation, on the first search that needs it.
"""

from __future__ import annotations

import re

import numpy as np

from search.engine.postings import Postings

_NOT_WORD = re.compile(r"\W+")


def duplicate_groups(postings: Postings) -> np.ndarray:
    """Docnum -> group id of its near-identical paragraphs, -1 when its text is unique."""
    keys: dict[str, int] = {}
    owners: list[np.ndarray] = []
    ids: list[np.ndarray] = []
    for documents, texts in postings.plain_texts():
        key_ids = np.fromiter(
            (keys.setdefault(_NOT_WORD.sub("", text.decode("utf-8")), len(keys)) for text in texts),
            dtype=np.int64,
            count=len(texts),
        )
        owners.append(documents)
        ids.append(key_ids)
    groups = np.full(postings.size, -1, dtype=np.int64)
    if not owners:
        return groups
    documents, key_ids = np.concatenate(owners), np.concatenate(ids)
    shared = np.bincount(key_ids)[key_ids] > 1
    groups[documents[shared]] = key_ids[shared]
    return groups
