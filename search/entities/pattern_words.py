"""Which of a vocabulary's label patterns can match a text: the words every match of a pattern
holds (`required_words`), found for all the patterns in one search of a trie (`PatternGate`)
instead of an `in` test per pattern, and a search of every text by patterns with no one word.
"""

from __future__ import annotations

from collections.abc import Sequence

from search.entities.phrases import PhraseUnion
from search.text.regex_internals import Item, parsed_items

Words = frozenset[str]


def required_words(pattern: str) -> list[Words]:
    """Groups of words such that every match of `pattern` holds a word of each group: a text
    without any word of one group cannot match. Empty when nothing is sure (a look-around, a
    character class, an optional part or a (?i) requires nothing; so does every pattern on a
    Python whose regex parser `parsed_items` cannot read: slower, the same tags)."""
    items = parsed_items(pattern)
    return _groups(items) if items is not None else []


def _groups(items: list[Item]) -> list[Words]:
    """`required_words` of parsed items: runs of literal characters, groups of alternatives each
    of which holds a word, and parts that occur at least once."""
    groups: list[Words] = []
    run: list[str] = []
    for kind, *value in items:
        if kind == "literal":
            run.append(value[0])
            continue
        if run:  # a run of literal characters ends: every match holds it
            groups.append(frozenset({"".join(run)}))
            run = []
        if kind == "group":
            groups += _groups(value[0])
        elif kind == "repeat" and value[0] >= 1:
            groups += _groups(value[1])
        elif kind == "branch":
            chosen = [rarest(_groups(alternative)) for alternative in value[0]]
            if all(chosen):  # every alternative holds a word: a match holds one of them
                groups.append(frozenset().union(*chosen))
    if run:
        groups.append(frozenset({"".join(run)}))
    return groups


def rarest(groups: list[Words]) -> Words:
    """The group whose shortest word is longest (the least likely in a text; the fewer words
    the better), or an empty one."""
    return max(groups, key=lambda group: (min(map(len, group)), -len(group)), default=frozenset())


class PatternGate:
    """Which of some patterns can match a text: each is asked for by its rarest group of
    required words (建设, 家 or 年 would be found in most texts), and one search of a trie of
    all those words finds the ones a text holds."""

    def __init__(
        self, patterns: Sequence[str], name: str, union: PhraseUnion | None = None
    ) -> None:
        """`name`: which patterns these are (their words' trie is cached under it); `union`:
        the words are searched with its other lists instead."""
        groups = [rarest(required_words(pattern)) for pattern in patterns]
        self._always = [number for number, group in enumerate(groups) if not group]
        words = set().union(*groups)
        self._words = (union or PhraseUnion(f"{name}-pattern-words")).member(words)
        # The trie gives the longest word at a position: the shorter words it starts with are
        # there too (a pattern asking for 十 is asked for where 十五 was found).
        self._starting = {word: [w for w in words if word.startswith(w)] for word in words}
        self._asking: dict[str, list[int]] = {word: [] for word in words}
        for number, group in enumerate(groups):
            for word in group:
                self._asking[word].append(number)

    def possible(self, text: str) -> list[int]:
        """The numbers of the patterns that may match `text`, in order."""
        numbers = set(self._always)
        for _, word in self._words.starts(text):
            for found in self._starting[word]:
                numbers.update(self._asking[found])
        return sorted(numbers)
