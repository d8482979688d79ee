"""One regular expression for many phrases, shaped as a trie: the longest phrase at a position
wins, and matching costs about one step per character instead of one try per phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of `phrases`, preferring the longest at each position."""
    trie: dict = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for character in phrase:
            node = node.setdefault(character, {})
        node[_END] = True
    return _node_pattern(trie) if trie else r"(?!)"


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    return re.compile(phrase_pattern(phrases))


def _node_pattern(node: dict) -> str:
    branches = [re.escape(char) + _node_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Optional continuation: a greedy `?` tries the longer phrase first, then stops here.
    if _END in node:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body
