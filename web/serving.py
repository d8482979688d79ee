"""`gaoxin serve` on every core: gunicorn's prefork server (Linux), one worker per CPU.

Each worker opens the index itself before it takes requests (Whoosh reads its files with
seek + read, so an open file inherited through fork would be shared between processes) and
picks up new generations on its own, as a single process does (`GenerationPool`).
"""

from __future__ import annotations

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
        return self.make_app()  # in each worker: its own open index


def serve_prefork(
    make_app: Callable[[], Flask], host: str, port: int, workers: int, threads: int
) -> None:
    """Serve until Ctrl+C or SIGTERM (gunicorn stops its workers gracefully)."""
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
    PreforkServer(make_app, options).run()
