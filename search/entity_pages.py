"""Entity pages over one index generation: names and their aliases, profiles of parks,
organisations and policy documents, the park directory, and related paragraphs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from search.engine import profiles
from search.engine.facets import RESULT_FACET_LIMIT
from search.engine.generation import Generation
from search.engine.query import alias_table
from search.engine.related import related
from search.entities.citations import canonical_title
from search.entities.taxonomy import Taxonomy
from search.errors import NotFound
from search.models import (
    ENTITY_FACETS,
    EntityProfile,
    Paragraph,
    ParkEntry,
    RelatedParagraphs,
    SearchResults,
)
from search.text.normalize import normalize

DIRECTORY_SORTS = ("count", "name")
# China's provincial-level divisions, as the gazetteer writes them: a park's `province` outside
# them is the country of a cooperation zone abroad (匈牙利, 吉布提), listed apart in the directory.
_PROVINCE_NAMES = """北京 天津 上海 重庆 河北 山西 内蒙古 辽宁 吉林 黑龙江 江苏 浙江
安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆
香港 澳门 台湾"""
CHINA_PROVINCES = frozenset(_PROVINCE_NAMES.split())
LATEST = 10  # paragraphs on an entity page, newest first


@dataclass(frozen=True)
class Vocabulary:
    """What the taxonomy says about names: park metadata and every spelling of a name."""

    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # query expansion
    parks: Mapping[str, ParkEntry] = field(default_factory=dict)
    organizations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name -> aliases
    spellings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # facet -> folded


def vocabulary(taxonomy: Taxonomy) -> Vocabulary:
    """Park aliases and metadata, organisation aliases, every spelling of a name."""
    parks = {
        park.name: ParkEntry(
            park.name, park.kind, park.city, park.province, park.parent, park.aliases
        )
        for park in taxonomy.parks
    }
    organizations = {entry.name: entry.aliases for entry in taxonomy.organizations}
    spellings = {
        "park": _spellings({name: entry.aliases for name, entry in parks.items()}),
        "organization": _spellings(organizations),
    }
    return Vocabulary(alias_table(taxonomy.park_aliases()), parks, organizations, spellings)


def _spellings(names: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Folded spelling (width, case, traditional characters) -> canonical name."""
    found: dict[str, str] = {}
    for name, aliases in names.items():
        for spelling in (name, *aliases):
            found.setdefault(normalize(spelling), name)
    return found


def canonical_name(
    generation: Generation, vocabulary: Vocabulary, facet: str, name: str
) -> str | None:
    """The canonical name `name` stands for in `facet` (itself, or what an alias or variant
    spelling is filed under); None when the index and the taxonomy know no such name."""
    column = generation.table.columns[facet]
    # Vocabulary entries have a page even before any paragraph mentions them.
    known: Mapping[str, object] = {
        "park": vocabulary.parks,
        "organization": vocabulary.organizations,
    }.get(facet, {})
    candidates = [name, vocabulary.spellings.get(facet, {}).get(normalize(name))]
    if facet == "policy_document":
        candidates.append(canonical_title(name.strip().removeprefix("《").removesuffix("》")))
    for candidate in candidates:
        if candidate and (candidate in column.index_of or candidate in known):
            return candidate
    return None


def build_profile(
    generation: Generation,
    vocabulary: Vocabulary,
    facet: str,
    name: str,
    found: tuple[SearchResults, np.ndarray],
) -> EntityProfile:
    """The profile of `name` from the search filtered by it (`found`: results, their mask)."""
    if facet not in ENTITY_FACETS:
        raise NotFound(f"No entity pages for {facet!r}")
    results, mask = found
    table = generation.table
    first_date, last_date = profiles.date_range(table, mask)
    lists = {other: results.facets[other] for other in results.facets if other != "year"}
    lists[facet] = profiles.co_mentions(table, facet, name, mask, RESULT_FACET_LIMIT)
    articles = profiles.article_count(table, mask)
    park = None
    aliases: tuple[str, ...] = ()
    if facet == "park":
        entry = vocabulary.parks.get(name) or ParkEntry(name)
        park = replace(entry, paragraphs=results.total, articles=articles)
        aliases = park.aliases
    elif facet == "organization":
        aliases = vocabulary.organizations.get(name, ())
    return EntityProfile(
        facet=facet,
        name=name,
        aliases=aliases,
        paragraphs=results.total,
        articles=articles,
        first_date=first_date,
        last_date=last_date,
        facets=lists,
        timeline=profiles.timeline(table, mask),
        latest=results.results,
        park=park,
        citations=(
            profiles.citations(generation, name, mask) if facet == "policy_document" else None
        ),
    )


def province_groups(provinces: set[str]) -> tuple[list[str], list[str]]:
    """The directory's province values split into China's provinces and countries abroad, each
    sorted."""
    home = sorted(name for name in provinces if name in CHINA_PROVINCES)
    return home, sorted(name for name in provinces if name not in CHINA_PROVINCES)


def park_directory(
    generation: Generation,
    vocabulary: Vocabulary,
    *,
    province: str | None = None,
    kind: str | None = None,
    sort: str = "count",
) -> tuple[ParkEntry, ...]:
    """Every park of the gazetteer and of the index, with its paragraph and article counts."""
    counts = profiles.park_counts(generation.table)
    entries = {}
    for name, entry in vocabulary.parks.items():
        paragraphs, articles = counts.get(name, (0, 0))
        entries[name] = replace(entry, paragraphs=paragraphs, articles=articles)
    for name, (paragraphs, articles) in counts.items():
        entries.setdefault(name, ParkEntry(name, paragraphs=paragraphs, articles=articles))
    chosen = [
        entry
        for entry in entries.values()
        if (province is None or entry.province == province) and (kind is None or entry.kind == kind)
    ]
    if sort == "name":
        chosen.sort(key=lambda entry: entry.name)
    else:
        chosen.sort(key=lambda entry: (-entry.paragraphs, entry.name))
    return tuple(chosen)


def related_paragraphs(
    generation: Generation, paragraph: Paragraph, limit: int
) -> RelatedParagraphs:
    """Up to `limit` paragraphs of other articles like `paragraph`."""
    terms, results = related(generation, paragraph, limit)
    return RelatedParagraphs(paragraph, terms, results)
