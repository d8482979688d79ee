"""Cached tables (search/text/cache_files.py): the normalization table read from the cache
normalizes every character as the table built from scratch does; a damaged file is rebuilt."""

from __future__ import annotations

from pathlib import Path

from corpus_fixtures import run_script

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
