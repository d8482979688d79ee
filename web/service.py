"""The app's SearchService: opened on first use, shared by every request (like flaskr's db.py).

Views call `get_service()`; `init_app()` wires it into an app from its configuration.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app

from search.service import SearchService

_EXTENSION = "gaoxin.service"


class ServiceHolder:
    """Opens the search service on first use and retries after a failure.

    The app must start (and /healthz answer 503) even while the index is missing or being built.
    """

    def __init__(self, factory: Callable[[], SearchService]) -> None:
        self._factory = factory
        self._service: SearchService | None = None
        self._lock = threading.Lock()

    def get(self) -> SearchService:
        with self._lock:
            if self._service is None:
                self._service = self._factory()
            return self._service

    def close(self) -> None:
        """Close the service's open generation, if it was made (it opens again on next use)."""
        with self._lock:
            if self._service is not None:
                self._service.close()


def init_app(app: Flask, index_dir: Path | None, service: SearchService | None = None) -> None:
    """Serve `service`, or one opened over `index_dir` with the app's configuration."""
    if service is not None:
        app.extensions[_EXTENSION] = ServiceHolder(lambda: service)
        return
    if index_dir is None:
        raise ValueError("init_app() needs index_dir or service")
    config = app.config
    app.extensions[_EXTENSION] = ServiceHolder(
        lambda: SearchService(
            Path(index_dir),
            taxonomy_dir=config["TAXONOMY_DIR"],
            time_budget=config["TIME_BUDGET"],
            concurrency=config["SEARCH_CONCURRENCY"],
            queue_timeout=config["QUEUE_TIMEOUT"],
        )
    )


def get_service() -> SearchService:
    """The SearchService of the running app; raises IndexUnavailable while it cannot open."""
    return current_app.extensions[_EXTENSION].get()


def close_service(app: Flask) -> None:
    """Close the open generation of `app`'s service (gunicorn's master, once it has forked its
    workers)."""
    app.extensions[_EXTENSION].close()
