"""SearchService behaviour: matching semantics, paging, grouping, lookups, time budget."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from corpus_fixtures import ANALYZER_TRAPS

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


# A tiny corpus for pasted questions: no paragraph contains a question as it is typed.
QUESTION_CORPUS = {
    "answer": "长江大桥始建于1955年，是长江上第一座公铁两用桥，全长1670米。",
    "bridge": "这座大桥的设计方案经过多次论证。",
    "filler": "良好的营商环境是投资的保障。",
    "fragment": "这里的新能源产业很有吸引力。",
    # 是 and 的 are in most paragraphs, as in real text, so their IDF is low.
    "weather": "今天是晴天的样子。",
    "meeting": "会议是在上午召开的。",
    "start": "这是新的开始。",
}


@pytest.fixture(scope="module")
def question_service(tmp_path_factory: pytest.TempPathFactory):
    articles = []
    for number, text in enumerate(QUESTION_CORPUS.values()):
        article_id = f"{number:012x}"
        paragraph = Paragraph(f"{article_id}-1", article_id, 1, "body", text, SourceSpan("q", 1, 1))
        articles.append(Article(article_id, f"第{number}篇", (paragraph,), ("q",)))
    index_dir = tmp_path_factory.mktemp("question-index")
    index_corpus(Corpus(tuple(articles)), index_dir)
    with SearchService(index_dir) as service:
        yield service


def _names(results) -> list[str]:
    names = {text: name for name, text in QUESTION_CORPUS.items()}
    return [names[text] for text in _texts(results)]


def test_a_pasted_question_finds_the_paragraph_sharing_its_meaningful_words(
    question_service,
) -> None:
    results = _search(question_service, "长江上第一座公铁两用桥是哪一年始建的？")
    # Paragraphs sharing only 的 or 是 are no match: question and function words are ignored.
    assert _names(results) == ["answer"]
    assert {"是", "哪一年", "的"} <= set(results.ignored) and "忽略" in results.parsed


def test_question_words_need_not_match_and_do_not_score(question_service) -> None:
    results = _search(question_service, "什么是大桥")
    assert _names(results) == ["bridge"] and results.total == 1 and not results.relaxed
    assert results.ignored == ("什么", "是")
    other = _search(question_service, "为什么大桥")
    assert [hit.score for hit in other.results] == [hit.score for hit in results.results]


def test_a_query_of_only_question_words_still_searches_them(question_service) -> None:
    results = _search(question_service, "是的")
    assert results.ignored == () and {"weather", "meeting"} <= set(_names(results))


def test_a_fragment_inside_a_longer_word_is_no_partial_match(question_service) -> None:
    # 引力 occurs only inside 吸引力: the exact text 量子引力 is nowhere, no word is shared.
    results = _search(question_service, "量子引力理论")
    assert results.total == 0


def test_a_question_found_whole_is_not_relaxed(question_service) -> None:
    results = _search(question_service, "第一座公铁两用桥")
    assert not results.relaxed and _names(results) == ["answer"]


def test_relaxed_questions_keep_exclusions_and_quoted_phrases_stay_exact(
    question_service,
) -> None:
    without = _search(question_service, "大桥 论证 公铁 -1955年")
    assert without.relaxed and _names(without) == ["bridge"]
    assert without.results[0].missing == ("公铁",)
    quoted = _search(question_service, '"什么是大桥"')
    assert quoted.total == 0 and not quoted.relaxed


# --- the traps of jieba's bundled analyzer, pinned through the real search path -----------------


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
