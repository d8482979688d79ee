"""Large regular expressions (the tagger's phrase tries) compiled once per Python and content in
the cache directory: a process builds the pattern from the cached SRE code, skipping the parse
and compile that cost 0.3–0.6 s at every `gaoxin index` start. A file that does not add up is
made again; a Python whose SRE internals differ compiles as usual (see regex_internals)."""

from __future__ import annotations

import array
import json
import re
import sys
import zlib
from collections.abc import Callable
from typing import Any

from search.text.cache_files import cache_file, cache_key, mark_used, save_file
from search.text.regex_internals import (
    CODE_WORD_BYTES,
    ENGINE,
    CompiledCode,
    compiled_code,
    pattern_from_code,
)

_MAGIC = b"gaoxin-compiled-pattern 1\n"
# array typecode of one SRE code word
_CODE_TYPE = next((code for code in "IL" if array.array(code).itemsize == CODE_WORD_BYTES), "")


def pattern_key(*identity: Any) -> str:
    """A key naming a pattern's content (JSON-serializable parts) and this Python's regex
    engine, whose compiled code is what the cache keeps."""
    return cache_key("pattern", sys.version, *ENGINE, *identity)


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
    compiled = compiled_code(source)
    try:
        pattern = pattern_from_code(source, compiled) if compiled else None
    except RuntimeError:  # the engine refused the code: another Python's internals
        pattern = None
    if compiled is None or pattern is None:
        return re.compile(source)
    save_file(f"pattern-{name}", key, _file_bytes(key, pattern, compiled.code))
    return pattern


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
    compiled = CompiledCode(header["flags"], code, header["groups"], header["groupindex"])
    return pattern_from_code(source, compiled)
