"""Schema checks shared by the vocabulary files: each error names the file and the entry, so
whoever edits the YAML can fix it without a traceback.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from search.errors import GaoxinError
from search.text.cache_files import cache_key, read_cached, write_cached
from search.yaml_files import read_mapping

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TaxonomyError(GaoxinError, ValueError):
    """A vocabulary file is missing, is not valid YAML, or breaks the schema (a server fault)."""


def read_yaml(path: Path) -> dict[str, Any]:
    """A vocabulary file's data; what a file with the same bytes gave before is read back from
    the cache as JSON (building Python objects from YAML is most of a service's start)."""
    try:
        key = cache_key("yaml", yaml.__version__, hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        key = ""  # unreadable now: read_mapping says why
    cached = read_cached(f"vocabulary-{path.stem}", key) if key else None
    try:
        found = json.loads(cached[0][0]) if cached is not None else None
    except ValueError:
        found = None  # a damaged table: made again below
    if isinstance(found, dict):
        return found
    # libyaml's loader when PyYAML has it: parks.yaml is 590 entries, 5x faster to read.
    data = read_mapping(
        path, lambda text: yaml.load(text, Loader=_LOADER), dict, TaxonomyError, "vocabulary file"
    )
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return data  # not plain JSON (a date, say): read from the YAML every time
    if key and json.loads(text) == data:
        write_cached(f"vocabulary-{path.stem}", key, [text], b"", {})
    return data


def text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{where}: expected a non-empty string, got {value!r}")
    return value.strip()


def strings(data: dict, key: str, file: str, *, required: bool = True) -> list[str]:
    values = data.get(key)
    if values is None and not required:
        return []
    if not isinstance(values, list):
        raise TaxonomyError(f"{file}: `{key}` must be a list of strings")
    return [text(value, f"{file}: {key}[{index}]") for index, value in enumerate(values)]


def entries(data: dict, key: str, file: str) -> list[dict]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError(f"{file}: `{key}` must be a non-empty list")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{file}: {key}[{index}] must be a mapping, got {entry!r}")
    return entries


def boolean(entry: dict, key: str, where: str) -> bool:
    value = entry.get(key)
    if not isinstance(value, bool):
        raise TaxonomyError(f"{where}: `{key}` must be true or false")
    return value


def check_pattern(pattern: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as error:
        raise TaxonomyError(
            f"{where}: pattern {pattern!r} is not a valid regex ({error})"
        ) from None


def repeat_error(
    path: Path,
    key: str,
    kind: str,
    repeat: tuple[str, int],
    first: tuple[str, int],
    spelling: str,
) -> TaxonomyError:
    """`spelling`, a name of `repeat` (a name and its entry's index in the `key` list), already
    names `first` (the same): the error names the file, the `kind` of entry ("park",
    "organization") and both lines (the checks of parks.yaml and organizations.yaml)."""
    (name, index), (owner, first_index) = repeat, first
    lines = entry_lines(path, key)
    where = f"{path.name}, line {lines[index]}"
    if spelling == name == owner and first_index != index:
        return TaxonomyError(
            f"{where}: {kind} {name!r} is listed again (first at line {lines[first_index]}):"
            " keep one entry"
        )
    return TaxonomyError(
        f"{where}: {kind} {name!r}: {spelling!r} already names {owner!r}"
        f" (line {lines[first_index]}): give a name once"
    )


def claim_names(
    owner: dict[str, tuple[str, int]],
    spellings: Iterable[str],
    entry: tuple[str, int],
    path: Path,
    key: str,
    kind: str,
) -> None:
    """Record each of `spellings` in `owner` as a name of `entry` (its name and index in the
    `key` list); a spelling given before, even by the same entry, raises `repeat_error`."""
    for spelling in spellings:
        if spelling in owner:
            raise repeat_error(path, key, kind, entry, owner[spelling], spelling)
        owner[spelling] = entry


def entry_lines(path: Path, key: str) -> list[int]:
    """The line (from 1) of each entry of the top-level list `key` of a YAML file already
    read without error: read again as nodes, only to say where an error is."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    for name, value in root.value:
        if name.value == key:
            return [entry.start_mark.line + 1 for entry in value.value]
    return []
