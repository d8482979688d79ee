"""What `gaoxin trends`, /api/trends and the trends page exchange: queries counted per period.

Plain frozen dataclasses, like search.models (whose SearchRequest scopes a trends request).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from search.models import SearchRequest


@dataclass(frozen=True)
class TrendsRequest:
    """Up to four queries counted per period under the same filters (`scope`: its query unused;
    its `field` and `group` as in a search: a scope listing articles counts articles)."""

    queries: tuple[str, ...] = ("",)
    scope: SearchRequest = field(default_factory=SearchRequest)
    interval: str | None = None  # month, year, or None: by the span of the matching dates


@dataclass(frozen=True)
class TrendBucket:
    """One period of one query: matching paragraphs and their share of the period's paragraphs."""

    period: str
    count: int
    share: float


@dataclass(frozen=True)
class TrendPeriod:
    """One period and how many paragraphs it has under the filters (the share's denominator)."""

    period: str
    paragraphs: int


@dataclass(frozen=True)
class TrendSeries:
    """One query over time: its search total, the undated part of it, and a bucket per period."""

    query: str
    total: int
    undated: int
    buckets: tuple[TrendBucket, ...]


@dataclass(frozen=True)
class Trends:
    """Attention over time: the periods (every one from the first to the last matching date)."""

    interval: str
    periods: tuple[TrendPeriod, ...]
    series: tuple[TrendSeries, ...]
    # What the counts count: "paragraph", or "article" when the scope lists articles (a title
    # search, `group=article`); the JSON keeps its names (`paragraphs` then counts articles).
    unit: str = "paragraph"
    # The facet filters applied (aliases resolved, as `SearchResults.filters`): the page's chips.
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
