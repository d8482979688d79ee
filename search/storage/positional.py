"""Whoosh's index files read at a position each Python file object keeps for itself (`pread`),
so a generation opened before gunicorn forks its workers serves every worker: a plain open file
shares one kernel file position between the processes, and their seeks would interleave.
"""

from __future__ import annotations

import io
import os
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile


class PositionalFile(io.RawIOBase):
    """A read-only file whose position lives in this object, not in the shared descriptor."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.name = path
        self._descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._descriptor

    def readinto(self, buffer: Any) -> int:
        read = os.preadv(self._descriptor, [buffer], self._position)
        self._position += read
        return read

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence == io.SEEK_END:
            offset += os.fstat(self._descriptor).st_size
        if offset < 0:
            raise OSError(f"negative seek position {offset}")
        self._position = offset
        return offset

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        if not self.closed:
            os.close(self._descriptor)
        super().close()


class PositionalStorage(FileStorage):
    """A Whoosh file storage whose opened files are `PositionalFile`s (buffered as before)."""

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        raw = PositionalFile(self._fpath(name))
        return StructFile(io.BufferedReader(raw), name=name, **kwargs)
