"""The suggestion lexicon files: written at index time for every segment, the same words and
counts as Whoosh's term dictionary, read back by the suggestions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from corpus_fixtures import add_articles, build, write_small_corpus

from search.service import SearchService
from search.storage import lexicon
from search.storage.reader import Snapshot


def _dictionary_words(segment) -> dict[str, int]:
    return {
        word: count for word, count in segment.document_frequencies(lexicon.FIELD) if len(word) > 1
    }


def test_every_segment_gets_a_lexicon_equal_to_its_term_dictionary(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    for number in range(3):  # incremental builds add segments and merge them
        add_articles(corpus, 1, f"孵化器{number}号楼", prefix=f"zz{number}_")
        build(corpus, index_dir)
    snapshot = Snapshot(index_dir)
    try:
        segments = [segment for segment in snapshot.segments if segment.size]
        # One file per segment: merged-away segments took theirs with them.
        assert len(list(index_dir.glob(f"*{lexicon.SUFFIX}"))) == len(segments) > 1
        for segment in segments:
            stored = segment.lexicon()
            assert stored is not None
            assert dict(zip(stored[0], stored[1].tolist(), strict=True)) == _dictionary_words(
                segment
            )
    finally:
        snapshot.close()
    with SearchService(index_dir) as service:
        texts = [suggestion.text for suggestion in service.suggest("孵化")]
        assert "孵化器" in texts


def test_a_written_lexicon_reads_back_and_a_damaged_one_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "MAIN_test.words"
    words = ["高新区", "孵化器", "ai芯片"]
    lexicon.write(path, words, np.array([3, 1, 7], dtype=np.uint32))
    found = lexicon.read(path)
    assert found is not None
    assert found[0] == words and found[1].tolist() == [3, 1, 7]
    path.write_bytes(b"not ours" + path.read_bytes()[8:])
    assert lexicon.read(path) is None
    lexicon.write(path, words, np.array([3, 1, 7], dtype=np.uint32))
    path.write_bytes(path.read_bytes()[:20])
    assert lexicon.read(path) is None
    assert lexicon.read(tmp_path / "missing.words") is None
    lexicon.write(path, [], np.zeros(0, dtype=np.uint32))
    empty = lexicon.read(path)
    assert empty is not None and empty[0] == [] and len(empty[1]) == 0
