"""SearchService with pasted questions: question and function words ignored, a relaxed
match that keeps exclusions and quoted phrases."""

from __future__ import annotations

import pytest

from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.service import SearchService


def _search(service: SearchService, query: str = "", **options: object):
    return service.search(SearchRequest(query=query, **options))


def _texts(results) -> list[str]:
    return [hit.paragraph.text for hit in results.results]


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
