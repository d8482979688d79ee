"""Highlights as a reader sees them: whole words marked, exact text marked, everything escaped."""

from __future__ import annotations

import bisect
import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.engine.highlight import find_spans, mark_all, snippet
from search.text.normalize import is_han, normalize
from search.text.tokens import add_words, word_tokens


def marked(text: str, terms=(), phrases=()) -> list[str]:
    return [text[start:end] for start, end in find_spans(text, terms, phrases)]


def test_a_name_is_marked_whole_never_in_part() -> None:
    text = "马克思主义者认为马克思是伟大的思想家。"
    assert marked(text, terms=["马克思"]) == ["马克思", "马克思"]
    assert "<mark>马克思</mark>是伟大的" in mark_all(text, find_spans(text, ["马克思"], []))


def test_a_term_inside_a_longer_word_marks_the_term_itself() -> None:
    assert marked("马克思主义者", terms=["马克"]) == ["马克"]
    assert marked("张江高科技园区", terms=["张江"]) == ["张江"]


def test_a_term_crossing_a_word_boundary_widens_to_whole_words() -> None:
    # jieba cuts 新 | 技术开发区: the word match covers both words, the phrase only the text.
    assert marked("入驻新技术开发区", terms=["新技术"]) == ["新技术开发区"]
    assert marked("入驻新技术开发区", phrases=["新技术"]) == ["新技术"]


def test_matching_folds_width_case_and_script() -> None:
    text = "ＡＩ芯片落户台北高新區，Ai实验室"
    assert marked(text, terms=["ai", "高新区"]) == ["ＡＩ", "高新區", "Ai"]
    assert marked(text, phrases=["高新区，ai"]) == ["高新區，Ai"]


def test_latin_terms_mark_whole_tokens_only() -> None:
    text = "He said AI chips and AIGC tools"
    assert marked(text, terms=["ai"]) == ["AI"]
    assert marked(text, phrases=["ai"]) == ["ai", "AI", "AI"]
    assert marked("构建1+2+1格局，2020年", terms=["1+2+1", "2"]) == ["1+2+1"]


def test_phrases_match_across_whitespace_like_the_exact_field() -> None:
    assert marked("张江 高科技园区", phrases=["张江高科"]) == ["张江 高科"]


def test_adjacent_marks_join_into_one() -> None:
    text = "马克思主义者认为"
    assert (
        mark_all(text, find_spans(text, ["马克思", "主义"], [])) == "<mark>马克思主义</mark>者认为"
    )


def test_everything_but_mark_is_escaped() -> None:
    text = '<script>alert("高新区")</script> & <b>高新区</b>'
    rendered = mark_all(text, find_spans(text, ["高新区"], []))
    assert "<script>" not in rendered and "<b>" not in rendered
    assert re.findall(r"</?[a-z]+>", rendered) == ["<mark>", "</mark>"] * 2
    assert snippet(text, find_spans(text, ["高新区"], [])) == rendered


LONG = "这是一段铺垫文字。" * 20 + "张江高科技园区发布新政策。" + "后续说明文字，" * 20


def test_snippet_centres_on_the_match_and_shows_cuts() -> None:
    result = snippet(LONG, find_spans(LONG, ["张江"], []))
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>张江</mark>高科技园区发布新政策" in result
    plain = result.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert 100 <= len(plain) <= 130
    assert plain in LONG


def test_snippet_prefers_the_densest_cluster_of_matches() -> None:
    text = "高新区" + "无关内容。" * 40 + "高新区与高新区、高新区" + "结尾。" * 40
    result = snippet(text, find_spans(text, ["高新区"], []), width=60)
    assert result.count("<mark>") == 3


def test_snippet_never_cuts_a_marked_word_at_its_edges() -> None:
    text = "甲" * 100 + "马克思主义" + "乙" * 100
    spans = find_spans(text, ["马克思", "主义"], [])
    for width in range(20, 40):
        assert "<mark>马克思主义</mark>" in snippet(text, spans, width=width)


def test_short_paragraph_and_no_match() -> None:
    assert snippet("高新区发展", []) == "高新区发展"
    assert snippet("文" * 200, [], width=50) == "文" * 50 + "…"


@given(st.text(max_size=80), st.lists(st.text(min_size=1, max_size=3), max_size=3))
def test_marking_never_changes_the_text(text: str, terms: list[str]) -> None:
    rendered = mark_all(text, find_spans(text, terms, terms))
    assert html.unescape(rendered.replace("<mark>", "").replace("</mark>", "")) == text


def reference_spans(text: str, terms: list[str], phrases: list[str]) -> list[tuple[int, int]]:
    """The algorithm before runs were cut lazily: jieba over the whole paragraph, kept as the
    slow reference that the faster `find_spans` must agree with."""
    normalized = normalize(text)
    offsets = [index for index, char in enumerate(normalized) if not char.isspace()]
    compact = "".join(normalized[index] for index in offsets)
    spans = []
    for phrase in phrases:
        needle = "".join(char for char in normalize(phrase) if not char.isspace())
        start = compact.find(needle) if needle else -1
        while start >= 0:
            spans.append((offsets[start], offsets[start + len(needle) - 1] + 1))
            start = compact.find(needle, start + 1)
    words = word_tokens(text)
    starts = [word.start for word in words]

    def covering(offset: int):
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and words[index].start <= offset < words[index].end:
            return words[index]
        return None

    for term in (normalize(term).strip() for term in terms):
        start = normalized.find(term) if term else -1
        while start >= 0:
            end = start + len(term)
            first, last = covering(start), covering(end - 1)
            if not is_han(term):
                if first and last and first.start == start and last.end == end:
                    spans.append((start, end))
            elif first is not None and first is last:
                spans.append((start, end))
            else:
                spans.append((first.start if first else start, last.end if last else end))
            start = normalized.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# Real words as well as single characters, so that jieba's cuts vary with what surrounds them.
PIECES = [
    *"马克思主义者认为张江高科技园区新技术开发区產業發展的是",
    *["马克思", "主义", "张江", "高科技园区", "新技术", "开发区", "高新區", "集成电路", "产业"],
    *"，。、“” \n\u3000",
    "ＡＩ",
    "ai",
    "said",
    "5G",
    "1+2+1",
    "ABL5-3",
    "3.5",
    "_",
    "/",
    "〇",
    "𠀀",
]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_marks_equal_the_whole_paragraph_reference(data) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(PIECES), max_size=60)))
    pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join)
    terms = data.draw(st.lists(pieces, max_size=3))
    if text:  # and pieces of the paragraph itself, which do occur in it
        for _ in range(data.draw(st.integers(0, 3))):
            start = data.draw(st.integers(0, len(text) - 1))
            terms.append(text[start : data.draw(st.integers(start + 1, min(len(text), start + 6)))])
    phrases = terms[::2]
    assert find_spans(text, terms, phrases) == reference_spans(text, terms, phrases)
    assert find_spans(text, terms, ()) == reference_spans(text, terms, [])


def test_words_taught_to_the_tokenizer_change_later_highlights() -> None:
    # Remembered word bounds must not outlive a vocabulary change (a taxonomy loaded later).
    assert find_spans("鑫垚淼焱犇", ["垚淼"], []) == [(1, 3)]  # single characters: just the term
    add_words([("鑫垚", None, None)])
    assert find_spans("鑫垚淼焱犇", ["垚淼"], []) == [(0, 3)]  # widened to the whole word 鑫垚
