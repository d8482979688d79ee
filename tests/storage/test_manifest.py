"""Verified opening (`search/storage/manifest.py`): only a directory our builds vouch for opens;
a foreign, tampered or damaged one is a clear IndexUnavailable, and no foreign pickle is loaded.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from corpus_fixtures import build
from whoosh import fields
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, create_in

from search.errors import IndexUnavailable
from search.storage.manifest import MANIFEST_NAME, open_index, read_manifest


@pytest.fixture(scope="module")
def built(small_corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("manifest") / "index"
    build(small_corpus_dir, index_dir)
    return index_dir


@pytest.fixture
def index_copy(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "index"))


def _unavailable(index_dir: Path) -> str:
    """Opening fails with IndexUnavailable naming the directory; its message."""
    with pytest.raises(IndexUnavailable) as error:
        open_index(index_dir, patience=0)
    assert str(index_dir) in error.value.message  # the user learns which directory is bad
    return error.value.message


def _segment_files(index_dir: Path) -> list[Path]:
    return [path for path in index_dir.iterdir() if path.suffix not in (".json", ".toc")]


def damage_truncate(index_dir: Path) -> None:
    for path in _segment_files(index_dir):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_garbage(index_dir: Path) -> None:
    for number, path in enumerate(_segment_files(index_dir)):
        path.write_bytes(bytes((number * 37 + i * 101) % 256 for i in range(4096)))


def damage_toc_truncated(index_dir: Path) -> None:
    for path in index_dir.glob("*.toc"):
        path.write_bytes(path.read_bytes()[:40])


def damage_toc_appended(index_dir: Path) -> None:
    toc = index_dir / read_manifest(index_dir)["toc"]["file"]
    toc.write_bytes(toc.read_bytes() + b"\0")


def damage_manifest_removed(index_dir: Path) -> None:
    (index_dir / MANIFEST_NAME).unlink()


def damage_manifest_garbage(index_dir: Path) -> None:
    (index_dir / MANIFEST_NAME).write_text('{"format_version": ', encoding="utf-8")


def damage_everything_removed(index_dir: Path) -> None:
    shutil.rmtree(index_dir)
    index_dir.mkdir()


def damage_random_files(index_dir: Path) -> None:
    damage_everything_removed(index_dir)
    (index_dir / "notes.txt").write_text("不是索引", encoding="utf-8")
    (index_dir / "_MAIN_1.toc").write_bytes(os.urandom(300))
    (index_dir / "MAIN_abc.seg").write_bytes(os.urandom(3000))


def damage_foreign_whoosh(index_dir: Path) -> None:
    damage_everything_removed(index_dir)
    writer = create_in(str(index_dir), fields.Schema(text=fields.TEXT(stored=True))).writer()
    writer.add_document(text="高新区 foreign index")
    writer.commit()


def damage_path_is_a_file(index_dir: Path) -> None:
    shutil.rmtree(index_dir)
    index_dir.write_text("a file, not a directory", encoding="utf-8")


def damage_missing(index_dir: Path) -> None:
    shutil.rmtree(index_dir)


@pytest.mark.parametrize(
    "damage",
    [
        damage_truncate,
        damage_garbage,
        damage_toc_truncated,
        damage_toc_appended,
        damage_manifest_removed,
        damage_manifest_garbage,
        damage_everything_removed,
        damage_random_files,
        damage_foreign_whoosh,
        damage_path_is_a_file,
        damage_missing,
    ],
)
def test_a_damaged_or_foreign_directory_is_a_clear_unavailable(index_copy: Path, damage) -> None:
    damage(index_copy)
    message = _unavailable(index_copy)
    assert "gaoxin index" in message  # says what to do


class Bomb:
    """Unpickling this creates a file: proof that a foreign pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _bomb_toc(index_dir: Path, marker: Path) -> None:
    """A well-formed Whoosh TOC whose segment list is a pickle that touches `marker`."""
    TOC(fields.Schema(text=fields.TEXT), Bomb(marker), 1).write(FileStorage(str(index_dir)), "MAIN")


def plant_toc_without_manifest(index_dir: Path, marker: Path) -> None:
    damage_everything_removed(index_dir)
    _bomb_toc(index_dir, marker)


def plant_toc_beside_our_manifest(index_dir: Path, marker: Path) -> None:
    for path in _segment_files(index_dir) + list(index_dir.glob("*.toc")):
        path.unlink()
    _bomb_toc(index_dir, marker)


def plant_in_segment_files(index_dir: Path, marker: Path) -> None:
    # Whoosh unpickles parts of the term dictionary and the stored-fields column.
    planted = [
        index_dir / name
        for name in read_manifest(index_dir)["files"]
        if name.endswith((".trm", "_stored.col"))
    ]
    assert planted, "the index keeps its terms and stored fields in separate files"
    for path in planted:
        path.write_bytes(pickle.dumps(Bomb(marker)) * 4)


@pytest.mark.parametrize(
    "plant", [plant_toc_without_manifest, plant_toc_beside_our_manifest, plant_in_segment_files]
)
def test_a_foreign_or_tampered_pickle_is_never_loaded(index_copy: Path, tmp_path: Path, plant):
    marker = tmp_path / "pickle-was-loaded"
    plant(index_copy, marker)
    _unavailable(index_copy)
    assert not marker.exists()


def test_a_copy_with_new_file_times_is_verified_by_its_hashes(built: Path, tmp_path: Path) -> None:
    # A segment file whose size and time match the manifest's record is not read on open; a
    # copy has new times, so each file is hashed once and the copy opens.
    copy = Path(shutil.copytree(built, tmp_path / "copy", copy_function=shutil.copyfile))
    open_index(copy, patience=0).close()


def test_a_segment_file_changed_in_place_with_its_size_is_refused(index_copy: Path) -> None:
    stored = max(index_copy.glob("*._stored.col"), key=lambda path: path.stat().st_size)
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, new content and modification time
    stored.write_bytes(bytes(data))
    _unavailable(index_copy)
