"""Facets over the whole result set: consistency, OR within / AND across, disjunctive counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from corpus_fixtures import add_articles, build, write_small_corpus

from search.engine.columns import FieldColumn
from search.fields import FACETS, TEXT_TAG_FIELDS
from search.models import SearchRequest
from search.service import SearchService


def _facet(service: SearchService, query: str, name: str, **filters: tuple[str, ...]) -> dict:
    results = service.search(SearchRequest(query=query, filters=filters))
    return {bucket.value: bucket for bucket in results.facets[name]}


def test_a_values_count_equals_the_total_when_filtering_by_it(
    search_service: SearchService,
) -> None:
    for query in ("", "生物医药", "高新区"):
        results = search_service.search(SearchRequest(query=query))
        assert results.total > 0
        for name in ("park", "industry", "year"):
            for bucket in results.facets[name][:5]:
                filtered = search_service.search(
                    SearchRequest(query=query, filters={name: (bucket.value,)})
                )
                assert filtered.total == bucket.count, (query, name, bucket.value)


@pytest.mark.parametrize(
    "mode",
    [
        {"query": "临床试验"},
        {"query": "临床试验", "sort": "date"},
        {"query": "临床试验 火星"},  # partial matches listed alone
        {"query": "临床试验", "group": "article"},
        {"query": "青岛高新区", "field": "title"},
    ],
    ids=["plain", "by-date", "partial", "grouped", "title-only"],
)
def test_a_reprint_counts_once_per_value_as_the_results_list_it(
    entity_index_dir: Path, mode: dict
) -> None:
    # A paragraph reprinted in a second article is one result; its facet values counted it
    # twice (xwlb 自贸区: 海南自由贸易港 79, a tick gave 78). Every value's count is the
    # total of ticking it, whatever the mode lists.
    with SearchService(entity_index_dir) as service:
        shown = service.search(SearchRequest(**mode))
        listed = "total" if shown.total else "partial_total"
        if "group" not in mode and "field" not in mode:
            assert [hit.duplicates for hit in shown.results].count(1) == 1  # the reprint
        checked = 0
        for name, buckets in shown.facets.items():
            for bucket in buckets:
                ticked = service.search(SearchRequest(**mode, filters={name: (bucket.value,)}))
                assert getattr(ticked, listed) == bucket.count, (name, bucket.value)
                checked += 1
        assert checked >= 5


def test_repeating_a_facet_is_or_and_different_facets_and(search_service: SearchService) -> None:
    parks = _facet(search_service, "", "park")
    assert len(parks) >= 2, "the test corpus should tag at least two parks"
    first, second = sorted(parks, key=lambda value: -parks[value].count)[:2]
    both = search_service.search(SearchRequest(filters={"park": (first, second)}))
    one = search_service.search(SearchRequest(filters={"park": (first,)}))
    assert max(parks[first].count, parks[second].count) <= both.total
    assert both.total <= parks[first].count + parks[second].count
    # An industry that occurs in the first park, taken from that park's own facet counts.
    industries = _facet(search_service, "", "industry", park=(first,))
    industry = max(industries, key=lambda value: industries[value].count)
    crossed = search_service.search(
        SearchRequest(filters={"park": (first,), "industry": (industry,)}, per_page=100)
    )
    assert 0 < crossed.total == industries[industry].count <= one.total
    assert all(first in hit.paragraph.parks for hit in crossed.results)
    assert all(industry in hit.paragraph.industries for hit in crossed.results)


def test_counts_are_disjunctive_so_a_second_park_can_be_added(
    search_service: SearchService,
) -> None:
    unfiltered = _facet(search_service, "", "park")
    chosen = next(iter(unfiltered))
    filtered = _facet(search_service, "", "park", park=(chosen,))
    # Filtering by a park leaves the park counts as they were, with the choice marked.
    assert {value: bucket.count for value, bucket in filtered.items()} == {
        value: bucket.count for value, bucket in unfiltered.items()
    }
    assert filtered[chosen].selected and not any(
        bucket.selected for value, bucket in filtered.items() if value != chosen
    )


def test_selected_values_always_appear_even_without_matches(
    search_service: SearchService,
) -> None:
    parks = _facet(search_service, "集成电路", "park", park=("不存在的园区",))
    assert parks["不存在的园区"].count == 0 and parks["不存在的园区"].selected


def test_buckets_are_sorted_by_count_then_value(search_service: SearchService) -> None:
    for name, buckets in search_service.facet_values().items():
        assert name in FACETS
        keys = [(-bucket.count, bucket.value) for bucket in buckets]
        assert keys == sorted(keys)
        assert all(bucket.count > 0 for bucket in buckets)


def _browse(index_dir: Path) -> list[str]:
    with SearchService(index_dir) as service:
        results = service.search(SearchRequest(query="", per_page=100))
        return [hit.paragraph.paragraph_id for hit in results.results]


def test_article_order_survives_a_segment_holding_only_a_source_file(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build(corpus, index_dir)
    first = sorted(corpus.glob("*.txt"))[0]
    # Trailing blank lines change the file, not its articles: the build writes one segment
    # with the source document alone, which has no `ordinal` column.
    first.write_text(first.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    report = build(corpus, index_dir)
    assert (report.added, report.replaced, report.removed) == (0, 0, 0)
    # Files sorting last keep every existing article's place, so a fresh build orders alike.
    add_articles(corpus, 2, "众创空间", prefix="zzz_")
    build(corpus, index_dir)  # a segment after it, whose documents must not shift
    fresh = tmp_path / "fresh"
    build(corpus, fresh)
    assert _browse(index_dir) == _browse(fresh)


def test_counts_of_a_small_result_set_equal_its_hits_tags(search_service: SearchService) -> None:
    # A few hits are counted from their own values, not by a pass over every tagged document.
    every = search_service.search(SearchRequest(query="", per_page=100))
    for query in ("生物医药", "高新区 生物医药", "集成电路", "开发区"):
        results = search_service.search(SearchRequest(query=query, per_page=100))
        assert 0 < results.total < every.total and results.total <= 100, query
        listed = [hit.paragraph for hit in results.results if not hit.missing]
        for field in TEXT_TAG_FIELDS:
            counted = Counter(
                value
                for paragraph in listed
                for value in set(getattr(paragraph, str(field.attribute)))
            )
            shown = {bucket.value: bucket.count for bucket in results.facets[field.name]}
            assert shown == dict(counted), (query, field.name)
        years = Counter(hit.date[:4] for hit in results.results if hit.date and not hit.missing)
        assert {bucket.value: bucket.count for bucket in results.facets["year"]} == dict(years)


@pytest.mark.parametrize("query", ["高新区", "新区生物", '"生物医药项目"'])
def test_forgetting_remembered_pages_changes_no_result(
    search_service: SearchService, query: str
) -> None:
    """Remembered pages, highlights, term scores and exact-text matches (a fragment, a phrase:
    several n-grams confirmed on the text) give the results computed afresh."""
    request = SearchRequest(query=query, per_page=20)
    search_service.forget_cached()
    first = search_service.search(request)
    assert first.total > 0
    assert search_service.search(request) == first  # remembered
    search_service.forget_cached()
    assert search_service.search(request) == first


def test_the_next_page_another_order_or_grouping_count_the_same_facets(
    search_service: SearchService,
) -> None:
    """Facet counts are remembered per search (its words, field, grouping, filters and time
    window): the next page or another sort show what the first page counted afresh."""
    first = SearchRequest(query="高新区", per_page=5)
    search_service.forget_cached()
    counted = search_service.search(first).facets
    assert counted["park"]
    for variant in (
        replace(first, page=2),
        replace(first, sort="date"),
    ):
        assert search_service.search(variant).facets == counted  # remembered
        search_service.forget_cached()
        assert search_service.search(variant).facets == counted  # afresh


@pytest.mark.parametrize(
    "change",
    [
        {"filters": {"industry": ("生物医药",)}},
        {"query": "高新区 生物"},
        {"field": "title"},
        {"group": "article"},
        {"indexed_since": "2999-01-01"},
    ],
)
def test_remembered_facets_belong_to_the_same_search_only(
    search_service: SearchService, change: dict
) -> None:
    base = SearchRequest(query="高新区")
    counted = search_service.search(base).facets  # remembered
    variant = replace(base, **change)
    shown = search_service.search(variant).facets
    assert shown != counted
    search_service.forget_cached()
    assert search_service.search(variant).facets == shown


@pytest.mark.parametrize("most_per_document", [1, 3])
def test_counts_of_a_few_documents_equal_the_counts_over_a_mask(most_per_document: int) -> None:
    # A few documents are counted from their own values, grouped by document once per
    # generation (one value at most per document, like year, or several, like park).
    random = np.random.default_rng(most_per_document)
    size = 5000
    column, _pairs = _random_column(random, size, 30, 4000, most_per_document)
    for share in (0.001, 0.01, 0.05):
        documents = np.flatnonzero(random.random(size + 10) < share)  # some past every owner
        mask = np.zeros(size + 10, dtype=bool)
        mask[documents] = True
        assert column.counts(mask, documents).tolist() == column.counts(mask).tolist()


@pytest.mark.parametrize("most_per_document", [1, 3])
def test_article_counts_count_each_article_once_per_value(most_per_document: int) -> None:
    # What a tick gives a search listing articles: the distinct articles having the value among
    # the documents counted, from their docnums or from a mask, whatever their values' spread.
    random = np.random.default_rng(most_per_document)
    size = 3000
    article_of = np.sort(random.integers(0, 400, size))
    column, pairs = _random_column(random, size, 40, 2500, most_per_document)
    values = column.values
    for share in (0.002, 0.05, 1.0):
        documents = np.flatnonzero(random.random(size) < share)
        mask = np.zeros(size, dtype=bool)
        mask[documents] = True
        chosen = set(documents.tolist())
        distinct = {(value, int(article_of[document])) for value, document in pairs
                    if document in chosen}  # fmt: skip
        expected = np.bincount([value for value, _ in distinct], minlength=len(values))
        assert column.article_counts(article_of, mask).tolist() == expected.tolist()
        counted = column.article_counts(article_of, None if share < 0.01 else mask, documents)
        assert counted.tolist() == expected.tolist()
    # Every document counted (a table of pairs, not a sort): many articles repeat a value.
    assert expected.sum() < column.counts(mask).sum()


@pytest.mark.parametrize("most_per_document", [1, 3])
def test_repeats_are_what_counting_each_reprint_group_once_per_value_takes_off(
    most_per_document: int,
) -> None:
    # From the documents' own values or from a mask, whichever the number counted calls for.
    random = np.random.default_rng(10 + most_per_document)
    size = 3000
    column, pairs = _random_column(random, size, 40, 2500, most_per_document)
    groups = random.integers(0, 300, size)
    for share in (0.01, 0.2, 1.0):
        documents = np.flatnonzero(random.random(size) < share)
        chosen = set(documents.tolist())
        counted = [(value, document) for value, document in pairs if document in chosen]
        distinct = {(value, int(groups[document])) for value, document in counted}
        expected = np.bincount([value for value, _ in counted], minlength=len(column.values))
        expected -= np.bincount([value for value, _ in distinct], minlength=len(column.values))
        assert column.repeats(documents, groups).tolist() == expected.tolist()
    assert expected.sum() > 0  # every document counted: many values repeat within a group


def _random_column(
    random: np.random.Generator, size: int, value_count: int, owned: int, most_per_document: int
) -> tuple[FieldColumn, list[tuple[int, int]]]:
    """A column of `value_count` values over `owned` of `size` documents, 1 to
    `most_per_document` values each, with its (value id, document) pairs."""
    values = tuple(f"值{number}" for number in range(value_count))
    pairs = sorted(
        {(int(random.integers(value_count)), document)
         for document in random.choice(size, owned, replace=False).tolist()
         for _ in range(int(random.integers(1, most_per_document + 1)))}
    )  # fmt: skip
    value_ids = np.array([value for value, _ in pairs], dtype=np.int64)
    owners = np.array([document for _, document in pairs], dtype=np.int64)
    starts = np.searchsorted(value_ids, np.arange(value_count + 1))
    return FieldColumn(values, {}, owners, value_ids, starts), pairs
