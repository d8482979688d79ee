"""Engine errors become HTTP once: 400/404/503, busy and timeout told apart, Chinese on pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search import errors
from search.service import Admission, SearchService
from web.app import create_app
from web.errors import engine_error_answer

COSTLY_QUERY = "高新区 OR 生物医药 OR 项目 OR 发展"


@pytest.mark.parametrize(
    ("error_class", "status"),
    [
        (errors.InvalidRequest, 400),
        (errors.CorpusError, 400),
        (errors.NotFound, 404),
        (errors.IndexUnavailable, 503),
        (errors.IndexLocked, 503),
        (errors.ServiceBusy, 503),
        (errors.SearchTimeout, 503),
    ],
)
def test_each_engine_error_class_has_its_status(error_class, status: int) -> None:
    assert engine_error_answer(error_class("why"))[0] == status


def test_busy_is_503_with_retry_after_and_its_own_chinese_message(search_index_dir: Path) -> None:
    admission = Admission(concurrency=1, queue_timeout=0.0)
    with SearchService(search_index_dir, admission=admission) as service:
        client = create_app(service=service).test_client()
        with admission.slot():  # another search holds the only slot
            api = client.get("/api/search", query_string={"q": "高新区"})
            page = client.get("/", query_string={"q": "高新区"})
        assert api.status_code == page.status_code == 503
        assert api.headers["Retry-After"] == page.headers["Retry-After"] == "5"
        assert api.get_json()["error"]["message"].startswith("服务器繁忙")
        assert "服务器繁忙，请稍后再试" in page.get_data(as_text=True)
        assert client.get("/api/search", query_string={"q": "高新区"}).status_code == 200


def test_timeout_is_503_without_retry_after_and_asks_for_a_narrower_query(
    search_index_dir: Path,
) -> None:
    with SearchService(search_index_dir, time_budget=-1.0) as service:
        client = create_app(service=service).test_client()
        api = client.get("/api/search", query_string={"q": COSTLY_QUERY})
        page = client.get("/", query_string={"q": COSTLY_QUERY})
    assert api.status_code == page.status_code == 503
    assert "Retry-After" not in api.headers and "Retry-After" not in page.headers
    assert api.get_json()["error"]["message"].startswith("检索用时过长")
    assert "检索用时过长" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/articles/ffffffffffff",  # the right shape, not in the index: the engine's NotFound
        "/articles/ffffffffffff/source",
        "/articles/not-an-id",
        "/?q=高新区&page=334&per_page=30",
        "/?city=青岛",
        "/?year=23",
        "/?page=x",
        "/no/such/page",
    ],
)
def test_every_error_page_says_what_went_wrong_in_chinese_first(
    search_index_dir: Path, path: str
) -> None:
    with SearchService(search_index_dir) as service:
        response = create_app(service=service).test_client().get(path)
    assert response.status_code in (400, 404)
    html = response.get_data(as_text=True)
    (message,) = re.findall(r'<p class="error-message">(.*?)</p>', html, re.S)
    assert "\u4e00" <= message.strip()[0] <= "\u9fff", message
