"""Blocks from repaired lines: paragraphs grown across broken lines and inserted titles,
bylines and captions, each with its kind and 1-based line range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.ingest.lines import (
    WRAPPED,
    LayoutProfile,
    continues,
    display_width,
    is_closed,
    is_prose,
    join_text,
    layout_profile,
)

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
        wide = profile.narrow and display_width(line.text) >= profile.wrap_width * WRAPPED
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
