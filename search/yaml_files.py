"""User-edited YAML files (vocabularies, stop words, synonyms) read with one clear error per
problem, naming the file: unreadable, not UTF-8, not YAML, or not a mapping at the top level.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from search.errors import GaoxinError


def read_mapping(
    path: Path,
    parse: Callable[[str], Any],
    mapping: type,
    error: type[GaoxinError],
    what: str,
) -> Any:
    """`parse` of the file's text (a dict, or a node when line numbers matter); `error` when it
    cannot be read, is not YAML or its top level is not a `mapping`. `what` names the file kind."""
    try:
        data = parse(path.read_text(encoding="utf-8"))
    except OSError as problem:
        raise error(f"{path.name}: cannot read {what} ({problem.strerror})") from None
    except UnicodeDecodeError as problem:
        raise error(f"{path.name}: {not_utf8(problem)}") from None
    except yaml.YAMLError as problem:
        raise error(f"{path.name}: not valid YAML ({problem})") from None
    if not isinstance(data, mapping):
        raise error(f"{path.name}: expected a mapping at the top level")
    return data


def not_utf8(problem: UnicodeDecodeError) -> str:
    """Why a user-edited file could not be read as text, and what to do (one wording)."""
    return f"not UTF-8 text (invalid byte at {problem.start}): save the file as UTF-8"
