"""Python's regex internals are what search/text/regex_internals.py reads: on a Python that
changed them these fail with a message saying so (searches still work, builds start slower)."""

from __future__ import annotations

import re
import sys

from search.text.regex_internals import OTHER, compiled_code, parsed_items, pattern_from_code

CHANGED = (
    f"Python {sys.version.split()[0]} parses or compiles regular expressions otherwise than "
    "search/text/regex_internals.py reads them (re._parser, re._compiler, _sre): the label "
    "patterns' gate and the compiled-pattern cache are off (same tags, slower builds and "
    "starts). Read this Python's re._parser and update regex_internals.py."
)


def _literals(text: str) -> list[tuple[str, str]]:
    return [("literal", character) for character in text]


def test_this_python_s_parser_is_read() -> None:
    items = parsed_items("(?:京津冀){1,2}(?>协同)(减轻|降低)[^，]?(?<!金融)支持(?i:x)")
    assert items is not None, CHANGED
    assert items == [
        ("repeat", 1, _literals("京津冀")),
        ("group", _literals("协同")),
        ("group", [("branch", [_literals("减轻"), _literals("降低")])]),
        ("repeat", 0, [OTHER]),  # a class, at most once
        OTHER,  # a look-behind
        *_literals("支持"),
        OTHER,  # a group with flags
    ], CHANGED


def test_a_pattern_matched_in_either_case_is_one_unknown_part() -> None:
    assert parsed_items("(?i)gdp") == [OTHER], CHANGED


def test_this_python_s_compiled_code_makes_the_compiled_pattern() -> None:
    source = r"(?P<year>\d{4})年(\d{1,2})月|(?<!高)新区"
    compiled = compiled_code(source)
    assert compiled is not None, CHANGED
    pattern = pattern_from_code(source, compiled)
    # Pattern equality compares the source, the flags and the engine's code itself.
    assert pattern == re.compile(source), CHANGED
    assert pattern.groupindex == {"year": 1}, CHANGED
