"""Load and schema-check the user-edited vocabularies in search/entities/taxonomy/*.yaml.

Errors name the file and the entry, so whoever edits the YAML can fix it without a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from search.entities.categories import Category, parse_categories
from search.entities.schema import (
    TaxonomyError,
    boolean,
    claim_names,
    entries,
    read_yaml,
    strings,
    text,
)

__all__ = ["Category", "Taxonomy", "TaxonomyError", "load_taxonomy"]

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "taxonomy"
PARK_KINDS = (
    "国家高新区",
    "经济技术开发区",
    "国家级新区",
    "自贸区",
    "自贸区片区",
    "自主创新示范区",
    "合作区",
    "省级园区",
    "园中园",
    "功能区",
    "科技园",
    "经济特区",
    "改革试验区",
)
# jieba frequency for vocabulary words: high enough that the index never cuts a park name apart.
DICTIONARY_FREQUENCY = 200_000


@dataclass(frozen=True)
class Park:
    """One park of the gazetteer; `name` is the canonical facet value."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None
    city: str
    province: str
    # Names people type for the zone that news also writes for other things (两江 is also the
    # two rivers of 两江四岸): a facet filter resolves them, the tagger never reads them.
    short_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParkSuffix:
    suffix: str
    canonical: str
    strong: bool


@dataclass(frozen=True)
class OrganizationName:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrganizationSuffix:
    suffix: str
    proper: bool


SuffixT = TypeVar("SuffixT", ParkSuffix, OrganizationSuffix)


@dataclass(frozen=True)
class Taxonomy:
    """Every vocabulary the tagger needs, validated."""

    parks: tuple[Park, ...]
    industries: tuple[Category, ...]
    policy_types: tuple[Category, ...]
    places: frozenset[str] = frozenset()
    # County-level places (also in `places`): part of a zone's name, not its address.
    counties: frozenset[str] = frozenset()
    # County stems that are also common words (长子, 石首): not places; they name only the
    # administrative zone written right after them (长子经开区).
    word_counties: frozenset[str] = frozenset()
    foreign_places: frozenset[str] = frozenset()
    # Countries: a zone's bare name after one is that country's own place (俄罗斯滨海新区).
    countries: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()
    park_suffixes: tuple[ParkSuffix, ...] = ()
    generic_modifiers: frozenset[str] = frozenset()
    bare_references: tuple[str, ...] = ()
    park_stop_tokens: frozenset[str] = frozenset()
    organizations: tuple[OrganizationName, ...] = ()
    organization_suffixes: tuple[OrganizationSuffix, ...] = ()
    branch_suffixes: tuple[str, ...] = ()
    organization_generic_words: frozenset[str] = frozenset()
    organization_stop_tokens: frozenset[str] = frozenset()
    # 会见, 考察, 出席 …: a name read leftwards stops there (the reporter's clause before it).
    organization_reporting_verbs: frozenset[str] = frozenset()
    industry_exclude: tuple[str, ...] = ()
    policy_exclude: tuple[str, ...] = ()
    # park_words.yaml's `trade_parks`: each list by its key (round 17, park_trades.py).
    trade_park_words: tuple[tuple[str, frozenset[str]], ...] = ()

    def park_aliases(self) -> dict[str, tuple[str, ...]]:
        """Canonical park -> aliases (search expands 青岛高新区 ⇄ 青岛高新技术产业开发区)."""
        return {park.name: park.aliases for park in self.parks}

    def park_filter_names(self) -> dict[str, tuple[str, ...]]:
        """Canonical park -> every name a facet filter resolves: its aliases and short names
        (`--park 两江` is 两江新区)."""
        return {park.name: (*park.aliases, *park.short_names) for park in self.parks}

    def organization_filter_names(self) -> dict[str, tuple[str, ...]]:
        """Listed organisation -> the aliases a facet filter resolves (`--organization 中科院` is
        中国科学院)."""
        return {organization.name: organization.aliases for organization in self.organizations}

    def park_by_name(self) -> dict[str, Park]:
        return {park.name: park for park in self.parks}

    def dictionary_words(self) -> list[tuple[str, int | None, str | None]]:
        """(word, frequency, part of speech) for jieba: parks, places and organisations."""
        words: list[tuple[str, int | None, str | None]] = []
        for park in self.parks:
            words += [(name, DICTIONARY_FREQUENCY, "ns") for name in (park.name, *park.aliases)]
        for organization in self.organizations:
            names = (organization.name, *organization.aliases)
            words += [(name, DICTIONARY_FREQUENCY, "nt") for name in names]
        # Places keep jieba's own frequency: forcing one would glue them to the next word.
        words += [(place, None, "ns") for place in sorted(self.places)]
        return words


def load_taxonomy(directory: Path | None = None) -> Taxonomy:
    """Read and validate the vocabularies (default: the package's search/entities/taxonomy/).

    Every build and every search service loads them: a process reads the files again only
    when one changed (the Taxonomy is immutable, so sharing it is safe)."""
    folder = (Path(directory) if directory is not None else DEFAULT_DIRECTORY).resolve()
    return _read_taxonomy(folder, _file_stamps(folder))


def _file_stamps(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each vocabulary file's name, modification time and size: what invalidates the cache."""
    try:
        found = [(path.name, path.stat()) for path in folder.glob("*.yaml")]
    except OSError:
        return ()
    return tuple(sorted((name, stat.st_mtime_ns, stat.st_size) for name, stat in found))


@functools.lru_cache(maxsize=8)
def _read_taxonomy(folder: Path, stamps: tuple[tuple[str, int, int], ...]) -> Taxonomy:
    # `stamps` is not read here: it is the part of the cache key that notices edited files.
    parks = _parse_parks(read_yaml(folder / "parks.yaml"), folder / "parks.yaml")
    park_words = read_yaml(folder / "park_words.yaml")
    industries = read_yaml(folder / "industries.yaml")
    policies = read_yaml(folder / "policy_types.yaml")
    organizations = read_yaml(folder / "organizations.yaml")
    places = read_yaml(folder / "places.yaml")
    counties = frozenset(_flatten_places(places, "counties"))
    return Taxonomy(
        parks=parks,
        industries=parse_categories(industries, "industries", "industries.yaml"),
        policy_types=parse_categories(policies, "policy_types", "policy_types.yaml"),
        places=frozenset(_flatten_places(places)) | counties,
        counties=counties,
        word_counties=frozenset(_flatten_places(places, "word_counties")),
        foreign_places=frozenset(strings(places, "foreign_places", "places.yaml", required=False)),
        countries=frozenset(strings(places, "countries", "places.yaml", required=False)),
        provinces=frozenset(strings(places, "provinces", "places.yaml", required=False)),
        park_suffixes=tuple(_parse_park_suffixes(park_words)),
        generic_modifiers=frozenset(strings(park_words, "generic_modifiers", "park_words.yaml")),
        bare_references=tuple(strings(park_words, "bare_references", "park_words.yaml")),
        park_stop_tokens=frozenset(strings(park_words, "stop_tokens", "park_words.yaml")),
        organizations=_parse_organizations(organizations, folder / "organizations.yaml"),
        organization_suffixes=tuple(_parse_organization_suffixes(organizations)),
        branch_suffixes=tuple(strings(organizations, "branch_suffixes", "organizations.yaml")),
        organization_generic_words=frozenset(
            strings(organizations, "generic_words", "organizations.yaml")
        ),
        organization_stop_tokens=frozenset(
            strings(organizations, "stop_tokens", "organizations.yaml")
        ),
        organization_reporting_verbs=frozenset(
            strings(organizations, "reporting_verbs", "organizations.yaml")
        ),
        industry_exclude=tuple(strings(industries, "exclude", "industries.yaml", required=False)),
        policy_exclude=tuple(strings(policies, "exclude", "policy_types.yaml", required=False)),
        trade_park_words=_trade_park_words(park_words),
    )


def _trade_park_words(park_words: dict) -> tuple[tuple[str, frozenset[str]], ...]:
    lists = park_words.get("trade_parks") or {}
    where = "park_words.yaml: trade_parks"
    return tuple((key, frozenset(strings(lists, key, where))) for key in sorted(lists))


def _parse_parks(data: dict, path: Path) -> tuple[Park, ...]:
    file = path.name
    parks: list[Park] = []
    owner: dict[str, tuple[str, int]] = {}  # spelling -> the park and the entry naming it
    for index, entry in enumerate(entries(data, "parks", file)):
        name = text(entry.get("name"), f"{file}: parks[{index}].name")
        where = f"{file}: park {name!r}"
        # A list each: a plain string (short_names: 两江) would be read as its characters.
        aliases = tuple(strings(entry, "aliases", where, required=False))
        kind = text(entry.get("kind"), f"{where} kind")
        if kind not in PARK_KINDS:
            raise TaxonomyError(f"{where}: kind {kind!r} is not one of {', '.join(PARK_KINDS)}")
        parent = entry.get("parent")
        parent = None if parent is None else text(parent, f"{where} parent")
        short_names = tuple(strings(entry, "short_names", where, required=False))
        # A name or alias given twice, even to the same park, is an edit gone wrong (a park
        # listed twice keeps only its last entry's kind and parent).
        claim_names(owner, (name, *aliases, *short_names), (name, index), path, "parks", "park")
        city = text(entry.get("city"), f"{where} city")
        province = text(entry.get("province"), f"{where} province")
        parks.append(Park(name, aliases, kind, parent, city, province, short_names))
    names = {park.name for park in parks}
    for park in parks:
        if park.parent is not None and park.parent not in names:
            raise TaxonomyError(f"{file}: park {park.name!r} has unknown parent {park.parent!r}")
    return tuple(parks)


def _flatten_places(data: dict, key: str = "places") -> list[str]:
    groups = data.get(key, [] if key in ("counties", "word_counties") else None)
    if not isinstance(groups, list):
        raise TaxonomyError(f"places.yaml: `{key}` must be a list of lists of names")
    places: list[str] = []
    for index, group in enumerate(groups):
        group = group if isinstance(group, list) else [group]
        places += [text(place, f"places.yaml: {key}[{index}]") for place in group]
    return places


def _suffix_entries(data: dict, file: str) -> Iterator[tuple[str, dict, str]]:
    """Each `suffixes` entry of a vocabulary file: its suffix, the entry, and where it is."""
    for index, entry in enumerate(entries(data, "suffixes", file)):
        where = f"{file}: suffixes[{index}]"
        yield text(entry.get("suffix"), f"{where}.suffix"), entry, where


def _longest_first(suffixes: list[SuffixT]) -> list[SuffixT]:
    return sorted(suffixes, key=lambda item: -len(item.suffix))


def _parse_park_suffixes(data: dict) -> list[ParkSuffix]:
    return _longest_first(
        [
            ParkSuffix(
                suffix,
                text(entry.get("canonical"), f"{where}.canonical ({suffix})"),
                boolean(entry, "strong", f"{where} ({suffix})"),
            )
            for suffix, entry, where in _suffix_entries(data, "park_words.yaml")
        ]
    )


def _parse_organizations(data: dict, path: Path) -> tuple[OrganizationName, ...]:
    names = []
    owner: dict[str, tuple[str, int]] = {}  # spelling -> the organisation and the entry naming it
    for index, entry in enumerate(entries(data, "names", path.name)):
        name = text(entry.get("name"), f"{path.name}: names[{index}].name")
        where = f"{path.name}: organisation {name!r}"
        # A list, as in parks.yaml: a plain string (aliases: 中科院) would be read as characters.
        aliases = tuple(strings(entry, "aliases", where, required=False))
        # As in parks.yaml: a spelling given twice is an edit gone wrong (the recognizer's
        # spelling -> name table would silently keep the last).
        claim_names(owner, (name, *aliases), (name, index), path, "names", "organization")
        names.append(OrganizationName(name, aliases))
    return tuple(names)


def _parse_organization_suffixes(data: dict) -> list[OrganizationSuffix]:
    return _longest_first(
        [
            OrganizationSuffix(suffix, boolean(entry, "proper", f"{where} ({suffix})"))
            for suffix, entry, where in _suffix_entries(data, "organizations.yaml")
        ]
    )
