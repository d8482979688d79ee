"""The `gaoxin` console script: the engine's commands (index, search, export) plus `serve`.

`serve` runs the app under waitress (a production WSGI server), never Flask's development server.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
from pathlib import Path

import click
from flask import Flask

from search.cli import cli
from search.errors import GaoxinError


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--index",
    "index_dir",
    default="index",
    show_default=True,
    envvar="GAOXIN_INDEX",
    type=click.Path(file_okay=False, path_type=Path),
    help="Index directory built by `gaoxin index`.",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Worker threads."
)
def serve(host: str, port: int, index_dir: Path, threads: int) -> None:
    """Serve the search pages and JSON API over INDEX at http://HOST:PORT/."""
    import waitress

    from web.app import create_app

    _limit_malloc_arenas()
    app = create_app(index_dir)
    _check_index(app)
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


def _check_index(app: Flask) -> None:
    """Open the index before listening, so a missing index is a clear message, not a 503 later."""
    from web.app import current_service

    with app.app_context():
        try:
            current_service().stats()
        except GaoxinError as error:
            raise click.ClickException(
                f"{error.message}\nBuild it first: gaoxin index --corpus seeds --index <dir>"
            ) from None


def main() -> None:
    """Entry point of the `gaoxin` console script."""
    cli()


if __name__ == "__main__":
    main()
