"""SearchService: one shared, refreshed index generation answering searches, pages and exports.

Thread-safe: a generation is reference-counted and closed when the last request using it ends.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from search import facets
from search.errors import GaoxinError, IndexUnavailable, InvalidRequest, NotFound, SearchTimeout
from search.highlight import find_spans, mark_all, snippet
from search.indexer import INDEX_NAME, SOURCE_PREFIX, open_index, read_manifest
from search.models import (
    FACETS,
    GROUPS,
    SORTS,
    Article,
    Hit,
    Paragraph,
    SearchRequest,
    SearchResults,
)
from search.query import ParsedQuery, alias_table, excluded_query, parse_query, to_whoosh
from search.serialize import article_from_json, paragraph_from_json

MAX_PER_PAGE = 100
MAX_DEPTH = 10_000  # page * per_page: deep pages cost much and help nobody
MAX_QUERY_LENGTH = 256
REFRESH_INTERVAL = 1.0
_TIME_CHECK_EVERY = 1024


class _Generation:
    """One opened index generation: its searcher, arrays and users."""

    def __init__(self, index_dir: Path) -> None:
        index = open_index(index_dir)
        self.manifest = read_manifest(index_dir)
        self.searcher = index.searcher()
        self.generation = self.searcher.reader().generation()
        self.table = facets.build_table(self.searcher.reader())
        self.lock = threading.RLock()  # Whoosh readers are not documented as thread-safe
        self.users = 0
        self.retired = False

    def close(self) -> None:
        self.searcher.close()

    def stored(self, docnum: int) -> dict[str, Any]:
        with self.lock:
            return json.loads(self.searcher.stored_fields(int(docnum))["record"])

    def find(self, **terms: str) -> list[dict[str, Any]]:
        with self.lock:
            return [json.loads(fields["record"]) for fields in self.searcher.documents(**terms)]


def _validate(request: SearchRequest) -> None:
    if not isinstance(request.page, int) or request.page < 1:
        raise InvalidRequest(f"page must be a whole number ≥ 1 (got {request.page!r})")
    if not isinstance(request.per_page, int) or not 1 <= request.per_page <= MAX_PER_PAGE:
        raise InvalidRequest(f"per_page must be between 1 and {MAX_PER_PAGE}")
    if request.page * request.per_page > MAX_DEPTH:
        raise InvalidRequest(f"Results are shown up to number {MAX_DEPTH}; refine the query")
    if request.sort not in SORTS:
        raise InvalidRequest(f"sort must be one of {', '.join(SORTS)} (got {request.sort!r})")
    if request.group not in GROUPS:
        raise InvalidRequest(f"group must be 'article' or empty (got {request.group!r})")
    unknown = sorted(set(request.filters) - set(FACETS))
    if unknown:
        raise InvalidRequest(f"Unknown facet {unknown[0]!r}; facets are {', '.join(FACETS)}")
    if len(request.query) > MAX_QUERY_LENGTH:
        raise InvalidRequest(f"The query is too long (at most {MAX_QUERY_LENGTH} characters)")


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise SearchTimeout("The search took too long; add or narrow keywords")


def _matches(generation: _Generation, query: wq.Query, deadline: float) -> tuple[Any, Any]:
    """Every matching docnum with its score, in one pass (facets need the whole set)."""
    identifiers: list[int] = []
    scores: list[float] = []
    searcher = generation.searcher
    context = searcher.context(needs_current=True)
    with generation.lock:
        for subsearcher, offset in searcher.leaf_searchers():
            matcher = query.matcher(subsearcher, context)
            while matcher.is_active():
                identifiers.append(offset + matcher.id())
                scores.append(matcher.score())
                if len(identifiers) % _TIME_CHECK_EVERY == 0:
                    _check_deadline(deadline)
                matcher.next()
    _check_deadline(deadline)
    return np.array(identifiers, dtype=np.int64), np.array(scores, dtype=np.float64)


@dataclass
class _Matched:
    """A query's matching paragraphs (mask) with a score per document."""

    mask: Any
    scores: Any
    relaxed: bool = False


def _match(
    generation: _Generation,
    parsed: ParsedQuery,
    aliases: dict[str, tuple[str, ...]],
    relaxed: bool,
    deadline: float,
) -> _Matched:
    table = generation.table
    scores = np.zeros(table.size, dtype=np.float64)
    if parsed.unusable:
        return _Matched(np.zeros(table.size, dtype=bool), scores)
    if parsed.blank:
        mask = table.searchable.copy()
    else:
        query = to_whoosh(parsed, aliases, relaxed=relaxed).normalize()
        identifiers, found = _matches(generation, query, deadline)
        mask = np.zeros(table.size, dtype=bool)
        mask[identifiers] = True
        scores[identifiers] = found
        mask &= table.searchable
    excluded = excluded_query(parsed, aliases)
    if excluded is not None:
        identifiers, _ = _matches(generation, excluded.normalize(), deadline)
        mask[identifiers] = False
    return _Matched(mask, scores, relaxed)


def _ranked(table: facets.FacetTable, matched: _Matched, final: Any, sort: str) -> Any:
    """Docnums of `final`, best first (or in article order)."""
    documents = np.nonzero(final)[0]
    if sort == "article":
        return documents[np.argsort(table.order[documents], kind="stable")]
    # Score descending, ties in article order.
    keys = np.lexsort((table.order[documents], -matched.scores[documents]))
    return documents[keys]


def _grouped(table: facets.FacetTable, ranked: Any, matched: _Matched, sort: str) -> tuple:
    """One docnum per article (its best paragraph) in result order, and matches per article."""
    articles = table.article_of[ranked]
    _, first = np.unique(articles, return_index=True)
    best = ranked[np.sort(first)]  # keeps the ranking order of each article's best paragraph
    if sort == "article":
        best = best[np.argsort(table.order[best], kind="stable")]
    counts = np.bincount(articles, minlength=len(table.article_ids) + 1)
    return best, counts


class SearchService:
    """Searches one index directory; share one instance between threads."""

    def __init__(
        self, index_dir: Path, *, taxonomy_dir: Path | None = None, time_budget: float = 2.0
    ) -> None:
        self.index_dir = Path(index_dir)
        self.time_budget = time_budget
        self._aliases = _load_aliases(taxonomy_dir)
        self._lock = threading.Lock()
        self._current: _Generation | None = None
        self._checked = 0.0
        self._refreshing = False

    # -- generations --------------------------------------------------------------------

    def _open(self) -> _Generation:
        try:
            return _Generation(self.index_dir)
        except GaoxinError:
            raise
        except Exception as error:  # Whoosh and OS errors on a damaged index
            raise IndexUnavailable(
                f"The index at {self.index_dir} cannot be read ({error})"
            ) from None

    def _changed(self, current: _Generation) -> bool:
        try:
            latest = TOC._latest_generation(FileStorage(str(self.index_dir)), INDEX_NAME)
        except OSError:
            return False  # the directory vanished: keep answering from what is open
        return latest != current.generation

    def _acquire(self) -> _Generation:
        with self._lock:
            if self._current is None:
                self._current = self._open()
                self._checked = time.monotonic()
            due = time.monotonic() - self._checked >= REFRESH_INTERVAL and not self._refreshing
            if due:
                self._checked, self._refreshing = time.monotonic(), True
            current = self._current
            current.users += 1
        if due:
            self._refresh(current)
        return current

    def _refresh(self, current: _Generation) -> None:
        # Opening a new generation happens outside the lock: other requests keep the old one.
        fresh = None
        try:
            if self._changed(current):
                fresh = self._open()
        except GaoxinError:
            fresh = None  # e.g. a foreign change: keep serving the generation we trust
        finally:
            with self._lock:
                self._refreshing = False
                if fresh is not None:
                    old, self._current = self._current, fresh
                    self._retire(old)

    def _retire(self, generation: _Generation | None) -> None:
        if generation is not None:
            generation.retired = True
            if generation.users == 0:
                generation.close()

    def _release(self, generation: _Generation) -> None:
        with self._lock:
            generation.users -= 1
            if generation.retired and generation.users == 0:
                generation.close()

    @contextmanager
    def _use(self) -> Iterator[_Generation]:
        generation = self._acquire()
        try:
            yield generation
        finally:
            self._release(generation)

    def close(self) -> None:
        """Close the open generation (once no request uses it)."""
        with self._lock:
            old, self._current = self._current, None
            self._retire(old)

    def __enter__(self) -> SearchService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- public API -----------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        """A page of hits with facets over the whole result set (see docs/search.md)."""
        _validate(request)
        parsed = parse_query(request.query)
        filters = {name: tuple(values) for name, values in request.filters.items() if values}
        deadline = time.monotonic() + self.time_budget
        with self._use() as generation:
            table = generation.table
            matched = _match(generation, parsed, self._aliases, False, deadline)
            final = facets.apply_filters(matched.mask, facets.facet_masks(table, filters))
            if not final.any() and len(parsed.groups) > 1:
                matched = _match(generation, parsed, self._aliases, True, deadline)
                final = facets.apply_filters(matched.mask, facets.facet_masks(table, filters))
            sort = "article" if parsed.blank else request.sort
            ranked = _ranked(table, matched, final, sort if request.group is None else "relevance")
            counts = None
            if request.group == "article":
                ranked, counts = _grouped(table, ranked, matched, sort)
            start = (request.page - 1) * request.per_page
            page = ranked[start : start + request.per_page]
            hits = tuple(self._hit(generation, doc, matched, parsed, counts) for doc in page)
            return SearchResults(
                query=request.query,
                parsed=parsed.parsed,
                relaxed=matched.relaxed,
                total=len(ranked),
                page=request.page,
                per_page=request.per_page,
                results=hits,
                facets=facets.disjunctive_facets(table, matched.mask, filters),
                sort=request.sort,
                group=request.group,
                terms=parsed.terms,
            )

    def _hit(
        self, generation: _Generation, docnum: int, matched: _Matched, parsed: ParsedQuery, counts
    ) -> Hit:
        record = generation.stored(docnum)
        paragraph = paragraph_from_json(record)
        spans = find_spans(paragraph.text, _highlight_words(parsed), self._phrases(parsed))
        article_number = int(generation.table.article_of[docnum])
        return Hit(
            paragraph=paragraph,
            article_title=record["article_title"],
            highlight=snippet(paragraph.text, spans, width=120),
            score=float(matched.scores[docnum]),
            text_html=mark_all(paragraph.text, spans),
            matches_in_article=int(counts[article_number]) if counts is not None else 1,
            date=record.get("date", ""),
        )

    def _phrases(self, parsed: ParsedQuery) -> list[str]:
        phrases: dict[str, None] = {}
        for term in parsed.terms:
            for variant in self._aliases.get(term, (term,)):
                phrases.setdefault(variant, None)
        return list(phrases)

    def article(self, article_id: str) -> Article:
        """An article with all its paragraphs in reading order; NotFound for an unknown id."""
        with self._use() as generation:
            return _article(generation, article_id)

    def paragraph(self, paragraph_id: str) -> tuple[Paragraph, Article]:
        """A paragraph and its article; NotFound for an unknown id."""
        with self._use() as generation:
            records = generation.find(paragraph_id=paragraph_id, doctype="paragraph")
            if not records:
                raise NotFound(f"No paragraph {paragraph_id!r} in the index")
            article = _article(generation, records[0]["article_id"])
            return paragraph_from_json(records[0]), article

    def source_text(self, file: str) -> str:
        """The original text of a corpus file, for the source view; NotFound if unknown."""
        with self._use() as generation:
            records = generation.find(paragraph_id=SOURCE_PREFIX + file)
            if not records:
                raise NotFound(f"No source file {file!r} in the index")
            return records[0]["text"]

    def facet_values(self) -> dict[str, tuple]:
        """Every facet value with its count over all searchable paragraphs."""
        with self._use() as generation:
            table = generation.table
            return facets.disjunctive_facets(table, table.searchable, {}, limit=None)

    def export(self) -> Iterator[dict]:
        """Every paragraph as its JSON dict (docs/architecture.md), in article order."""
        with self._use() as generation:
            table = generation.table
            documents = np.nonzero(table.paragraphs)[0]
            for docnum in documents[np.argsort(table.order[documents], kind="stable")]:
                yield generation.stored(docnum)

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


def _article(generation: _Generation, article_id: str) -> Article:
    records = generation.find(article_id=article_id)
    metadata = [record for record in records if "paragraph_ids" in record]
    if not metadata:
        raise NotFound(f"No article {article_id!r} in the index")
    paragraphs = sorted(
        (paragraph_from_json(record) for record in records if "paragraph_ids" not in record),
        key=lambda paragraph: paragraph.ordinal,
    )
    return article_from_json(metadata[0], tuple(paragraphs))


def _highlight_words(parsed: ParsedQuery) -> list[str]:
    # A lone Han character from a longer keyword would mark unrelated words: leave those
    # to the phrase marks of the keyword itself.
    words = parsed.words
    return [word for word in words if len(word) > 1 or len(words) == 1]


def _load_aliases(taxonomy_dir: Path | None) -> dict[str, tuple[str, ...]]:
    """Park aliases, and the vocabulary words jieba must know to cut queries like the index."""
    try:
        from search.analysis import add_words
        from search.taxonomy import load_taxonomy
    except ImportError:  # the vocabulary module is optional for a bare engine
        return {}
    taxonomy = load_taxonomy(taxonomy_dir)
    add_words(taxonomy.dictionary_words())
    return alias_table(taxonomy.park_aliases())
