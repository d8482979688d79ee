"""The Flask application factory: configuration arrives as arguments, never from the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from search.service import SearchService
from web import service as web_service
from web.errors import register_error_handlers
from web.security import register_security
from web.views.api import blueprint as api_blueprint
from web.views.entities import blueprint as entities_blueprint
from web.views.feed import blueprint as feed_blueprint
from web.views.pages import blueprint as pages_blueprint
from web.views.trends import blueprint as trends_blueprint

DEFAULT_CONFIG: dict[str, Any] = {
    "EXPORT_MAX_ROWS": 10_000,  # documented cap of a CSV export
    "TIME_BUDGET": 2.0,  # seconds per search, passed to the engine
    "SEARCH_CONCURRENCY": 2,  # searches working at once (CPU-bound under the GIL)
    "QUEUE_TIMEOUT": 30.0,  # seconds a search waits for its turn before a 503
    "TAXONOMY_DIR": None,  # None: the taxonomy shipped with the engine
}


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
    web_service.init_app(app, index_dir, service)
    register_security(app)
    register_error_handlers(app)
    app.register_blueprint(pages_blueprint)
    app.register_blueprint(api_blueprint)
    app.register_blueprint(trends_blueprint)
    app.register_blueprint(feed_blueprint)
    app.register_blueprint(entities_blueprint)
    return app
