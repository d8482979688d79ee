"""Index files opened before a fork read the same bytes in every process
(`search/storage/positional.py`): gunicorn's workers share the generation the master opened."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from search.storage.positional import PositionalStorage

DATA = bytes(range(256)) * 64  # 16 KB: longer than one read buffer


@pytest.fixture
def storage(tmp_path: Path) -> PositionalStorage:
    (tmp_path / "segment.col").write_bytes(DATA)
    return PositionalStorage(str(tmp_path))


def _in_child(action: Callable[[], object]) -> None:
    """Run `action` in a forked process and wait for it; its failure fails the test."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            action()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forking is what is tested")
def test_a_read_in_another_process_does_not_move_this_ones_position(
    storage: PositionalStorage,
) -> None:
    with storage.open_file("segment.col") as opened:
        opened.seek(1000)

        def read_elsewhere() -> None:
            opened.seek(9000)
            opened.read(4000)

        _in_child(read_elsewhere)
        assert opened.tell() == 1000
        assert opened.read(5000) == DATA[1000:6000]
        assert opened.get(12_000, 100) == DATA[12_000:12_100]


def test_seeks_from_the_end_and_the_current_position_read_what_a_plain_file_reads(
    storage: PositionalStorage, tmp_path: Path
) -> None:
    with storage.open_file("segment.col") as opened, open(tmp_path / "segment.col", "rb") as plain:
        for offset, whence in ((-300, os.SEEK_END), (-50, os.SEEK_CUR), (7, os.SEEK_SET)):
            assert opened.seek(offset, whence) == plain.seek(offset, whence)
            assert opened.read(120) == plain.read(120)
        assert opened.read() == plain.read()
        assert opened.read(10) == b""  # at the end
