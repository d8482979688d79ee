"""open_regular: a regular file is read; a named pipe, a directory or a device is refused at
once (a pipe's open would wait for a writer, a device's read never end)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from search.ingest.regular_files import NotRegularFile, is_regular, open_regular


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "park.txt"
    path.write_bytes("高新区\n".encode())
    assert is_regular(path.stat())
    with open_regular(path) as stream:
        assert stream.read() == "高新区\n".encode()


def test_a_pipe_a_directory_and_a_device_are_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # no writer: a plain open() would wait for ever
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "device.txt").symlink_to(os.devnull)
    for name in ("pipe.txt", "folder.txt", "device.txt"):
        assert not is_regular((tmp_path / name).stat())
        with pytest.raises(NotRegularFile, match="not a regular file"):
            open_regular(tmp_path / name)
    assert not is_regular(None)  # a path that could not be looked at
