"""User-edited query-time word lists: stop and question words, synonyms (search/text/vocabulary/).

Checked on load; an error names the file and line. Nothing here changes the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from search.errors import GaoxinError
from search.text.normalize import normalize
from search.yaml_files import read_mapping

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "vocabulary"
STOP_WORDS_FILE = "stop_words.yaml"
SYNONYMS_FILE = "synonyms.yaml"
# A one-way broader word scores at this share of the typed word (docs/search.md).
BROADER_WEIGHT = 0.7


class QueryWordsError(GaoxinError, ValueError):
    """A query word list is missing or malformed; the message names the file and line."""


@dataclass(frozen=True)
class QueryWords:
    """Normalized stop words, two-way equivalence groups and one-way broader words."""

    stop_words: frozenset[str] = frozenset()
    equivalents: tuple[tuple[str, ...], ...] = ()
    broader: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load_query_words(directory: Path | None = None) -> QueryWords:
    """Read and check both files (default: the package's search/text/vocabulary/)."""
    folder = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    stop_root = _compose(folder / STOP_WORDS_FILE)
    stop_words = _word_list(_key(stop_root, "words", STOP_WORDS_FILE), STOP_WORDS_FILE, "words")
    synonyms_root = _compose(folder / SYNONYMS_FILE)
    groups = []
    equivalents = _key(synonyms_root, "equivalents", SYNONYMS_FILE)
    for item in _sequence(equivalents, SYNONYMS_FILE, "equivalents"):
        group = _word_list(item, SYNONYMS_FILE, "an equivalents entry")
        if len(set(group)) < 2:
            raise _error(SYNONYMS_FILE, item, "an equivalents entry needs two different words")
        groups.append(tuple(dict.fromkeys(group)))
    broader: dict[str, tuple[str, ...]] = {}
    node = _key(synonyms_root, "broader", SYNONYMS_FILE, required=False)
    if node is not None:
        if not isinstance(node, yaml.MappingNode):
            raise _error(SYNONYMS_FILE, node, "`broader` must map a word to a list of words")
        for key_node, value_node in node.value:
            word = _word(key_node, SYNONYMS_FILE)
            broader[word] = tuple(_word_list(value_node, SYNONYMS_FILE, f"broader {word}"))
    return QueryWords(frozenset(stop_words), tuple(groups), broader)


def _compose(path: Path) -> yaml.MappingNode:
    # A node, not a dict: its marks give the line of a bad entry.
    return read_mapping(path, yaml.compose, yaml.MappingNode, QueryWordsError, "the word list")


def _error(file: str, node: yaml.Node, message: str) -> QueryWordsError:
    return QueryWordsError(f"{file}, line {node.start_mark.line + 1}: {message}")


def _key(root: yaml.MappingNode, key: str, file: str, required: bool = True) -> yaml.Node | None:
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    if required:
        raise _error(file, root, f"missing `{key}`")
    return None


def _sequence(node: yaml.Node, file: str, what: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise _error(file, node, f"{what} must be a list")
    return list(node.value)


def _word(node: yaml.Node, file: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        raise _error(file, node, f"expected a word, got {getattr(node, 'value', node)!r}")
    word = normalize(node.value).strip()
    if not word or any(char.isspace() for char in word):
        raise _error(file, node, f"expected one word without spaces, got {node.value!r}")
    return word


def _word_list(node: yaml.Node, file: str, what: str) -> list[str]:
    return [_word(item, file) for item in _sequence(node, file, what)]
