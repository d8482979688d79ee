"""One search hit: a matched paragraph with its snippet, marks, score and counts."""

from __future__ import annotations

import functools

from search.dates import iso_moment
from search.engine.generation import Generation
from search.engine.highlight import find_spans, mark_all, snippet
from search.engine.matched import Matched
from search.engine.ranking import Ordered
from search.models import Hit


def hit_of(
    generation: Generation,
    docnum: int,
    matched: Matched,
    marks: tuple[list[str], list[str]],
    ordered: Ordered,
) -> Hit:
    """The hit of one matched paragraph: its snippet and marks, score, missing words, counts."""
    stored = generation.paragraph(docnum)
    paragraph = stored.paragraph
    key = (int(docnum), tuple(marks[0]), tuple(marks[1]))
    highlight, text_html = generation.highlights.get(key, lambda: _marked(paragraph.text, marks))
    article_number = int(generation.table.article_of[docnum])
    counts = ordered.counts
    return Hit(
        paragraph=paragraph,
        article_title=stored.article_title,
        highlight=highlight,
        score=matched.score(int(docnum)),
        text_html=text_html,
        matches_in_article=int(counts[article_number]) if counts is not None else 1,
        date=stored.date,
        indexed_at=_moment(int(generation.table.indexed_at[docnum])),
        missing=matched.missing_words(int(docnum)),
        more_in_article=ordered.more.get(int(docnum), 0),
        duplicates=ordered.duplicates.get(int(docnum), 0),
    )


# An index's articles entered it at a few build moments: format each once, not once per hit.
_moment = functools.lru_cache(maxsize=4096)(iso_moment)


def _marked(text: str, marks: tuple[list[str], list[str]]) -> tuple[str, str]:
    """The snippet and the whole paragraph with the marks (HTML)."""
    spans = find_spans(text, *marks)
    return snippet(text, spans, width=120), mark_all(text, spans)
