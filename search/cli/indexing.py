"""`gaoxin index`: build or update the index, once or (`--watch`) until Ctrl+C."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from search.cli.common import (
    EXIT_NOTHING_INDEXED,
    echo,
    index_option,
    process_count_option,
    reports_errors,
)

if TYPE_CHECKING:
    from search.indexing.report import BuildReport


def _build_quietly(corpus: Path, index_dir: Path, **options: Any) -> BuildReport:
    from search.indexing.builder import build_index

    return build_index(corpus, index_dir, **options)


def _build_with_progress(corpus: Path, index_dir: Path, **options: Any) -> BuildReport:
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
        **options,
    )
    if len(bars) == 1:
        bars[0].render_finish()
    return report


@click.command("index")
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
@reports_errors
def index_command(
    corpus: Path,
    index_dir: Path,
    processes: int | None,
    overrides: Path | None,
    watch: bool,
    interval: float,
) -> None:
    """Build or update the index (only what changed in the corpus is read and rewritten)."""
    from search.indexing.last_build import grown_files, unchanged_report
    from search.ingest.prefix_hashes import PrefixHashes

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
    if report is None:
        # An appended archive's old part is hashed on the second core meanwhile.
        prefixes = PrefixHashes(grown_files(corpus, index_dir))
        build = functools.partial(
            _build_with_progress if sys.stderr.isatty() else _build_quietly,
            processes=processes,
            overrides=overrides,
            prefixes=prefixes,
        )
        try:
            report = build(corpus, index_dir)
        finally:
            prefixes.close()
    _print_report(report, overrides)
    if report.articles == 0:
        emptied = " (the index is now empty)" if report.removed else ""
        echo(f"Error: nothing usable was indexed{emptied}", err=True)
        sys.exit(EXIT_NOTHING_INDEXED)


def _print_report(report: BuildReport, overrides: Path | None) -> None:
    echo(
        f"{report.articles} articles, {report.paragraphs} paragraphs, "
        f"{report.duplicates} duplicate{'s' if report.duplicates != 1 else ''}, "
        f"{len(report.skipped)} skipped (added {report.added}, replaced {report.replaced}, "
        f"removed {report.removed}, unchanged {report.unchanged}); "
        f"{report.undated} without a date; "
        f"{report.parsed} read from new or changed input"
    )
    if overrides is not None:
        matched = report.overrides - len(report.overrides_unmatched)
        echo(f"{report.overrides} tag overrides ({matched} apply to the corpus)")
        for unmatched in report.overrides_unmatched:
            echo(f"override {overrides} {unmatched}: no such paragraph or article")
    for skipped in report.skipped:
        where = f" line {skipped.line}" if skipped.line else ""
        echo(f"skipped {skipped.file}{where}: {skipped.reason}")
