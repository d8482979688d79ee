"""Parse and validate search URL parameters into a `SearchRequest`, once, for pages and the API.

Every rejection is an `InvalidRequest` with a Chinese + English message, so callers answer 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search.errors import InvalidRequest, NotFound
from search.models import FACETS, GROUPS, SORTS, SearchRequest

MAX_QUERY_CHARS = 256
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10
# Deep paging costs the engine a full sort; nobody reads past the 10,000th hit in a browser.
MAX_RESULT_DEPTH = 10_000
MAX_FILTER_VALUES = 20
MAX_FILTER_VALUE_CHARS = 100
FORMATS = ("json", "csv")
SCALAR_PARAMS = ("q", "page", "per_page", "sort", "group", "format")
KNOWN_PARAMS = frozenset(SCALAR_PARAMS + FACETS)
# Control characters (except tab/newline, which become spaces anyway) only confuse the parser.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_YEAR = re.compile(r"\d{4}")
_NUMBER = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class SearchParams:
    """A validated search request plus the response format the client asked for."""

    request: SearchRequest
    format: str = "json"


def invalid(chinese: str, english: str) -> InvalidRequest:
    """One bilingual 400 error, the same wording for pages and the API."""
    return InvalidRequest(f"{chinese} / {english}")


def parse_search_params(args: MultiDict[str, str]) -> SearchParams:
    """Turn query-string arguments into a SearchParams, raising InvalidRequest on bad input."""
    unknown = sorted(set(args.keys()) - KNOWN_PARAMS)
    if unknown:
        known = ", ".join(SCALAR_PARAMS + FACETS)
        raise invalid(
            f"未知参数：{unknown[0]}（可用参数：{known}）",
            f"unknown parameter {unknown[0]!r} (known: {known})",
        )
    for name in SCALAR_PARAMS:
        if len(args.getlist(name)) > 1:
            raise invalid(f"参数 {name} 只能出现一次", f"parameter {name!r} may appear only once")
    page = _parse_number(args.get("page"), "page", default=1)
    per_page = _parse_number(args.get("per_page"), "per_page", default=DEFAULT_PER_PAGE)
    _check_paging(page, per_page)
    request = SearchRequest(
        query=_parse_query(args.get("q", "")),
        filters=_parse_filters(args),
        page=page,
        per_page=per_page,
        sort=_parse_choice(args.get("sort") or "relevance", "sort", SORTS),
        group=_parse_group(args.get("group")),
    )
    return SearchParams(request, _parse_choice(args.get("format") or "json", "format", FORMATS))


def _parse_query(raw: str) -> str:
    query = _CONTROL_CHARACTERS.sub(" ", raw).strip()
    if len(query) > MAX_QUERY_CHARS:
        raise invalid(
            f"查询过长：{len(query)} 个字符，最多 {MAX_QUERY_CHARS} 个，请精简关键词",
            f"query too long: {len(query)} characters, at most {MAX_QUERY_CHARS}",
        )
    return query


def _parse_number(raw: str | None, name: str, *, default: int) -> int:
    if raw is None or raw.strip() == "":
        return default
    if not _NUMBER.fullmatch(raw.strip()):
        raise invalid(
            f"参数 {name} 必须是正整数，收到：{raw[:20]}",
            f"parameter {name!r} must be a positive integer, got {raw[:20]!r}",
        )
    return int(raw)


def _check_paging(page: int, per_page: int) -> None:
    if page < 1:
        raise invalid("页码 page 必须大于等于 1", "page must be at least 1")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise invalid(
            f"每页条数 per_page 必须在 1 到 {MAX_PER_PAGE} 之间",
            f"per_page must be between 1 and {MAX_PER_PAGE}",
        )
    if (page - 1) * per_page >= MAX_RESULT_DEPTH:
        raise invalid(
            f"页码过大：最多只能翻到第 {MAX_RESULT_DEPTH} 条结果，请添加筛选条件",
            f"page too deep: results are available up to number {MAX_RESULT_DEPTH}",
        )


def _parse_choice(raw: str, name: str, choices: tuple[str | None, ...]) -> str:
    if raw not in choices:
        allowed = ", ".join(choice for choice in choices if choice)
        raise invalid(
            f"参数 {name} 的取值无效：{raw[:20]}（可选：{allowed}）",
            f"invalid value for {name!r}: {raw[:20]!r} (allowed: {allowed})",
        )
    return raw


def _parse_group(raw: str | None) -> str | None:
    if raw is None or raw in ("", "none"):
        return None
    return _parse_choice(raw, "group", GROUPS)


def _parse_filters(args: MultiDict[str, str]) -> dict[str, tuple[str, ...]]:
    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        values = []
        for raw in args.getlist(facet):
            value = _CONTROL_CHARACTERS.sub(" ", raw).strip()
            if value and value not in values:
                values.append(_check_filter_value(facet, value))
        if len(values) > MAX_FILTER_VALUES:
            raise invalid(
                f"筛选条件 {facet} 最多 {MAX_FILTER_VALUES} 个取值",
                f"at most {MAX_FILTER_VALUES} values for filter {facet!r}",
            )
        if values:
            filters[facet] = tuple(values)
    return filters


def _check_filter_value(facet: str, value: str) -> str:
    if len(value) > MAX_FILTER_VALUE_CHARS:
        raise invalid(
            f"筛选值过长（{facet}），最多 {MAX_FILTER_VALUE_CHARS} 个字符",
            f"filter value for {facet!r} longer than {MAX_FILTER_VALUE_CHARS} characters",
        )
    if facet == "year" and not _YEAR.fullmatch(value):
        raise invalid(
            f"年份 year 必须是四位数字，收到：{value[:20]}",
            f"year must be four digits, got {value[:20]!r}",
        )
    return value


def request_args(request: SearchRequest, **changes: object) -> list[tuple[str, str]]:
    """The canonical query-string pairs for a request, omitting defaults (for shareable links)."""
    state = replace(request, **changes)
    pairs: list[tuple[str, str]] = [("q", state.query)] if state.query else []
    for facet in FACETS:
        pairs.extend((facet, value) for value in state.filters.get(facet, ()))
    if state.sort != "relevance":
        pairs.append(("sort", state.sort))
    if state.group:
        pairs.append(("group", state.group))
    if state.per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(state.per_page)))
    if state.page != 1:
        pairs.append(("page", str(state.page)))
    return pairs


def search_url(path: str, request: SearchRequest, **changes: object) -> str:
    """A URL for `path` carrying the request's state with `changes` applied."""
    pairs = request_args(request, **changes)
    return f"{path}?{urlencode(pairs)}" if pairs else path


def toggle_filter(request: SearchRequest, facet: str, value: str) -> dict[str, tuple[str, ...]]:
    """The request's filters with `value` added to or removed from `facet` (page resets)."""
    filters = dict(request.filters)
    current = filters.get(facet, ())
    if value in current:
        remaining = tuple(item for item in current if item != value)
    else:
        remaining = (*current, value)
    if remaining:
        filters[facet] = remaining
    else:
        filters.pop(facet, None)
    return filters


_ARTICLE_ID = re.compile(r"[0-9a-f]{12}")
_PARAGRAPH_ID = re.compile(r"[0-9a-f]{12}-[0-9]{1,6}")


def checked_article_id(article_id: str) -> str:
    """The id if it has the documented shape; otherwise NotFound without asking the engine."""
    if not _ARTICLE_ID.fullmatch(article_id):
        raise NotFound(f"没有这篇文章：{article_id[:40]} / no article {article_id[:40]!r}")
    return article_id


def checked_paragraph_id(paragraph_id: str) -> str:
    """The id if it looks like `<article_id>-<ordinal>`; otherwise NotFound."""
    if not _PARAGRAPH_ID.fullmatch(paragraph_id):
        raise NotFound(f"没有这个段落：{paragraph_id[:40]} / no paragraph {paragraph_id[:40]!r}")
    return paragraph_id
