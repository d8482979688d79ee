"""The `gaoxin` command line, the one click group: index, search, export and serve.

Every engine error becomes one `Error: …` line on stderr and exit code 2 (1: nothing indexed).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from search.dates import INTERVALS
from search.errors import GaoxinError
from search.fields import FACET_FIELDS, HIT_TAG_FIELDS
from search.models import SORTS, SearchRequest, SearchResults, Trends, TrendsRequest

if TYPE_CHECKING:
    from search.indexing.report import BuildReport

EXIT_NOTHING_INDEXED = 1
EXIT_ERROR = 2

index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="index",
    show_default=True,
    envvar="GAOXIN_INDEX",
    help="Index directory built by `gaoxin index` (env GAOXIN_INDEX).",
)


def process_count_option(name: str, help_text: str) -> Callable[[Callable], Callable]:
    """An option for a number of processes, 1 to 64; None (the default) lets the command pick."""
    return click.option(name, type=click.IntRange(1, 64), default=None, help=help_text)


def time_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--from, --to (YYYY, YYYY-MM or YYYY-MM-DD, inclusive) and --indexed-since (ISO)."""
    options = (
        click.option("--from", "date_from", default="", help="First date: YYYY[-MM[-DD]]."),
        click.option("--to", "date_to", default="", help="Last date (inclusive)."),
        click.option(
            "--indexed-since",
            "indexed_since",
            default="",
            help="Only articles indexed after this ISO date-time (e.g. 2026-11-30T08:00:00Z).",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _facet_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """One repeatable option per facet of the registry (`--park`, …, `--year`)."""
    for field in reversed(FACET_FIELDS):
        help_text = f"Filter by {field.name.replace('_', ' ')} ({field.label}); repeat for OR."
        option = click.option(field.cli_flag, field.name, multiple=True, help=help_text)
        command = option(command)
    return command


def _reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GaoxinError as error:
            click.echo(f"Error: {error.message}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


@click.group()
def cli() -> None:
    """Gaoxin Search (高新检索): full-text search over Chinese high-tech zone news."""


def _build_with_progress(
    corpus: Path, index_dir: Path, processes: int | None, overrides: Path | None
) -> BuildReport:
    """`build_index` with two bars on the terminal: files read, then articles indexed."""
    from search.indexing.builder import build_index

    files = [path for path in corpus.iterdir() if path.is_file()] if corpus.is_dir() else [corpus]
    bars = [click.progressbar(length=len(files), label="Reading corpus ", file=sys.stderr)]

    def on_plan(total: int) -> None:
        bars[-1].render_finish()
        bars.append(click.progressbar(length=total, label="Indexing articles", file=sys.stderr))

    def on_write(count: int) -> None:
        bars[-1].update(1)
        if count == bars[-1].length:
            bars[-1].render_finish()
            click.echo("Writing the index files…", err=True)

    report = build_index(
        corpus,
        index_dir,
        on_file=lambda name: bars[0].update(1),
        on_plan=on_plan,
        on_write=on_write,
        processes=processes,
        overrides=overrides,
    )
    if len(bars) == 1:
        bars[0].render_finish()
    return report


@cli.command("index")
@click.option(
    "--corpus",
    type=click.Path(path_type=Path),
    default="seeds",
    show_default=True,
    envvar="GAOXIN_CORPUS",
    help="Corpus directory, .txt or .jsonl[.gz|.xz] file (env GAOXIN_CORPUS).",
)
@index_option
@process_count_option(
    "--processes", "Worker processes for a large build [default: 2 per CPU, at most 4]."
)
@click.option(
    "--overrides",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="YAML file of tag corrections (add/remove park, industry, policy-type labels).",
)
@click.option("--watch", is_flag=True, help="Keep indexing changes until Ctrl+C.")
@click.option(
    "--interval",
    type=click.FloatRange(0.1, 3600),
    default=2.0,
    show_default=True,
    help="With --watch: seconds between looks at the corpus.",
)
@_reports_errors
def index_command(
    corpus: Path,
    index_dir: Path,
    processes: int | None,
    overrides: Path | None,
    watch: bool,
    interval: float,
) -> None:
    """Build or update the index (only what changed in the corpus is read and rewritten)."""
    from search.indexing.last_build import unchanged_report

    if watch:
        from search.indexing.builder import build_index
        from search.indexing.watch import run_watch
        from search.ingest.resident import Resident

        # The ingest memory and reprint merge stay loaded between builds.
        build = functools.partial(
            build_index,
            corpus,
            index_dir,
            processes=processes,
            overrides=overrides,
            resident=Resident(),
        )
        run_watch(corpus, build, interval, lambda report: _print_report(report, overrides))
        return
    # An unchanged corpus is answered from the last build's record, before Whoosh and jieba.
    report = unchanged_report(corpus, index_dir, overrides=overrides)
    if report is None and sys.stderr.isatty():
        report = _build_with_progress(corpus, index_dir, processes, overrides)
    elif report is None:
        from search.indexing.builder import build_index

        report = build_index(corpus, index_dir, processes=processes, overrides=overrides)
    _print_report(report, overrides)
    if report.articles == 0:
        click.echo("Error: nothing usable was indexed", err=True)
        sys.exit(EXIT_NOTHING_INDEXED)


def _print_report(report: BuildReport, overrides: Path | None) -> None:
    click.echo(
        f"{report.articles} articles, {report.paragraphs} paragraphs, "
        f"{report.duplicates} duplicate{'s' if report.duplicates != 1 else ''}, "
        f"{len(report.skipped)} skipped (added {report.added}, replaced {report.replaced}, "
        f"removed {report.removed}, unchanged {report.unchanged}); "
        f"{report.undated} without a date; "
        f"{report.parsed} read from new or changed input"
    )
    if overrides is not None:
        matched = report.overrides - len(report.overrides_unmatched)
        click.echo(f"{report.overrides} tag overrides ({matched} apply to the corpus)")
        for unmatched in report.overrides_unmatched:
            click.echo(f"override {overrides} {unmatched}: no such paragraph or article")
    for skipped in report.skipped:
        where = f" line {skipped.line}" if skipped.line else ""
        click.echo(f"skipped {skipped.file}{where}: {skipped.reason}")


def _print_results(results: SearchResults) -> None:
    relaxed = (
        " (no paragraph has every keyword: showing partial matches)" if results.relaxed else ""
    )
    partial = f" + {results.partial_total} partial" if results.partial_total else ""
    click.echo(f"{results.total} results{partial} for {results.parsed or '(everything)'}{relaxed}")
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
        click.echo(f"\n{number}. {hit.article_title}")
        click.echo(f"   {snippet}")
        if tags:
            click.echo(f"   {tags}")
        extra = f"  ({hit.matches_in_article} matching paragraphs)" if results.group else ""
        if hit.missing:
            extra += f"  (missing: {' '.join(hit.missing)})"
        if hit.duplicates:
            extra += f"  (+{hit.duplicates} near-identical)"
        dated = f"{hit.date}  " if hit.date else ""
        click.echo(f"   {dated}{paragraph.url}{extra}")


@cli.command("search")
@click.argument("query", required=False, default="")
@_facet_options
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
@_reports_errors
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
        click.echo(json.dumps(results_json(results), ensure_ascii=False, indent=1))
    else:
        _print_results(results)


@cli.command("export")
@index_option
@_reports_errors
def export_command(index_dir: Path) -> None:
    """Every paragraph as JSON Lines on stdout, in article order."""
    from search.serialize import stored_paragraph_json
    from search.service import SearchService

    with SearchService(index_dir) as service:
        for stored in service.export():
            click.echo(json.dumps(stored_paragraph_json(stored), ensure_ascii=False))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@index_option
@process_count_option(
    "--workers", "Server processes [default: the number of CPUs]; 1 serves from this process."
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Threads each."
)
def serve(host: str, port: int, index_dir: Path, workers: int | None, threads: int) -> None:
    """Serve the search pages and JSON API over INDEX at http://HOST:PORT/ (gunicorn, one
    process per CPU; waitress with --workers 1)."""
    # The CLI is the composition root: the only engine module that reaches into web/, and
    # only here, so `search` imports no Flask until a server is asked for.
    workers = workers or os.cpu_count() or 1
    _limit_malloc_arenas()
    # No cyclic garbage collection while the server starts (enabled again once the index is
    # open): it found almost nothing among the 60,000 objects a start makes, yet took 30–50 ms
    # of the first answer on the whole xwlb corpus.
    gc.disable()
    if workers > 1 and hasattr(os, "fork"):
        from search.storage.manifest import read_manifest
        from web.serving import serve_prefork

        try:  # the master opens the index before forking; refuse a directory that is none
            read_manifest(index_dir)
        except GaoxinError as error:
            raise click.ClickException(
                f"{error.message}\nBuild it first: gaoxin index --corpus seeds --index <dir>"
            ) from None
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        click.echo(
            f"Gaoxin Search: serving {index_dir} at http://{host}:{port}/ "
            f"({workers} processes × {threads} threads)"
        )
        from web.app import create_app

        serve_prefork(lambda: create_app(index_dir), host, port, workers, threads)
        return
    import waitress

    from web.app import create_app
    from web.service import get_service

    app = create_app(index_dir)
    with app.app_context():
        try:  # open the index before listening: a clear message, not a 503 later
            get_service().stats()
        except GaoxinError as error:
            raise click.ClickException(
                f"{error.message}\nBuild it first: gaoxin index --corpus seeds --index <dir>"
            ) from None
    gc.enable()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    click.echo(f"Gaoxin Search: serving {index_dir} at http://{host}:{port}/ ({threads} threads)")
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="gaoxin")
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror}") from None


# glibc's mallopt parameter number for the maximum count of heap arenas.
_M_ARENA_MAX = -8


def _limit_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's heap arenas before the server threads start.

    glibc gives threads that allocate at once arenas of their own (up to 8 per CPU), each
    keeping freed result arrays resident: under 8 clients over 305k paragraphs the server
    peaked at 399 MB with them and 327 MB with two (docs/benchmarks.md). Searches run at most
    two at a time anyway (`SearchService` admission).
    """
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to tune
        ctypes.CDLL("libc.so.6").mallopt(_M_ARENA_MAX, arenas)


@cli.command("trends")
@click.argument("queries", nargs=-1)
@_facet_options
@time_options
@click.option(
    "--interval",
    type=click.Choice(INTERVALS),
    default=None,
    help="Period length [default: month when the dates span at most 5 years, else year].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of GET /api/trends.")
@index_option
@_reports_errors
def trends_command(
    queries: tuple[str, ...],
    date_from: str,
    date_to: str,
    indexed_since: str,
    interval: str | None,
    as_json: bool,
    index_dir: Path,
    **filters: tuple[str, ...],
) -> None:
    """Matching paragraphs per month or year for up to 4 QUERIES (none: every paragraph)."""
    from search.serialize import trends_json
    from search.service import SearchService

    scope = SearchRequest(
        filters={name: values for name, values in filters.items() if values},
        date_from=date_from,
        date_to=date_to,
        indexed_since=indexed_since,
    )
    with SearchService(index_dir) as service:
        trends = service.trends(TrendsRequest(queries or ("",), scope, interval))
    if as_json:
        click.echo(json.dumps(trends_json(trends), ensure_ascii=False, indent=1))
    else:
        _print_trends(trends)


def _print_trends(trends: Trends) -> None:
    """A table: period, paragraphs of the period, then each query's count and share."""
    names = [series.query or "(all)" for series in trends.series]
    click.echo("\t".join(["period", "paragraphs", *names]))
    for index, period in enumerate(trends.periods):
        cells = [period.period, str(period.paragraphs)]
        for series in trends.series:
            bucket = series.buckets[index]
            cells.append(f"{bucket.count} ({bucket.share * 100:.3g}%)")
        click.echo("\t".join(cells))
    for name, series in zip(names, trends.series, strict=True):
        click.echo(f"{name}: {series.total} paragraphs, {series.undated} without a date")


def main() -> None:
    """Entry point of the `gaoxin` console script and of `python -m search.cli`."""
    cli()


if __name__ == "__main__":
    main()
