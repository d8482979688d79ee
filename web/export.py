"""CSV export of a whole result set (full then partial matches as the pages list them, filters
respected), streamed, capped at EXPORT_MAX_ROWS. UTF-8 with a BOM so Excel shows Chinese
correctly; the permalink column is an absolute URL; `partial`/`missing` label partial matches.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from flask import Response, current_app, stream_with_context

from search.errors import GaoxinError
from search.fields import TAG_ATTRIBUTES
from search.models import SearchRequest
from search.serialize import results_json
from search.trend_models import Trends
from search.validation import MAX_DEPTH, validate

log = logging.getLogger(__name__)

EXPORT_PAGE_SIZE = 100
COLUMNS = (
    "paragraph_id",
    "article_id",
    "article_title",
    "kind",
    "ordinal",
    "text",
    *TAG_ATTRIBUTES,
    "tag_evidence",
    "date",
    "indexed_at",
    "source_file",
    "line_start",
    "line_end",
    "score",
    "permalink",
    "partial",
    "missing",
)
LIST_SEPARATOR = "; "
# Spreadsheet programs run cells starting with these as formulas (CSV injection): quote them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_response(service: Any, request: SearchRequest, *, base_url: str) -> Response:
    """A streamed CSV of every hit of `request` (from page 1): the full matches, then the
    partial ones, in the pages' order, at most EXPORT_MAX_ROWS rows; the headers count them.
    `page` and `per_page` do not limit it, but a bad one is the 400 the JSON and page give."""
    validate(request)
    # No search lists results deeper than MAX_DEPTH: a larger cap could not be filled.
    max_rows = min(int(current_app.config["EXPORT_MAX_ROWS"]), MAX_DEPTH)
    first_request = replace(request, page=1, per_page=EXPORT_PAGE_SIZE)
    # The first page runs before the response starts, so its errors still become a 400/503.
    first = results_json(service.search(first_request))
    # The pages list the full matches then the partial ones: the export holds both.
    rows = min(first["total"] + first["partial_total"], max_rows)
    body = stream_with_context(_encode(_rows(service, first_request, first, rows), base_url))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="gaoxin-search.csv"'
    response.headers["X-Total-Count"] = str(first["total"])
    response.headers["X-Partial-Count"] = str(first["partial_total"])
    response.headers["X-Export-Rows"] = str(rows)
    return response


def _rows(
    service: Any, request: SearchRequest, first: dict[str, Any], rows: int
) -> Iterator[dict[str, Any]]:
    """The first `rows` results, page after page."""
    page, results, emitted = 1, first["results"], 0
    while results:
        for result in results:
            if emitted >= rows:
                return
            yield result
            emitted += 1
        if emitted >= rows:
            return
        page += 1
        try:
            results = results_json(service.search(replace(request, page=page)))["results"]
        except GaoxinError as error:
            # Headers are gone already: say so in the file rather than truncate silently.
            log.warning("export stopped at page %d: %s", page, error.message)
            yield {"paragraph_id": f"导出未完成 / export incomplete: {error.message}"}
            return


def _encode(rows: Iterable[dict[str, Any]], base_url: str) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(value) for value in _flatten(row, base_url)])
        if buffer.tell() > 64_000:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_table(columns: tuple[str, ...], rows: list[dict[str, Any]], filename: str) -> Response:
    """A small table (e.g. the park directory) as a CSV download, UTF-8 with BOM."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column, "")) for column in columns])
    response = Response(buffer.getvalue().encode("utf-8"), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _flatten(row: dict[str, Any], base_url: str) -> list[Any]:
    source = row.get("source") or {}
    amounts = [amount.get("text", "") for amount in row.get("amounts") or ()]
    url = row.get("url", "")
    values = {
        **row,
        "amounts": amounts,
        "tag_evidence": [
            f"{value}：{'、'.join(phrases)}"
            for values in (row.get("tag_evidence") or {}).values()
            for value, phrases in values.items()
        ],
        "source_file": source.get("file", ""),
        "line_start": source.get("line_start", ""),
        "line_end": source.get("line_end", ""),
        "permalink": base_url.rstrip("/") + url if url else "",
        # A word, not Python's True/False: spreadsheet filters show it as typed.
        "partial": ("true" if row["partial"] else "false") if "partial" in row else "",
    }
    return [values.get(column, "") for column in COLUMNS]


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def trends_csv_response(trends: Trends) -> Response:
    """A trend table as CSV: one row per period; per query its count and share."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    labels = [series.query or "(all)" for series in trends.series]
    header = ["period", "paragraphs"]
    for label in labels:
        header += [f"{label} count", f"{label} share"]
    writer.writerow([_cell(value) for value in header])
    for index, period in enumerate(trends.periods):
        row: list[Any] = [period.period, period.paragraphs]
        for series in trends.series:
            row += [series.buckets[index].count, series.buckets[index].share]
        writer.writerow([_cell(value) for value in row])
    response = Response(buffer.getvalue().encode("utf-8"), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="gaoxin-trends.csv"'
    return response
