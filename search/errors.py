"""Errors the engine raises, so the CLI and web layers can translate them once.

Whoosh and decoding errors are wrapped here; callers never see a library exception. The
classes say what went wrong, not how to answer it: `web/errors.py` maps them to HTTP.
"""

from __future__ import annotations


class GaoxinError(Exception):
    """Base class: every error the engine raises on purpose, with a message for users."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidRequest(GaoxinError):
    """A request parameter is out of range or unknown."""


class NotFound(GaoxinError):
    """An article or paragraph id that is not in the index."""


class IndexUnavailable(GaoxinError):
    """The index is missing, damaged, foreign or locked."""


class IndexLocked(IndexUnavailable):
    """Another `gaoxin index` holds the writer lock and did not release it in time."""


class ServiceBusy(GaoxinError):
    """Every search slot stayed taken for the whole admission wait: try again shortly."""


class SearchTimeout(GaoxinError):
    """An admitted search ran past its time budget: the query itself is too costly."""


class CorpusError(GaoxinError):
    """The corpus path itself is unusable (missing, not a directory or JSON Lines file)."""


class BuildFailed(GaoxinError):
    """A build could not finish (e.g. a worker process died); the index is left as it was."""
