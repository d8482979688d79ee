"""The query language for people: keywords (all must match), "quoted phrases", -exclusions, OR.

Any input parses: broken syntax degrades to keywords. `search.engine.matching` runs the result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from search.text.normalize import normalize
from search.text.tokens import word_tokens

# Opening quote -> closing quote; an unclosed quote runs to the end of the query.
QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "‘": "’"}
# The full-width forms Chinese keyboards type: － excludes as - does, ＂ quotes as " does, ＇ is
# an apostrophe as ' is. normalize() folds them too, but only after parsing: too late for syntax.
OPERATOR_FORMS = str.maketrans({"－": "-", "＂": '"', "＇": "'"})
# Typed before a word, only punctuation: apostrophes and stray closing quotes are ignored.
IGNORED_BEFORE = "'”」』’"
_CONNECTIVES = ("AND", "OR", "NOT")
PHRASE_BOOST = 2.0
# Relaxed matching: weight of each character bigram of a pasted keyword on the exact field;
# bigrams catch wording that jieba cuts differently in the paragraph (docs/ranking.md).
BIGRAM_BOOST = 0.2
# Bound the work one query can cause (the web layer also caps the query length).
MAX_CLAUSES = 32


@dataclass(frozen=True)
class Clause:
    """One keyword or quoted phrase; `phrase` ones match only as exact text."""

    text: str
    phrase: bool = False

    def display(self) -> str:
        return f'"{self.text}"' if self.phrase else self.text


@dataclass(frozen=True)
class ParsedQuery:
    """How a query was understood: groups (OR inside, AND across) and exclusions."""

    text: str
    groups: tuple[tuple[Clause, ...], ...]
    excluded: tuple[Clause, ...]

    @property
    def blank(self) -> bool:
        """No positive clause: browse (minus exclusions)."""
        return not self.groups

    @property
    def unusable(self) -> bool:
        """The user typed something, but nothing searchable (e.g. only punctuation)."""
        return not self.groups and not self.excluded and bool(self.text.strip())

    @property
    def parsed(self) -> str:
        parts = [group_display(group) for group in self.groups]
        parts += [f"-{clause.display()}" for clause in self.excluded]
        return " · ".join(parts)


def group_display(group: tuple[Clause, ...]) -> str:
    """An OR group as shown, `(A OR B)`; a group of one clause as that clause."""
    shown = " OR ".join(clause.display() for clause in group)
    return f"({shown})" if len(group) > 1 else shown


def partial_words(text: str) -> list[str]:
    """A keyword's distinct words (jieba, query mode), for cutting a keyword into words."""
    return list(dict.fromkeys(token.text for token in word_tokens(text, mode="query")))


def _searchable(text: str) -> bool:
    return any(char.isalnum() for char in text)


def leading_operator(text: str) -> tuple[str, int]:
    """The operators `text` opens with as `parse_query` reads them (minus signs, a phrase quote;
    full-width forms as typed) without the ignored punctuation, and how many characters the
    whole run takes: what a completion of the word that follows keeps in front (-张江 → -)."""
    folded = text.translate(OPERATOR_FORMS)
    length = len(folded) - len(folded.lstrip("-" + IGNORED_BEFORE))
    if folded[length : length + 1] in QUOTES:
        length += 1
    pairs = zip(text[:length], folded[:length], strict=True)
    return "".join(char for char, plain in pairs if plain not in IGNORED_BEFORE), length


def _lex(text: str) -> list[tuple[str, bool]]:
    """Split into (token, quoted) pairs; quotes of every style, unbalanced ones tolerated."""
    text = text.translate(OPERATOR_FORMS)
    tokens: list[tuple[str, bool]] = []
    position = 0
    while position < len(text):
        char = text[position]
        # Minus signs before a quote exclude the phrase, however many (--"x" is -"x").
        minuses = 0
        while text[position + minuses : position + minuses + 1] == "-":
            minuses += 1
        opener = text[position + minuses : position + minuses + 1]
        if opener and opener in QUOTES:
            start = position + minuses + 1
            end = _closing(text, opener, start)
            tokens.append(("-" * bool(minuses) + text[start:end], True))
            position = end + 1
        elif char.isspace():
            position += 1
        else:
            match = _KEYWORD.match(text, position)
            tokens.append((match.group(), False))
            position = match.end()
    return tokens


def _closing(text: str, opener: str, start: int) -> int:
    """Where the quote opened by `opener` closes; people mix “…" and "…”, so either closes."""
    closers = {QUOTES[opener]} | ({'"', "”"} if opener in ('"', "“") else set())
    found = [index for index in (text.find(closer, start) for closer in closers) if index >= 0]
    return min(found, default=len(text))


_KEYWORD = re.compile(r"[^\s\"“「『‘]+")
_NOT_SYNTAX = re.compile(r"[()（）\[\]【】{}*?？”」』’]")
# An ASCII (or full-width) apostrophe is punctuation, not a quote: 'x' is not a phrase, and
# English writes Xi'an and China's with it. Only one between two Latin letters or digits stays.
_APOSTROPHE = re.compile(r"(?<![A-Za-z0-9])['＇]|['＇](?![A-Za-z0-9])")


def _clean_keyword(token: str) -> str:
    # Brackets, wildcards, stray closing quotes and apostrophes are not syntax here: they
    # match nothing. One right after a minus goes without a gap, so -'上海' still excludes.
    token = re.sub(r"^(-+)['＇]+", r"\1", token)
    return _NOT_SYNTAX.sub(" ", _APOSTROPHE.sub(" ", token)).strip()


def _excluded_body(token: str, quoted: bool) -> str | None:
    """What a leading minus excludes (None: no exclusion). A run of minus signs is one, as
    `NOT` is: --张江 excludes 张江, never the text -张江; `_lex` gives a phrase one minus."""
    if not token.startswith("-") or len(token) < 2:
        return None
    return token[1:] if quoted else token.lstrip("-")


def parse_query(text: str) -> ParsedQuery:
    """Parse what a person typed; never raises."""
    groups: list[list[Clause]] = []
    excluded: list[Clause] = []
    join_next = negate_next = False
    items: list[tuple[str, bool]] = []
    for token, quoted in _lex(text):
        if quoted:
            items.append((token, True))
        else:
            items += [(word, False) for word in _clean_keyword(token).split()]
    for index, (token, quoted) in enumerate(items):
        body = _excluded_body(token, quoted)
        negative = negate_next or body is not None
        body = token if body is None else body
        if not quoted and token in _CONNECTIVES and 0 < index < len(items) - 1:
            # Connectives between keywords; alone or at an edge they are plain words.
            join_next = join_next or token == "OR"
            negate_next = token == "NOT"
            continue
        if not _searchable(body) or len(groups) + len(excluded) >= MAX_CLAUSES:
            continue
        clause = Clause(body.strip(), phrase=quoted)
        if negative:
            excluded.append(clause)
        elif join_next and groups:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = negate_next = False
    return ParsedQuery(text, tuple(tuple(group) for group in groups), tuple(excluded))


def alias_table(park_aliases: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each normalized park name or alias -> every name of that park (canonical first)."""
    table: dict[str, tuple[str, ...]] = {}
    for canonical, names in park_aliases.items():
        group = tuple(dict.fromkeys((canonical, *names)))
        for name in group:
            table[normalize(name)] = group
    return table
