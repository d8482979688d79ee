"""Tag corrections without code: a user-edited YAML file that adds or removes park, industry and
policy-type labels of one paragraph or a whole article, applied at index time after tagging.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from search.entities.taxonomy import Taxonomy
from search.errors import GaoxinError
from search.models import Article, Paragraph
from search.yaml_files import not_utf8

# Facet names as users see them (URL parameters) -> the Paragraph attribute they correct.
FACET_ATTRIBUTES = {"park": "parks", "industry": "industries", "policy_type": "policy_types"}
ENTRY_KEYS = {"paragraph_id", "article_id", "add", "remove", "note"}
EVIDENCE_PREFIX = "人工更正："


class OverrideError(GaoxinError, ValueError):
    """The overrides file cannot be read or breaks its schema; the message names file and line."""

    status = 400


@dataclass(frozen=True)
class Override:
    """One correction: labels to add and remove on a paragraph or on all of an article's."""

    target: str
    by_article: bool
    add: tuple[tuple[str, str], ...]  # (attribute, value)
    remove: tuple[tuple[str, str], ...]
    note: str
    line: int


@dataclass(frozen=True)
class Overrides:
    """Every correction of one file, looked up by paragraph or article id."""

    entries: tuple[Override, ...] = ()
    digest: str = ""

    def for_article(self, article: Article) -> Article:
        """`article` with the corrections of its own id and of its paragraphs' ids applied."""
        mine = [o for o in self.entries if o.by_article and o.target == article.article_id]
        ids = {paragraph.paragraph_id for paragraph in article.paragraphs}
        mine += [o for o in self.entries if not o.by_article and o.target in ids]
        if not mine:
            return article
        paragraphs = tuple(_corrected(paragraph, mine) for paragraph in article.paragraphs)
        return replace(article, paragraphs=paragraphs)

    def unmatched(self, article_ids: set[str], paragraph_ids: set[str]) -> list[Override]:
        """Corrections whose id is in neither set (a typo, or an article gone from the corpus)."""
        return [
            entry
            for entry in self.entries
            if entry.target not in (article_ids if entry.by_article else paragraph_ids)
        ]


def load_overrides(path: Path | None, taxonomy: Taxonomy) -> Overrides:
    """Read and check the overrides file; no file (None) means no corrections."""
    if path is None:
        return Overrides()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise OverrideError(f"{path}: cannot read the overrides file ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise OverrideError(f"{path}: {not_utf8(error)}") from None
    try:
        document = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        line = (error.problem_mark or error.context_mark).line + 1
        raise OverrideError(f"{path}:{line}: not valid YAML ({error.problem})") from None
    except yaml.YAMLError as error:  # e.g. a control character (yaml's ReaderError)
        raise OverrideError(f"{path}: not valid YAML ({error})") from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if data is None:
        return Overrides((), digest)
    if not isinstance(data, dict) or not isinstance(data.get("overrides"), list):
        raise OverrideError(f"{path}:1: expected `overrides:` with a list of corrections")
    nodes = _entry_nodes(document)
    known = {
        "parks": None,  # any well-formed park name may be added
        "industries": {category.facet_value for category in taxonomy.industries},
        "policy_types": {category.label for category in taxonomy.policy_types},
    }
    entries = tuple(
        _parse_entry(
            {**entry, **_raw_ids(node)} if isinstance(entry, dict) else entry,
            f"{path}:{node.start_mark.line + 1}",
            node.start_mark.line + 1,
            known,
        )
        for entry, node in zip(data["overrides"], nodes, strict=True)
    )
    return Overrides(entries, digest)


def _entry_nodes(document: yaml.Node) -> list[yaml.Node]:
    for key, value in document.value:
        if key.value == "overrides":
            return list(value.value)
    return []


def _raw_ids(node: yaml.Node) -> dict[str, str]:
    """Ids as written: YAML would read 000123456789 as the number 123456789."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        key.value: value.value
        for key, value in node.value
        if key.value in ("paragraph_id", "article_id")
        and isinstance(value, yaml.ScalarNode)
        and not value.tag.endswith(":null")
    }


def _parse_entry(entry: Any, where: str, line: int, known: dict[str, set[str] | None]) -> Override:
    if not isinstance(entry, dict):
        raise OverrideError(f"{where}: a correction is a mapping (paragraph_id or article_id, …)")
    unknown = sorted(set(entry) - ENTRY_KEYS)
    if unknown:
        raise OverrideError(f"{where}: unknown key {unknown[0]!r} (use {', '.join(ENTRY_KEYS)})")
    ids = [key for key in ("paragraph_id", "article_id") if entry.get(key) is not None]
    if len(ids) != 1:
        raise OverrideError(f"{where}: give exactly one of paragraph_id or article_id")
    note = entry.get("note")
    if not isinstance(note, str) or not note.strip():
        raise OverrideError(f"{where}: every correction needs a `note` saying why")
    add = _labels(entry.get("add"), "add", where, known)
    remove = _labels(entry.get("remove"), "remove", where, known)
    if not add and not remove:
        raise OverrideError(f"{where}: nothing to `add` or `remove`")
    target = str(entry[ids[0]]).strip()
    return Override(target, ids[0] == "article_id", add, remove, note.strip(), line)


def _labels(
    value: Any, key: str, where: str, known: dict[str, set[str] | None]
) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise OverrideError(f"{where}: `{key}` maps park/industry/policy_type to a list of labels")
    labels: list[tuple[str, str]] = []
    for facet, values in value.items():
        attribute = FACET_ATTRIBUTES.get(facet)
        if attribute is None:
            raise OverrideError(f"{where}: {key}: {facet!r} is not park, industry or policy_type")
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise OverrideError(f"{where}: {key}.{facet} must be a list of labels")
        allowed = known[attribute]
        for label in values:
            if allowed is not None and label not in allowed:
                raise OverrideError(f"{where}: {key}.{facet}: {label!r} is not a known label")
            labels.append((attribute, label))
    return tuple(labels)


def _corrected(paragraph: Paragraph, overrides: list[Override]) -> Paragraph:
    values = {
        attribute: list(getattr(paragraph, attribute)) for attribute in FACET_ATTRIBUTES.values()
    }
    evidence = {(facet, value): phrases for facet, value, phrases in paragraph.tag_evidence}
    for override in overrides:
        if not override.by_article and override.target != paragraph.paragraph_id:
            continue
        for attribute, label in override.remove:
            if label in values[attribute]:
                values[attribute].remove(label)
            evidence.pop((attribute, label), None)
        for attribute, label in override.add:
            if label not in values[attribute]:
                values[attribute].append(label)
            evidence[(attribute, label)] = (EVIDENCE_PREFIX + override.note,)
    return replace(
        paragraph,
        **{attribute: tuple(labels) for attribute, labels in values.items()},
        tag_evidence=tuple((facet, value, phrases) for (facet, value), phrases in evidence.items()),
    )
