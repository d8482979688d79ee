"""The traps of jieba's bundled analyzer (full-width letters, formulas, traditional characters,
words inside longer words) pinned through SearchService's real search path."""

from __future__ import annotations

import pytest
from corpus_fixtures import ANALYZER_TRAPS

from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.service import SearchService


def _search(service: SearchService, query: str = "", **options: object):
    return service.search(SearchRequest(query=query, **options))


def _texts(results) -> list[str]:
    return [hit.paragraph.text for hit in results.results]


@pytest.fixture(scope="module")
def trap_service(tmp_path_factory: pytest.TempPathFactory):
    paragraphs = tuple(
        Paragraph(
            f"traps0000000-{number}",
            "traps0000000",
            number,
            "body",
            text,
            SourceSpan("traps.txt", number, number),
        )
        for number, text in enumerate(ANALYZER_TRAPS.values(), start=1)
    )
    article = Article("traps0000000", "分析器陷阱", paragraphs, ("traps.txt",))
    index_dir = tmp_path_factory.mktemp("traps-index")
    index_corpus(Corpus(articles=(article,)), index_dir)
    with SearchService(index_dir) as service:
        yield service


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"马克思是伟大的思想家"', "marx"),  # a quoted Chinese phrase is found
        ("“1+2+1”", "formula"),
        ("1+2+1", "formula"),  # a single non-Han token is not dropped
        ("国发〔2020〕7号", "formula"),
        ("7号", "formula"),
        ("ai", "fullwidth"),  # full-width ＡＩ and ２０２３ are indexed
        ("AI", "fullwidth"),
        ("2023", "fullwidth"),
        ("5G", "fullwidth"),
        ("COP15", "fullwidth"),
        ("ABL5-3", "gene"),
        ("新技术", "gene"),  # part of a longer word
        ("张江", "zhangjiang"),
        ("高新區", "simplified"),  # traditional finds simplified
    ],
)
def test_the_traps_of_the_bundled_analyzer_are_found(trap_service, query, expected) -> None:
    results = _search(trap_service, query, per_page=100)
    assert ANALYZER_TRAPS[expected] in _texts(results)
    assert not results.relaxed


def test_a_highlight_marks_the_whole_word_marx(trap_service) -> None:
    (hit,) = _search(trap_service, "马克思").results
    assert "<mark>马克思</mark>是" in hit.highlight
    assert "<mark>马克</mark>思" not in hit.highlight


def test_an_excluded_word_drops_its_paragraphs(trap_service) -> None:
    assert _search(trap_service, "企业").total == 2
    results = _search(trap_service, "企业 -张江", per_page=100)
    assert _texts(results) == [ANALYZER_TRAPS["gene"]]
