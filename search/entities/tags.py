"""What one text is tagged with (`Tags`), how the evidence of its tags is merged, a tagged copy
of a paragraph or article (`with_values`), and labels found only when first asked about
(`LabelsWhenAsked`)."""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from typing import TypeVar

from search.models import Tagged

Record = TypeVar("Record")


@dataclass(frozen=True, kw_only=True)
class Tags(Tagged):
    """What one text is tagged with: the tags, plus `subindustries` with second levels
    (生物医药 › 医疗器械)."""

    subindustries: tuple[str, ...] = ()
    # (facet, value, the phrases that decided it): "industries", "金融", ("科技信贷", "风投")
    evidence: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


def merge_evidence(
    items: list[tuple[str, str, tuple[str, ...]]],
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """One (facet, value, phrases) per tagged value, phrases in order of first finding."""
    merged: dict[tuple[str, str], list[str]] = {}
    for facet, value, spans in items:
        kept = merged.setdefault((facet, value), [])
        kept += [span for span in spans if span not in kept]
    return tuple((facet, value, tuple(spans)) for (facet, value), spans in merged.items())


def with_values(record: Record, values: dict[str, object]) -> Record:
    """A copy of a frozen dataclass instance (a paragraph, an article) with `values` for some
    of its attributes, as `dataclasses.replace` gives. Its attribute dict is filled directly:
    the generated `__init__` sets each of a paragraph's 13 fields through `object.__setattr__`
    (2.9 µs a paragraph against 1.2, and a build makes one per paragraph). The models check
    nothing on construction (no `__post_init__`), so nothing is skipped."""
    copy = object.__new__(type(record))
    attributes = vars(copy)
    attributes.update(vars(record))
    attributes.update(values)
    return copy


def unique(values: object) -> tuple[str, ...]:
    """The values in order, each once."""
    return tuple(dict.fromkeys(values))  # type: ignore[call-overload]


class LabelsWhenAsked(Container[str]):
    """Labels found by `find` on the first question: the labels an article's title names are
    asked about only for a weak word said once without a second (a third of xwlb's articles),
    and finding them costs two vocabularies' searches."""

    def __init__(self, find: Callable[[], frozenset[str]]) -> None:
        self._find = find
        self._labels: frozenset[str] | None = None

    def __contains__(self, label: object) -> bool:
        if self._labels is None:
            self._labels = self._find()
        return label in self._labels
