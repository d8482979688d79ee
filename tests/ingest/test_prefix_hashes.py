"""A grown archive's read part, hashed on a thread ahead of the build, is only used for the
file the build then lists: a file replaced meanwhile is hashed again by the build."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from search.ingest.prefix_hashes import PrefixHashes


def _write(path: Path, data: bytes) -> os.stat_result:
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)  # a new file, as an editor saving it would leave
    return path.stat()


def test_the_hash_ahead_is_the_files_first_bytes(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    listed = _write(path, b'{"id": 1}\n{"id": 2}\n{"id": 3}\n')
    prefix = PrefixHashes([(path, 20)]).take(path, 20, listed)
    assert prefix is not None
    digest, last = prefix
    assert digest.hexdigest() == hashlib.sha256(path.read_bytes()[:20]).hexdigest()
    assert last == b"\n"


def test_only_what_was_started_for_that_length_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    listed = _write(path, b'{"id": 1}\n{"id": 2}\n')
    prefixes = PrefixHashes([(path, 10)])
    assert prefixes.take(path, 20, listed) is None
    assert prefixes.take(tmp_path / "other.jsonl", 10, listed) is None


def test_a_file_replaced_after_the_hash_started_is_not_taken_for_the_old_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "news.jsonl"
    _write(path, b'{"id": 1}\n{"id": 2}\n')
    prefixes = PrefixHashes([(path, 10)])
    listed = _write(path, b'{"id": 9}\n{"id": 2}\n')
    prefix = prefixes.take(path, 10, listed)
    # Either the thread saw the new file, or its hash of the old one is refused.
    if prefix is not None:
        assert prefix[0].hexdigest() == hashlib.sha256(b'{"id": 9}\n').hexdigest()


def test_a_file_shorter_than_asked_or_gone_gives_nothing(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    listed = _write(path, b'{"id": 1}\n')
    assert PrefixHashes([(path, 100)]).take(path, 100, listed) is None
    missing = tmp_path / "gone.jsonl"
    assert PrefixHashes([(missing, 10)]).take(missing, 10, listed) is None


def test_closing_stops_the_hashes_nobody_took(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    listed = _write(path, b'{"id": 1}\n' * 1000)
    prefixes = PrefixHashes([(path, 5000)])
    prefixes.close()  # waits for its thread; what was not taken is gone
    assert prefixes.take(path, 5000, listed) is None
    assert threading.active_count() == 1 or all(
        not thread.name.startswith("hash ") for thread in threading.enumerate()
    )
