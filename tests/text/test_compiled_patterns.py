"""A pattern read from the compiled-pattern cache is the pattern `re.compile` makes (same source,
flags, groups and SRE code); an edited phrase list makes a new one; a damaged file is made again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.entities.phrases import compile_phrases, phrase_pattern
from search.text.compiled_patterns import cached_pattern, pattern_key

SOURCES = [
    r"(?P<year>\d{4})年(\d{1,2})月",
    r"(?i)gaoxin(?=区)|(?<!高)新区",
    r"《[^《》]*(规划|纲要)(（[^《》]*）)?》",
    phrase_pattern(["高新区", "高新技术产业开发区", "中关村", "中关村科技园区", "张江"]),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(tmp_path))
    return tmp_path


def _same_as_compiled(pattern: re.Pattern[str], source: str) -> None:
    compiled = re.compile(source)
    # Pattern equality compares the source, the flags and the SRE code itself.
    assert pattern == compiled
    assert (pattern.groups, pattern.groupindex) == (compiled.groups, compiled.groupindex)


@pytest.mark.parametrize("source", SOURCES)
def test_a_cached_pattern_is_the_compiled_pattern(cache: Path, source: str) -> None:
    key = pattern_key("test", source)
    made = cached_pattern("test", key, lambda: source)
    read = cached_pattern("test", key, lambda: pytest.fail("compiled again"))
    for pattern in (made, read):
        _same_as_compiled(pattern, source)
    text = "2024年3月，中关村科技园区与张江高新区GAOXIN区，印发《发展规划（2021）》"
    assert [m.groups() for m in read.finditer(text)] == [
        m.groups() for m in re.finditer(source, text)
    ]


def test_an_edited_phrase_list_is_compiled_again(cache: Path) -> None:
    before = compile_phrases(["光谷", "张江"], "parks")
    after = compile_phrases(["光谷", "张江", "张江科学城"], "parks")
    assert [match.group() for match in before.finditer("张江科学城")] == ["张江"]
    assert [match.group() for match in after.finditer("张江科学城")] == ["张江科学城"]
    again = compile_phrases(["光谷", "张江"], "parks")
    assert [match.group() for match in again.finditer("张江科学城")] == ["张江"]
    assert len(list(cache.glob("pattern-parks-*"))) == 2


def _cut_short(data: bytes) -> bytes:
    return data[: len(data) - 7]


def _one_code_word_changed(data: bytes) -> bytes:
    return data[:-4] + bytes([data[-4] ^ 1]) + data[-3:]


def _garbage(data: bytes) -> bytes:
    return b"gaoxin-compiled-pattern 1\n{}\n"


@pytest.mark.parametrize("damage", [_cut_short, _one_code_word_changed, _garbage])
def test_a_damaged_cache_file_is_made_again(cache: Path, damage) -> None:
    source = SOURCES[-1]
    key = pattern_key("test", source)
    cached_pattern("test", key, lambda: source)
    (path,) = cache.glob("pattern-test-*")
    good = path.read_bytes()
    path.write_bytes(damage(good))
    _same_as_compiled(cached_pattern("test", key, lambda: source), source)
    assert path.read_bytes() == good


def test_without_a_cache_directory_patterns_are_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(blocker / "cache"))
    source = SOURCES[0]
    _same_as_compiled(cached_pattern("test", pattern_key("test", source), lambda: source), source)
