"""Query-time equivalents of a word: park aliases, park-word suffix forms and the synonym file.

`Equivalents.forms` turns 经开区 into 经开区 / 经济技术开发区 / …; docs/search.md lists the sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from search.text.normalize import normalize
from search.text.query_words import BROADER_WEIGHT, QueryWords


@dataclass(frozen=True)
class Form:
    """One way of writing a query word (normalized), with the share of score it earns."""

    text: str
    weight: float = 1.0


# What a query word says about place (docs/search.md, "Tiered matching"): the decisive word of
# partial matches is a zone or place the query names if any, never a word naming a kind of park.
ZONE = "zone"
KIND = "kind"


def place_roles(
    zones: Iterable[str], suffixes: Iterable[Any], bare: Iterable[str]
) -> dict[str, str]:
    """Normalized word -> ZONE or KIND. `zones`: names of places (parks and their aliases,
    cities, provinces). `suffixes`: the park-word suffixes (`.suffix`, `.strong`); a strong one
    alone (经开区, 高新区) names a class of administrative zone, a zone too; the others (产业园,
    科技园) and the `bare` references (园区) name a kind of park."""
    roles = {normalize(word): KIND for word in bare}
    for suffix in suffixes:
        roles[normalize(suffix.suffix)] = ZONE if suffix.strong else KIND
    roles.update((normalize(name), ZONE) for name in zones)
    return roles


class Equivalents:
    """Every form of a word: itself first, then its equivalents, then one-way broader words."""

    def __init__(
        self,
        aliases: Mapping[str, tuple[str, ...]] | None = None,
        suffixes: Iterable[tuple[str, str]] = (),
        words: QueryWords | None = None,
        places: Mapping[str, str] | None = None,
    ) -> None:
        """`aliases`: normalized park name -> every name of the park; `suffixes`: (park-word
        suffix, canonical suffix) pairs from park_words.yaml; `words`: the synonym file;
        `places`: word -> ZONE or KIND (`place_roles`)."""
        self.places = dict(places or {})
        self.groups: dict[str, tuple[str, ...]] = {}
        normalized: dict[tuple[str, ...], list[str]] = {}  # a park's names share one group
        for name, group in (aliases or {}).items():
            key = tuple(group)
            if key not in normalized:
                normalized[key] = [normalize(item) for item in group]
            self._join(normalize(name), normalized[key])
        for group in words.equivalents if words else ():
            for word in group:
                self._join(word, list(group))
        self.suffixes = _suffix_groups(suffixes)
        self.broader = dict(words.broader) if words else {}
        # Names that have equivalents: a suffix alone counts (经开区), not a sentence ending in one.
        self.known = {
            *(word for word, group in self.groups.items() if len(group) > 1),
            *(suffix for suffix, _ in self.suffixes),
            *self.broader,
        }
        self.longest = max((len(word) for word in self.known), default=0)

    def _join(self, word: str, group: list[str]) -> None:
        known = self.groups.get(word, ())
        self.groups[word] = tuple(dict.fromkeys((word, *known, *group)))

    def forms(self, word: str, suffixes: bool = True) -> tuple[Form, ...]:
        """The word and every equivalent form (the word itself first, normalized); `suffixes`
        False: only listed names (a whole sentence that ends in 经开区 is no park name)."""
        text = normalize(word).strip()
        found: dict[str, float] = {text: 1.0}
        for item in self.groups.get(text, ()):
            found.setdefault(item, 1.0)
        for suffix, group in self.suffixes if suffixes else ():
            if text.endswith(suffix):
                stem = text[: len(text) - len(suffix)]
                for other in group:
                    found.setdefault(stem + other, 1.0)
                break
        for item in self.broader.get(text, ()):
            found.setdefault(item, BROADER_WEIGHT)
        return tuple(Form(item, weight) for item, weight in found.items())

    def segments(self, text: str) -> list[tuple[str, bool]]:
        """`text` cut into the longest known names (True) and the pieces between (False), so
        that jieba's cut of a query (经/开区) does not hide a name with equivalents."""
        found: list[tuple[str, bool]] = []
        position = start = 0
        while position < len(text):
            for end in range(min(len(text), position + self.longest), position, -1):
                if text[position:end] in self.known and _bounded(text, position, end):
                    if start < position:
                        found.append((text[start:position], False))
                    found.append((text[position:end], True))
                    position = start = end
                    break
            else:
                position += 1
        if start < len(text):
            found.append((text[start:], False))
        return found

    def place(self, word: str) -> str:
        """ZONE (a park, a class of administrative zone, a city, a province), KIND (a kind of
        park named generically) or "" (any other word)."""
        return self.places.get(normalize(word).strip(), "")

    def expands(self, word: str, suffixes: bool = True) -> bool:
        """Whether the word has any form but itself."""
        return len(self.forms(word, suffixes)) > 1


def _suffix_groups(suffixes: Iterable[tuple[str, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """(suffix, every suffix of its canonical form) for suffixes that have another form,
    longest first so that 国家级经济技术开发区 wins over 开发区."""
    by_canonical: dict[str, list[str]] = {}
    for suffix, canonical in suffixes:
        by_canonical.setdefault(normalize(canonical), []).append(normalize(suffix))
    pairs = [
        (suffix, tuple(group))
        for group in by_canonical.values()
        if len(group) > 1
        for suffix in group
    ]
    return sorted(pairs, key=lambda item: -len(item[0]))


def _bounded(text: str, start: int, end: int) -> bool:
    """A Latin or digit name (ai) counts only as a whole token, not inside `said`."""
    inside = text[start:end]
    if not (inside.isascii() and inside.isalnum()):
        return True
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
