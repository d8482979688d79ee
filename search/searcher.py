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
from search.indexer import INDEX_NAME, SOURCE_PREFIX, ARTICLE_PREFIX, open_index, read_manifest
from search.models import FACETS, GROUPS, SORTS, Article, Hit, Paragraph, SearchRequest, SearchResults
from search.query import ParsedQuery, alias_table, excluded_query, parse_query, to_whoosh
from search.serialize import article_from_json, paragraph_from_json

MAX_PER_PAGE = 100
MAX_DEPTH = 10_000  # page * per_page: deep pages cost much and help nobody
MAX_QUERY_LENGTH = 256
REFRESH_INTERVAL = 1.0
_TIME_CHECK_EVERY = 1024


@dataclass(frozen=True)
class DatedHit(Hit):
    """A Hit with its article's date (the JSON shape has `date`; `Hit` does not, yet)."""

    date: str = ""


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
                if len(identifiers) % _TIME_CHECK_EVERY == 0 and time.monotonic() > deadline:
                    raise SearchTimeout("The search took too long; add or narrow keywords")
                matcher.next()
    return np.array(identifiers, dtype=np.int64), np.array(scores, dtype=np.float64)
