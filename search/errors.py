"""Errors the engine raises, so the CLI and web layers can translate them once.

Whoosh and decoding errors are wrapped here; callers never see a library exception.
"""

from __future__ import annotations


class GaoxinError(Exception):
    """Base class: every error the engine raises on purpose, with a message for users."""

    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidRequest(GaoxinError):
    """A request parameter is out of range or unknown (HTTP 400)."""

    status = 400


class NotFound(GaoxinError):
    """An article or paragraph id that is not in the index (HTTP 404)."""

    status = 404


class IndexUnavailable(GaoxinError):
    """The index is missing, damaged, foreign or locked (HTTP 503)."""

    status = 503


class IndexLocked(IndexUnavailable):
    """Another `gaoxin index` holds the writer lock and did not release it in time."""


class SearchTimeout(GaoxinError):
    """A search ran past its time budget (HTTP 503)."""

    status = 503


class CorpusError(GaoxinError):
    """The corpus path itself is unusable (missing, not a directory or JSON Lines file)."""

    status = 400


class BuildFailed(GaoxinError):
    """A build could not finish (e.g. a worker process died); the index is left as it was."""
