"""jieba's dictionary, part-of-speech table and taught words read from the cache give exactly
the tokens, tags and entity tags jieba's own loading gives; a damaged or foreign cache file is
never trusted."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from corpus_fixtures import PROJECT_ROOT, run_script

_SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))

# Prints, for the seed texts: their word tokens, jieba.posseg's tags of their sentences (through
# the tagger's segmenter and through jieba's own default), and the tagger's tags of them.
_TOKENS = """
import json, os, sys
os.environ["GAOXIN_CACHE_DIR"] = sys.argv[1]
from search.entities.pos import WindowSegmenter
from search.entities.tagger import Tagger
from search.text.tokens import word_tokens
import jieba.posseg
texts = [open(path, encoding="utf-8").read() for path in sys.argv[2:]]
sentences = [s for text in texts for s in text.split("。") if s.strip()][:60]
segmenter = WindowSegmenter()
tagger = Tagger.load()
print(json.dumps({
    "tokens": [[token.text for token in word_tokens(text)] for text in texts],
    "segments": [segmenter.words(sentence) for sentence in sentences],
    "default": [[tuple(pair) for pair in jieba.posseg.lcut(s)] for s in sentences[:20]],
    "tags": [repr(tagger.tag_text(sentence)) for sentence in sentences],
}, ensure_ascii=False))
"""


def _analysis(cache: Path) -> dict:
    result = run_script(_TOKENS, str(cache), *map(str, _SEEDS))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _jieba_tables(cache: Path) -> list[Path]:
    return sorted(cache.glob("jieba-*"))


@pytest.fixture(scope="module")
def without_cache(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """jieba's own loading: a cache directory that cannot be made (its parent is a file)."""
    blocker = tmp_path_factory.mktemp("no-cache") / "file"
    blocker.write_text("", encoding="utf-8")
    analysis = _analysis(blocker / "cache")
    assert analysis["tokens"] and all(analysis["tokens"]) and analysis["segments"]
    return analysis


def test_the_cache_changes_no_token_or_tag(without_cache: dict, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _analysis(cache) == without_cache  # made by this run
    # The mapped dictionary, the part-of-speech tags and the vocabulary the tagger teaches.
    assert [path.name.rsplit("-", 1)[0] for path in _jieba_tables(cache)] == [
        "jieba-dictionary",
        "jieba-tags",
        "jieba-taught",
    ]
    assert _analysis(cache) == without_cache  # read from the cache


def _cut_short(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _other_dictionary(data: bytes) -> bytes:
    return data.replace(b'"key": "', b'"key": "0', 1)


def _garbage(data: bytes) -> bytes:
    return b"not a cache file at all"


def _wrong_count(data: bytes) -> bytes:
    return data.replace(b'"count": ', b'"count": 1', 1)


@pytest.mark.parametrize(
    "damages",
    [(_cut_short, _other_dictionary, _wrong_count), (_garbage, _wrong_count, _cut_short)],
)
def test_a_damaged_cache_is_not_trusted(without_cache: dict, tmp_path: Path, damages) -> None:
    cache = tmp_path / "cache"
    _analysis(cache)
    good = {path: path.read_bytes() for path in _jieba_tables(cache)}
    for path, damage in zip(sorted(good), damages, strict=True):
        path.write_bytes(damage(good[path]))
    assert _analysis(cache) == without_cache
    assert {path: path.read_bytes() for path in _jieba_tables(cache)} == good  # written again


def test_a_reinstalled_jieba_reads_the_tables_cached_before(tmp_path: Path) -> None:
    """Another virtual environment (or a reinstall) of the same jieba has the same dictionary
    under a new path and time: it reads the tables already made instead of making its own."""
    cache = tmp_path / "cache"
    _analysis(cache)
    made = _jieba_tables(cache)
    dictionary = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    status = dictionary.stat()
    os.utime(dictionary, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    try:
        _analysis(cache)
    finally:
        os.utime(dictionary, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert _jieba_tables(cache) == made


# Teaches jieba one word in a cache directory; `another` stands for another normalization table
# (another OpenCC or normalize.py), whose normalized forms of the words would differ.
_TEACH = """
import os, sys
os.environ["GAOXIN_CACHE_DIR"] = sys.argv[1]
from search.text import normalize
if sys.argv[2] == "another":
    normalize.table_key = lambda: "another normalization table"
from search.text.tokens import add_words, word_tokens
add_words([("蓝色硅谷核心区", 50, "ns")])
print(" ".join(token.text for token in word_tokens("青岛蓝色硅谷核心区建设")))
"""


def test_taught_words_are_replayed_only_under_the_normalization_table_they_were_taught_with(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    for table in ("this", "this", "another"):
        result = run_script(_TEACH, str(cache), table)
        assert result.returncode == 0, result.stderr
        assert "蓝色硅谷核心区" in result.stdout.split()
    assert len(list(cache.glob("jieba-taught-*"))) == 2  # taught again, not replayed
