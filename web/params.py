"""Parse search URL parameters into a `SearchRequest`, once, for pages and the API.

Only types and the URL's own rules are checked here; every limit is `search.validation`'s.
Each rejection is an `InvalidRequest` with a Chinese + English message, so callers answer 400.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search.dates import day_bound
from search.errors import NotFound
from search.fields import FACETS
from search.models import SearchRequest
from search.trend_models import TrendsRequest
from search.validation import DEFAULT_PER_PAGE, invalid, year_value

FORMATS = ("json", "csv")
TIME_PARAMS = ("date_from", "date_to", "indexed_since")
SCALAR_PARAMS = ("q", "page", "per_page", "sort", "group", "format", "field", *TIME_PARAMS)
# /trends and /api/trends: `q` repeats (one series each); `measure` picks the page's chart;
# `field=title` or `group=article` count articles, as such a search lists them.
LISTING_PARAMS = ("field", "group")
TREND_SCALAR_PARAMS = ("interval", "format", "measure", *LISTING_PARAMS, *TIME_PARAMS)
# Every other name /trends takes is a facet filter, and the engine refuses any but FACETS.
TREND_PARAMS = ("q", *TREND_SCALAR_PARAMS, *FACETS)
MEASURES = ("count", "share")
MAX_TIME_CHARS = 40
# Control characters (except tab/newline, which become spaces anyway) only confuse the parser.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_NUMBER = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True)
class SearchParams:
    """A parsed search request plus the response format the client asked for."""

    request: SearchRequest
    format: str = "json"


@dataclass(frozen=True)
class TrendsParams:
    """A parsed trends request, the response format and the page's chart measure."""

    request: TrendsRequest
    format: str = "json"
    measure: str = "count"


def _once(args: MultiDict[str, str], names: tuple[str, ...]) -> None:
    for name in names:
        if len(args.getlist(name)) > 1:
            raise invalid(f"参数 {name} 只能出现一次", f"parameter {name!r} may appear only once")


def _choice(raw: str, name: str, choices: tuple[str, ...]) -> str:
    if raw not in choices:
        allowed = ", ".join(choices)
        raise invalid(
            f"参数 {name} 的取值无效：{raw[:20]}（可选：{allowed}）",
            f"invalid value for {name!r}: {raw[:20]!r} (allowed: {allowed})",
        )
    return raw


def time_params(args: Mapping[str, str]) -> dict[str, str]:
    """The raw time parameters (their dates are checked by the engine: `search.dates`)."""
    values = {name: clean_text(args.get(name, "")) for name in TIME_PARAMS}
    for name, value in values.items():
        if len(value) > MAX_TIME_CHARS:
            raise invalid(f"参数 {name} 过长", f"parameter {name!r} is too long")
    return values


def clean_text(raw: str) -> str:
    """A parameter without control characters (they only confuse the parser) or edge spaces."""
    return _CONTROL_CHARACTERS.sub(" ", raw).strip()


def parse_search_params(args: MultiDict[str, str]) -> SearchParams:
    """Turn query-string arguments into SearchParams; the engine validates the request."""
    _once(args, SCALAR_PARAMS)
    # First values in a plain dict: a MultiDict raises (and catches) an HTTP error per absent name.
    first = args.to_dict()
    request = SearchRequest(
        query=clean_text(first.get("q", "")),
        filters=_parse_filters(args, SCALAR_PARAMS),
        page=_parse_number(first.get("page"), "page", default=1),
        per_page=_parse_number(first.get("per_page"), "per_page", default=DEFAULT_PER_PAGE),
        sort=first.get("sort") or "relevance",
        group=_parse_group(first.get("group")),
        field=first.get("field") or "text",
        **time_params(first),
    )
    return SearchParams(request, _choice(first.get("format") or "json", "format", FORMATS))


def api_twin_url(api_path: str, args: MultiDict[str, str]) -> str | None:
    """Where a page's request naming a `format` is answered (`/?…&format=csv` by
    `/api/search?…&format=csv`): the API twin with the same parameters in their order; None
    without a format, which the page answers itself. Check the parameters first (400)."""
    if not args.get("format"):
        return None
    return f"{api_path}?{urlencode(list(args.items(multi=True)))}"


def parse_trends_params(args: MultiDict[str, str]) -> TrendsParams:
    """`q` once per series (none: one series of every paragraph), filters as for a search;
    the engine validates the request (`search.validation.validate_trends`)."""
    _once(args, TREND_SCALAR_PARAMS)
    queries = tuple(clean_text(raw) for raw in args.getlist("q")) or ("",)
    scope = SearchRequest(
        filters=_parse_filters(args, ("q", *TREND_SCALAR_PARAMS)),
        group=_parse_group(args.get("group")),
        field=args.get("field") or "text",
        **time_params(args),
    )
    return TrendsParams(
        TrendsRequest(queries, scope, args.get("interval") or None),
        _choice(args.get("format") or "json", "format", FORMATS),
        _choice(args.get("measure") or "count", "measure", MEASURES),
    )


def parse_suggest_params(args: MultiDict[str, str]) -> str:
    """The `q` prefix of GET /api/suggest (no other parameter); its length is the engine's."""
    _only(args, ("q",))
    return _CONTROL_CHARACTERS.sub(" ", args.get("q", "")).strip()


def parse_facets_params(args: MultiDict[str, str]) -> dict[str, str]:
    """The time parameters of GET /api/facets, its only ones: a facet filter there would be
    silently ignored (the counts are the whole index's), so it is refused."""
    _only(args, TIME_PARAMS)
    return time_params(args)


def _only(args: MultiDict[str, str], known: tuple[str, ...]) -> None:
    """Refuse a parameter not in `known`, or one given twice."""
    unknown = sorted(set(args.keys()) - set(known))
    if unknown:
        listed = ", ".join(known)
        raise invalid(
            f"未知参数：{unknown[0][:20]}（可用参数：{listed}）",
            f"unknown parameter {unknown[0][:20]!r} (known: {listed})",
        )
    _once(args, known)


def _parse_number(raw: str | None, name: str, *, default: int) -> int:
    if raw is None or raw.strip() == "":
        return default
    if not _NUMBER.fullmatch(raw.strip()):
        raise invalid(
            f"参数 {name} 必须是正整数，收到：{raw[:20]}",
            f"parameter {name!r} must be a positive integer, got {raw[:20]!r}",
        )
    return int(raw)


def _parse_group(raw: str | None) -> str | None:
    return None if raw is None or raw in ("", "none") else raw


def _parse_filters(
    args: MultiDict[str, str], scalars: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """Every other parameter is a facet filter (the engine refuses unknown facets).

    A known facet given only empty values filters nothing; an unknown one is kept so that it
    is refused rather than silently ignored.
    """
    filters: dict[str, tuple[str, ...]] = {}
    for name in args:
        if name in scalars:
            continue
        values = filter_values(name, args.getlist(name))
        if values or name not in FACETS:
            filters[name] = values
    return filters


def filter_values(name: str, raw: list[str]) -> tuple[str, ...]:
    """A filter parameter's distinct non-empty values, cleaned; years folded as the engine folds
    them, so the page's links, ticks and chips carry `2023` for a typed `２０２３`."""
    cleaned = (clean_text(value) for value in raw)
    if name == "year":
        cleaned = (year_value(value) for value in cleaned)
    return tuple(dict.fromkeys(value for value in cleaned if value))


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
    if state.field != "text":
        pairs.append(("field", state.field))
    pairs.extend((name, getattr(state, name)) for name in TIME_PARAMS if getattr(state, name))
    if state.per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(state.per_page)))
    if state.page != 1:
        pairs.append(("page", str(state.page)))
    return pairs


def search_url(path: str, request: SearchRequest, **changes: object) -> str:
    """A URL for `path` carrying the request's state with `changes` applied."""
    pairs = request_args(request, **changes)
    return f"{path}?{urlencode(pairs)}" if pairs else path


def period_dates(request: SearchRequest, period: str) -> dict[str, str]:
    """`date_from` and `date_to` of a chart period's results (`2023`, `2023-05`): the period
    within the request's own date range, as its bar counts it (a range starting or ending
    inside the period keeps that end). The request was validated: its dates read."""
    start, end = day_bound(period, "date_from", last=False), day_bound(period, "date_to", last=True)
    low, high = request.date_from, request.date_to
    inside_low = low.strip() and day_bound(low, "date_from", last=False) > start
    inside_high = high.strip() and day_bound(high, "date_to", last=True) < end
    return {"date_from": low if inside_low else period, "date_to": high if inside_high else period}


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
