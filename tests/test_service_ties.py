"""SearchService paging, sorting and grouping through equal scores and missing dates: pages
neither repeat nor skip a paragraph."""

from __future__ import annotations

import pytest

from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.service import SearchService


def _search(service: SearchService, query: str = "", **options: object):
    return service.search(SearchRequest(query=query, **options))


# Three groups of equal scores (same text), interleaved, so page ends fall inside ties.
TIED_TEXTS = ["园区招商引资", "高新区园区招商引资项目签约", "园区招商引资与产业园区建设"]
TIED_DATES = ["2023-05-01", "", "2024-11-30", "2023-12-31"]


def _negated(date: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in date.split("-")) if date else ()


@pytest.fixture(scope="module")
def tied_service(tmp_path_factory: pytest.TempPathFactory):
    articles = []
    for number in range(15):
        article_id = f"{number:012x}"
        text = f"{TIED_TEXTS[number % 3]}，编号{number:02}"  # not reprints: they would collapse
        paragraph = Paragraph(f"{article_id}-1", article_id, 1, "body", text, SourceSpan("t", 1, 1))
        date = TIED_DATES[number % 4]  # four dates, one of them missing, across the ties
        articles.append(Article(article_id, f"第{number}篇", (paragraph,), ("t",), date=date))
    index_dir = tmp_path_factory.mktemp("tied-index")
    index_corpus(Corpus(tuple(articles)), index_dir)
    with SearchService(index_dir) as service:
        yield service


@pytest.mark.parametrize("sort", ["relevance", "article", "date"])
def test_pages_through_equal_scores_neither_repeat_nor_skip(tied_service, sort: str) -> None:
    whole = _search(tied_service, "园区", sort=sort, per_page=100)
    ids = [hit.paragraph.paragraph_id for hit in whole.results]
    paged = []
    for page in range(1, 5):
        results = _search(tied_service, "园区", sort=sort, page=page, per_page=4)
        assert results.total == whole.total == 15
        paged += [hit.paragraph.paragraph_id for hit in results.results]
    assert paged == ids
    scores = [hit.score for hit in whole.results]
    if sort == "relevance":  # best first; equal scores keep the corpus order
        assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3
        for left, right in zip(whole.results, whole.results[1:], strict=False):
            if left.score == right.score:
                assert left.paragraph.article_id < right.paragraph.article_id
    elif sort == "article":
        assert ids == sorted(ids)
    else:  # newest first, undated last, article order among equals
        hits = whole.results
        keys = [(not hit.date, _negated(hit.date), hit.paragraph.article_id) for hit in hits]
        assert keys == sorted(keys)
        assert whole.results[0].date == "2024-11-30" and whole.results[-1].date == ""


def test_browsing_without_a_query_can_be_newest_first(tied_service) -> None:
    dates = [hit.date for hit in _search(tied_service, "", sort="date", per_page=100).results]
    assert dates == sorted(filter(None, dates), reverse=True) + [""] * dates.count("")
    assert dates[0] == "2024-11-30"


def test_articles_grouped_by_date_come_newest_first(tied_service) -> None:
    grouped = _search(tied_service, "园区", sort="date", group="article", per_page=100)
    dates = [hit.date for hit in grouped.results]
    assert grouped.total == 15
    assert dates == sorted(filter(None, dates), reverse=True) + [""] * dates.count("")
