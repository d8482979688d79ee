"""What a parsed query asks for: required clauses, the meaningful words that tiers may drop,
the ignored question/function words, and each word's equivalent forms (docs/search.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from search.engine.equivalents import Equivalents, Form
from search.engine.query import Clause, ParsedQuery, group_display, partial_words
from search.text.normalize import normalize

# From this many typed keywords on, no single one is decisive: the query ranks as a sentence
# (keywords, not their cut words: `重庆 西部陆海新通道 物流` is three chosen words, not six).
SENTENCE_WORDS = 5


@dataclass(frozen=True)
class Unit:
    """One meaningful word: found by any form, or inside the exact text of its keyword.

    `keyword` is the typed keyword the word was cut from (None: the word was typed alone).
    """

    word: str
    forms: tuple[Form, ...]
    keyword: str | None = None
    place: str = ""  # equivalents.ZONE, KIND or "": what the word says about place

    @property
    def alone(self) -> bool:
        return self.keyword is None


@dataclass(frozen=True)
class Plan:
    """Phrases and OR groups (`required`: each counts as one word), the meaningful words (units),
    the ignored words."""

    parsed: ParsedQuery
    required: tuple[tuple[Clause, ...], ...]
    units: tuple[Unit, ...]
    ignored: tuple[str, ...]

    @property
    def sentence(self) -> bool:
        """A question or sentence, no phrase in it: one typed keyword cut into words, or
        SENTENCE_WORDS typed keywords and more."""
        if self.required:
            return False  # a quoted phrase or an OR group: the user chose the words
        keywords = {unit.keyword for unit in self.units}
        single = len(keywords) == 1 and None not in keywords
        typed = {unit.keyword or unit.word for unit in self.units}
        return single or len(typed) >= SENTENCE_WORDS

    @property
    def keywords(self) -> tuple[str, ...]:
        """The typed plain keywords that were cut into several words."""
        return tuple(dict.fromkeys(unit.keyword for unit in self.units if unit.keyword))

    @property
    def expansions(self) -> dict[str, list[str]]:
        """Each word with equivalents -> its other forms, in order."""
        return {
            unit.word: [form.text for form in unit.forms[1:]]
            for unit in self.units
            if len(unit.forms) > 1
        }

    @property
    def display(self) -> str:
        """How the query was understood, for `parsed`: expansions and ignored words shown."""
        parts = [group_display(group) for group in self.required]
        for unit in self.units:
            others = [form.text for form in unit.forms[1:]]
            parts.append(f"{unit.word} (= {' | '.join(others)})" if others else unit.word)
        parts += [f"-{clause.display()}" for clause in self.parsed.excluded]
        if self.ignored:
            parts.append(f"[忽略：{' '.join(self.ignored)}]")
        return " · ".join(parts)


def plan_query(parsed: ParsedQuery, equivalents: Equivalents, stop_words: frozenset[str]) -> Plan:
    """Cut plain keywords into meaningful words; a query of only stop words keeps them."""
    required: list[tuple[Clause, ...]] = []
    candidates: list[tuple[Unit, bool]] = []  # (unit, is a stop word)
    for group in parsed.groups:
        if len(group) > 1 or group[0].phrase:
            required.append(group)
            continue
        candidates += _units(group[0].text, equivalents, stop_words)
    meaningful = bool(required) or any(not stop for _, stop in candidates)
    units: dict[str, Unit] = {}
    ignored: dict[str, None] = {}
    for unit, stop in candidates:
        if stop and meaningful:
            ignored.setdefault(unit.word, None)
        else:
            units.setdefault(normalize(unit.word), unit)
    return Plan(parsed, tuple(required), tuple(units.values()), tuple(ignored))


def _units(
    keyword: str, equivalents: Equivalents, stop_words: frozenset[str]
) -> list[tuple[Unit, bool]]:
    """A keyword's meaningful words: known names whole (with their forms), the rest as jieba
    cuts it; a keyword that is one word, or only single characters (jieba cuts an unknown word
    such as 冷链 into characters), stays whole."""
    text = normalize(keyword).strip()
    pieces: list[tuple[str, bool]] = []  # (text, a known name)
    for piece, known in equivalents.segments(text):
        pieces += [(piece, True)] if known else [(word, False) for word in partial_words(piece)]
    characters = all(len(word) == 1 and word not in stop_words for word, _ in pieces)
    if len(pieces) <= 1 or characters:
        unit = Unit(keyword, equivalents.forms(keyword), place=equivalents.place(text))
        return [(unit, text in stop_words)]
    return [
        (
            Unit(word, equivalents.forms(word, suffixes=known), keyword, equivalents.place(word)),
            word in stop_words,
        )
        for word, known in dict.fromkeys(pieces)
    ]
