"""The engine's one validator: its limits, its bilingual messages and the last reachable page."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.errors import InvalidRequest
from search.models import SearchRequest
from search.trend_models import TrendsRequest
from search.validation import (
    MAX_DEPTH,
    MAX_PER_PAGE,
    last_page,
    validate,
    validate_prefix,
    validate_trends,
)


@given(total=st.integers(0, 3 * MAX_DEPTH), per_page=st.integers(1, MAX_PER_PAGE))
def test_the_last_page_is_valid_and_the_one_after_it_is_not_needed(
    total: int, per_page: int
) -> None:
    last = last_page(total, per_page)
    validate(SearchRequest(page=last, per_page=per_page))  # every page link up to it works
    beyond = SearchRequest(page=last + 1, per_page=per_page)
    if last * per_page < total:  # hits remain: only the depth limit stops the pager
        with pytest.raises(InvalidRequest, match="页码过大"):
            validate(beyond)


def test_page_333_of_30_is_the_deepest_and_334_is_refused_in_chinese() -> None:
    assert last_page(20_000, 30) == 333
    validate(SearchRequest(page=333, per_page=30))
    with pytest.raises(InvalidRequest, match="页码过大.*333 页"):
        validate(SearchRequest(page=334, per_page=30))


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (SearchRequest(per_page=MAX_PER_PAGE + 1), "每页条数"),
        (SearchRequest(page=0), "页码"),
        (SearchRequest(query="园" * 257), "查询过长"),
        (SearchRequest(sort="score"), "sort 的取值无效"),
        (SearchRequest(group="paragraph"), "group 的取值无效"),
        (SearchRequest(filters={"city": ("青岛",)}), "未知的筛选条件"),
        (SearchRequest(filters={"year": ("二〇二三",)}), "四位数字"),
        (SearchRequest(filters={"park": tuple(f"园区{n}" for n in range(21))}), "最多 20 个"),
        (SearchRequest(filters={"policy_document": ("文" * 121,)}), "筛选值过长"),
        # A command-line argument that is not UTF-8 arrives as lone surrogates ("\udcff").
        (SearchRequest(query="高新区\udcff"), "无效字符"),
        (SearchRequest(filters={"park": ("\udcff",)}), "无效字符"),
        (SearchRequest(date_from="\udcff"), "无效字符"),
    ],
)
def test_each_limit_has_a_chinese_and_english_message(request_, words: str) -> None:
    with pytest.raises(InvalidRequest) as refused:
        validate(request_)
    chinese, english = refused.value.message.split(" / ", 1)
    assert words in chinese and english[:12].isascii()


def test_a_cited_document_as_long_as_the_tagger_allows_is_a_valid_filter() -> None:
    validate(SearchRequest(filters={"policy_document": ("文" * 120,)}))


def test_a_trend_query_or_a_suggestion_prefix_that_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidRequest, match="无效字符"):
        validate_trends(TrendsRequest(("芯片", "\ud800")))
    with pytest.raises(InvalidRequest, match="无效字符"):
        validate_prefix("\udcff")
    validate_trends(TrendsRequest(("芯片 🚀",)))  # a real pair of surrogates is one character
