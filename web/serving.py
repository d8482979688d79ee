"""`gaoxin serve` on every core: gunicorn's prefork server (Linux), one worker per CPU.

The app and its search service (vocabularies, jieba's dictionary, the normalization table) are
made once, before the workers fork, and shared copy-on-write. Each worker opens the index itself
before it takes requests (Whoosh reads its files with seek + read, so an open file inherited
through fork would be shared between processes; the per-document arrays are memory-mapped, so
their pages are shared anyway) and picks up new generations on its own, as a single process
does (`GenerationPool`).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from search.errors import GaoxinError

_log = logging.getLogger("gaoxin.serve")


def _open_in_worker(worker: Any) -> None:
    """Open the index in the new worker, so its first search does not pay for the opening."""
    from web.service import get_service

    app: Flask = worker.wsgi
    with app.app_context():
        try:
            get_service().stats()
        except GaoxinError as error:  # answered as 503 until the index can be opened
            _log.warning("worker %s: %s", worker.pid, error.message)
            return
    _log.info("worker %s ready", worker.pid)


class PreforkServer(BaseApplication):
    """gunicorn configured in code: no command-line parsing, no configuration file."""

    def __init__(self, make_app: Callable[[], Flask], options: dict[str, Any]) -> None:
        self.make_app = make_app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_worker_init", _open_in_worker)

    def load(self) -> Flask:
        return self.make_app()  # in each worker: the app made before forking


def _prepare(app: Flask) -> None:
    """Make the app's search service (it opens the index on first use, in each worker)."""
    from web.service import get_service

    with app.app_context():
        try:
            get_service()
        except GaoxinError as error:  # each worker tries again and answers 503 meanwhile
            _log.warning("%s", error.message)
    # The workers' garbage collectors would otherwise write to every inherited object,
    # copying its pages into each worker.
    gc.freeze()


def serve_prefork(
    make_app: Callable[[], Flask], host: str, port: int, workers: int, threads: int
) -> None:
    """Serve until Ctrl+C or SIGTERM (gunicorn stops its workers gracefully)."""
    app = make_app()
    _prepare(app)
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "errorlog": "-",
        "loglevel": "info",
        "graceful_timeout": 10,
        # Searches are CPU-bound and bounded by the engine's time budget; a longer request
        # means a stuck worker, which gunicorn then replaces.
        "timeout": 60,
    }
    PreforkServer(lambda: app, options).run()
