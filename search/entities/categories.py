"""Industry and policy-type labels: triggers, weak triggers (a word that decides its label only
with support), regular-expression patterns and second levels, read from their YAML files.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.entities.schema import TaxonomyError, check_pattern, entries, text


@dataclass(frozen=True)
class Category:
    """An industry or policy-type label with its triggers; `parent` is set on a second level.

    `weak` triggers (人才, 物流, 基础设施 …) are often words in passing: they decide the label only
    when the paragraph says one twice or has another trigger of the label too. `titled`
    words (开放, 民营) decide it only in an article whose title names the label.
    """

    label: str
    triggers: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    parent: str | None = None
    weak: tuple[str, ...] = ()
    titled: tuple[str, ...] = ()

    @property
    def facet_value(self) -> str:
        return self.parent or self.label


def parse_categories(data: dict, key: str, file: str) -> tuple[Category, ...]:
    categories: list[Category] = []
    for index, entry in enumerate(entries(data, key, file)):
        top = _parse_category(entry, f"{file}: {key}[{index}]", None)
        categories.append(top)
        for child_index, child in enumerate(entry.get("subindustries") or ()):
            where = f"{file}: {top.label} subindustries[{child_index}]"
            if not isinstance(child, dict):
                raise TaxonomyError(f"{where} must be a mapping")
            categories.append(_parse_category(child, where, top.label))
    labels = [category.label for category in categories]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise TaxonomyError(f"{file}: label {duplicates[0]!r} is defined twice")
    return tuple(categories)


def _parse_category(entry: dict, where: str, parent: str | None) -> Category:
    label = text(entry.get("label"), f"{where}.label")
    where = f"{where} ({label})"
    triggers = entry.get("triggers")
    if not isinstance(triggers, list) or not triggers:
        raise TaxonomyError(f"{where}: `triggers` must be a non-empty list")
    patterns = tuple(text(p, f"{where} pattern") for p in entry.get("patterns") or ())
    for pattern in patterns:
        check_pattern(pattern, where)
    weak = entry.get("weak") or []
    if not isinstance(weak, list):
        raise TaxonomyError(f"{where}: `weak` must be a list of trigger words")
    titled = entry.get("titled") or []
    if not isinstance(titled, list):
        raise TaxonomyError(f"{where}: `titled` must be a list of words")
    return Category(
        label=label,
        triggers=tuple(text(trigger, f"{where} trigger") for trigger in triggers),
        patterns=patterns,
        parent=parent,
        weak=tuple(text(word, f"{where} weak trigger") for word in weak),
        titled=tuple(text(word, f"{where} titled word") for word in titled),
    )
