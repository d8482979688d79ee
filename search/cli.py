"""The `gaoxin` command line: index, search and export (web/cli.py adds `serve`).

Every engine error becomes one `Error: …` line on stderr and exit code 2 (1: nothing indexed).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from search.errors import GaoxinError
from search.models import SORTS, SearchRequest, SearchResults

if TYPE_CHECKING:
    from search.indexing.builder import BuildReport

EXIT_NOTHING_INDEXED = 1
EXIT_ERROR = 2

index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="index",
    show_default=True,
    envvar="GAOXIN_INDEX",
    help="Index directory (env GAOXIN_INDEX).",
)


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


def _build_with_progress(corpus: Path, index_dir: Path, processes: int | None) -> BuildReport:
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
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes for a large build [default: 2 per CPU, at most 4].",
)
@_reports_errors
def index_command(corpus: Path, index_dir: Path, processes: int | None) -> None:
    """Build or update the index (only what changed in the corpus is rewritten)."""
    from search.indexing.builder import build_index

    if sys.stderr.isatty():
        report = _build_with_progress(corpus, index_dir, processes)
    else:
        report = build_index(corpus, index_dir, processes=processes)
    click.echo(
        f"{report.articles} articles, {report.paragraphs} paragraphs, "
        f"{report.duplicates} duplicate{'s' if report.duplicates != 1 else ''}, "
        f"{len(report.skipped)} skipped (added {report.added}, replaced {report.replaced}, "
        f"removed {report.removed}, unchanged {report.unchanged})"
    )
    for skipped in report.skipped:
        where = f" line {skipped.line}" if skipped.line else ""
        click.echo(f"skipped {skipped.file}{where}: {skipped.reason}")
    if report.articles == 0:
        click.echo("Error: nothing usable was indexed", err=True)
        sys.exit(EXIT_NOTHING_INDEXED)


def _print_results(results: SearchResults) -> None:
    relaxed = (
        " (no paragraph has every keyword: showing partial matches)" if results.relaxed else ""
    )
    click.echo(f"{results.total} results for {results.parsed or '(everything)'}{relaxed}")
    for number, hit in enumerate(results.results, start=(results.page - 1) * results.per_page + 1):
        snippet = hit.highlight.replace("<mark>", "【").replace("</mark>", "】")
        snippet = snippet.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        snippet = snippet.replace("&#x27;", "'").replace("&amp;", "&")
        paragraph = hit.paragraph
        tags = " ".join(
            f"#{tag}" for tag in (*paragraph.parks, *paragraph.industries, *paragraph.policy_types)
        )
        click.echo(f"\n{number}. {hit.article_title}")
        click.echo(f"   {snippet}")
        if tags:
            click.echo(f"   {tags}")
        extra = f"  ({hit.matches_in_article} matching paragraphs)" if results.group else ""
        click.echo(f"   {paragraph.url}{extra}")


@cli.command("search")
@click.argument("query", required=False, default="")
@click.option("--park", multiple=True, help="Filter by park (repeat for OR).")
@click.option("--industry", multiple=True, help="Filter by industry (repeat for OR).")
@click.option("--policy-type", "policy_type", multiple=True, help="Filter by policy type.")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", "per_page", type=int, default=10, show_default=True)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", help="date: newest first.")
@click.option("--group", type=click.Choice(["article"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
@index_option
@_reports_errors
def search_command(
    query: str,
    park: tuple[str, ...],
    industry: tuple[str, ...],
    policy_type: tuple[str, ...],
    page: int,
    per_page: int,
    sort: str,
    group: str | None,
    as_json: bool,
    index_dir: Path,
) -> None:
    """Search the index: keywords (all must match), "phrases", -exclusions, A OR B."""
    from search.serialize import results_json
    from search.service import SearchService

    filters = {"park": park, "industry": industry, "policy_type": policy_type}
    request = SearchRequest(
        query=query,
        filters={name: values for name, values in filters.items() if values},
        page=page,
        per_page=per_page,
        sort=sort,
        group=group,
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


def main() -> None:
    """Entry point for `python -m search.cli`."""
    cli()


if __name__ == "__main__":
    main()
