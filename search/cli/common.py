"""What every `gaoxin` command shares: exit codes, the --index and time options, one option per
facet of the registry, engine errors as one `Error: …` line (exit 2), output that may fail."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from search.errors import GaoxinError
from search.fields import FACET_FIELDS
from search.text.surrogates import printable_name

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
    """--from, --to (YYYY, YYYY-MM or YYYY-MM-DD, also with / or ., inclusive) and
    --indexed-since (ISO)."""
    options = (
        click.option(
            "--from", "date_from", default="", help="First date: YYYY[-MM[-DD]] (or 2023/05/01)."
        ),
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


def facet_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """One repeatable option per facet of the registry (`--park`, …, `--year`)."""
    for field in reversed(FACET_FIELDS):
        help_text = f"Filter by {field.name.replace('_', ' ')} ({field.label}); repeat for OR."
        option = click.option(field.cli_flag, field.name, multiple=True, help=help_text)
        command = option(command)
    return command


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """A status or error line that may name a path: bytes of a file name that are not UTF-8
    shown as `\\xff` (as a lone surrogate, no UTF-8 stream could write them)."""
    click.echo(printable_name(text), err=err, nl=nl)


def write(text: str) -> None:
    """`text` and a line break on stdout. A write that fails (a full disk under
    `gaoxin export > file`) ends the command with one error line instead of a traceback."""
    try:
        try:
            click.echo(text)
        except UnicodeEncodeError:  # a lone surrogate: nothing was written yet
            click.echo(printable_name(text))
    except BrokenPipeError:
        raise  # the reader stopped (`| head`): click's main ends quietly
    except OSError as error:
        raise click.ClickException(
            f"cannot write the output ({error.strerror or error}): it is incomplete"
        ) from None


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GaoxinError as error:
            echo(f"Error: {error.message}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper
