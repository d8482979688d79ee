"""Search in titles only keeps full text's promise: a keyword visible in a headline is found,
inside a longer title word or across title words (search.engine.title_text)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import article_of

from search.engine import title_text
from search.engine.generation import Generation
from search.errors import SearchTimeout
from search.indexing.builder import index_corpus
from search.models import Corpus, SearchRequest
from search.service import SearchService
from search.text.tokens import word_tokens

# article id -> title (headlines of the xwlb corpus the title search missed: QA report s11, H1)
TITLES = {
    "shanghai": "上海自贸区：先行开放 先试改革 抢抓先机",  # 上海自贸区 is one title word
    "neimenggu": "新设内蒙古自贸试验区 推出19项改革创新举措",  # 内蒙古自 · 贸 · 试验区
    "kuantan": "贾庆林出席关丹马中产业园启动仪式",  # 关丹马中产业园 is one title word
    "plain": "自贸区建设迈上新台阶",
    "scattered": "贸易试验区企业自主创新",  # every character of 自贸试验区, not the text
    "port": "海南自贸港建设提速",
}
SUBTITLED = "subtitled"  # 自贸区 only in the subtitle, inside a longer word


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    articles = [
        article_of(title, "新闻正文一段。", article_id=key) for key, title in TITLES.items()
    ]
    subtitled = article_of("改革开放新高地", "新闻正文一段。", article_id=SUBTITLED)
    articles.append(replace(subtitled, subtitle="福建自贸区挂牌"))
    directory = tmp_path_factory.mktemp("title-text-index")
    index_corpus(Corpus(tuple(articles)), directory)
    return directory


@pytest.fixture(scope="module")
def service(index_dir: Path):
    with SearchService(index_dir) as opened:
        yield opened


def _titled(service: SearchService, query: str) -> set[str]:
    results = service.search(SearchRequest(query=query, field="title", per_page=100))
    assert results.group == "article"
    return {hit.paragraph.article_id for hit in results.results}


def test_a_keyword_inside_a_longer_title_word_is_found(service) -> None:
    assert "关丹马中产业园" in [token.text for token in word_tokens(TITLES["kuantan"])]
    assert _titled(service, "产业园") == {"kuantan"}
    assert {"shanghai", "plain", SUBTITLED} <= _titled(service, "自贸区")


def test_a_keyword_across_title_words_is_found_as_exact_text(service) -> None:
    assert "自" not in [token.text for token in word_tokens(TITLES["neimenggu"])]
    found = _titled(service, "自贸试验区")
    assert "neimenggu" in found and "scattered" not in found
    assert _titled(service, '"自贸试验区"') == {"neimenggu"}  # a phrase: the exact text


def test_an_equivalent_form_is_found_in_titles_as_in_full_text(service) -> None:
    # 自贸区 ⇄ 自贸试验区 ⇄ 自由贸易试验区: every headline with a form, none with only its letters
    assert _titled(service, "自贸区") == {"shanghai", "neimenggu", "plain", SUBTITLED}
    assert "port" not in _titled(service, "自贸区") and _titled(service, "自贸港") == {"port"}


def test_words_of_the_title_rank_above_text_found_inside_words(service) -> None:
    results = service.search(SearchRequest(query="自贸区", field="title"))
    assert results.results[0].paragraph.article_id == "plain"  # 自贸区 as a title word


def test_forgetting_drops_remembered_title_matches_and_changes_no_result(
    index_dir: Path,
) -> None:
    """Benchmarks call forget() to time a search never seen before: title matches too."""
    generation = Generation(index_dir)
    try:
        first = generation.titles.documents("自贸试验区")
        assert len(first) and len(generation.titles) == 1
        generation.forget()
        assert len(generation.titles) == 0
        assert generation.titles.documents("自贸试验区").tolist() == first.tolist()
    finally:
        generation.close()


def test_a_title_lookup_out_of_time_stops_and_remembers_nothing(index_dir: Path) -> None:
    def expired() -> None:
        raise SearchTimeout("out of time")

    generation = Generation(index_dir)
    try:
        with pytest.raises(SearchTimeout):
            generation.titles.documents("自贸区", expired)
        assert len(generation.titles) == 0
        assert len(generation.titles.documents("自贸区")) > 0  # computed in full next time
    finally:
        generation.close()


@pytest.mark.parametrize("limit", [0, 1_000])
def test_candidates_read_on_their_own_titles_match_as_the_title_word_lookup(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """A full-text search checks a name's title bonus only on its candidates' titles (few
    articles: no lookup over every title word, which a fresh generation would build first);
    either way the same paragraphs."""
    monkeypatch.setattr(title_text, "CONFIRM_ARTICLES", limit)
    generation = Generation(index_dir)
    try:
        titles = generation.titles
        everything = np.flatnonzero(titles.table.searchable)
        texts = ["自贸区", "自贸试验区", "产业园", "上海自贸区", "福建自贸区", "贸易试验区", "。"]
        for text in texts:
            expected = np.intersect1d(titles.documents(text), everything)
            assert titles.among(text, everything).tolist() == expected.tolist(), text
            assert (
                titles.among(text, everything[::2]).tolist()
                == expected[np.isin(expected, everything[::2])].tolist()
            ), text
        assert any(len(titles.among(text, everything)) for text in texts)
    finally:
        generation.close()
