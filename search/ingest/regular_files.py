"""Corpus files read only when they are regular files: a named pipe blocks whoever opens it
until a writer comes, and a device (`/dev/zero`) never ends. The build and the source view
share this one check."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

NOT_REGULAR = "not a regular file (a directory, pipe or device)"


class NotRegularFile(OSError):
    """The path names a directory, pipe, socket or device, not a file."""


def is_regular(status: os.stat_result | None) -> bool:
    """Whether a `stat` result is a regular file's (None, a path that could not be read: no)."""
    return status is not None and stat.S_ISREG(status.st_mode)


def open_regular(path: Path | str) -> BinaryIO:
    """`open(path, "rb")` that never blocks: opened non-blocking (a pipe's open would wait for a
    writer), then refused with NotRegularFile unless the opened file is regular."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not is_regular(os.fstat(handle)):
            raise NotRegularFile(f"{os.fsdecode(path)}: {NOT_REGULAR}")
        os.set_blocking(handle, True)
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise
