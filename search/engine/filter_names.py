"""Facet filters as people type them: a value the index does not hold that is a gazetteer name,
alias or short name of exactly one entry filters on that entry's canonical value (`park=中关村`
is `park=中关村科技园区`, as `park=前海` is `park=前海深港现代服务业合作区`).

The index stores canonical values only (the tagger resolves aliases at build time), so without
this a short name matched nothing. A value the index holds is never resolved; an unknown value,
or one naming several entries, is kept as given and matches nothing, as before. Which facets
resolve is the field registry's (`search.fields.ALIAS_FACETS`).
"""

from __future__ import annotations

from collections.abc import Mapping

from search.engine.facets import FacetTable
from search.text.normalize import normalize

# facet -> folded spelling -> the canonical values it names (more than one: ambiguous)
NameTable = Mapping[str, Mapping[str, tuple[str, ...]]]


class FilterNames:
    """Each resolving facet's gazetteer spellings; share one instance between threads."""

    def __init__(self, gazetteers: Mapping[str, Mapping[str, tuple[str, ...]]]) -> None:
        """`gazetteers`: facet -> canonical value -> its aliases and short names."""
        self._names: NameTable = {
            facet: _spellings(entries) for facet, entries in gazetteers.items()
        }

    def resolve(
        self, table: FacetTable, filters: Mapping[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        """`filters` with each value resolved (see the module); a value given twice once."""
        resolved: dict[str, tuple[str, ...]] = {}
        for facet, values in filters.items():
            names = self._names.get(facet)
            if names is not None:
                held = table.columns[facet].index_of
                values = tuple(dict.fromkeys(_canonical(value, held, names) for value in values))
            resolved[facet] = values
        return resolved


def _spellings(entries: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Folded spelling (width, case, traditional characters, as queries are folded) -> every
    canonical value spelled so: the gazetteer refuses a spelling twice, but two spellings may
    fold alike."""
    found: dict[str, dict[str, None]] = {}
    for canonical, aliases in entries.items():
        for spelling in (canonical, *aliases):
            found.setdefault(normalize(spelling), {})[canonical] = None
    return {spelling: tuple(owners) for spelling, owners in found.items()}


def _canonical(value: str, held: Mapping[str, int], names: Mapping[str, tuple[str, ...]]) -> str:
    if value in held:  # a facet value (a park found in text only, too) is what it says
        return value
    owners = names.get(normalize(value), ())
    return owners[0] if len(owners) == 1 else value
