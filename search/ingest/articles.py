"""A decoded file split into articles: its lines given roles (search.ingest.roles), built into
blocks, and the blocks grouped under their titles, kickers and bylines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.ingest.blocks import DATELINE, Block, build_blocks
from search.ingest.roles import classify, names_in_byline, read_lines


@dataclass
class ArticleDraft:
    """One article found in a file, before ids are given."""

    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    authors: tuple[str, ...] = ()
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _Segment:
    """Blocks between two article bodies (`gap`) and one article's body span."""

    gap: list[Block] = field(default_factory=list)
    span: list[Block] = field(default_factory=list)


def split_articles(text: str) -> list[ArticleDraft]:
    """The articles of one decoded file, blocks in reading order with their kinds."""
    lines = read_lines(text)
    blocks = build_blocks(lines)
    classify(blocks, lines)
    segments, trailing = _segment(blocks)
    if not segments:
        return []
    if len(segments) == 1:
        return [_single_article(segments[0], trailing)]
    return _several_articles(segments, trailing)


def _segment(blocks: list[Block]) -> tuple[list[_Segment], list[Block]]:
    """Cut at a dateline (`本报讯`), after an author sign-off, or at a repeated title."""
    segments: list[_Segment] = []
    pending: list[Block] = []
    headlines: set[str] = set()
    closed = False
    for block in blocks:
        if block.kind != "body":
            pending.append(block)
            closed = closed or block.closes_article
            if block.kind == "headline":
                closed = closed or (bool(segments) and block.text in headlines)
                headlines.add(block.text)
            continue
        if not segments or closed or DATELINE.match(block.text):
            segments.append(_Segment(gap=pending, span=[block]))
            headlines = {item.text for item in pending if item.kind == "headline"}
            closed = False
        else:
            segments[-1].span.extend([*pending, block])
        pending = []
    return segments, pending


def _single_article(segment: _Segment, trailing: list[Block]) -> ArticleDraft:
    blocks = segment.gap + segment.span + trailing
    title_index = next(
        (
            index
            for index, block in enumerate(blocks[:-1])
            if block.kind == "headline" and blocks[index + 1].kind == "byline"
        ),
        None,
    )
    if title_index is not None:
        before = blocks[title_index - 1] if title_index > 0 else None
        heads = [before] if before is not None and before.kind == "headline" else []
        heads.append(blocks[title_index])
    else:
        heads = [block for block in segment.gap if block.kind == "headline"][:3]
        heads = heads or [block for block in segment.span if block.kind == "headline"][:1]
    for block in trailing:
        if block.kind == "headline":
            block.kind = "caption"  # short lines after the last paragraph: photo captions
    return _draft(blocks, heads)


def _several_articles(segments: list[_Segment], trailing: list[Block]) -> list[ArticleDraft]:
    """Page headers hold several titles in any order: give each to the body it describes."""
    gaps = [segment.gap for segment in segments] + [trailing]
    owners: dict[int, int] = {}  # id(block) -> segment index
    scorer = _TitleScorer([segment.span for segment in segments])
    for gap_index, gap in enumerate(gaps):
        for block in gap:
            if block.kind == "headline":
                owner = scorer.best(block.text, following=gap_index, preceding=gap_index - 1)
                if owner is not None:
                    owners[id(block)] = owner
        for position, block in enumerate(gap):
            if id(block) not in owners:
                owners[id(block)] = _loose_owner(gap, position, owners, gap_index, len(segments))
    drafts = []
    for index, segment in enumerate(segments):
        mine = [block for gap in gaps for block in gap if owners[id(block)] == index]
        heads = [block for block in mine if block.kind == "headline" and scorer.scored(block)]
        blocks = sorted(mine + segment.span, key=lambda block: block.line_start)
        drafts.append(_draft(blocks, heads[:3]))
    return drafts


def _loose_owner(
    gap: list[Block], position: int, owners: dict[int, int], gap_index: int, count: int
) -> int:
    """A byline or caption between articles goes with the next title after it in the same gap,
    else with the article before the gap (a sign-off always does)."""
    block = gap[position]
    if not block.closes_article:
        for later in gap[position + 1 :]:
            if id(later) in owners and later.kind == "headline":
                return owners[id(later)]
    return gap_index - 1 if gap_index > 0 else 0


class _TitleScorer:
    """How well a headline matches each article body: shared character pairs, weighted so
    that pairs found in every body (高新, 发展) count little and distinctive ones count most."""

    def __init__(self, spans: list[list[Block]]) -> None:
        self._bodies = [
            _pairs("".join(block.text for block in span if block.kind == "body")) for span in spans
        ]
        self._scored: set[str] = set()

    def _weight(self, pair: str) -> float:
        found = sum(1 for body in self._bodies if pair in body)
        return (len(self._bodies) - found + 1) / len(self._bodies) if found else 1.0

    def best(self, headline: str, *, following: int, preceding: int) -> int | None:
        pairs = _pairs(headline)
        total = sum(self._weight(pair) for pair in pairs)
        if not total:
            return None
        scores = []
        for index, body in enumerate(self._bodies):
            score = sum(self._weight(pair) for pair in pairs if pair in body) / total
            score += 0.05 if index == following else 0.02 if index == preceding else 0.0
            scores.append((score, index))
        score, index = max(scores)
        if score < 0.2:
            return None
        self._scored.add(headline)
        return index

    def scored(self, block: Block) -> bool:
        return block.text in self._scored


def _pairs(text: str) -> set[str]:
    characters = [char for char in text if char.isalnum()]
    return {first + second for first, second in zip(characters, characters[1:], strict=False)}


def _draft(blocks: list[Block], heads: list[Block]) -> ArticleDraft:
    """Title, kicker and subtitle come off the paragraphs; other headlines become headings."""
    draft = ArticleDraft()
    if len(heads) >= 2 and heads[1].text.startswith("—"):
        draft.title, draft.subtitle = heads[0].text, heads[1].text.lstrip("—").strip()
    elif len(heads) >= 2:
        draft.kicker, draft.title = heads[0].text, heads[1].text
        draft.subtitle = heads[2].text.lstrip("—").strip() if len(heads) > 2 else ""
    elif heads:
        draft.title = heads[0].text
    chosen = {id(block) for block in heads}
    for block in blocks:
        if id(block) in chosen:
            continue
        if block.kind == "headline":
            block.kind = "heading"
        draft.blocks.append(block)
    bylines = [block.text for block in draft.blocks if block.kind == "byline"]
    draft.byline = bylines[0] if bylines else ""
    names = [name for byline in bylines for name in names_in_byline(byline)]
    draft.authors = tuple(dict.fromkeys(names))
    draft.title = draft.title or _derived_title(draft.blocks)
    return draft


def _derived_title(blocks: list[Block]) -> str:
    """No headline at all: the first clause of the first paragraph stands in for a title."""
    for block in blocks:
        if block.kind == "body":
            clause = re.split("[。！？；，,]", block.text, maxsplit=1)[0]
            return clause[:30]
    return ""
