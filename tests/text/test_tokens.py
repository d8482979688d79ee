"""Normalization, jieba word tokens and exact n-grams as the index and the query see them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from corpus_fixtures import ANALYZER_TRAPS
from hypothesis import given
from hypothesis import strategies as st

from search.text.normalize import has_traditional, normalize, plain_text, simplified
from search.text.tokens import add_words, exact_query_terms, exact_tokens, word_terms, word_tokens

# Han code points: extension A, the unified ideographs, compatibility ideographs, 〇, B to H.
HAN_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x3007, 0x3007),
    (0x20000, 0x3134F),
)


def texts(tokens) -> list[str]:
    return [token.text for token in tokens]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＩ芯片", "ai芯片"),
        ("２０２３年", "2023年"),
        ("高新區管委會", "高新区管委会"),
        ("COP15　大会", "cop15 大会"),  # ideographic space becomes a plain space
        ("Straße", "straße"),  # ß folds to "ss" (two chars): kept, so offsets survive
    ],
)
def test_normalize_folds_width_case_and_traditional(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@given(st.text(max_size=40))
def test_normalize_keeps_one_char_per_char(raw: str) -> None:
    assert len(normalize(raw)) == len(raw)


def _case_folding(code: int) -> str:
    """The case rule of normalize() for one character: its folding, else its lower-casing, when
    either is one character; else the character itself."""
    for folded in (chr(code).casefold(), chr(code).lower()):
        if len(folded) == 1:
            return folded
    return chr(code)


def test_normalize_case_folds_every_character_outside_the_width_and_han_rules() -> None:
    special = [(0x3000, 0x3000), (0x3400, 0x9FFF), (0xD800, 0xDFFF), (0xF900, 0xFAFF)]
    special += [(0xFF01, 0xFF5E), (0xFFE0, 0xFFEE), (0x20000, 0x2A6DF)]
    codes = [
        code for code in range(0x110000) if not any(low <= code <= high for low, high in special)
    ]
    everything = "".join(map(chr, codes))
    assert normalize(everything) == "".join(map(_case_folding, codes))


def test_word_tokens_offsets_point_at_the_original_surface() -> None:
    raw = "ＡＩ芯片落户高新區，国发〔2020〕7号提出“1+2+1”。"
    tokens = word_tokens(raw)
    for token in tokens:
        assert normalize(raw[token.start : token.end]) == token.text
    assert [token.position for token in tokens] == list(range(len(tokens)))
    assert [raw[token.start : token.end] for token in tokens][:2] == ["ＡＩ", "芯片"]


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("5G网络覆盖", "5g"),
        ("COP15大会", "cop15"),
        ("构建1+2+1产业格局", "1+2+1"),
        ("ABL5-3基因突变", "abl5-3"),
        ("国发〔2020〕7号", "7"),
        ("国发〔2020〕7号", "2020"),
        ("增长3.5个百分点", "3.5"),
    ],
)
def test_latin_digit_and_mixed_tokens_stay_whole(raw: str, kept: str) -> None:
    assert kept in texts(word_tokens(raw))


def test_punctuation_and_whitespace_make_no_word_token() -> None:
    assert texts(word_tokens("“高新区” ， 。 —— 〔 〕")) == ["高新区"]


def test_a_known_word_is_one_token_not_its_pieces() -> None:
    words = texts(word_tokens("马克思主义者认为马克思是伟大的"))
    assert "马克思" in words
    assert "马克" not in words


def test_query_and_index_modes_cut_a_phrase_alike() -> None:
    # An unknown name falls apart into the same pieces in a paragraph and in a query,
    # so a phrase query on the word field lines up with the paragraph's positions.
    paragraph = texts(word_tokens("琪瑶高科技园区今年新增企业", mode="index"))
    query = texts(word_tokens("琪瑶", mode="query"))
    start = paragraph.index(query[0])
    assert paragraph[start : start + len(query)] == query


@pytest.mark.parametrize(
    "raw",
    [
        *ANALYZER_TRAPS.values(),
        "臺北高新區管委會發佈新政策。ＡＩ芯片 1+2+1 covid_19 3.5亿元",
        "",
        "，。 ！",
    ],
)
def test_word_terms_are_the_texts_of_the_word_tokens(raw: str) -> None:
    assert word_terms(raw) == [token.text for token in word_tokens(raw)]


@given(st.text(alphabet="高新区技术开发园ＡＢab12+-._/ ，。臺區", max_size=30))
def test_word_terms_agree_with_word_tokens_on_any_text(raw: str) -> None:
    assert word_terms(raw) == [token.text for token in word_tokens(raw)]


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        word_tokens("高新区", mode="search")


def test_add_words_teaches_a_park_name_also_in_traditional_script() -> None:
    name = "青禾湾科创谷"
    assert texts(word_tokens(f"{name}开园")) != [name, "开园"]
    add_words([("青禾灣科創谷", None, "ns")])
    assert texts(word_tokens(f"{name}开园")) == [name, "开园"]
    assert texts(word_tokens("青禾灣科創谷开园")) == [name, "开园"]


def test_tokenizing_from_several_threads_gives_the_same_words() -> None:
    paragraph = "中关村科技园区与张江高科技园区共建新技术开发区，5G与AI芯片齐头并进。" * 5
    expected = word_tokens(paragraph)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: word_tokens(paragraph), range(16)))
    assert all(result == expected for result in results)


def test_exact_tokens_are_unigrams_and_bigrams_skipping_whitespace() -> None:
    tokens = exact_tokens("张江 高科")
    assert [(t.text, t.position) for t in tokens] == [
        ("张", 0),
        ("张江", 0),
        ("江", 1),
        ("江高", 1),
        ("高", 2),
        ("高科", 2),
        ("科", 3),
    ]
    bridge = next(token for token in tokens if token.text == "江高")
    assert "张江 高科"[bridge.start : bridge.end] == "江 高"


def test_exact_query_terms_chain_bigrams() -> None:
    assert exact_query_terms("新技术") == ["新技", "技术"]
    assert exact_query_terms("區") == ["区"]
    assert exact_query_terms("Ａ I") == ["ai"]
    assert exact_query_terms("  ") == []


def test_plain_text_drops_exactly_the_characters_python_calls_whitespace() -> None:
    # Every code point: the exact field's n-grams and Ctrl+F checks are cut from this text.
    every = "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF)
    expected = "".join(char for char in normalize(every) if not char.isspace())
    assert plain_text(every) == expected
    assert plain_text("西安 高新区\u3000签约\n\t2024") == "西安高新区签约2024"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("福州新區發展生物醫藥", "福州新区发展生物医药"),
        ("ＡＩ芯片 AI 5G 產業", "ＡＩ芯片 AI 5G 产业"),  # width and case as written
        ("张江高新区集成电路", "张江高新区集成电路"),
        ("陕西乾县经济开发区於后", "陕西乾县经济开发区於后"),  # simplified characters too
        ("", ""),
    ],
)
def test_the_tagger_s_script_folding_changes_only_traditional_characters(text, expected) -> None:
    assert simplified(text) == expected
    assert len(simplified(text)) == len(text)
    assert has_traditional(text) == (expected != text)


def test_every_han_character_is_found_folded_or_not_as_simplified_folds_it() -> None:
    """`has_traditional` searches two classes (the Basic Multilingual Plane's folded
    characters, and those beyond it only when the text has such a character): it agrees with
    `simplified` on every Han code point, on either side of the plane's end."""
    for low, high in HAN_RANGES:
        for code in range(low, high + 1):
            character = chr(code)
            assert has_traditional(character) == (simplified(character) != character)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("张江高新区𠀀集成电路😀", False),  # characters beyond the plane that are not folded
        ("张江高新区𠀀集成电路𠁞", True),  # …and one that is (U+2005E → U+2003E)
        ("𠁞", True),
        ("福州新區", True),
    ],
)
def test_a_folded_character_is_found_among_others_beyond_the_plane(text, folded) -> None:
    assert has_traditional(text) == folded == (simplified(text) != text)
