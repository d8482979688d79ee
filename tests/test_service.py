"""SearchService behaviour: matching semantics, paging, grouping, lookups, time budget."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from search.errors import InvalidRequest, NotFound, SearchTimeout, ServiceBusy
from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.serialize import stored_paragraph_json
from search.service import Admission, SearchService
from search.text.tokens import word_tokens


def _search(service: SearchService, query: str = "", **options: object):
    return service.search(SearchRequest(query=query, **options))


def _texts(results) -> list[str]:
    return [hit.paragraph.text for hit in results.results]


def test_every_keyword_must_match(search_service: SearchService) -> None:
    results = _search(search_service, "生物医药 西安", per_page=100)
    assert results.total >= 1 and not results.relaxed
    full = [hit.paragraph.text for hit in results.results[: results.total]]
    assert all("生物医药" in text and "西安" in text for text in full)
    assert all(hit.missing for hit in results.results[results.total :])


def test_or_matches_either_keyword(search_service: SearchService) -> None:
    either = _search(search_service, "人工智能 OR 集成电路", per_page=100)
    only_ai = _search(search_service, "人工智能").total
    only_chips = _search(search_service, "集成电路").total
    assert max(only_ai, only_chips) <= either.total <= only_ai + only_chips
    assert all("人工智能" in text or "集成电路" in text for text in _texts(either))


def test_excluded_word_never_appears(search_service: SearchService) -> None:
    with_word = _search(search_service, "众创空间", per_page=100)
    without = _search(search_service, "众创空间 -青岛", per_page=100)
    assert 0 < without.total < with_word.total
    assert not any("青岛" in text for text in _texts(without))


@pytest.mark.parametrize("phrase", ['"众创空间"', "“众创空间”", "「众创空间」"])
def test_quoted_phrases_match_exactly_in_every_quote_style(
    search_service: SearchService, phrase: str
) -> None:
    results = _search(search_service, phrase, per_page=100)
    assert results.total >= 3
    assert all("众创空间" in text for text in _texts(results))
    assert all("<mark>众创空间</mark>" in hit.highlight for hit in results.results)


def test_text_inside_a_longer_word_is_found(search_service: SearchService) -> None:
    results = _search(search_service, "新技术", per_page=100)
    assert any("高新技术产业开发区" in text for text in _texts(results))


def test_no_paragraph_with_all_keywords_falls_back_to_partial_matches(
    search_service: SearchService,
) -> None:
    results = _search(search_service, "张江 火星基地")
    assert results.relaxed and results.total == 0 and results.partial_total >= 1
    assert "张江" in results.results[0].paragraph.text
    assert results.results[0].missing == ("火星", "基地")  # the keyword's words, one by one


@pytest.mark.parametrize("word", ["科技", "园区"])
def test_word_matches_rank_above_matches_inside_words(
    search_service: SearchService, word: str
) -> None:
    results = _search(search_service, word, per_page=100)
    as_word = [
        any(token.text == word for token in word_tokens(hit.paragraph.text))
        for hit in results.results
    ]
    assert results.total == len(as_word) and True in as_word and False in as_word
    # Every paragraph with the word as a word first, then those with it inside a longer word
    # (科技 in 高科技园区).
    assert as_word == sorted(as_word, reverse=True)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ('"高新区', '"高新区"'),  # an unclosed quote runs to the end
        ("“高新区", '"高新区"'),
        ("「高新区", '"高新区"'),
        ("(高新区", "高新区"),  # brackets and wildcards are ignored
        ("高新区)) ]]", "高新区"),
        ("高新区*", "高新区"),
    ],
)
def test_broken_syntax_is_understood_as_the_nearest_query(
    search_service: SearchService, typed: str, meant: str
) -> None:
    expected = _search(search_service, meant, per_page=100)
    broken = _search(search_service, typed, per_page=100)
    assert broken.total == expected.total > 0
    assert _texts(broken) == _texts(expected)


@pytest.mark.parametrize("typed", ["*", "?", '"', "((", "！！。", "。，、；：！？"])
def test_a_query_of_only_punctuation_finds_nothing(
    search_service: SearchService, typed: str
) -> None:
    results = _search(search_service, typed)
    assert (results.total, results.partial_total, results.results) == (0, 0, ())


@pytest.mark.parametrize("blank", ["", "   ", "\u3000\t"])
def test_empty_query_browses_in_article_order(search_service: SearchService, blank: str) -> None:
    results = _search(search_service, blank, per_page=100)
    assert results.total == search_service.stats()["searchable_paragraphs"] > 20
    article_order = [hit.paragraph.article_id for hit in results.results]
    first_seen = list(dict.fromkeys(article_order))
    assert article_order == sorted(article_order, key=first_seen.index)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"page": 0}, "page"),
        ({"per_page": 0}, "per_page"),
        ({"per_page": 101}, "per_page"),
        ({"page": 1001, "per_page": 10}, "10000"),
        ({"sort": "newest"}, "sort"),
        ({"group": "paragraph"}, "group"),
        ({"filters": {"colour": ("red",)}}, "facet"),
    ],
)
def test_bad_paging_and_options_are_rejected_clearly(
    search_service: SearchService, options: dict, message: str
) -> None:
    with pytest.raises(InvalidRequest, match=message):
        _search(search_service, "高新区", **options)


def test_pages_are_slices_of_one_ranking(search_service: SearchService) -> None:
    everything = _search(search_service, "高新区", per_page=20)
    second = _search(search_service, "高新区", page=2, per_page=10)
    ids = [hit.paragraph.paragraph_id for hit in everything.results]
    assert [hit.paragraph.paragraph_id for hit in second.results] == ids[10:20]


def test_any_name_of_a_park_finds_every_other_name(tmp_path: Path) -> None:
    texts = [
        "青岛高新区发布人才新政。",
        "青岛高新技术产业开发区举办推介会。",
        "青岛港货物吞吐量增长。",
    ]
    articles = []
    for number, text in enumerate(texts):
        article_id = f"{number:012x}"
        paragraph = Paragraph(f"{article_id}-1", article_id, 1, "body", text, SourceSpan("p", 1, 1))
        articles.append(Article(article_id, f"第{number}篇", (paragraph,), ("p",)))
    index_corpus(Corpus(tuple(articles)), tmp_path)
    with SearchService(tmp_path) as service:
        for name in ("青岛高新区", "青岛高新技术产业开发区", "青岛国家高新区"):
            assert sorted(_texts(_search(service, name))) == sorted(texts[:2]), name


def test_group_by_article_gives_one_hit_per_article(search_service: SearchService) -> None:
    paragraphs = _search(search_service, "生物医药", per_page=100)
    grouped = _search(search_service, "生物医药", group="article", per_page=100)
    articles = [hit.paragraph.article_id for hit in grouped.results]
    assert len(articles) == len(set(articles)) == grouped.total
    assert sum(hit.matches_in_article for hit in grouped.results) == paragraphs.total


def test_sort_by_article_orders_paragraphs_within_articles(
    search_service: SearchService,
) -> None:
    results = _search(search_service, "高新区", sort="article", per_page=100)
    keys = [(hit.paragraph.article_id, hit.paragraph.ordinal) for hit in results.results]
    for (article, ordinal), (next_article, next_ordinal) in zip(keys, keys[1:], strict=False):
        assert article != next_article or ordinal < next_ordinal


def test_article_paragraph_and_source_lookups(search_service: SearchService) -> None:
    hit = _search(search_service, "集成电路").results[0]
    paragraph, article = search_service.paragraph(hit.paragraph.paragraph_id)
    assert paragraph == hit.paragraph and article.article_id == hit.paragraph.article_id
    assert search_service.article(article.article_id) == article
    assert [p.ordinal for p in article.paragraphs] == sorted(p.ordinal for p in article.paragraphs)
    view = search_service.source(article.article_id, paragraph.paragraph_id)
    assert view.kind == "text" and view.status == "ok" and "集成电路" in view.text
    with pytest.raises(NotFound):
        search_service.article("000000000000")
    with pytest.raises(NotFound):
        search_service.paragraph("nope-1")
    for other_document in (f"article:{article.article_id}", f"source:{paragraph.source.file}"):
        with pytest.raises(NotFound):  # the article's and its file's own documents
            search_service.paragraph(other_document)
        with pytest.raises(NotFound):
            search_service.related(other_document)
    with pytest.raises(NotFound):
        search_service.source(article.article_id, "nope-1")


def test_export_lists_every_paragraph_once(search_service: SearchService) -> None:
    records = [stored_paragraph_json(stored) for stored in search_service.export()]
    ids = [record["paragraph_id"] for record in records]
    assert len(ids) == len(set(ids)) == search_service.stats()["paragraphs"]
    assert {"paragraph_id", "article_title", "source", "url", "amounts"} <= set(records[0])


def test_a_search_over_its_time_budget_stops_with_a_clear_error(search_index_dir) -> None:
    with (
        SearchService(search_index_dir, time_budget=-1.0) as impatient,
        pytest.raises(SearchTimeout, match="took too long"),
    ):
        _search(impatient, "高新区 OR 生物医药 OR 项目 OR 发展")


def test_a_search_finding_every_slot_taken_is_busy_not_a_timeout(
    search_index_dir: Path,
) -> None:
    admission = Admission(concurrency=1, queue_timeout=0.0)
    with SearchService(search_index_dir, admission=admission) as service:
        with admission.slot(), pytest.raises(ServiceBusy, match="busy"):  # one search works
            service.search(SearchRequest(query="高新区"))
        assert service.search(SearchRequest(query="高新区")).total > 0


# Wall-clock by nature (a wait longer than the budget): an integration case, not a unit test.
@pytest.mark.integration
def test_waiting_for_a_turn_does_not_count_against_the_time_budget(
    search_index_dir: Path,
) -> None:
    admission = Admission(concurrency=1)
    with SearchService(search_index_dir, admission=admission, time_budget=1.0) as service:
        expected = service.search(SearchRequest(query="高新区")).total
        slot = admission.slot()
        slot.__enter__()  # another search holds the only slot for longer than the budget
        threading.Timer(1.5, slot.__exit__, (None, None, None)).start()
        assert service.search(SearchRequest(query="高新区")).total == expected
