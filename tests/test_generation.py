"""Serving generations: what a reader reports about the index it has opened."""

from __future__ import annotations

import json
from pathlib import Path

from corpus_fixtures import build, write_small_corpus

from search.manifest import MANIFEST_NAME
from search.searcher import SearchService


def test_counts_catch_up_with_a_generation_opened_before_its_build_recorded_it(
    tmp_path: Path,
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    first = build(corpus, index_dir)
    old_manifest = (index_dir / MANIFEST_NAME).read_text(encoding="utf-8")
    (corpus / "zz_new.txt").write_text("新增文章\n\n众创空间扩容。\n", encoding="utf-8")
    build(corpus, index_dir)
    new_manifest = (index_dir / MANIFEST_NAME).read_text(encoding="utf-8")
    # The state between a build's commit and its manifest update: the old manifest, with the
    # new generation pending (what a server saw while a large re-index hashed its files).
    pending = json.loads(old_manifest) | {
        "pending_generation": json.loads(new_manifest)["generation"]
    }
    (index_dir / MANIFEST_NAME).write_text(json.dumps(pending), encoding="utf-8")
    with SearchService(index_dir) as service:
        assert service.stats()["articles"] == first.articles
        (index_dir / MANIFEST_NAME).write_text(new_manifest, encoding="utf-8")
        stats = service.stats()
        assert stats["articles"] == first.articles + 1
        assert stats["built_at"] == json.loads(new_manifest)["built_at"]
