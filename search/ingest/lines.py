"""Line repair for text extracted from newspaper pages: clean characters, de-space Chinese,
fold half-width punctuation in Chinese text, and tell a line broken at column width from a
line that ends a paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f"
OPENING_PUNCTUATION = "“‘（《〈【「『〔"
CLOSING_PUNCTUATION = "”’）》〉】」』〕"
SEPARATING_PUNCTUATION = "，。、；：？！…—·"
CJK_PUNCTUATION = OPENING_PUNCTUATION + CLOSING_PUNCTUATION + SEPARATING_PUNCTUATION
SENTENCE_FINAL = "。！？!?…；;."
# A paragraph never ends on these: the sentence goes on in the next line.
OPEN_ENDINGS = "，,、—-(（“‘《〈【「"
TRAILING_CLOSERS = CLOSING_PUNCTUATION + "\"')]"

# Invisible characters that only hurt search and display: C0/C1 controls, zero-width space,
# bidi marks and embeddings, word joiner, BOM. ZWJ/ZWNJ stay (emoji sequences need them).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
FULL_WIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) == "%"
}
FULL_WIDTH_SEARCH = re.compile("[\uff05\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# Half-width , ; : ? ! touching Chinese text on either side (never between two digits).
_HALF_PUNCTUATION = re.compile(
    rf"(?<=[{HAN}{CJK_PUNCTUATION}])\s*([,;:?!])\s*|\s*([,;:?!])\s*(?=[{HAN}{CJK_PUNCTUATION}])"
)
_HALF_SEARCH = re.compile("[,;:?!]")
_HALF_PARENTHESES = re.compile(rf"\(([^()]*[{HAN}][^()]*)\)")
_HAN_CHAR = re.compile(f"[{HAN}]")
_PROSE = re.compile("[，,。；;！？!?]")


WRAPPED = 0.75  # a line this close to the column width was wrapped, not ended
_UNBALANCED = (("“", "”"), ("（", "）"), ("《", "》"))


@dataclass(frozen=True)
class LayoutProfile:
    """How a file was set: narrow columns (most lines wrapped at about `wrap_width`) or wide."""

    narrow: bool = False
    wrap_width: int = 0


def clean_line(raw: str) -> str:
    """One line as a reader expects it: visible characters, single spaces, Chinese not spaced."""
    text = raw
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())
    if not text or text.isascii():
        return text
    if FULL_WIDTH_SEARCH.search(text):
        text = text.translate(FULL_WIDTH_ALNUM)
    text = fold_punctuation(text)
    return despace(text) if " " in text else text


def fold_punctuation(text: str) -> str:
    """Half-width , ; : ? ! and ( ) inside Chinese text become their full-width forms."""
    if not _HAN_CHAR.search(text):
        return text
    if _HALF_SEARCH.search(text):
        text = _HALF_PUNCTUATION.sub(
            lambda match: _HALF_TO_FULL[match.group(1) or match.group(2)], text
        )
    return _HALF_PARENTHESES.sub(r"（\1）", text) if "(" in text else text


def despace(text: str) -> str:
    """Drop spaces inside Chinese text (`增 长 5.4 个 百 分 点` → `增长5.4个百分点`, `COP15 大会`
    → `COP15大会`) but keep those between Latin words and between two Chinese phrases."""
    tokens = text.split(" ")
    if len(tokens) == 1:
        return text
    pieces = [tokens[0]]
    for previous, current in zip(tokens, tokens[1:], strict=False):
        if previous and current and not _keeps_space(previous, current):
            pieces.append(current)
        else:
            pieces.append(" " + current)
    return "".join(pieces).strip()


def _core_length(token: str) -> int:
    """Letters, digits and Han characters in a token (its punctuation does not count)."""
    return sum(1 for char in token if char.isalnum())


def _keeps_space(left: str, right: str) -> bool:
    """Whether the space between two tokens means something (a phrase or word boundary)."""
    before, after = left[-1], right[0]
    if before in OPENING_PUNCTUATION + SEPARATING_PUNCTUATION:
        return False
    if after in CLOSING_PUNCTUATION + SEPARATING_PUNCTUATION:
        return False
    if not _is_chinese(before) and not _is_chinese(after):
        return True  # Latin words, numbers, emoji: keep the space
    if _is_chinese(before) != _is_chinese(after):
        return not (before.isascii() and before.isalnum() or after.isascii() and after.isalnum())
    # Both sides Chinese: spaced-out characters have a one-character token on a side.
    return _core_length(left) > 1 and _core_length(right) > 1


def _is_chinese(char: str) -> bool:
    return bool(_HAN_CHAR.match(char)) or char in CJK_PUNCTUATION


def display_width(text: str) -> int:
    """Columns the text takes on a page: wide (Chinese) characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def is_closed(text: str) -> bool:
    """Whether the text ends a sentence (closing quotes and brackets after the mark allowed)."""
    stripped = text.rstrip(TRAILING_CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_FINAL


def is_prose(text: str) -> bool:
    """Whether the text has sentence punctuation (titles and headings usually have none)."""
    return _PROSE.search(text) is not None


def layout_profile(lines: list[str]) -> LayoutProfile:
    """Detect narrow-column setting: most text lines end unfinished at a similar width."""
    texts = [line for line in lines if line]
    open_widths = [display_width(line) for line in texts if not is_closed(line)]
    if len(open_widths) < 8 or len(open_widths) < 0.5 * len(texts):
        return LayoutProfile()
    from statistics import median  # here: its import (16 ms) is no server's start-up work

    width = int(median(open_widths))
    return LayoutProfile(narrow=width <= 60, wrap_width=width)


def continues(block_text: str, last_line: str, profile: LayoutProfile) -> bool:
    """Whether a paragraph ending in `last_line` goes on in the next text line."""
    if not block_text or is_closed(block_text):
        return False
    last = block_text[-1]
    if last in "：:":  # a title split after its colon, or a narrow column
        return profile.narrow or display_width(block_text) <= 24
    if last in OPEN_ENDINGS or is_prose(block_text):
        return True
    if any(block_text.count(left) > block_text.count(right) for left, right in _UNBALANCED):
        return True  # an open quotation or bracket: the sentence is not over
    return profile.narrow and display_width(last_line) >= profile.wrap_width * WRAPPED


def join_text(left: str, right: str) -> str:
    """Join two pieces of one paragraph: a line break is no word boundary in Chinese, so only
    two Latin letters or digits meeting at the break get a space between them."""
    latin = left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii()
    return f"{left} {right}" if latin and right[:1].isalnum() else left + right
