"""`gaoxin serve`: the composition root, the one place the engine reaches into `web/`."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import socket
from pathlib import Path

import click

from search.cli.common import echo, index_option, process_count_option
from search.errors import GaoxinError
from search.text.surrogates import printable_name


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@index_option
@process_count_option(
    "--workers", "Server processes [default: the number of CPUs]; 1 serves from this process."
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    help="Threads per process [default: 1 with several workers (gunicorn's sync workers), "
    "8 with --workers 1].",
)
def serve(host: str, port: int, index_dir: Path, workers: int | None, threads: int | None) -> None:
    """Serve the search pages and JSON API over INDEX at http://HOST:PORT/ (gunicorn, one
    process per CPU; waitress with --workers 1)."""
    # The CLI is the composition root: the only engine module that reaches into web/, and
    # only here, so `search` imports no Flask until a server is asked for.
    check_listen_address(host, port)
    workers = workers or os.cpu_count() or 1
    _limit_malloc_arenas()
    # No cyclic garbage collection while the server starts (enabled again once the index is
    # open): it found almost nothing among the 60,000 objects a start makes, yet took 30–50 ms
    # of the first answer on the whole xwlb corpus.
    gc.disable()
    if workers > 1 and hasattr(os, "fork"):
        # Sync workers by default: on the quiet 2-core machine they answered 8 clients with a
        # p95 of 42-56 ms against 76-83 ms for 8 threads each (docs/benchmarks.md).
        _serve_prefork(host, port, index_dir, workers, threads or 1)
    else:  # one process must overlap requests itself
        _serve_one_process(host, port, index_dir, threads or 8)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def check_listen_address(host: str, port: int) -> None:
    """Refuse a host that names no address before starting a server: waitress raised a bare
    ValueError for it, gunicorn retried for five seconds. `[::1]` is IPv6 as gunicorn binds it."""
    try:
        socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        message = f"cannot listen on {host}:{port}: {reason}"
        raise click.ClickException(printable_name(message)) from None


def _no_index(error: GaoxinError) -> click.ClickException:
    message = f"{error.message}\nBuild it first: gaoxin index --corpus seeds --index <dir>"
    return click.ClickException(printable_name(message))  # the index path as typed, \xff too


def _serve_prefork(host: str, port: int, index_dir: Path, workers: int, threads: int) -> None:
    """gunicorn: the master opens the index, then forks `workers` processes."""
    from search.storage.manifest import read_manifest
    from web.app import create_app
    from web.serving import serve_prefork

    try:  # the master opens the index before forking; refuse a directory that is none
        read_manifest(index_dir)
    except GaoxinError as error:
        raise _no_index(error) from None
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    echo(
        f"Gaoxin Search: serving {index_dir} at http://{host}:{port}/ "
        f"({_plural(workers, 'process', 'processes')} × {_plural(threads, 'thread', 'threads')})"
    )
    serve_prefork(lambda: create_app(index_dir), host, port, workers, threads)


def _serve_one_process(host: str, port: int, index_dir: Path, threads: int) -> None:
    """waitress in this process (one worker, or no fork on this system)."""
    import waitress

    from web.app import create_app
    from web.service import get_service

    app = create_app(index_dir)
    with app.app_context():
        try:  # open the index before listening: a clear message, not a 503 later
            get_service().stats()
        except GaoxinError as error:
            raise _no_index(error) from None
    gc.enable()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    served = _plural(threads, "thread", "threads")
    echo(f"Gaoxin Search: serving {index_dir} at http://{host}:{port}/ ({served})")
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
