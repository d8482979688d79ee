"""Serving generations: what a reader reports about the index it has opened."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
from corpus_fixtures import build, write_small_corpus

from search.engine.equivalents import Equivalents
from search.engine.plan import plan_query
from search.engine.query import parse_query
from search.engine.ranking import select
from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.service import SearchService
from search.storage.manifest import MANIFEST_NAME


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


def _corpus(tag: str) -> Corpus:
    articles = []
    for number in range(5):
        article_id = f"{number:012x}"
        text = f"高新区园区招商{tag}{number}"
        paragraph = Paragraph(f"{article_id}-1", article_id, 1, "body", text, SourceSpan("t", 1, 1))
        articles.append(Article(article_id, f"第{number}篇", (paragraph,), ("t",)))
    return Corpus(tuple(articles))


def test_a_generation_in_use_keeps_answering_after_a_build_deletes_its_files(
    tmp_path: Path,
) -> None:
    index_corpus(_corpus("甲"), tmp_path)
    with SearchService(tmp_path) as service:
        service.stats()  # the generation is open; nothing searched in it yet
        with service._use() as opened:  # a search that is under way when the build commits
            before = {path.name for path in tmp_path.glob("*.ngrams")}
            index_corpus(_corpus("乙"), tmp_path)  # every article rewritten: old files deleted
            assert before and not before & {path.name for path in tmp_path.glob("*.ngrams")}
            plan = plan_query(parse_query('"园区招商"'), Equivalents(), frozenset())
            _, full, _ = select(opened, plan, Equivalents(), {}, time.monotonic() + 10)
            assert int(full.sum()) == 5
            assert opened.paragraph(int(np.flatnonzero(full)[0])).paragraph.text.startswith(
                "高新区"
            )
        deadline = time.monotonic() + 10  # then the new generation, once the service looks
        while service.search(SearchRequest(query="乙")).total != 5:
            assert time.monotonic() < deadline, "the new generation never came into use"
            time.sleep(0.1)
