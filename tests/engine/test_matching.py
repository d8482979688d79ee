"""The NumPy query evaluation finds exactly what the query language promises (docs/search.md)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from corpus_fixtures import article_of
from hypothesis import given, settings
from hypothesis import strategies as st

from search.engine.sets import Scores, add_up, intersection, union
from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.serialize import stored_paragraph_json
from search.service import SearchService
from search.text.normalize import normalize
from search.text.tokens import word_tokens

ALPHABET = "高新区技术开发园张江马克思产业创新科中关村區發展abcXYZ0123456789ＡＩ，。 "
KEYWORDS = [
    "生物医药",
    "高新技术",
    "新技术",
    "众创空间",
    "张江",
    "生物医药 西安",
    "人工智能 OR 集成电路",
    "产业园 -青岛",  # no equivalents: 高新区 would also find 高新技术产业开发区 (test_relevance)
]


def _article(number: int, texts: list[str]) -> Article:
    article_id = f"{number:012x}"
    paragraphs = tuple(
        Paragraph(
            f"{article_id}-{ordinal}", article_id, ordinal, "body", text, SourceSpan("t", 1, 1)
        )
        for ordinal, text in enumerate(texts, start=1)
    )
    return Article(article_id, f"第{number}篇", paragraphs, ("t",))


def _random_paragraphs(count: int) -> list[str]:
    generator = random.Random(20260422)
    return ["".join(generator.choices(ALPHABET, k=generator.randint(5, 60))) for _ in range(count)]


RANDOM_PARAGRAPHS = _random_paragraphs(120)
# 新技 and 技术 both occur, but never 新技术: the n-grams alone must not make it a match.
APART = "新技能培训与技术转让"


@pytest.fixture(scope="module")
def random_service(tmp_path_factory: pytest.TempPathFactory):
    articles = [_article(number, RANDOM_PARAGRAPHS[number::12]) for number in range(12)]
    articles.append(_article(99, [APART]))
    index_dir = tmp_path_factory.mktemp("random-index")
    index_corpus(Corpus(tuple(articles)), index_dir)
    with SearchService(index_dir) as service:
        yield service


def _found(service: SearchService, query: str) -> set[str]:
    results = service.search(SearchRequest(query=query, per_page=100))
    assert results.total <= 100
    return {hit.paragraph.text for hit in results.results}


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_substring_of_every_paragraph_is_found_quoted(random_service, data) -> None:
    paragraph = data.draw(st.sampled_from(RANDOM_PARAGRAPHS))
    start = data.draw(st.integers(0, len(paragraph) - 1))
    substring = paragraph[start : data.draw(st.integers(start + 1, len(paragraph)))]
    compact = "".join(char for char in normalize(substring) if not char.isspace() and char != "，")
    if not any(char.isalnum() for char in compact) or '"' in substring:
        return
    assert paragraph in _found(random_service, f'"{substring.strip()}"')


def test_ngrams_apart_are_not_the_exact_text(random_service) -> None:
    assert APART not in _found(random_service, '"新技术"')
    assert APART in _found(random_service, '"新技能"')


def _expected(records: list[dict], keyword: str) -> set[str]:
    """Brute force: a keyword matches as exact text or as all of its words."""
    words = {token.text for token in word_tokens(keyword, mode="query")}
    needle = "".join(char for char in normalize(keyword) if not char.isspace())
    matching = set()
    for record in records:
        plain = "".join(char for char in normalize(record["text"]) if not char.isspace())
        paragraph_words = {token.text for token in word_tokens(record["text"])}
        if needle in plain or words <= paragraph_words:
            matching.add(record["paragraph_id"])
    return matching


@pytest.mark.parametrize("query", KEYWORDS)
def test_matches_equal_a_brute_force_scan(search_service: SearchService, query: str) -> None:
    records = [
        stored_paragraph_json(stored)
        for stored in search_service.export()
        if stored.paragraph.kind in ("body", "heading")
    ]
    expected = {r["paragraph_id"] for r in records}
    if " OR " in query:
        expected = set().union(*(_expected(records, word) for word in query.split(" OR ")))
    for keyword in [] if " OR " in query else query.split():
        if keyword.startswith("-"):
            expected -= _expected(records, keyword[1:])
        else:
            expected &= _expected(records, keyword)
    results = search_service.search(SearchRequest(query=query, per_page=100))
    full = [hit for hit in results.results if not hit.missing]
    # Near-identical paragraphs collapse into one hit, which counts once in `total`.
    collapsed = len(expected) - sum(hit.duplicates for hit in full)
    assert not results.relaxed and results.total == len(full) == collapsed > 0
    assert {hit.paragraph.paragraph_id for hit in full} <= expected


_DOCUMENT_SETS = st.lists(
    st.dictionaries(st.integers(0, 40), st.floats(0, 10, allow_nan=False), max_size=25),
    min_size=1,
    max_size=4,
)


def _scores(mapping: dict[int, float]) -> Scores:
    documents = sorted(mapping)
    return Scores(
        np.array(documents, dtype=np.int64),
        np.array([mapping[d] for d in documents], dtype=np.float64),
    )


@settings(max_examples=200, deadline=None)
@given(parts=_DOCUMENT_SETS)
def test_sparse_set_operations_agree_with_python_sets(parts: list[dict[int, float]]) -> None:
    totals: dict[int, float] = {}
    for part in parts:
        for document, score in part.items():
            totals[document] = totals.get(document, 0.0) + score
    added = add_up([_scores(part) for part in parts])
    assert added.documents.tolist() == sorted(totals)
    assert added.scores.tolist() == pytest.approx([totals[d] for d in sorted(totals)])
    arrays = [_scores(part).documents for part in parts]
    assert union(arrays).tolist() == sorted(set().union(*parts))
    assert intersection(arrays).tolist() == sorted(set(parts[0]).intersection(*parts[1:]))
    probe = np.arange(-1, 43, dtype=np.int64)
    assert _scores(parts[0]).at(probe).tolist() == [parts[0].get(d, 0.0) for d in probe]


# Park names of several words (parks.yaml aliases), and paragraphs with only their words.
NAMED = {
    "sip_full": ("园区快讯", "中国—新加坡苏州工业园区今年引进外资项目二十个。"),
    "sip_short": ("园区快讯", "中新苏州工业园区举办招商推介会。"),
    "sip_visit": ("会见新加坡总统", "新加坡愿与中国加强合作，中国政府支持苏州工业园区建设。"),
    "ftp_full": ("自贸港动态", "中国（海南）自由贸易港建设总体方案发布。"),
    "ftp_words": ("海南：建设中国特色自由贸易港", "海南建设具有世界影响力的中国特色自由贸易港。"),
}


@pytest.fixture(scope="module")
def named_service(tmp_path_factory: pytest.TempPathFactory):
    articles = [article_of(title, text, article_id=key) for key, (title, text) in NAMED.items()]
    index_dir = tmp_path_factory.mktemp("named-index")
    index_corpus(Corpus(tuple(articles)), index_dir)
    with SearchService(index_dir) as service:
        yield service


def _named(service: SearchService, query: str, **options: object) -> dict[str, str]:
    results = service.search(SearchRequest(query=query, per_page=100, **options))
    return {hit.paragraph.article_id: hit.highlight for hit in results.results if not hit.missing}


def test_an_equivalent_name_of_several_words_matches_as_its_exact_text(named_service) -> None:
    found = _named(named_service, "海南自贸港")
    assert set(found) == {"ftp_full"}  # not 海南 · 中国 · 自由贸易 · 港 anywhere
    assert "<mark>中国（海南）自由贸易港</mark>" in found["ftp_full"]
    assert set(_named(named_service, "海南自贸港", field="title")) == set()


def test_an_equivalent_name_is_marked_whole_never_by_its_words(named_service) -> None:
    found = _named(named_service, "苏州工业园区")
    assert set(found) == {"sip_full", "sip_short", "sip_visit"}
    assert "<mark>中国—新加坡苏州工业园区</mark>" in found["sip_full"]
    assert found["sip_visit"].count("<mark>") == 1  # 苏州工业园区; 新加坡 and 中国 unmarked
