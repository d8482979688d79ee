"""One search hit: a matched paragraph with its snippet, marks, score and counts."""

from __future__ import annotations

import functools

import numpy as np

from search.dates import iso_moment
from search.engine.generation import Generation
from search.engine.highlight import find_spans, mark_all, snippet
from search.engine.matched import Matched
from search.engine.ranking import Ordered
from search.models import Hit


def hits_of(
    generation: Generation,
    page: np.ndarray,
    matched: Matched,
    marks: tuple[list[str], list[str]],
    ordered: Ordered,
) -> tuple[Hit, ...]:
    """The hits of a page of matched paragraphs: snippet and marks, score, missing words,
    counts."""
    page = np.asarray(page, dtype=np.int64)
    words, phrases = tuple(marks[0]), tuple(marks[1])
    table = generation.table
    docnums = page.tolist()
    articles = table.article_of[page].tolist()
    moments = table.indexed_at[page].tolist()
    counts = ordered.counts
    hits = []
    for docnum, article, moment, (score, missing) in zip(
        docnums, articles, moments, matched.on_page(page), strict=True
    ):
        stored = generation.paragraph(docnum)
        text = stored.paragraph.text
        highlight, text_html = generation.highlights.get(
            (docnum, words, phrases), lambda text=text: _marked(text, marks)
        )
        hits.append(
            Hit(
                paragraph=stored.paragraph,
                article_title=stored.article_title,
                highlight=highlight,
                score=score,
                text_html=text_html,
                matches_in_article=int(counts[article]) if counts is not None else 1,
                date=stored.date,
                indexed_at=_moment(moment),
                missing=missing,
                more_in_article=ordered.more.get(docnum, 0),
                duplicates=ordered.duplicates.get(docnum, 0),
            )
        )
    return tuple(hits)


# An index's articles entered it at a few build moments: format each once, not once per hit.
_moment = functools.lru_cache(maxsize=4096)(iso_moment)


def _marked(text: str, marks: tuple[list[str], list[str]]) -> tuple[str, str]:
    """The snippet and the whole paragraph with the marks (HTML)."""
    spans = find_spans(text, *marks)
    return snippet(text, spans, width=120), mark_all(text, spans)
