"""Line repair for text extracted from newspaper pages: clean characters, de-space Chinese,
fold half-width punctuation in Chinese text, and tell a line broken at column width from a
line that ends a paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from statistics import median

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


_WRAPPED = 0.75  # a line this close to the column width was wrapped, not ended
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
    return profile.narrow and display_width(last_line) >= profile.wrap_width * _WRAPPED


def join_text(left: str, right: str) -> str:
    """Join two pieces of one paragraph: a line break is no word boundary in Chinese, so only
    two Latin letters or digits meeting at the break get a space between them."""
    latin = left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii()
    return f"{left} {right}" if latin and right[:1].isalnum() else left + right


DATELINE = re.compile(r"^本报讯")
CAPTION_MARKER = re.compile(r"^[■□●◆◇▲△]\s*")
BYLINE_MARKER = re.compile(r"^[▶►▷]\s*")
# A paragraph that opens like this starts fresh: the line before it was cut off in the source.
_NEW_PARAGRAPH = re.compile(r"^(?:同时|此外|另外|其中|目前|近日|近年来|据悉|据了解|然而|因此)[，,]")
_LOOKAHEAD = 8  # lines searched past inserted titles/bylines/captions for a sentence's rest
TITLE_WIDTH = 100  # display columns: longer than this is never a title


@dataclass
class Line:
    """A non-blank source line (or a caption spanning adjacent lines) with its role."""

    start: int
    end: int
    text: str
    role: str  # text, byline, caption, other, title
    blank_before: int = 0
    blank_after: int = 0


@dataclass
class Block:
    """A paragraph-sized unit with its kind; `headline` is resolved to title/heading later."""

    kind: str
    text: str
    line_start: int
    line_end: int
    closes_article: bool = False


def is_headline(text: str) -> bool:
    """A title, kicker or section heading: short, no sentence punctuation, not a dateline."""
    return (
        not is_prose(text)
        and not is_closed(text)
        and display_width(text) <= TITLE_WIDTH
        and not DATELINE.match(text)
    )


def header_size(lines: list[Line], profile: LayoutProfile) -> int:
    """How many leading lines are page header (titles, bylines) before the first paragraph:
    the first prose line, or a column-wide line whose next line is prose."""
    for index, line in enumerate(lines):
        if line.role != "text":
            continue
        if not is_headline(line.text):
            return index
        following = lines[index + 1] if index + 1 < len(lines) else None
        wide = profile.narrow and display_width(line.text) >= profile.wrap_width * _WRAPPED
        if wide and following and following.role == "text" and not is_headline(following.text):
            return index
    return len(lines)


def build_blocks(lines: list[Line]) -> list[Block]:
    """Join wrapped lines into paragraphs, also across blank lines and inserted blocks."""
    body_profile = layout_profile([line.text for line in lines if line.role == "text"])
    header = header_size(lines, body_profile)
    blocks: list[Block] = []
    used: set[int] = set()
    for index, line in enumerate(lines):
        if index in used:
            continue
        if line.role != "text":
            blocks.append(_marker_block(line))
            continue
        profile = body_profile if index >= header else LayoutProfile()
        block, inserted = _grow_paragraph(lines, index, profile, used)
        blocks.append(block)
        blocks.extend(_marker_block(lines[position]) for position in inserted)
    return blocks


def _marker_block(line: Line) -> Block:
    kinds = {"signoff": "byline", "title": "headline", "text": "headline"}
    text = CAPTION_MARKER.sub("", line.text) if line.role == "caption" else line.text
    text = BYLINE_MARKER.sub("", text)
    block = Block(kinds.get(line.role, line.role), text, line.start, line.end)
    block.closes_article = line.role == "signoff"
    return block


def _grow_paragraph(
    lines: list[Line], index: int, profile: LayoutProfile, used: set[int]
) -> tuple[Block, list[int]]:
    """The paragraph starting at `index`, and the inserted lines its sentence ran past."""
    line = lines[index]
    block = Block("text", line.text, line.start, line.end)
    inserted: list[int] = []
    last_line = line.text
    while continues(block.text, last_line, profile):
        found = _continuation(lines, index + 1, used, block.text)
        if found is None:
            break
        index, skipped = found
        used.add(index)
        used.update(skipped)
        inserted.extend(skipped)
        block.text = join_text(block.text, lines[index].text)
        block.line_end = lines[index].end
        last_line = lines[index].text
    return block, inserted


def _continuation(
    lines: list[Line], start: int, used: set[int], block_text: str
) -> tuple[int, list[int]] | None:
    """The line where an unfinished sentence goes on, skipping an inserted title, byline or
    caption; None when the next text clearly starts something new."""
    skipped: list[int] = []
    for position in range(start, min(len(lines), start + _LOOKAHEAD)):
        if position in used:
            continue
        candidate = lines[position]
        if candidate.role in ("signoff", "title"):
            return None
        if candidate.role != "text":
            skipped.append(position)
            continue
        if DATELINE.match(candidate.text):
            return None
        if _NEW_PARAGRAPH.match(candidate.text) and block_text[-1] not in "，,、":
            return None
        if is_headline(candidate.text) and _followed_by_marker(lines, position):
            skipped.append(position)
            continue
        return position, skipped
    return None


def _followed_by_marker(lines: list[Line], position: int) -> bool:
    following = position + 1
    return following < len(lines) and lines[following].role in ("byline", "caption", "other")
