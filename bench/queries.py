"""Load bench/queries.yaml into query objects that our engine and every peer can run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

QUERY_FILE = Path(__file__).resolve().parent / "queries.yaml"
QUOTES = '"“”「」'


@dataclass(frozen=True)
class BenchQuery:
    """One benchmark query: its class, the text a user types, and facet filters."""

    query_class: str
    text: str
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_phrase(self) -> bool:
        return self.text[:1] in QUOTES

    @property
    def keywords(self) -> list[str]:
        """Space-separated keywords, or the one quoted phrase without its quotes."""
        if self.is_phrase:
            return [self.text.strip(QUOTES)]
        return self.text.split()

    @property
    def years(self) -> tuple[str, ...]:
        return self.filters.get("year", ())


def load_queries(path: Path = QUERY_FILE, classes: list[str] | None = None) -> list[BenchQuery]:
    """Every query of the file in class order, optionally only the named classes."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries: list[BenchQuery] = []
    for query_class, items in document["classes"].items():
        if classes and query_class not in classes:
            continue
        for item in items:
            filters = {name: tuple(values) for name, values in item.get("filters", {}).items()}
            queries.append(BenchQuery(query_class, item["query"], filters))
    return queries


def class_names(queries: list[BenchQuery]) -> list[str]:
    """Class names in first-seen order."""
    return list(dict.fromkeys(query.query_class for query in queries))
