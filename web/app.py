"""The Flask application factory: configuration arrives as arguments, never from the environment."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from search.service import SearchService
from web.errors import register_error_handlers
from web.security import register_security

DEFAULT_CONFIG: dict[str, Any] = {
    "EXPORT_MAX_ROWS": 10_000,  # documented cap of a CSV export
    "TIME_BUDGET": 2.0,  # seconds per search, passed to the engine
    "SEARCH_CONCURRENCY": 2,  # searches working at once (CPU-bound under the GIL)
    "QUEUE_TIMEOUT": 30.0,  # seconds a search waits for its turn before a 503
    "TAXONOMY_DIR": None,  # None: the taxonomy shipped with the engine
}
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


def _service_factory(index_dir: Path, config: Mapping[str, Any]) -> Callable[[], SearchService]:
    return lambda: SearchService(
        Path(index_dir),
        taxonomy_dir=config["TAXONOMY_DIR"],
        time_budget=config["TIME_BUDGET"],
        concurrency=config["SEARCH_CONCURRENCY"],
        queue_timeout=config["QUEUE_TIMEOUT"],
    )


def create_app(
    index_dir: Path | None = None,
    *,
    service: SearchService | None = None,
    config: dict[str, Any] | None = None,
) -> Flask:
    """Build the app over an index directory, or over an open `service` (tests, embedding)."""
    if index_dir is None and service is None:
        raise ValueError("create_app() needs index_dir or service")
    app = Flask(__name__)
    app.config.update(DEFAULT_CONFIG)
    app.config.update(config or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # readable Chinese in JSON
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented field order
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    if service is not None:
        app.extensions[_EXTENSION] = ServiceHolder(lambda: service)
    else:
        assert index_dir is not None
        app.extensions[_EXTENSION] = ServiceHolder(_service_factory(index_dir, app.config))
    register_security(app)
    register_error_handlers(app)
    # Imported here because the views import current_service() from this module.
    from web.views.api import blueprint as api_blueprint
    from web.views.pages import blueprint as pages_blueprint

    app.register_blueprint(pages_blueprint)
    app.register_blueprint(api_blueprint)
    return app


def current_service() -> SearchService:
    """The SearchService of the running app; raises IndexUnavailable while it cannot open."""
    return current_app.extensions[_EXTENSION].get()
