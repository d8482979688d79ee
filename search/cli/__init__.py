"""The `gaoxin` command line: one click group with index, search, export, serve and trends.

Each command lives in the module of its kind and is added here explicitly (no registration by
import side effect); every engine error becomes one `Error: …` line and exit code 2.
"""

from __future__ import annotations

import click

from search.cli.common import EXIT_ERROR, EXIT_NOTHING_INDEXED
from search.cli.indexing import index_command
from search.cli.searching import export_command, search_command, trends_command
from search.cli.serving import serve

__all__ = ["EXIT_ERROR", "EXIT_NOTHING_INDEXED", "cli", "main"]


@click.group()
def cli() -> None:
    """Gaoxin Search (高新检索): full-text search over Chinese high-tech zone news."""


for command in (index_command, search_command, export_command, serve, trends_command):
    cli.add_command(command)


def main() -> None:
    """Entry point of the `gaoxin` console script and of `python -m search.cli`."""
    cli()
