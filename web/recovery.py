"""What the error page of a refused search keeps: the query, and every option, filter and date
the validator accepts on its own, so that a user corrects only the bad part (a mistyped date)."""

from __future__ import annotations

from dataclasses import replace

from werkzeug.datastructures import MultiDict

from search.errors import InvalidRequest
from search.fields import FACETS
from search.models import SearchRequest
from search.validation import MAX_QUERY_CHARS, validate
from web.params import MAX_TIME_CHARS, TIME_PARAMS, clean_text, filter_values

OPTIONS = ("sort", "group", "field")
DATES = ("date_from", "date_to")


def _valid(**parts: object) -> bool:
    """Whether a request of only `parts` passes the one validator."""
    try:
        validate(SearchRequest(**parts))
    except InvalidRequest:
        return False
    return True


def kept_search(args: MultiDict[str, str]) -> tuple[SearchRequest, dict[str, str]]:
    """The refused search's state for its error page, and those of its time parameters that are
    valid. The state keeps the dates as typed (the date form shows them to correct, a chip
    removes them); the search box carries only valid ones, so a new query is not refused again."""
    state = SearchRequest(query=clean_text(args.get("q", ""))[:MAX_QUERY_CHARS])
    for name in OPTIONS:
        value = args.get(name, "")
        if value and _valid(**{name: value}):
            state = replace(state, **{name: value})
    filters = {}
    for facet in FACETS:
        values = filter_values(facet, args.getlist(facet))  # as the search page reads them
        if values and _valid(filters={facet: values}):
            filters[facet] = values
    times = {name: clean_text(args.get(name, ""))[:MAX_TIME_CHARS] for name in TIME_PARAMS}
    return replace(state, filters=filters, **times), _valid_times(times)


def _valid_times(times: dict[str, str]) -> dict[str, str]:
    """The date range if valid as a whole, and `indexed_since` if valid; else blank."""
    kept = dict.fromkeys(TIME_PARAMS, "")
    dates = {name: times[name] for name in DATES}
    if _valid(**dates):
        kept.update(dates)
    if _valid(indexed_since=times["indexed_since"]):
        kept["indexed_since"] = times["indexed_since"]
    return kept
