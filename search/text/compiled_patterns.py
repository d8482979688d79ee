"""Large regular expressions (the tagger's phrase tries) compiled once per Python and content in
the cache directory: a process builds the pattern from the cached SRE code, skipping the parse
and compile that cost 0.3–0.6 s at every `gaoxin index` start. A file that does not add up is
made again; a Python whose SRE internals differ compiles as usual (see `_from_code`)."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import array
import json
import re
import sys
import zlib
from collections.abc import Callable
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from search.text.cache_files import cache_file, cache_key, mark_used, save_file

_MAGIC = b"gaoxin-compiled-pattern 1\n"
# array typecode of one SRE code word (_sre.CODESIZE bytes)
_CODE_TYPE = next((code for code in "IL" if array.array(code).itemsize == _sre.CODESIZE), "")


def pattern_key(*identity: Any) -> str:
    """A key naming a pattern's content (JSON-serializable parts) and this Python's regex
    engine, whose compiled code is what the cache keeps."""
    return cache_key("pattern", sys.version, _sre.MAGIC, _sre.CODESIZE, *identity)


def cached_pattern(name: str, key: str, make_source: Callable[[], str]) -> re.Pattern[str]:
    """The compiled `make_source()` (called only when the cache has no usable file for `key`,
    which names the source's content: see `pattern_key`). `name`: which pattern it is (the
    cache keeps the few most recently used files per name)."""
    path = cache_file(f"pattern-{name}", key)
    try:
        pattern = _read(path.read_bytes(), key)
    except (OSError, RuntimeError, ValueError, KeyError, TypeError, OverflowError):
        pattern = None  # none yet, or damaged: made again below
    if pattern is not None:
        mark_used(path)
        return pattern
    source = make_source()
    try:
        parsed = _parser.parse(source, 0)
        code = _compiler._code(parsed, 0)
        groupindex = dict(parsed.state.groupdict)
        pattern = _from_code(source, parsed.state.flags, code, parsed.state.groups - 1, groupindex)
    except (AttributeError, TypeError, RuntimeError):  # another Python's internals
        return re.compile(source)
    save_file(f"pattern-{name}", key, _file_bytes(key, pattern, code))
    return pattern


def _from_code(
    source: str, flags: int, code: list[int], groups: int, groupindex: dict[str, int]
) -> re.Pattern[str]:
    """What `re._compiler.compile` does with a parsed pattern's code (pinned against
    `re.compile` by tests/text/test_compiled_patterns.py); the SRE engine checks the code."""
    indexgroup: list[str | None] = [None] * (groups + 1)
    for name, number in groupindex.items():
        indexgroup[number] = name
    return _sre.compile(source, flags, code, groups, groupindex, tuple(indexgroup))


def _file_bytes(key: str, pattern: re.Pattern[str], code: list[int]) -> bytes:
    packed = array.array(_CODE_TYPE, code).tobytes()
    encoded = pattern.pattern.encode("utf-8")
    header = {
        "key": key,
        "flags": pattern.flags,
        "groups": pattern.groups,
        "groupindex": dict(pattern.groupindex),
        "source_bytes": len(encoded),
        "code_bytes": len(packed),
        "crc32": zlib.crc32(encoded + packed),
    }
    return _MAGIC + json.dumps(header).encode() + b"\n" + encoded + packed


def _read(data: bytes, key: str) -> re.Pattern[str] | None:
    """The pattern a cache file holds, or None when it is not a whole file for `key`."""
    if not data.startswith(_MAGIC) or not _CODE_TYPE:
        return None
    header_end = data.index(b"\n", len(_MAGIC))
    header = json.loads(data[len(_MAGIC) : header_end])
    body = data[header_end + 1 :]
    if header["key"] != key or len(body) != header["source_bytes"] + header["code_bytes"]:
        return None
    if zlib.crc32(body) != header["crc32"]:
        return None
    source = body[: header["source_bytes"]].decode("utf-8")
    code = array.array(_CODE_TYPE, body[header["source_bytes"] :]).tolist()
    return _from_code(source, header["flags"], code, header["groups"], header["groupindex"])
