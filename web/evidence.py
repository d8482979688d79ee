"""Tag evidence on pages: the tooltip text of a tag and the paragraph text with the phrases that
decided its tags marked (next to the query terms' <mark>).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from markupsafe import Markup

FACET_NAMES = {"parks": "园区", "industries": "产业", "policy_types": "政策类型"}


def tag_reason(paragraph: object, attribute: str, value: str, title: str = "") -> str:
    """ "标为 金融：科技信贷、风投" for the `value` tag of `attribute` (parks, industries …); a
    phrase the paragraph does not hold says where it is: "青岛高新区（见标题）"."""
    text = getattr(paragraph, "text", "")
    for facet, tagged, phrases in getattr(paragraph, "tag_evidence", ()):
        if facet == attribute and tagged == value and phrases:
            return f"标为 {value}：{'、'.join(_placed(phrase, text, title) for phrase in phrases)}"
    return f"标为 {value}"


def _placed(phrase: str, text: str, title: str) -> str:
    # Without a place, evidence that is not in the paragraph reads as a wrong tag: the park came
    # from the article's title or opening, which the reader hovering the result does not see.
    if phrase in text:
        return phrase
    if title and phrase in title:
        return f"{phrase}（见标题）"
    return f"{phrase}（见文中其他段落）"


def marked_text(
    text: str,
    query_spans: Sequence[tuple[int, int]],
    evidence: Sequence[tuple[str, str, Sequence[str]]],
) -> Markup:
    """The paragraph escaped, query terms in <mark>, evidence phrases in <span class="evidence">."""
    query = [False] * len(text)
    for start, end in query_spans:
        query[start:end] = [True] * (end - start)
    reason: list[str] = [""] * len(text)
    for facet, value, phrases in evidence:
        for phrase in phrases:
            start = text.find(phrase) if phrase else -1
            while start >= 0:
                for index in range(start, start + len(phrase)):
                    label = f"{FACET_NAMES.get(facet, facet)} {value}"
                    reason[index] = f"{reason[index]}、{label}" if reason[index] else label
                start = text.find(phrase, start + len(phrase))
    return Markup("".join(_runs(text, query, reason)))


def _runs(text: str, query: list[bool], reason: list[str]) -> list[str]:
    pieces: list[str] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and (query[index], reason[index]) == (query[start], reason[start]):
            continue
        piece = html.escape(text[start:index])
        if query[start]:
            piece = f"<mark>{piece}</mark>"
        if reason[start]:
            title = html.escape(f"标为 {reason[start]}", quote=True)
            piece = f'<span class="evidence" title="{title}">{piece}</span>'
        pieces.append(piece)
        start = index
    return pieces
