"""Load and schema-check the user-edited vocabularies in search/entities/taxonomy/*.yaml.

Errors name the file and the entry, so whoever edits the YAML can fix it without a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from search.errors import GaoxinError

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
)
# jieba frequency for vocabulary words: high enough that the index never cuts a park name apart.
DICTIONARY_FREQUENCY = 200_000
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TaxonomyError(GaoxinError, ValueError):
    """A vocabulary file is missing, is not valid YAML, or breaks the schema (a server fault)."""


@dataclass(frozen=True)
class Park:
    """One park of the gazetteer; `name` is the canonical facet value."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None
    city: str
    province: str


@dataclass(frozen=True)
class Category:
    """An industry or policy-type label with its triggers; `parent` is set on a second level."""

    label: str
    triggers: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    parent: str | None = None

    @property
    def facet_value(self) -> str:
        return self.parent or self.label


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


@dataclass(frozen=True)
class Taxonomy:
    """Every vocabulary the tagger needs, validated."""

    parks: tuple[Park, ...]
    industries: tuple[Category, ...]
    policy_types: tuple[Category, ...]
    places: frozenset[str] = frozenset()
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
    industry_exclude: tuple[str, ...] = ()
    policy_exclude: tuple[str, ...] = ()

    def park_aliases(self) -> dict[str, tuple[str, ...]]:
        """Canonical park -> aliases (search expands 青岛高新区 ⇄ 青岛高新技术产业开发区)."""
        return {park.name: park.aliases for park in self.parks}

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
    """Read and validate the vocabularies (default: the package's search/entities/taxonomy/)."""
    folder = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    parks = _parse_parks(_read(folder / "parks.yaml"), "parks.yaml")
    park_words = _read(folder / "park_words.yaml")
    industries = _read(folder / "industries.yaml")
    policies = _read(folder / "policy_types.yaml")
    organizations = _read(folder / "organizations.yaml")
    places = _read(folder / "places.yaml")
    return Taxonomy(
        parks=parks,
        industries=_parse_categories(industries, "industries", "industries.yaml"),
        policy_types=_parse_categories(policies, "policy_types", "policy_types.yaml"),
        places=frozenset(_flatten_places(places)),
        provinces=frozenset(_strings(places, "provinces", "places.yaml", required=False)),
        park_suffixes=tuple(_parse_park_suffixes(park_words)),
        generic_modifiers=frozenset(_strings(park_words, "generic_modifiers", "park_words.yaml")),
        bare_references=tuple(_strings(park_words, "bare_references", "park_words.yaml")),
        park_stop_tokens=frozenset(_strings(park_words, "stop_tokens", "park_words.yaml")),
        organizations=tuple(_parse_organizations(organizations)),
        organization_suffixes=tuple(_parse_organization_suffixes(organizations)),
        branch_suffixes=tuple(_strings(organizations, "branch_suffixes", "organizations.yaml")),
        organization_generic_words=frozenset(
            _strings(organizations, "generic_words", "organizations.yaml")
        ),
        organization_stop_tokens=frozenset(
            _strings(organizations, "stop_tokens", "organizations.yaml")
        ),
        industry_exclude=tuple(_strings(industries, "exclude", "industries.yaml", required=False)),
        policy_exclude=tuple(_strings(policies, "exclude", "policy_types.yaml", required=False)),
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        # libyaml's loader when PyYAML has it: parks.yaml is 590 entries, 5x faster to read.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except OSError as error:
        raise TaxonomyError(
            f"{path.name}: cannot read vocabulary file ({error.strerror})"
        ) from None
    except yaml.YAMLError as error:
        raise TaxonomyError(f"{path.name}: not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path.name}: expected a mapping at the top level")
    return data


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{where}: expected a non-empty string, got {value!r}")
    return value.strip()


def _strings(data: dict, key: str, file: str, *, required: bool = True) -> list[str]:
    values = data.get(key)
    if values is None and not required:
        return []
    if not isinstance(values, list):
        raise TaxonomyError(f"{file}: `{key}` must be a list of strings")
    return [_text(value, f"{file}: {key}[{index}]") for index, value in enumerate(values)]


def _entries(data: dict, key: str, file: str) -> list[dict]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError(f"{file}: `{key}` must be a non-empty list")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{file}: {key}[{index}] must be a mapping, got {entry!r}")
    return entries


def _parse_parks(data: dict, file: str) -> tuple[Park, ...]:
    parks: list[Park] = []
    owner: dict[str, str] = {}
    for index, entry in enumerate(_entries(data, "parks", file)):
        name = _text(entry.get("name"), f"{file}: parks[{index}].name")
        where = f"{file}: park {name!r}"
        aliases = tuple(_text(a, f"{where} alias") for a in entry.get("aliases") or ())
        kind = _text(entry.get("kind"), f"{where} kind")
        if kind not in PARK_KINDS:
            raise TaxonomyError(f"{where}: kind {kind!r} is not one of {', '.join(PARK_KINDS)}")
        parent = entry.get("parent")
        parent = None if parent is None else _text(parent, f"{where} parent")
        for spelling in (name, *aliases):
            if owner.setdefault(spelling, name) != name:
                raise TaxonomyError(f"{where}: {spelling!r} already names {owner[spelling]!r}")
        city = _text(entry.get("city"), f"{where} city")
        province = _text(entry.get("province"), f"{where} province")
        parks.append(Park(name, aliases, kind, parent, city, province))
    names = {park.name for park in parks}
    for park in parks:
        if park.parent is not None and park.parent not in names:
            raise TaxonomyError(f"{file}: park {park.name!r} has unknown parent {park.parent!r}")
    return tuple(parks)


def _parse_categories(data: dict, key: str, file: str) -> tuple[Category, ...]:
    categories: list[Category] = []
    for index, entry in enumerate(_entries(data, key, file)):
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
    label = _text(entry.get("label"), f"{where}.label")
    where = f"{where} ({label})"
    triggers = entry.get("triggers")
    if not isinstance(triggers, list) or not triggers:
        raise TaxonomyError(f"{where}: `triggers` must be a non-empty list")
    patterns = tuple(_text(p, f"{where} pattern") for p in entry.get("patterns") or ())
    for pattern in patterns:
        _check_pattern(pattern, where)
    return Category(
        label=label,
        triggers=tuple(_text(trigger, f"{where} trigger") for trigger in triggers),
        patterns=patterns,
        parent=parent,
    )


def _check_pattern(pattern: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as error:
        raise TaxonomyError(
            f"{where}: pattern {pattern!r} is not a valid regex ({error})"
        ) from None


def _flatten_places(data: dict) -> list[str]:
    groups = data.get("places")
    if not isinstance(groups, list):
        raise TaxonomyError("places.yaml: `places` must be a list of lists of names")
    places: list[str] = []
    for index, group in enumerate(groups):
        group = group if isinstance(group, list) else [group]
        places += [_text(place, f"places.yaml: places[{index}]") for place in group]
    return places


def _boolean(entry: dict, key: str, where: str) -> bool:
    value = entry.get(key)
    if not isinstance(value, bool):
        raise TaxonomyError(f"{where}: `{key}` must be true or false")
    return value


def _parse_park_suffixes(data: dict) -> list[ParkSuffix]:
    suffixes = []
    for index, entry in enumerate(_entries(data, "suffixes", "park_words.yaml")):
        where = f"park_words.yaml: suffixes[{index}]"
        suffix = _text(entry.get("suffix"), f"{where}.suffix")
        canonical = _text(entry.get("canonical"), f"{where}.canonical ({suffix})")
        strong = _boolean(entry, "strong", f"{where} ({suffix})")
        suffixes.append(ParkSuffix(suffix, canonical, strong))
    return sorted(suffixes, key=lambda item: -len(item.suffix))


def _parse_organizations(data: dict) -> list[OrganizationName]:
    names = []
    for index, entry in enumerate(_entries(data, "names", "organizations.yaml")):
        name = _text(entry.get("name"), f"organizations.yaml: names[{index}].name")
        where = f"organizations.yaml: organisation {name!r}"
        aliases = tuple(_text(alias, f"{where} alias") for alias in entry.get("aliases") or ())
        names.append(OrganizationName(name, aliases))
    return names


def _parse_organization_suffixes(data: dict) -> list[OrganizationSuffix]:
    suffixes = []
    for index, entry in enumerate(_entries(data, "suffixes", "organizations.yaml")):
        where = f"organizations.yaml: suffixes[{index}]"
        suffix = _text(entry.get("suffix"), f"{where}.suffix")
        proper = _boolean(entry, "proper", f"{where} ({suffix})")
        suffixes.append(OrganizationSuffix(suffix, proper))
    return sorted(suffixes, key=lambda item: -len(item.suffix))
