"""The one module that reads Python's regex parser and compiler (re._parser, re._compiler, _sre):
they have no public interface. On a Python whose internals differ each reader gives None and its
callers do without (same matches, slower builds); tests/text/test_regex_internals.py fails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # a Python without them: see the module docstring
    _sre = _compiler = _constants = _parser = None

# Which regex engine compiled code is for: a cache of such code is keyed by it.
ENGINE: tuple[Any, ...] = (_sre.MAGIC, _sre.CODESIZE) if _sre else ("no _sre",)
CODE_WORD_BYTES: int = _sre.CODESIZE if _sre else 0

# A pattern's parts as `parsed_items` gives them: ("literal", character), ("group", items) (a
# group without flags, atomic or not), ("repeat", least count, items), ("branch", [items per
# alternative]) and OTHER (a class, a look-around, an anchor, a group with flags…).
Item = tuple[Any, ...]
OTHER: Item = ("other",)
# Python offers no public parse of a regular expression, nor a pattern made from compiled code
# (sre_parse is the same parser under a deprecated name; a pickled pattern compiles again): what
# this project needs of them is read below, and a shape other than the one read is one of these.
_STRUCTURE_ERRORS = (AttributeError, TypeError, ValueError, IndexError, KeyError, RuntimeError)


def parsed_items(pattern: str) -> list[Item] | None:
    """`pattern`'s parts (see `Item`); one OTHER when its letters match in either case. None
    when this Python's parser is not the one read here. A malformed pattern raises re.error."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & _constants.SRE_FLAG_IGNORECASE:
            return [OTHER]
        return _items(parsed)
    except _STRUCTURE_ERRORS:
        return None


def _items(parsed: Any) -> list[Item]:
    repeats = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
    items: list[Item] = []
    for operation, value in parsed:
        if operation is _constants.LITERAL:
            items.append(("literal", chr(value)))
        elif operation is _constants.SUBPATTERN:
            _, added_flags, removed_flags, inner = value
            flagged = added_flags or removed_flags
            items.append(OTHER if flagged else ("group", _items(inner)))
        elif operation is _constants.ATOMIC_GROUP:
            items.append(("group", _items(value)))
        elif operation in repeats:
            least, _, inner = value
            items.append(("repeat", least, _items(inner)))
        elif operation is _constants.BRANCH:
            _, alternatives = value
            items.append(("branch", [_items(alternative) for alternative in alternatives]))
        else:
            items.append(OTHER)
    return items


@dataclass(frozen=True)
class CompiledCode:
    """A pattern as the regex engine runs it: its flags, code words and groups."""

    flags: int
    code: list[int]
    groups: int
    groupindex: dict[str, int]


def compiled_code(source: str) -> CompiledCode | None:
    """`source` parsed and compiled as `re.compile` does, or None when this Python's compiler
    is not the one read here."""
    if _compiler is None:
        return None
    try:
        parsed = _parser.parse(source, 0)
        code = _compiler._code(parsed, 0)
        state = parsed.state
        return CompiledCode(state.flags, code, state.groups - 1, dict(state.groupdict))
    except _STRUCTURE_ERRORS:
        return None


def pattern_from_code(source: str, compiled: CompiledCode) -> re.Pattern[str] | None:
    """What `re._compiler.compile` does with a parsed pattern's code, or None when this Python's
    engine takes other arguments. The engine checks the code (RuntimeError when it is bad)."""
    if _sre is None:
        return None
    indexgroup: list[str | None] = [None] * (compiled.groups + 1)
    for name, number in compiled.groupindex.items():
        indexgroup[number] = name
    arguments = (compiled.flags, compiled.code, compiled.groups, compiled.groupindex)
    try:
        return _sre.compile(source, *arguments, tuple(indexgroup))
    except (AttributeError, TypeError):
        return None
