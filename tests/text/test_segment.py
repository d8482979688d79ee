"""The build's cut of Han runs is jieba's own (precise mode, no HMM), word for word."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from search.text.dictionary_cache import jieba
from search.text.normalize import HAN_CLASS, normalize
from search.text.segment import han_words
from search.text.tokens import add_words, tokenizer

_SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")


def _jieba(run: str) -> list[str]:
    return list(tokenizer().cut(run, HMM=False))


def test_every_han_run_of_the_seed_articles_is_cut_as_jieba_cuts_it() -> None:
    runs = {
        run
        for path in sorted(_SEEDS.glob("*.txt"))
        for run in _HAN_RUN.findall(normalize(path.read_text(encoding="utf-8")))
    }
    assert len(runs) > 1_000
    different = [run for run in runs if han_words(tokenizer(), run) != _jieba(run)]
    assert different == []


def test_taught_words_and_characters_outside_jiebas_block_cut_as_jieba_does() -> None:
    add_words([("蓝色硅谷核心区", 50, "ns")])  # changes the dictionary and its total
    for run in ("青岛蓝色硅谷核心区建设", "〇一二三", "㐀㐁高新区", "𠀀园区", "区", "研究研究研究"):
        assert han_words(tokenizer(), run) == _jieba(run), run


@given(st.text(alphabet="高新技术产业开发区园科创中国人民政府发展研究所", min_size=1, max_size=30))
def test_any_run_of_common_characters_cuts_as_jieba_does(run: str) -> None:
    assert han_words(tokenizer(), run) == _jieba(run)


def test_a_tie_goes_to_the_longer_word_as_in_jieba(tmp_path: Path) -> None:
    # 甲乙 scores log(1/9), 甲 then 乙 log(3/9) + log(3/9): the same float, and jieba takes
    # the longer word.
    dictionary = tmp_path / "dictionary.txt"
    dictionary.write_text("甲 3\n乙 3\n甲乙 1\n丙 2\n", encoding="utf-8")
    small = jieba.Tokenizer(str(dictionary))
    small.tmp_dir = str(tmp_path)  # its cache file goes there, not to /tmp
    small.initialize()
    assert list(small.cut("甲乙丙甲乙", HMM=False)) == ["甲乙", "丙", "甲乙"]
    assert han_words(small, "甲乙丙甲乙") == ["甲乙", "丙", "甲乙"]
