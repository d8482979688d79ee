"""Many phrases as trie-shaped regular expressions: the longest phrase at a position wins, and
matching costs about one step per character instead of one try per phrase.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator

from search.text.compiled_patterns import cached_pattern, pattern_key

_END = ""
# `re` tries a branch's alternatives one after another, and when the one of a position's
# character fails further on, every later one too: each position whose character starts a
# phrase costs one test per first character (about 300 in the gazetteer). Several tries, each
# over this many first characters, searched one after another cost less than half of that.
FIRST_CHARACTERS_PER_PATTERN = 64
# From this length on, a forward search keeps each trie's next match (`PhraseSet.scanner`).
SCANNED_LENGTH = 2_000


class PhraseSet:
    """Phrases compiled as a few trie regexes, each over the phrases of some first characters.

    A position can start phrases of one trie only, so the leftmost match over all tries is
    the match one trie of every phrase would give: the leftmost phrase, the longest there.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self._searches = [pattern.search for pattern in patterns]

    def search(self, text: str, position: int = 0) -> re.Match[str] | None:
        """The leftmost phrase at or after `position`, the longest one starting there."""
        found = None
        for search in self._searches:
            match = search(text, position)
            if match and (found is None or match.start() < found.start()):
                found = match
        return found

    def scanner(self, text: str) -> Callable[[int], re.Match[str] | None]:
        """`search` over `text` for positions that never go back: each trie's next match is
        kept until passed, so a long text with many phrases is read once per trie (searching
        every trie again from each position read the whole text again for each match)."""
        if len(text) < SCANNED_LENGTH:  # a paragraph: searching again costs less than keeping
            return functools.partial(self.search, text)
        pending: list[re.Match[str] | None] = [None] * len(self._searches)
        done = [False] * len(self._searches)

        def search(position: int) -> re.Match[str] | None:
            found = None
            for number, find in enumerate(self._searches):
                if done[number]:
                    continue
                match = pending[number]
                if match is None or match.start() < position:
                    match = pending[number] = find(text, position)
                    done[number] = match is None
                if match and (found is None or match.start() < found.start()):
                    found = match
            return found

        return search

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping phrases from left to right, each the longest at its start."""
        search, position = self.scanner(text), 0
        while match := search(position):
            yield match
            position = match.end()

    def starts(self, text: str) -> list[tuple[int, str]]:
        """(start, longest phrase starting there) at every position where a phrase starts.

        Each trie searches again from the next position rather than `finditer` over a
        lookahead: a pattern that starts with a lookahead is tried at every character, while a
        plain search skips to the next character that can start a phrase.
        """
        found = []
        for search in self._searches:
            match = search(text)
            while match:
                found.append((match.start(), match.group()))
                match = search(text, match.start() + 1)
        found.sort()
        return found


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of `phrases`, preferring the longest at each position."""
    trie = _trie(phrases)
    return _node_pattern(trie) if trie else r"(?!)"


def compile_phrases(phrases: Iterable[str], name: str) -> PhraseSet:
    """The phrases' tries, compiled, from the cache when these phrases were compiled before
    (the vocabularies' tries took 0.3–0.6 s to parse and compile at every start); `name` says
    which list it is (parks, industries …), each part keeping its own cache files."""
    trie = _trie(phrases)
    first = [character for character in trie if character]
    if not first:
        return PhraseSet([re.compile(r"(?!)")])
    patterns = []
    size = FIRST_CHARACTERS_PER_PATTERN
    for number, index in enumerate(range(0, len(first), size)):
        source = _node_pattern({character: trie[character] for character in first[index:][:size]})
        key = pattern_key("phrases", source)
        patterns.append(cached_pattern(f"{name}-{number}", key, lambda source=source: source))
    return PhraseSet(patterns)


def _trie(phrases: Iterable[str]) -> dict:
    trie: dict = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for character in phrase:
            node = node.setdefault(character, {})
        node[_END] = True
    return trie


def _node_pattern(node: dict) -> str:
    branches = [re.escape(char) + _node_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Optional continuation: a greedy `?` tries the longer phrase first, then stops here.
    if _END in node:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body
