"""Writing a build's articles: a serial build prepares them a chunk at a time (cut, tag,
documents), which must give the index an article at a time gave, every paragraph with the tags
the tagger gives its own article."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_fixtures import build, write_small_corpus

from search.entities.tagger import Tagger
from search.fields import TAG_ATTRIBUTES
from search.indexing import writing
from search.indexing.writing import SERIAL_CHUNK
from search.ingest.corpus import load_corpus
from search.models import Paragraph, SearchRequest
from search.service import SearchService
from search.storage import records
from search.storage.reader import Snapshot

# Each article names a different park and industry than its neighbours: an article tagged or
# written with its neighbour's tags would show.
PARKS = ("青岛高新区", "武汉东湖高新区", "苏州工业园区", "张江高新区", "合肥高新区")
INDUSTRIES = ("生物医药", "集成电路", "人工智能", "新能源汽车")


def _add_distinct_articles(corpus_dir: Path, count: int) -> None:
    for number in range(count):
        park, industry = PARKS[number % len(PARKS)], INDUSTRIES[number % len(INDUSTRIES)]
        (corpus_dir / f"zz_{number:03}.txt").write_text(
            f"第{number}篇：{park}动态\n\n{park}今年新引进{industry}企业{number + 2}家。\n\n"
            f"园区负责人介绍了{industry}产业的发展规划。\n",
            encoding="utf-8",
        )


def _tags(paragraph: Paragraph) -> tuple:
    return tuple(getattr(paragraph, name) for name in TAG_ATTRIBUTES) + (paragraph.tag_evidence,)


def _records(index_dir: Path) -> list[tuple[str, int]]:
    """Every document's stored record with its ordinal (an article's corpus position)."""
    snapshot = Snapshot(index_dir)
    try:
        ordinals = snapshot.numbers("ordinal").tolist()
        return sorted((snapshot.stored_record(n), ordinals[n]) for n in range(snapshot.size))
    finally:
        snapshot.close()


def _stored_tags(index_dir: Path) -> dict[str, tuple]:
    raws = [raw for raw, _ in _records(index_dir)]
    # Paragraph records only: an article's names its article, a source text's names nothing.
    paragraphs = [
        records.decode_paragraph(raw).paragraph
        for raw in raws
        if not records.is_article(raw) and records.paragraph_id_of(raw)
    ]
    return {paragraph.paragraph_id: _tags(paragraph) for paragraph in paragraphs}


def test_a_serial_build_of_several_chunks_tags_each_paragraph_as_its_article_alone(
    tmp_path: Path, tagger: Tagger
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    _add_distinct_articles(corpus, 2 * SERIAL_CHUNK + 3)  # two whole chunks and a rest
    report = build(corpus, tmp_path / "index", processes=1)
    assert report.articles > 2 * SERIAL_CHUNK
    expected = {
        paragraph.paragraph_id: _tags(paragraph)
        for article in load_corpus(corpus).articles
        for paragraph in tagger.tag_article(article).paragraphs
    }
    stored = _stored_tags(tmp_path / "index")
    assert stored == expected
    # The check has teeth: neighbouring articles' paragraphs carry different parks.
    assert len({tags[TAG_ATTRIBUTES.index("parks")] for tags in stored.values()}) >= len(PARKS)


def test_a_serial_build_in_chunks_writes_the_index_an_article_at_a_time_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    _add_distinct_articles(corpus, SERIAL_CHUNK + 5)
    build(corpus, tmp_path / "chunked", processes=1)
    monkeypatch.setattr(writing, "SERIAL_CHUNK", 1)
    build(corpus, tmp_path / "alone", processes=1)
    assert _records(tmp_path / "chunked") == _records(tmp_path / "alone")
    # Each article's words are its own (a paragraph's words found with another's record
    # would answer these queries with the wrong paragraph).
    for query in ("生物医药", "集成电路", "张江高新区"):
        request = SearchRequest(query=query, per_page=100)
        with (
            SearchService(tmp_path / "chunked") as chunked,
            SearchService(tmp_path / "alone") as alone,
        ):
            found = [hit.paragraph.paragraph_id for hit in chunked.search(request).results]
            assert found
            assert found == [hit.paragraph.paragraph_id for hit in alone.search(request).results]
