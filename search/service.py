"""SearchService: searches, pages, lookups and exports over the current index generation.

Thread-safe: share one instance; generations are switched by
`search.engine.generation.GenerationPool`.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np

from search import entity_pages
from search.dates import TimeFilter
from search.engine import facets, lookup, timeline
from search.engine.admission import Admission
from search.engine.filter_names import FilterNames
from search.engine.generation import REFRESH_INTERVAL, Generation, GenerationPool
from search.engine.marks import query_marks
from search.engine.plan import plan_query
from search.engine.query import parse_query
from search.engine.results import search_results, within
from search.engine.sources import (
    SourceView,
    is_record_file,
    record_view,
    select_source,
    text_view,
)
from search.engine.suggest import Suggester, Suggestion
from search.engine.trend_counts import generation_trends
from search.entities.taxonomy import load_taxonomy
from search.errors import InvalidRequest, NotFound
from search.indexing.documents import SOURCE_PREFIX
from search.models import (
    Article,
    EntityProfile,
    Paragraph,
    ParkEntry,
    RelatedParagraphs,
    SearchRequest,
    SearchResults,
)
from search.service_vocabulary import alias_gazetteers, load_equivalents
from search.storage import records
from search.text.query_words import load_query_words
from search.trend_models import Trends, TrendsRequest
from search.validation import (
    MAX_QUERY_CHARS,
    validate,
    validate_prefix,
    validate_trends,
)


class SearchService:
    """Searches one index directory; share one instance between threads."""

    def __init__(
        self,
        index_dir: Path,
        *,
        taxonomy_dir: Path | None = None,
        query_words_dir: Path | None = None,
        time_budget: float = 2.0,
        concurrency: int = 2,
        queue_timeout: float = 30.0,
        admission: Admission | None = None,
        refresh_interval: float = REFRESH_INTERVAL,
    ) -> None:
        """`time_budget`: seconds one search may work; `concurrency`: searches that work at
        once, the others wait their turn up to `queue_timeout` seconds (or `admission`'s);
        `refresh_interval`: at most how often a request looks for a newly built generation."""
        self.index_dir = Path(index_dir)
        self.time_budget = time_budget
        self.admission = admission or Admission(concurrency, queue_timeout)
        self._query_words = load_query_words(query_words_dir)
        taxonomy = load_taxonomy(taxonomy_dir)
        self._equivalents = load_equivalents(taxonomy, self._query_words)
        self._vocabulary = entity_pages.vocabulary(taxonomy)
        self._filter_names = FilterNames(alias_gazetteers(taxonomy))
        # The suggester's: names and aliases as written, not the filters' gazetteer, whose short
        # names (两江) news also writes for other things and suggestions do not offer.
        self._park_names = {
            name: park.name for park in taxonomy.parks for name in (park.name, *park.aliases)
        }
        self._suggesters: weakref.WeakKeyDictionary[Generation, Suggester] = (
            weakref.WeakKeyDictionary()
        )
        self._suggesters_lock = threading.Lock()
        self._generations = GenerationPool(self.index_dir, refresh_interval)

    @contextmanager
    def _admitted(self) -> Iterator[float]:
        """Admit one search; yields its deadline, which starts when it is admitted."""
        with self.admission.slot():
            yield time.monotonic() + self.time_budget

    def _use(self) -> AbstractContextManager[Generation]:
        return self._generations.use()

    def forget_cached(self) -> None:
        """Drop what the open generation remembers of earlier searches (decoded paragraphs,
        highlights, term scores): benchmarks time pages never seen before with it."""
        with self._use() as generation:
            generation.forget()

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
        validate(request)
        # Opening a new generation (once per build) is not the search's work: the budget
        # starts after it, when the search is admitted.
        with self._use() as generation, self._admitted() as deadline:
            return self._search(generation, request, deadline)[0]

    def _search(
        self, generation: Generation, request: SearchRequest, deadline: float
    ) -> tuple[SearchResults, np.ndarray]:
        """The results of a validated request, and the mask of every document they count."""
        stop_words = self._query_words.stop_words
        request = self._resolved(generation, request)
        return search_results(generation, request, self._equivalents, stop_words, deadline)

    def _resolved(self, generation: Generation, request: SearchRequest) -> SearchRequest:
        """`request` filtering on canonical values where it names a park by an alias or short
        name (search/engine/filter_names.py): the API, the pages, the CLI, exports and trends
        all filter alike."""
        filters = self._filter_names.resolve(generation.table, request.filters)
        return replace(request, filters=filters)

    def trends(self, request: TrendsRequest) -> Trends:
        """Each query's matching paragraphs per month or year, with every period's paragraphs
        under the same filters; a period's count is the total of the search restricted to it
        (a reprint in two periods counts in both, so the counts may add up to more than the
        search's total). A scope listing articles (`field="title"`, `group="article"`) counts
        articles."""
        time = validate_trends(request)
        stop_words = self._query_words.stop_words
        parsed = [parse_query(query) for query in request.queries]
        queries = [(query, plan_query(query, self._equivalents, stop_words)) for query in parsed]
        with self._use() as generation:
            # The reprint groups, computed once per generation (seconds on the whole xwlb index),
            # are no more this request's work than opening it: inside its budget, after the
            # first query, they timed out the second one on a fresh server.
            generation.duplicates  # noqa: B018 (a cached property, computed here)
            request = replace(request, scope=self._resolved(generation, request.scope))
            with self._admitted() as deadline:
                return generation_trends(
                    generation, request, time, queries, self._equivalents, deadline
                )

    def marks(self, query: str) -> tuple[list[str], list[str]]:
        """The words and phrases a search for `query` marks (park aliases included), without
        running it: pages that only mark text take no admission slot and cannot time out."""
        if len(query) > MAX_QUERY_CHARS:
            return [], []
        plan = plan_query(parse_query(query), self._equivalents, self._query_words.stop_words)
        return query_marks(plan, self._equivalents)

    def suggest(self, prefix: str) -> list[Suggestion]:
        """Up to 10 completions of `prefix` (docs/api.md, `GET /api/suggest`)."""
        validate_prefix(prefix)
        with self._use() as generation:
            with self._suggesters_lock:
                suggester = self._suggesters.get(generation)
                if suggester is None:
                    suggester = Suggester(generation.table, self._park_names, generation.vocabulary)
                    self._suggesters[generation] = suggester
            return suggester.suggest(prefix)

    def article(self, article_id: str) -> Article:
        """An article with all its paragraphs in reading order; NotFound for an unknown id."""
        with self._use() as generation:
            return lookup.article(generation, article_id)

    def paragraph(self, paragraph_id: str) -> tuple[Paragraph, Article]:
        """A paragraph and its article; NotFound for an unknown id."""
        with self._use() as generation:
            paragraph = lookup.stored_paragraph(generation, paragraph_id).paragraph
            return paragraph, lookup.article(generation, paragraph.article_id)

    def source(self, article_id: str, paragraph_id: str | None = None) -> SourceView:
        """The source view of an article, or of one of its paragraphs: its text file or JSON
        Lines record, compared with the corpus file as it is now (search/engine/sources.py)."""
        with self._use() as generation:
            article = lookup.article(generation, article_id)
            selection = select_source(article, paragraph_id)
            manifest = generation.current_manifest()
            root = str(manifest.get("corpus_root", ""))
            if is_record_file(selection.file):
                digest = str(manifest.get("record_files", {}).get(selection.file, ""))
                return record_view(article, selection, digest, root)
            found = generation.records(paragraph_id=SOURCE_PREFIX + selection.file)
        if not found:
            raise NotFound(f"原文文件 {selection.file} 不在索引中 / source file not in the index")
        stored = (records.decode_source(found[0]), records.decode_source_hash(found[0]))
        return text_view(article, selection, *stored, root)

    def entity_name(self, facet: str, name: str) -> str | None:
        """The canonical name behind `name` (an alias, a variant title); None if unknown."""
        with self._use() as generation:
            return entity_pages.canonical_name(generation, self._vocabulary, facet, name)

    def profile(self, facet: str, name: str) -> EntityProfile:
        """The page of a park, organisation or policy document (give its canonical name)."""
        request = SearchRequest(filters={facet: (name,)}, per_page=entity_pages.LATEST, sort="date")
        with self._use() as generation, self._admitted() as deadline:
            if entity_pages.canonical_name(generation, self._vocabulary, facet, name) != name:
                raise NotFound(f"索引中没有这个名称 / no {facet} {name[:80]!r} in the index")
            found = self._search(generation, request, deadline)
            return entity_pages.build_profile(generation, self._vocabulary, facet, name, found)

    def parks(
        self, *, province: str | None = None, kind: str | None = None, sort: str = "count"
    ) -> tuple[ParkEntry, ...]:
        """The park directory: `sort` is "count" (paragraphs, most first) or "name"."""
        if sort not in entity_pages.DIRECTORY_SORTS:
            raise InvalidRequest(f"sort must be one of {', '.join(entity_pages.DIRECTORY_SORTS)}")
        with self._use() as generation:
            return entity_pages.park_directory(
                generation, self._vocabulary, province=province, kind=kind, sort=sort
            )

    def related(self, paragraph_id: str, limit: int = 5) -> RelatedParagraphs:
        """Up to `limit` paragraphs of other articles sharing the paragraph's rare words and
        entities, reprints of its text left out; NotFound for an unknown id."""
        with self._use() as generation, self._admitted():
            stored = lookup.stored_paragraph(generation, paragraph_id)
            return entity_pages.related_paragraphs(generation, stored.paragraph, limit)

    def facet_values(self, scope: SearchRequest | None = None) -> dict[str, tuple]:
        """Every facet value with its count over all searchable paragraphs (of the date range
        and indexed-since moment of `scope`, when given)."""
        time = validate(scope) if scope is not None else TimeFilter()
        with self._use() as generation:
            table = generation.table
            base = within(table.searchable, timeline.window(table, time))
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
