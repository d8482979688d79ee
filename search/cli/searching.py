"""`gaoxin search`, `gaoxin export` and `gaoxin trends`: the API's answers on the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import click

from search.cli.common import (
    facet_options,
    index_option,
    reports_errors,
    time_options,
    write,
)
from search.dates import INTERVALS
from search.fields import HIT_TAG_FIELDS
from search.models import SORTS, SearchRequest, SearchResults
from search.trend_models import Trends, TrendsRequest


def _print_results(results: SearchResults) -> None:
    relaxed = (
        " (no paragraph has every keyword: showing partial matches)" if results.relaxed else ""
    )
    partial = f" + {results.partial_total} partial" if results.partial_total else ""
    write(f"{results.total} results{partial} for {results.parsed or '(everything)'}{relaxed}")
    for number, hit in enumerate(results.results, start=(results.page - 1) * results.per_page + 1):
        snippet = hit.highlight.replace("<mark>", "【").replace("</mark>", "】")
        snippet = snippet.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        snippet = snippet.replace("&#x27;", "'").replace("&amp;", "&")
        paragraph = hit.paragraph
        tags = " ".join(
            f"#{tag}"
            for field in HIT_TAG_FIELDS
            for tag in getattr(paragraph, str(field.attribute))
        )
        write(f"\n{number}. {hit.article_title}")
        write(f"   {snippet}")
        if tags:
            write(f"   {tags}")
        extra = f"  ({hit.matches_in_article} matching paragraphs)" if results.group else ""
        if hit.missing:
            extra += f"  (missing: {' '.join(hit.missing)})"
        if hit.duplicates:
            extra += f"  (+{hit.duplicates} near-identical)"
        dated = f"{hit.date}  " if hit.date else ""
        write(f"   {dated}{paragraph.url}{extra}")


@click.command("search")
@click.argument("query", required=False, default="")
@facet_options
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", "per_page", type=int, default=10, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="relevance",
    help="date: newest first; indexed: latest indexed first.",
)
@click.option("--group", type=click.Choice(["article"]), default=None)
@time_options
@click.option("--title-only", "title_only", is_flag=True, help="Match article titles only.")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
@index_option
@reports_errors
def search_command(
    query: str,
    page: int,
    per_page: int,
    sort: str,
    group: str | None,
    date_from: str,
    date_to: str,
    indexed_since: str,
    title_only: bool,
    as_json: bool,
    index_dir: Path,
    **filters: tuple[str, ...],
) -> None:
    """Search the index: keywords (all must match), "phrases", -exclusions, A OR B."""
    from search.serialize import results_json
    from search.service import SearchService

    request = SearchRequest(
        query=query,
        filters={name: values for name, values in filters.items() if values},
        page=page,
        per_page=per_page,
        sort=sort,
        group=group,
        date_from=date_from,
        date_to=date_to,
        indexed_since=indexed_since,
        field="title" if title_only else "text",
    )
    with SearchService(index_dir) as service:
        results = service.search(request)
    if as_json:
        write(json.dumps(results_json(results), ensure_ascii=False, indent=1))
    else:
        _print_results(results)


@click.command("export")
@index_option
@reports_errors
def export_command(index_dir: Path) -> None:
    """Every paragraph as JSON Lines on stdout, in article order."""
    from search.serialize import stored_paragraph_json
    from search.service import SearchService

    with SearchService(index_dir) as service:
        for stored in service.export():
            write(json.dumps(stored_paragraph_json(stored), ensure_ascii=False))


@click.command("trends")
@click.argument("queries", nargs=-1)
@facet_options
@time_options
@click.option(
    "--interval",
    type=click.Choice(INTERVALS),
    default=None,
    help="Period length [default: month when the dates span at most 5 years, else year].",
)
@click.option(
    "--group", type=click.Choice(["article"]), default=None, help="Count articles, not paragraphs."
)
@click.option(
    "--title-only", "title_only", is_flag=True, help="Match article titles only (counts articles)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of GET /api/trends.")
@index_option
@reports_errors
def trends_command(
    queries: tuple[str, ...],
    date_from: str,
    date_to: str,
    indexed_since: str,
    interval: str | None,
    group: str | None,
    title_only: bool,
    as_json: bool,
    index_dir: Path,
    **filters: tuple[str, ...],
) -> None:
    """Matching paragraphs (or articles: --group article, --title-only) per month or year for up
    to 4 QUERIES (none: everything)."""
    from search.serialize import trends_json
    from search.service import SearchService

    scope = SearchRequest(
        filters={name: values for name, values in filters.items() if values},
        group=group,
        field="title" if title_only else "text",
        date_from=date_from,
        date_to=date_to,
        indexed_since=indexed_since,
    )
    with SearchService(index_dir) as service:
        trends = service.trends(TrendsRequest(queries or ("",), scope, interval))
    if as_json:
        write(json.dumps(trends_json(trends), ensure_ascii=False, indent=1))
    else:
        _print_trends(trends)


def _print_trends(trends: Trends) -> None:
    """A table: period, paragraphs (or articles) of the period, then each query's count and
    share."""
    names = [series.query or "(all)" for series in trends.series]
    unit = f"{trends.unit}s"
    write("\t".join(["period", unit, *names]))
    for index, period in enumerate(trends.periods):
        cells = [period.period, str(period.paragraphs)]
        for series in trends.series:
            bucket = series.buckets[index]
            cells.append(f"{bucket.count} ({bucket.share * 100:.3g}%)")
        write("\t".join(cells))
    for name, series in zip(names, trends.series, strict=True):
        line = f"{name}: {series.total} {unit}, {series.undated} without a date"
        counted = sum(bucket.count for bucket in series.buckets)
        if counted > series.total - series.undated:  # as the page's caption says
            line += f"; the periods add up to {counted}: a reprint counts in each period it is in"
        write(line)
