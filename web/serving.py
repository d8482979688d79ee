"""`gaoxin serve` on every core: gunicorn's prefork server (Linux), one worker per CPU.

The master makes the app and its search service (vocabularies, jieba's dictionary) and opens the
index's current generation before it forks, so the workers share those pages copy-on-write and
the first search finds the index open. The generation's files are read at positions of their own
(`pread`) or memory-mapped, so the workers can all read the inherited ones. Each worker then
picks up new generations on its own, as a single process does (`GenerationPool`); the master lets
go of its generation once its first workers run, and a worker it starts later opens the index
itself before it takes requests. A sync worker closes a connection as soon as its answer is
sent (`PromptSyncWorker`) instead of waiting for the client to close first.
"""

from __future__ import annotations

import gc
import logging
import socket
import sys
from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.workers.sync import SyncWorker

from search.errors import GaoxinError

_log = logging.getLogger("gaoxin.serve")


def _open(app: Flask) -> bool:
    """Open the app's index now (True), or log why it cannot be opened yet (False: requests are
    answered 503 until it can)."""
    from web.service import get_service

    with app.app_context():
        try:
            get_service().stats()
        except GaoxinError as error:
            _log.warning("%s", error.message)
            return False
    return True


def _open_in_worker(worker: Any) -> None:
    """A worker has the generation the master opened, or opens the index itself (a worker
    started after the master let go of it): either way before it takes requests."""
    if _open(worker.wsgi):
        _log.info("worker %s ready", worker.pid)


class _Master(Arbiter):
    """gunicorn's arbiter, which closes the master's generation once every worker is started."""

    released = False

    def spawn_workers(self) -> None:
        super().spawn_workers()
        if not self.released:
            self.released = True
            self.app.release()
            _log.info("master %s closed the index; the workers keep it open", self.pid)


_DRAIN_LIMIT = 1 << 16


def has_body(request: Any) -> bool:
    """Whether a parsed request announced a body (which may still be arriving)."""
    for name, value in request.headers:
        if name == "TRANSFER-ENCODING" or (name == "CONTENT-LENGTH" and value.strip() != "0"):
            return True
    return False


def close_promptly(connection: socket.socket) -> None:
    """Close a connection whose answer is sent: FIN first, then drain without waiting what the
    client sent unread (a request body, a pipelined request), so closing sends no reset that
    would cut the answer short. Anything drained means the client may still be sending: then
    wait for its FIN as gunicorn does (at most 2 s)."""
    drained = 0
    try:
        connection.shutdown(socket.SHUT_WR)
        connection.setblocking(False)
        # At most what gunicorn's own close would read: a client that keeps sending gets
        # that close, not a worker draining it for as long as it sends.
        while drained < _DRAIN_LIMIT and (chunk := connection.recv(65536)):
            drained += len(chunk)
    except OSError:  # nothing buffered now (EAGAIN), or the client is gone
        pass
    if drained:
        connection.setblocking(True)
        util.close_graceful(connection)
    connection.close()


class PromptSyncWorker(SyncWorker):
    """gunicorn's sync worker, closing a connection once its answer is sent. gunicorn's own
    close (27.0.1, as pinned) waits up to 2 s for the client to close its side first, the
    worker idle meanwhile: a round trip per request, and more while a busy client gets round
    to it (8 load threads in one Python process: a third fewer requests per second,
    docs/benchmarks.md). Its close that follows finds the connection closed already."""

    def handle_request(
        self, listener: Any, request: Any, client: socket.socket, address: Any
    ) -> None:
        """Answer as gunicorn does, then close at once unless the request had a body: a body
        still arriving after the close would make the kernel reset the connection and cut
        the answer short, so that one gets gunicorn's own lingering close."""
        super().handle_request(listener, request, client, address)
        if not has_body(request):
            close_promptly(client)


class PreforkServer(BaseApplication):
    """gunicorn configured in code: no command-line parsing, no configuration file."""

    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_worker_init", _open_in_worker)

    def load(self) -> Flask:
        return self.application  # in each worker: the app made before forking

    def release(self) -> None:
        """Close the master's generation: it serves no request, and would otherwise keep an
        outdated generation's memory and deleted files after the next build."""
        from web.service import close_service

        close_service(self.application)

    def run(self) -> None:
        try:
            _Master(self).run()
        except RuntimeError as error:  # gunicorn's own start-up errors (as BaseApplication.run)
            print(f"\nError: {error}\n", file=sys.stderr)
            sys.exit(1)


def serve_prefork(
    make_app: Callable[[], Flask], host: str, port: int, workers: int, threads: int
) -> None:
    """Serve until Ctrl+C or SIGTERM (gunicorn stops its workers gracefully)."""
    app = make_app()
    _open(app)
    # The workers' garbage collectors would otherwise write to every inherited object,
    # copying its pages into each worker. (`gaoxin serve` starts with the collector disabled.)
    gc.freeze()
    gc.enable()
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread" if threads > 1 else PromptSyncWorker,
        "threads": threads,
        "errorlog": "-",
        "loglevel": "info",
        "graceful_timeout": 10,
        # gunicorn's runtime-management socket (one path per user, ~/.gunicorn): two servers
        # would take it from each other, and its thread in the master would be forked with it.
        "control_socket_disable": True,
        # Searches are CPU-bound and bounded by the engine's time budget; a longer request
        # means a stuck worker, which gunicorn then replaces.
        "timeout": 60,
    }
    PreforkServer(app, options).run()
