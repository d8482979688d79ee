"""The tagger's Viterbi decoding of unknown characters gives what jieba's own gives: the same
part-of-speech states for every character, so names are cut and tagged as before."""

from __future__ import annotations

import random

import pytest

from search.entities.viterbi import viterbi
from search.text.dictionary_cache import import_posseg

posseg = import_posseg()
TABLES = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
NEWS = (
    "沣东新城管委会",
    "贵安新区",
    "亦庄经开区的西咸",
    "埃地沃兹真空泵",
    "鄂尔多斯",
    "阿斯利康",
    "乌鲁木齐甘泉堡",
    "韩",
    "科技信贷风投",
)


@pytest.mark.parametrize("text", NEWS)
def test_names_get_jiebas_states(text) -> None:
    assert viterbi(text, *TABLES) == posseg.viterbi(text, *TABLES)


def test_random_runs_of_characters_get_jiebas_states() -> None:
    characters = "".join(NEWS) + "的一是在不了有和人这中大为上个国我以要他时来用们生到作地"
    draw = random.Random(13)
    for _ in range(150):
        text = "".join(draw.choice(characters) for _ in range(draw.randint(1, 12)))
        assert viterbi(text, *TABLES) == posseg.viterbi(text, *TABLES), text


def test_characters_jieba_s_state_table_does_not_know_get_jiebas_states() -> None:
    """Such a character may take any of the 256 states: the candidates are found through each
    state's previous states (the transition table read backwards), not jieba's union."""
    unknown = "犇猋骉嫑氼玊頔罍甦琍鋆珅"
    assert not any(character in posseg.char_state_tab_P for character in unknown)
    draw = random.Random(15)
    for _ in range(20):
        mixed = unknown + "沣东新城管委会贵安"
        text = "".join(draw.choice(mixed) for _ in range(draw.randint(1, 8)))
        assert viterbi(text, *TABLES) == posseg.viterbi(text, *TABLES), text
