"""Serving generations: what a reader reports about the index it has opened, and searches while
a build writes and commits a new generation (no sleeps: builds pause on events)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from corpus_fixtures import add_articles, build, write_small_corpus

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


def _texts(service: SearchService, query: str) -> list[str]:
    results = service.search(SearchRequest(query=query, per_page=100))
    return [hit.paragraph.text for hit in results.results]


def test_a_generation_in_use_keeps_answering_after_a_build_deletes_its_files(
    tmp_path: Path,
) -> None:
    index_corpus(_corpus("甲"), tmp_path)
    with SearchService(tmp_path, refresh_interval=0) as service:
        exported = service.export()  # a streaming export holds the generation it started on
        first = next(exported)
        before = {path.name for path in tmp_path.glob("*.ngrams")}
        index_corpus(_corpus("乙"), tmp_path)  # every article rewritten: old files deleted
        assert before and not before & {path.name for path in tmp_path.glob("*.ngrams")}
        # The request that notices the commit opens the new generation and answers from it.
        assert sorted(_texts(service, '"园区招商乙"')) == [f"高新区园区招商乙{n}" for n in range(5)]
        assert _texts(service, '"园区招商甲"') == []
        # The export goes on over the old generation's stored records, files deleted or not.
        texts = [first.paragraph.text] + [stored.paragraph.text for stored in exported]
        assert sorted(text for text in texts if "园区招商" in text) == [
            f"高新区园区招商甲{n}" for n in range(5)
        ]


def test_the_request_that_notices_a_commit_answers_from_the_new_generation(
    tmp_path: Path,
) -> None:
    index_corpus(_corpus("甲"), tmp_path)
    # An hour between timed looks: only the commit's new manifest makes the service look.
    with SearchService(tmp_path, refresh_interval=3600) as service:
        assert len(_texts(service, '"园区招商甲"')) == 5
        index_corpus(_corpus("乙"), tmp_path)
        assert len(_texts(service, '"园区招商乙"')) == 5  # not one request later


class PausedBuild:
    """A build in a thread that stops after writing its first article until released."""

    def __init__(self, corpus: Path, index_dir: Path) -> None:
        self.paused = threading.Event()
        self.release = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(corpus, index_dir))

    def _on_write(self, count: int) -> None:
        if count == 1:
            self.paused.set()
            self.release.wait(60)

    def _run(self, corpus: Path, index_dir: Path) -> None:
        try:
            build(corpus, index_dir, on_write=self._on_write)
        except BaseException as error:  # reported by the test thread
            self.error = error

    def __enter__(self) -> PausedBuild:
        self.thread.start()
        assert self.paused.wait(60), "the build never started writing"
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release.set()
        self.thread.join(60)


def test_searches_during_a_build_see_the_old_or_the_new_index(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    add_articles(corpus, 6, "蜂鸟计划")
    # A generous time budget: this test is about what a search sees, and on a busy machine a
    # search racing the build's thread for the GIL can pass the default 2 s.
    with SearchService(index_dir, refresh_interval=0, time_budget=60.0) as service:
        old_total = service.search(SearchRequest(query="高新区")).total
        seen = set()
        with PausedBuild(corpus, index_dir) as paused:
            seen.add(service.search(SearchRequest(query="蜂鸟计划")).total)
            with SearchService(index_dir, time_budget=60.0) as fresh:  # writer still open
                seen.add(fresh.search(SearchRequest(query="蜂鸟计划")).total)
            paused.release.set()
            while paused.thread.is_alive():  # searches racing the commit
                seen.add(service.search(SearchRequest(query="蜂鸟计划")).total)
                assert service.search(SearchRequest(query="高新区")).total == old_total
        assert paused.error is None and seen <= {0, 6}
        service.search(SearchRequest(query="蜂鸟计划"))  # notices the new generation
        assert service.search(SearchRequest(query="蜂鸟计划")).total == 6  # none lost


def test_a_commit_is_noticed_by_the_next_request_not_after_the_interval(
    tmp_path: Path,
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    # An hour between timed looks: only the commit's new manifest can make the server look.
    with SearchService(index_dir, refresh_interval=3600) as service:
        assert service.search(SearchRequest(query="众创空间扩容")).total == 0
        (corpus / "zz_new.txt").write_text("新增文章\n\n众创空间扩容。\n", encoding="utf-8")
        build(corpus, index_dir)
        service.stats()  # the request that notices the commit opens the new generation
        assert service.search(SearchRequest(query="众创空间扩容")).total > 0
