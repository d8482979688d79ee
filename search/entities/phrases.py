"""Many phrases as trie-shaped regular expressions: the longest phrase at a position wins, and
matching costs about one step per character instead of one try per phrase.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

from search.text.compiled_patterns import cached_pattern, pattern_key

_END = ""
# `re` tries a branch's alternatives one after another, and when the one of a position's
# character fails further on, every later one too: each position whose character starts a
# phrase costs one test per first character (about 300 in the gazetteer). Several tries, each
# over some first characters, searched one after another cost less than half of that: few
# in the tries of the commonest characters (tried at many positions), more in the rarer ones'.
FIRST_CHARACTERS_PER_PATTERN = (16, 32, 64, 128, 256)
# The xwlb archive's 300 commonest characters, commonest first: the tries' first characters
# are taken in this order (the rest after them), which changes what a search costs, never what
# it finds.
COMMON_CHARACTERS = (
    "，。的国、中新在人和会一发大0全1作2年展了要民进为央方出平业地主“同”家行动是"
    "合实有政日强建成联加关重对上共工化近力生部视以开不习时党经：来高多网个持消等总表"
    "区播息务到推闻体天员议3产现面5长设理代）（系好法定各委机前制领4治今两保月提能"
    "这美通战我社学将文增公十利示军市坚6度深心过7事济于统分入席下与改自用安次89目"
    "就基交记正们导向第调书场更特组当续创斯外问量本题际路情克资指海点道北明三立 水万"
    "院内村后科期决报活革《》造运性得最施举任西界义信世协农他间局项企台里式南从流.程"
    "护支者相小意色应也技亚已电带域团规防起精取华放确例达之位结京步互俄众数金并门常广"
    "着山计布江见解队及东四还二稳服府质首育比"
)
# From this length on, a forward search keeps each trie's next match (`PhraseSet.scanner`).
SCANNED_LENGTH = 2_000
# A union keeps the starts of this many texts (a paragraph, its masked forms, its title's).
RECENT_TEXTS = 4


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


class PhraseUnion:
    """Phrase lists read in the same texts, searched as one: the union's tries read a text once
    for all its members (a paragraph is read for organisations, parks and park suffixes, its
    masked form for the industries' and policy types' triggers and their patterns' words).

    A member's longest phrase at a position is the longest of its phrases that starts the
    union's longest there: every phrase found at a position is a prefix of the longest one.
    """

    def __init__(self, name: str) -> None:
        """`name`: which lists these are (their tries are cached under it)."""
        self._name = name
        self._lists: list[set[str]] = []
        self._owners: dict[str, list[tuple[int, str]]] = {}
        self._phrases: PhraseSet | None = None
        self._recent: dict[str, list[list[tuple[int, str]]]] = {}

    def member(self, phrases: Iterable[str]) -> PhraseUnionMember:
        """A list searched with the others; every member joins before the first search."""
        if self._phrases is not None:
            raise RuntimeError(f"phrase union {self._name!r} already searched")
        self._lists.append({phrase for phrase in phrases if phrase})
        return PhraseUnionMember(self, len(self._lists) - 1)

    def starts(self, text: str) -> list[list[tuple[int, str]]]:
        """Each member's `PhraseSet.starts` of `text`, from one search of all the phrases (kept
        for a few texts: each member asks for the same text in turn)."""
        found = self._recent.get(text)
        if found is None:
            found = self._starts(text)
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            self._recent[text] = found
        return found

    @property
    def compiled(self) -> bool:
        """Whether the union's tries are built (`compile`, or the first search did)."""
        return self._phrases is not None

    def compile(self) -> None:
        """Build the tries now, once every member has joined: a build compiles them before its
        workers fork, so each inherits them instead of compiling its own copy at its first
        text (fix22). Idempotent."""
        if self._phrases is None:
            self._compile()

    def _starts(self, text: str) -> list[list[tuple[int, str]]]:
        self.compile()
        assert self._phrases is not None
        lists: list[list[tuple[int, str]]] = [[] for _ in self._lists]
        for start, phrase in self._phrases.starts(text):
            for number, own in self._owners[phrase]:
                lists[number].append((start, own))
        return lists

    def _compile(self) -> None:
        phrases = set().union(*self._lists)
        self._owners = {phrase: self._longest_own(phrase) for phrase in phrases}
        self._phrases = compile_phrases(phrases, self._name)  # set last: other threads read it

    def _longest_own(self, phrase: str) -> list[tuple[int, str]]:
        """(member, the longest of its phrases that `phrase` starts with) for each member that
        has one."""
        owners = []
        for number, own in enumerate(self._lists):
            length = next((n for n in range(len(phrase), 0, -1) if phrase[:n] in own), 0)
            if length:
                owners.append((number, phrase[:length]))
        return owners


class PhraseMatch:
    """A phrase found at a position, read as an `re.Match` of it is: start(), end(), group()."""

    __slots__ = ("_start", "_phrase")

    def __init__(self, start: int, phrase: str) -> None:
        self._start = start
        self._phrase = phrase

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._start + len(self._phrase)

    def group(self) -> str:
        return self._phrase


class PhraseUnionMember:
    """One list of a `PhraseUnion`, found in a text as a `PhraseSet` of its phrases finds it."""

    def __init__(self, union: PhraseUnion, number: int) -> None:
        self._union = union
        self._number = number

    def starts(self, text: str) -> list[tuple[int, str]]:
        """(start, longest phrase starting there) at every position where a phrase starts (the
        union's kept list: read it, never change it)."""
        return self._union.starts(text)[self._number]

    def search(self, text: str, position: int = 0) -> PhraseMatch | None:
        """The leftmost phrase at or after `position`, the longest one starting there."""
        return self.scanner(text)(position)

    def scanner(self, text: str) -> Callable[[int], PhraseMatch | None]:
        """`search` over `text`, its phrases found once."""
        found = self.starts(text)

        def search(position: int) -> PhraseMatch | None:
            number = bisect_left(found, (position,))  # the first start at or after it
            return PhraseMatch(*found[number]) if number < len(found) else None

        return search

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        """Non-overlapping phrases from left to right, each the longest at its start."""
        reach = 0
        for start, phrase in self.starts(text):
            if start >= reach:
                reach = start + len(phrase)
                yield PhraseMatch(start, phrase)


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
    for number, characters in enumerate(_first_character_groups(first)):
        source = _node_pattern({character: trie[character] for character in characters})
        key = pattern_key("phrases", source)
        patterns.append(cached_pattern(f"{name}-{number}", key, lambda source=source: source))
    return PhraseSet(patterns)


def _first_character_groups(first: list[str]) -> list[list[str]]:
    """The first characters of each trie: commonest first, in groups of the sizes of
    `FIRST_CHARACTERS_PER_PATTERN` (its last size for all the groups after)."""
    rank = {character: number for number, character in enumerate(COMMON_CHARACTERS)}
    ordered = sorted(first, key=lambda character: rank.get(character, len(rank)))
    groups, sizes = [], iter(FIRST_CHARACTERS_PER_PATTERN)
    size = FIRST_CHARACTERS_PER_PATTERN[0]
    while ordered:
        size = next(sizes, size)
        groups.append(ordered[:size])
        ordered = ordered[size:]
    return groups


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
