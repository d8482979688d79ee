"""Cached tables (search/text/cache_files.py): the normalization table read from the cache
normalizes every character as the table built from scratch does; a damaged file is rebuilt."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from corpus_fixtures import run_script

from search.text.cache_files import KEEP, cache_key, read_cached, write_cached

# Prints a digest of every code point normalized (surrogates are no characters).
_NORMALIZED = """
import hashlib, os, sys
os.environ["GAOXIN_CACHE_DIR"] = sys.argv[1]
from search.text.normalize import normalize
text = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
print(hashlib.sha256(normalize(text).encode("utf-8", "surrogatepass")).hexdigest())
"""


def _normalized(cache: Path) -> str:
    result = run_script(_NORMALIZED, str(cache))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_cached_normalization_table_normalizes_every_character_alike(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    built = _normalized(blocker / "cache")  # no cache can be made: built from scratch
    cache = tmp_path / "cache"
    assert _normalized(cache) == built
    (table,) = cache.iterdir()
    assert _normalized(cache) == built  # read from the cache
    table.write_bytes(table.read_bytes()[:-100])  # damaged: ignored and made again
    assert _normalized(cache) == built
    assert _normalized(cache) == built


def test_a_reinstalled_opencc_reads_the_table_cached_before(tmp_path: Path) -> None:
    """Another virtual environment (or a reinstall) of the same OpenCC has the same files under
    a new path and time: it reads the normalization table already made."""
    cache = tmp_path / "cache"
    built = _normalized(cache)
    made = sorted(cache.iterdir())
    module = Path(importlib.util.find_spec("opencc").origin)
    status = module.stat()
    os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    try:
        assert _normalized(cache) == built
    finally:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert sorted(cache.iterdir()) == made


def test_the_cache_keeps_a_few_tables_per_name(tmp_path: Path, monkeypatch) -> None:
    # Every jieba install and every edited vocabulary file makes a new table: old ones go.
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(tmp_path))
    write_cached("other", cache_key("other"), ["word"], b"", {})
    keys = [cache_key("table", number) for number in range(KEEP + 3)]
    for number, key in enumerate(keys):
        write_cached("table", key, ["word", str(number)], b"", {})
        assert read_cached("table", key) is not None  # the newest is always kept
        (written,) = tmp_path.glob(f"table-{key[:16]}.table")
        os.utime(written, (1_000_000 + number, 1_000_000 + number))  # used in this order
    assert len(list(tmp_path.glob("table-*"))) == KEEP
    assert read_cached("table", keys[0]) is None
    assert read_cached("other", cache_key("other")) is not None  # other names untouched
    assert (
        sorted(path.name.split("-")[0] for path in tmp_path.iterdir())
        == ["other"] + ["table"] * KEEP
    )  # and no temporary file is left behind
