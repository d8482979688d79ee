"""The one validator of search requests: its limits hold for the API, the pages and the CLI.

Messages are Chinese then English; callers (web, CLI) only parse types and pass them on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from search.dates import INTERVALS, TimeFilter, time_filter
from search.errors import InvalidRequest
from search.fields import FACETS, MAX_VALUE_CHARS
from search.models import GROUPS, SEARCH_FIELDS, SORTS, SearchRequest
from search.text.normalize import normalize
from search.text.surrogates import is_text
from search.trend_models import TrendsRequest

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10
# page * per_page: deep pages cost the engine a full sort and help nobody.
MAX_DEPTH = 10_000
MAX_QUERY_CHARS = 256
MAX_FILTER_VALUES = 20
MAX_TREND_QUERIES = 4
# Months of one trends answer: a century. One record dated 0001-01-01 (a common placeholder)
# made a month chart of 24,000 periods: 54 MB and 5 s a query, 197 MB for four. Years are not
# limited: four digits make at most 9,999, and 2,024 of them cost 0.01 s and 148 KB.
MAX_TREND_PERIODS = 1200
# Checked once folded (`year_value`): ASCII digits only, as the year facet stores them.
_YEAR = re.compile(r"[0-9]{4}")


def invalid(chinese: str, english: str) -> InvalidRequest:
    """One bilingual InvalidRequest, the same wording on pages, in the API and the CLI."""
    return InvalidRequest(f"{chinese} / {english}")


def validate_prefix(prefix: str) -> None:
    """A suggestion prefix is limited like a query."""
    _check_text(prefix)
    _check_length(prefix, ("前缀", "prefix"))


def last_page(total: int, per_page: int) -> int:
    """The last page a request may ask for: the last one holding hits, within MAX_DEPTH."""
    return max(1, min(-(-total // per_page), MAX_DEPTH // per_page))


def year_value(value: str) -> str:
    """A typed year as the year facet stores it: full-width digits (２０２３) folded by the
    normalization queries and dates go through."""
    return normalize(value.strip())


def applied_filters(filters: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The facet filters a validated request applies: facets with values, years folded."""
    return {
        name: tuple(year_value(value) if name == "year" else value for value in values)
        for name, values in filters.items()
        if values
    }


def validate(request: SearchRequest) -> TimeFilter:
    """Raise InvalidRequest for the first limit `request` breaks; else its time filter (date
    range, indexed since)."""
    _check_text(
        request.query,
        request.sort,
        request.group or "",
        request.field,
        request.date_from,
        request.date_to,
        request.indexed_since,
        *request.filters,
        *(value for values in request.filters.values() for value in values),
    )
    _check_paging(request.page, request.per_page)
    _check_choice(request.sort, "sort", SORTS)
    if request.group is not None:
        _check_choice(request.group, "group", GROUPS)
    _check_choice(request.field, "field", SEARCH_FIELDS)
    _check_query(request.query)
    for facet, values in request.filters.items():
        _check_filter(facet, tuple(values))
    return time_filter(request.date_from, request.date_to, request.indexed_since)


def validate_trends(request: TrendsRequest) -> TimeFilter:
    """As `validate` for a trends request: 1 to 4 queries, an interval of `INTERVALS`."""
    if not 1 <= len(request.queries) <= MAX_TREND_QUERIES:
        raise invalid(
            f"最多比较 {MAX_TREND_QUERIES} 个查询，收到 {len(request.queries)} 个",
            f"at most {MAX_TREND_QUERIES} queries, got {len(request.queries)}",
        )
    _check_text(*request.queries, request.interval or "")
    if request.interval is not None:
        _check_choice(request.interval, "interval", INTERVALS)
    for query in request.queries:
        _check_query(query)
    return validate(request.scope)


def check_periods(count: int, interval: str) -> None:
    """At most MAX_TREND_PERIODS months from the first to the last matching date."""
    if interval == "month" and count > MAX_TREND_PERIODS:
        raise invalid(
            f"时间跨度过长：{count} 个月，按月统计最多 {MAX_TREND_PERIODS} 个月；"
            "请用 date_from、date_to 缩小日期范围，或按年统计",
            f"too many periods: {count} months, at most {MAX_TREND_PERIODS} by month; narrow "
            "the dates with date_from and date_to or use interval=year",
        )


def _check_text(*values: str) -> None:
    """Every string is text (a command-line argument in another encoding is not): the web
    refuses a URL that is not UTF-8 before this, the CLI not."""
    if not is_text(*values):
        raise invalid(
            "参数含有无效字符：请使用 UTF-8 编码的文字", "a parameter is not valid UTF-8 text"
        )


def _check_query(query: str) -> None:
    _check_length(query, ("查询", "query"), "，请精简关键词")


def _check_length(text: str, names: tuple[str, str], advice: str = "") -> None:
    """At most MAX_QUERY_CHARS characters; `names` (Chinese, English) say what is too long."""
    if len(text) > MAX_QUERY_CHARS:
        chinese, english = names
        raise invalid(
            f"{chinese}过长：{len(text)} 个字符，最多 {MAX_QUERY_CHARS} 个{advice}",
            f"{english} too long: {len(text)} characters, at most {MAX_QUERY_CHARS}",
        )


def _check_paging(page: object, per_page: object) -> None:
    if not isinstance(page, int) or page < 1:
        raise invalid("页码 page 必须是大于等于 1 的整数", "page must be a whole number ≥ 1")
    if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise invalid(
            f"每页条数 per_page 必须在 1 到 {MAX_PER_PAGE} 之间",
            f"per_page must be between 1 and {MAX_PER_PAGE}",
        )
    if page * per_page > MAX_DEPTH:
        raise invalid(
            f"页码过大：最多只能翻到第 {MAX_DEPTH} 条结果（每页 {per_page} 条时最多 "
            f"{MAX_DEPTH // per_page} 页），请添加关键词或筛选条件",
            f"page too deep: results are shown up to number {MAX_DEPTH}",
        )


def _check_choice(value: object, name: str, choices: tuple[str | None, ...]) -> None:
    if value not in choices:
        allowed = ", ".join(choice for choice in choices if choice)
        shown = str(value)[:20]
        raise invalid(
            f"参数 {name} 的取值无效：{shown}（可选：{allowed}）",
            f"invalid value for {name!r}: {shown!r} (allowed: {allowed})",
        )


def _check_filter(facet: str, values: tuple[str, ...]) -> None:
    if facet not in FACETS:
        known = ", ".join(FACETS)
        raise invalid(
            f"未知的筛选条件：{facet[:20]}（可用：{known}）",
            f"unknown facet {facet[:20]!r} (facets: {known})",
        )
    if len(values) > MAX_FILTER_VALUES:
        raise invalid(
            f"筛选条件 {facet} 最多 {MAX_FILTER_VALUES} 个取值",
            f"at most {MAX_FILTER_VALUES} values for filter {facet!r}",
        )
    for value in values:
        if len(value) > MAX_VALUE_CHARS:
            raise invalid(
                f"筛选值过长（{facet}），最多 {MAX_VALUE_CHARS} 个字符",
                f"filter value for {facet!r} longer than {MAX_VALUE_CHARS} characters",
            )
        if facet == "year" and not _YEAR.fullmatch(year_value(value)):
            raise invalid(
                f"年份 year 必须是四位数字，收到：{value[:20]}",
                f"year must be four digits, got {value[:20]!r}",
            )
