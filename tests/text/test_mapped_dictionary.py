"""jieba's dictionary read from the memory-mapped table, and taught words replayed from the
cache, cut every text exactly as jieba's own loading and `add_word` do; the mapped
part-of-speech tags are jieba's own."""

from __future__ import annotations

import re
from pathlib import Path

import jieba.posseg
import pytest

from search.text.dictionary_cache import dictionary_key, jieba, load_frequencies, tag_table
from search.text.mapped_dictionary import MappedFrequencies, cached_path
from search.text.mapped_tags import MappedTags
from search.text.normalize import HAN_CLASS, normalize
from search.text.segment import han_words
from search.text.teaching import batch_key, teach

_SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_WORDS = [("蓝色硅谷核心区", 50, "ns"), ("高新区管委会", None, "nt"), ("研究研究", 0, None)]


def _seed_runs() -> list[str]:
    texts = (path.read_text(encoding="utf-8") for path in sorted(_SEEDS.glob("*.txt")))
    return sorted({run for text in texts for run in _HAN_RUN.findall(normalize(text))})


def _mapped() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    load_frequencies(tokenizer)
    assert isinstance(tokenizer.FREQ, MappedFrequencies)
    return tokenizer


@pytest.fixture(scope="module")
def own() -> jieba.Tokenizer:
    """jieba's own loading of its dictionary into a dict (not our cache)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def test_the_mapped_table_holds_jiebas_dictionary_word_for_word(own: jieba.Tokenizer) -> None:
    mapped = _mapped()
    assert mapped.total == own.total
    assert len(mapped.FREQ) == len(own.FREQ)
    assert all(mapped.FREQ.get(word) == frequency for word, frequency in own.FREQ.items())
    assert list(mapped.FREQ.as_dict().items()) == list(own.FREQ.items())  # jieba's order too
    for absent in ("高新区的的", "x", "", "\ud800"):
        assert absent not in mapped.FREQ
        assert mapped.FREQ.get(absent, 7) == 7


def test_every_seed_run_cuts_as_jiebas_own_dictionary_cuts_it(own: jieba.Tokenizer) -> None:
    mapped, runs = _mapped(), _seed_runs()
    assert len(runs) > 1_000
    expected = [list(own.cut(run, HMM=False)) for run in runs]
    assert [han_words(mapped, run) for run in runs] == expected
    assert [list(mapped.cut(run, HMM=False)) for run in runs] == expected


def test_a_damaged_table_is_made_again(
    own: jieba.Tokenizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table cut short inside its words, or overwritten after its header (same length, the
    key intact), is not used: jieba's own loading makes it again, and texts cut the same."""
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(tmp_path))
    _mapped()
    path = cached_path(dictionary_key())
    made = path.read_bytes()
    runs = ["青岛蓝色硅谷核心区建设", *_seed_runs()[:200]]
    for damaged in (made[:-100], made[:4096] + b"\xff" * (len(made) - 4096)):
        path.unlink()  # a new file: the tables mapped before keep theirs whole
        path.write_bytes(damaged)
        tokenizer = _mapped()
        assert [han_words(tokenizer, run) for run in runs] == [
            list(own.cut(run, HMM=False)) for run in runs
        ]
        assert path.read_bytes() == made


def _taught_by_jieba(own: jieba.Tokenizer) -> jieba.Tokenizer:
    """jieba's own add_word on a copy of its dict, as add_words taught before the cache."""
    plain = jieba.Tokenizer()
    plain.FREQ, plain.total, plain.initialized = dict(own.FREQ), own.total, True
    for word, frequency, tag in _WORDS:
        plain.add_word(word, freq=frequency, tag=tag)
    return plain


def test_taught_words_are_replayed_as_jieba_taught_them(
    own: jieba.Tokenizer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(tmp_path))
    expected = _taught_by_jieba(own)
    key = batch_key("a state", _WORDS)
    first, second = _mapped(), _mapped()
    taught_first: set[str] = set()
    teach(first, _WORDS, taught_first, key)  # taught through jieba, then cached
    assert list(tmp_path.glob("jieba-taught-*"))
    taught_second: set[str] = set()
    teach(second, _WORDS, taught_second, key)  # replayed from the cache
    for tokenizer, taught in ((first, taught_first), (second, taught_second)):
        assert taught == {word for word, _, _ in _WORDS}
        assert tokenizer.total == expected.total
        assert tokenizer.FREQ.as_dict() == expected.FREQ
        assert tokenizer.user_word_tag_tab == expected.user_word_tag_tab
        for run in ("青岛蓝色硅谷核心区建设", "高新区管委会研究研究", *_seed_runs()[:300]):
            assert han_words(tokenizer, run) == list(expected.cut(run, HMM=False)), run


def test_a_batch_taught_in_another_state_is_not_replayed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(tmp_path))
    first, second = _mapped(), _mapped()
    teach(first, _WORDS[:1], set(), batch_key("one state", _WORDS[:1]))
    teach(second, _WORDS[1:], set(), batch_key("one state", _WORDS[1:]))
    assert "蓝色硅谷核心区" in first.FREQ
    assert "蓝色硅谷核心区" not in second.FREQ
    assert "高新区管委会" in second.FREQ


def test_the_mapped_tag_table_holds_jiebas_tags_word_for_word() -> None:
    """jieba.posseg's word -> tag table read from the mapped one: every dictionary word's tag,
    "x" (posseg's default) for others, and tags given later kept by that table alone."""
    own = jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab  # read from jieba's file
    mapped, other = tag_table(), tag_table()
    assert isinstance(mapped, MappedTags)
    assert len(mapped) == len(own)
    assert all(mapped.get(word, "x") == tag for word, tag in own.items())
    for absent in ("高新区的的", "x", "", "\ud800"):
        assert absent not in mapped
        assert mapped.get(absent, "x") == "x"
    mapped.update({"蓝色硅谷核心区": "ns", "高新": "nz"})
    assert (mapped.get("蓝色硅谷核心区"), mapped["高新"]) == ("ns", "nz")
    assert "蓝色硅谷核心区" not in other
    assert other["高新"] == own["高新"]
