"""SearchService: searches, pages, lookups and exports over the current index generation.

Thread-safe: share one instance; generations are switched by
`search.engine.generation.GenerationPool`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import numpy as np

from search.dates import TimeFilter, iso_moment
from search.engine import facets, timeline
from search.engine.generation import Generation, GenerationPool
from search.engine.highlight import find_spans, mark_all, snippet
from search.engine.query import ParsedQuery, alias_table, parse_query
from search.engine.ranking import Matched, result_order, select
from search.entities.taxonomy import load_taxonomy
from search.errors import NotFound, ServiceBusy
from search.indexing.documents import SOURCE_PREFIX
from search.models import (
    Article,
    Hit,
    Paragraph,
    SearchRequest,
    SearchResults,
    Trends,
    TrendsRequest,
)
from search.storage import records
from search.text.tokens import add_words
from search.validation import MAX_QUERY_CHARS, validate, validate_trends


class Admission:
    """How many searches work at once; the others wait their turn up to `queue_timeout` s.

    Searching is mostly Python under the GIL: with 8 server threads searching at once, each
    would take 8 times its work on the clock and a fair budget would time out searches that
    were only waiting their turn. Pass one to `SearchService` to share or hold its slots.
    """

    def __init__(self, concurrency: int = 2, queue_timeout: float = 30.0) -> None:
        self.queue_timeout = queue_timeout
        self._slots = threading.BoundedSemaphore(concurrency)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one slot; ServiceBusy when none frees up within `queue_timeout`."""
        if not self._slots.acquire(timeout=self.queue_timeout):
            raise ServiceBusy("The server is busy; try again in a moment")
        try:
            yield
        finally:
            self._slots.release()


class SearchService:
    """Searches one index directory; share one instance between threads."""

    def __init__(
        self,
        index_dir: Path,
        *,
        taxonomy_dir: Path | None = None,
        time_budget: float = 2.0,
        concurrency: int = 2,
        queue_timeout: float = 30.0,
        admission: Admission | None = None,
    ) -> None:
        """`time_budget`: seconds one search may work; `concurrency`: searches that work at
        once, the others wait their turn up to `queue_timeout` seconds (or `admission`'s)."""
        self.index_dir = Path(index_dir)
        self.time_budget = time_budget
        self.admission = admission or Admission(concurrency, queue_timeout)
        self._aliases = _load_aliases(taxonomy_dir)
        self._generations = GenerationPool(self.index_dir)

    @contextmanager
    def _admitted(self) -> Iterator[float]:
        """Admit one search; yields its deadline, which starts when it is admitted."""
        with self.admission.slot():
            yield time.monotonic() + self.time_budget

    def _use(self) -> AbstractContextManager[Generation]:
        return self._generations.use()

    def close(self) -> None:
        """Close the open generation (once no request uses it)."""
        self._generations.close()

    def __enter__(self) -> SearchService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- public API -----------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        """A page of hits with facets over the whole result set (see docs/search.md)."""
        time = validate(request)
        parsed = parse_query(request.query)
        filters = {name: tuple(values) for name, values in request.filters.items() if values}
        # Opening a new generation (once per build) is not the search's work: the budget
        # starts after it, when the search is admitted.
        with self._use() as generation, self._admitted() as deadline:
            table = generation.table
            window = timeline.window(table, time)
            matched, final = select(generation, parsed, self._aliases, filters, deadline, window)
            # Nothing to rank an empty query by: relevance means article order there.
            sort = "article" if parsed.blank and request.sort == "relevance" else request.sort
            start = (request.page - 1) * request.per_page
            end = start + request.per_page
            order, counts, total = result_order(table, matched, final, sort, request.group, end)
            page = order[start:end]
            marks = (_highlight_words(parsed), self._phrases(parsed))  # once per search
            hits = tuple(self._hit(generation, doc, matched, marks, counts) for doc in page)
            return SearchResults(
                query=request.query,
                parsed=parsed.parsed,
                relaxed=matched.relaxed,
                total=total,
                page=request.page,
                per_page=request.per_page,
                results=hits,
                facets=facets.disjunctive_facets(table, _within(matched.mask, window), filters),
                sort=request.sort,
                group=request.group,
                terms=parsed.terms,
            )

    def _hit(
        self,
        generation: Generation,
        docnum: int,
        matched: Matched,
        marks: tuple[list[str], list[str]],
        counts: np.ndarray | None,
    ) -> Hit:
        stored = generation.paragraph(docnum)
        paragraph = stored.paragraph
        spans = find_spans(paragraph.text, *marks)
        article_number = int(generation.table.article_of[docnum])
        return Hit(
            paragraph=paragraph,
            article_title=stored.article_title,
            highlight=snippet(paragraph.text, spans, width=120),
            score=float(matched.scores[docnum]),
            text_html=mark_all(paragraph.text, spans),
            matches_in_article=int(counts[article_number]) if counts is not None else 1,
            date=stored.date,
            indexed_at=iso_moment(int(generation.table.indexed_at[docnum])),
        )

    def trends(self, request: TrendsRequest) -> Trends:
        """Each query's matching paragraphs per month or year, with every period's paragraphs
        under the same filters; a series' counts add up to its search total minus `undated`."""
        time = validate_trends(request)
        parsed = [parse_query(query) for query in request.queries]
        filters = {name: tuple(values) for name, values in request.scope.filters.items() if values}
        with self._use() as generation, self._admitted() as deadline:
            table = generation.table
            window = timeline.window(table, time)
            results = [
                select(generation, query, self._aliases, filters, deadline, window)[1]
                for query in parsed
            ]
            masks = facets.facet_masks(table, filters)
            base = _within(facets.apply_filters(table.searchable, masks), window)
            counted = timeline.count_periods(table, results, base, request.interval)
        return timeline.as_trends(request.queries, counted)

    def _phrases(self, parsed: ParsedQuery) -> list[str]:
        phrases: dict[str, None] = {}
        for term in parsed.terms:
            for variant in self._aliases.get(term, (term,)):
                phrases.setdefault(variant, None)
        return list(phrases)

    def marks(self, query: str) -> tuple[list[str], list[str]]:
        """The words and phrases a search for `query` marks (park aliases included), without
        running it: pages that only mark text take no admission slot and cannot time out."""
        if len(query) > MAX_QUERY_CHARS:
            return [], []
        parsed = parse_query(query)
        return _highlight_words(parsed), self._phrases(parsed)

    def article(self, article_id: str) -> Article:
        """An article with all its paragraphs in reading order; NotFound for an unknown id."""
        with self._use() as generation:
            return _article(generation, article_id)

    def paragraph(self, paragraph_id: str) -> tuple[Paragraph, Article]:
        """A paragraph and its article; NotFound for an unknown id."""
        with self._use() as generation:
            found = generation.records(paragraph_id=paragraph_id, doctype="paragraph")
            if not found:
                raise NotFound(
                    f"索引中没有这个段落 / no paragraph {paragraph_id[:40]!r} in the index"
                )
            paragraph = records.decode_paragraph(found[0]).paragraph
            return paragraph, _article(generation, paragraph.article_id)

    def source_text(self, file: str) -> str:
        """The original text of a corpus file, for the source view; NotFound if unknown."""
        with self._use() as generation:
            found = generation.records(paragraph_id=SOURCE_PREFIX + file)
            if not found:
                raise NotFound(
                    f"索引中没有这个原文文件 / no source file {file[:80]!r} in the index"
                )
            return records.decode_source(found[0])

    def facet_values(self, scope: SearchRequest | None = None) -> dict[str, tuple]:
        """Every facet value with its count over all searchable paragraphs (of the date range
        and indexed-since moment of `scope`, when given)."""
        time = validate(scope) if scope is not None else TimeFilter()
        with self._use() as generation:
            table = generation.table
            base = _within(table.searchable, timeline.window(table, time))
            return facets.disjunctive_facets(table, base, {}, limit=None)

    def export(self) -> Iterator[records.StoredParagraph]:
        """Every paragraph as stored, in article order."""
        with self._use() as generation:
            table = generation.table
            documents = np.nonzero(table.paragraphs)[0]
            for docnum in documents[np.argsort(table.order[documents], kind="stable")]:
                yield generation.paragraph(docnum)

    def stats(self) -> dict:
        """Counts and build information for health checks."""
        with self._use() as generation:
            table = generation.table
            return {
                "paragraphs": int(table.paragraphs.sum()),
                "searchable_paragraphs": int(table.searchable.sum()),
                "articles": int(generation.manifest.get("articles", 0)),
                "generation": generation.generation,
                "built_at": generation.manifest.get("built_at", ""),
                "index_dir": str(self.index_dir),
            }


def _within(mask: np.ndarray, window: np.ndarray | None) -> np.ndarray:
    return mask if window is None else mask & window


def _article(generation: Generation, article_id: str) -> Article:
    found = generation.records(article_id=article_id)
    metadata = [raw for raw in found if records.is_article(raw)]
    if not metadata:
        raise NotFound(f"索引中没有这篇文章 / no article {article_id[:40]!r} in the index")
    paragraphs = sorted(
        (records.decode_paragraph(raw).paragraph for raw in found if not records.is_article(raw)),
        key=lambda paragraph: paragraph.ordinal,
    )
    return records.decode_article(metadata[0], tuple(paragraphs))


def _highlight_words(parsed: ParsedQuery) -> list[str]:
    # A lone Han character from a longer keyword would mark unrelated words: leave those
    # to the phrase marks of the keyword itself.
    words = parsed.words
    return [word for word in words if len(word) > 1 or len(words) == 1]


def _load_aliases(taxonomy_dir: Path | None) -> dict[str, tuple[str, ...]]:
    """Park aliases, and the vocabulary words jieba must know to cut queries like the index."""
    taxonomy = load_taxonomy(taxonomy_dir)
    add_words(taxonomy.dictionary_words())
    return alias_table(taxonomy.park_aliases())
