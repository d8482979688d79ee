"""1:1 normalization shared by indexing, querying, highlighting and tagging.

normalize() folds width, case and traditional characters one character for one character, so
offsets into normalized text are offsets into the original.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import re
import threading
import unicodedata
from pathlib import Path

import numpy as np

from search.text.cache_files import cache_key, read_cached, write_cached

# Han characters: CJK unified ideographs, extension A, compatibility block, extensions B-H, 〇.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f"
# Ranges converted traditional → simplified when the lazy table is built.
_CONVERTED_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF))
_HAN_CHAR = re.compile(f"[{HAN_CLASS}]")
_table_lock = threading.Lock()
_BLOCK = 1 << 16
_SMALLEST = 64
_table: dict[int, str] | None = None
_han_table: dict[int, str] | None = None
_han_search: tuple[re.Pattern[str], re.Pattern[str]] | None = None
# Any character beyond the Basic Multilingual Plane (a one-range class: a cheap test).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _traditional_to_simplified() -> dict[int, str]:
    """OpenCC's t2s conversion of every Han character on its own, kept where it is 1 → 1."""
    import opencc  # imported lazily: only the first normalize() call pays for it

    characters = [chr(code) for low, high in _CONVERTED_RANGES for code in range(low, high + 1)]
    # One call for all characters: a newline keeps OpenCC from matching multi-character phrases.
    converted = opencc.OpenCC("t2s").convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):  # a conversion swallowed a newline: trust nothing
        return {}
    return {
        ord(source): target
        for source, target in zip(characters, converted, strict=True)
        if len(target) == 1 and target != source
    }


def _fold_one(code: int) -> str | None:
    """A character's case folding when it is one other character (ß: its 1:1 lower-casing)."""
    folded = chr(code).casefold()
    if len(folded) != 1:
        folded = chr(code).lower()  # e.g. ß: keep a 1:1 lower-casing, or the char itself
    return folded if len(folded) == 1 and folded != chr(code) else None


def _case_folds() -> dict[int, str]:
    """`_fold_one` of every code point, found a block at a time (a Python call per code point
    took a second of every process start)."""
    table: dict[int, str] = {}
    for low in range(0, 0x110000, _BLOCK):
        _fold_block(table, low, _BLOCK)
    return table


def _fold_block(table: dict[int, str], low: int, size: int) -> None:
    """Where folding a block keeps its length, every character folded to one character and
    NumPy finds the changed ones; other blocks are halved down to a character at a time."""
    if low <= 0xDFFF and low + size > 0xD800:  # surrogates are no characters: skip them
        if low >= 0xD800 and low + size <= 0xE000:
            return
        _fold_block(table, low, size // 2)
        _fold_block(table, low + size // 2, size // 2)
        return
    before = np.arange(low, low + size, dtype=np.uint32)
    block = before.astype("<u4").tobytes().decode("utf-32-le")
    folded = block.casefold()
    if len(folded) == len(block):
        after = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
        for offset in np.flatnonzero(before != after).tolist():
            table[low + offset] = folded[offset]
    elif size <= _SMALLEST:
        for code in range(low, low + size):
            value = _fold_one(code)
            if value is not None:
                table[code] = value
    else:
        _fold_block(table, low, size // 2)
        _fold_block(table, low + size // 2, size // 2)


def _build_table() -> dict[int, str]:
    """The translate table behind normalize(): every entry maps one character to one character."""
    table = _case_folds()
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms → ASCII, then case-folded
        table[code] = chr(code - 0xFEE0).lower()
    table[0x3000] = " "  # ideographic space
    for code in range(0xFFE0, 0xFFEF):  # full-width ￥ ￠ and half-width forms, when 1:1
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1:
            table[code] = folded
    simplified = _traditional_to_simplified()
    table.update(simplified)
    for code in range(0xF900, 0xFB00):  # compatibility ideographs → unified twin → simplified
        unified = unicodedata.normalize("NFKC", chr(code))
        if len(unified) == 1 and unified != chr(code):
            table[code] = simplified.get(ord(unified), unified)
    return table


@functools.cache
def table_key() -> str:
    """What the normalization table comes from: this code, OpenCC and Python's Unicode data
    (the words taught to jieba are cached under it too: their normalized forms come from it)."""
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return cache_key("normalize", source, _opencc_identity(), unicodedata.unidata_version)


def _cached_table() -> dict[int, str]:
    """`_build_table()` read from the cache when `table_key()` made it (building it is a tenth
    of a second of every process start)."""
    key = table_key()
    cached = read_cached("normalize", key)
    if cached is not None and all(len(pair) == 2 for pair in cached[0]):
        return {ord(pair[0]): pair[1] for pair in cached[0]}
    table = _build_table()
    write_cached("normalize", key, [chr(code) + value for code, value in table.items()], b"", {})
    return table


def _opencc_identity() -> list:
    """What OpenCC's conversion comes from, found without importing it: its module's text and
    the names and sizes of its files. Not their path or time, so that every virtual environment
    of the same OpenCC shares one cached table (several pushed each other's out of the cache)."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.origin:
        return []
    origin = Path(spec.origin)
    files = []
    for folder, folders, names in os.walk(origin.parent):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        relative = os.path.relpath(folder, origin.parent)
        files += [(relative, name, os.stat(os.path.join(folder, name)).st_size) for name in names]
    return [hashlib.sha256(origin.read_bytes()).hexdigest(), sorted(files)]


def _normalization_table() -> dict[int, str]:
    global _table
    if _table is None:
        with _table_lock:
            if _table is None:
                _table = _cached_table()
    return _table


def normalize(text: str) -> str:
    """Width-, case- and script-folded text with exactly one output char per input char."""
    return text.translate(_normalization_table())


def _han_folds() -> tuple[dict[int, str], tuple[re.Pattern[str], re.Pattern[str]]]:
    """The script folding part of the normalization table, and two classes of the characters
    it changes: those of the Basic Multilingual Plane and those beyond it (`has_traditional`).
    Characters of the simplified character set (GB2312) are left alone: 乾 (乾县), 於, 後 are
    written in simplified text too, and folding them would rename a place (干县) that the
    vocabularies spell as written."""
    global _han_table, _han_search
    if _han_table is None or _han_search is None:
        table = {
            code: target
            for code, target in _normalization_table().items()
            if _HAN_CHAR.match(chr(code)) and not _is_simplified_set(chr(code))
        }
        basic = "".join(chr(code) for code in sorted(table) if code <= 0xFFFF)
        astral = "".join(chr(code) for code in sorted(table) if code > 0xFFFF)
        classes = (f"[{re.escape(basic)}]", f"[{re.escape(astral)}]" if astral else "(?!)")
        _han_table, _han_search = table, (re.compile(classes[0]), re.compile(classes[1]))
    return _han_table, _han_search


def _is_simplified_set(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def simplified(text: str) -> str:
    """Only the script folding of normalize(): traditional Han characters (and compatibility
    ideographs) outside the simplified character set as simplified ones, one for one; width,
    case and everything else as written."""
    return text.translate(_han_folds()[0])


def has_traditional(text: str) -> bool:
    """Whether `simplified(text)` would change `text` (a search, a tenth of the cost of
    translating, and almost no news text needs translating)."""
    # `re` keeps a class's Basic Multilingual Plane characters as a bitmap, looked up in one
    # step, but tests the characters beyond it one by one: one class of both sent every
    # character through the few hundred astral ones (30 times slower). A numpy mask over every
    # code point cost more in a build, whose other work pushes the 1 MB mask out of the
    # processor's cache (docs/entities.md, "Speed").
    basic, astral = _han_folds()[1]
    if basic.search(text) is not None:
        return True
    return _ASTRAL.search(text) is not None and astral.search(text) is not None


def is_han(text: str) -> bool:
    """Whether `text` contains at least one Han character."""
    return _HAN_CHAR.search(text) is not None


# `\s` of a str pattern is `str.isspace()` (both are Py_UNICODE_ISSPACE; a test checks every
# code point): one C pass instead of a generator over every character of every paragraph.
_SPACES = re.compile(r"\s+")


def plain_text(text: str) -> str:
    """Normalized text without whitespace: what the exact field's n-grams are cut from."""
    return _SPACES.sub("", normalize(text))


_NOT_WORD = re.compile(r"\W+")


def reprint_key(plain: str) -> int:
    """A paragraph's near-identity as a non-zero signed 64-bit number: two paragraphs are
    near-identical (a reprint) when their plain texts agree once punctuation is dropped."""
    digest = hashlib.blake2b(_NOT_WORD.sub("", plain).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True) or 1
