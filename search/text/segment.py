"""jieba's precise mode without HMM for a run of Han characters, computed as jieba does (same
dictionary, same scores, same tie-breaks) in one right-to-left pass instead of its DAG dict,
generator expressions and per-word regex: the build cuts every paragraph with it.
"""

from __future__ import annotations

import re
from math import log
from typing import Any

# jieba's own Han block (`jieba.re_han_default` without Latin letters and digits): a run of
# these characters is one block that jieba cuts with its DAG alone.
_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]+")


def han_words(tokenizer: Any, run: str) -> list[str]:
    """`list(tokenizer.cut(run, HMM=False))` for a run of Han characters (`run` with other
    characters is handed to jieba itself)."""
    if not _JIEBA_HAN.fullmatch(run):
        return list(tokenizer.cut(run, HMM=False))
    ends = _best_ends(run, tokenizer.FREQ, log(tokenizer.total))
    words, start = [], 0
    while start < len(run):
        end = ends[start] + 1
        words.append(run[start:end])
        start = end
    return words


def _best_ends(run: str, frequencies: dict[str, int], log_total: float) -> list[int]:
    """For each position, where the best-scoring word starting there ends (jieba's `calc`
    over `get_DAG`): a word's score is log(frequency) - log(total) plus the best score after
    it; equal scores go to the longer word, as jieba's max over (score, end) pairs does."""
    size = len(run)
    scores = [0.0] * (size + 1)
    ends = [0] * size
    get = frequencies.get
    for start in range(size - 1, -1, -1):
        best, best_end = None, start
        end, frequency = start, get(run[start])
        while frequency is not None:  # a dictionary word or a prefix of one (frequency 0)
            if frequency:
                score = log(frequency) - log_total + scores[end + 1]
                if best is None or score >= best:
                    best, best_end = score, end
            end += 1
            if end == size:
                break
            frequency = get(run[start : end + 1])
        if best is None:  # no word starts here: the character alone
            best = log(get(run[start]) or 1) - log_total + scores[start + 1]
        scores[start], ends[start] = best, best_end
    return ends
