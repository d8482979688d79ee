"""Engine errors become HTTP once: 400/404/503, busy and timeout told apart, Chinese on pages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from web_fixtures import page_text

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


def test_a_search_out_of_time_or_busy_keeps_its_query_options_and_filters(
    search_index_dir: Path,
) -> None:
    typed = {"q": COSTLY_QUERY, "field": "title", "sort": "date", "year": "2023"}
    admission = Admission(concurrency=1, queue_timeout=0.0)
    with (
        SearchService(search_index_dir, time_budget=-1.0) as late,
        SearchService(search_index_dir, admission=admission) as busy,
    ):
        timed_out = create_app(service=late).test_client().get("/", query_string=typed)
        with admission.slot():  # another search holds the only slot
            refused = create_app(service=busy).test_client().get("/", query_string=typed)
    for response in (timed_out, refused):
        assert response.status_code == 503
        html = response.get_data(as_text=True)
        searchbox = set(form_fields(html, "searchbox"))
        assert set(typed.items()) <= searchbox, searchbox  # sent again as typed, nothing retyped
        assert 'class="chip' in html  # the year filter, removable


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


def form_fields(html: str, form_class: str) -> list[tuple[str, str]]:
    """The name and value of every input of the page's first form of `form_class`."""
    (form,) = re.findall(rf'<form class="{form_class}".*?</form>', html, re.S)[:1]
    fields = re.findall(r'<input[^>]*\bname="([^"]*)"[^>]*\bvalue="([^"]*)"', form)
    return [(unescape(name), unescape(value)) for name, value in fields]


def test_a_refused_search_keeps_its_query_and_filters_to_correct_the_date(client) -> None:
    park = client.get("/api/search", query_string={"q": "集成电路"}).get_json()["facets"]["park"]
    typed = {"q": "集成电路", "park": park[0]["value"], "field": "title", "year": "23"}
    response = client.get("/", query_string={**typed, "date_from": "2023-13-01"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "date_from" in html and 'value="集成电路"' in html
    # The search box keeps the query and the valid filters, not the bad date or year: a new
    # query from it is answered.
    searchbox = form_fields(html, "searchbox")
    assert {("q", "集成电路"), ("park", typed["park"]), ("field", "title")} <= set(searchbox)
    assert not {"date_from", "year"} & {name for name, _ in searchbox}
    assert client.get("/", query_string=searchbox).status_code == 200
    # The date form shows the date as typed, to correct it alone.
    dates = dict(form_fields(html, "daterange"))
    assert dates["date_from"] == "2023-13-01" and dates["q"] == "集成电路"
    corrected = client.get("/", query_string={**dates, "date_from": "2023-01-01"})
    assert corrected.status_code == 200
    assert parse_qs(urlsplit(corrected.request.url).query)["park"] == [typed["park"]]
    # Each kept filter is a chip; the date chip removes the bad date and keeps the rest.
    chips = [unescape(link) for link in re.findall(r'<a class="chip[^"]*" href="([^"]*)"', html)]
    (date_chip,) = [link for link in chips if "date_from" not in link and "park" in link]
    assert client.get(date_chip).status_code == 200
    assert parse_qs(urlsplit(date_chip).query)["q"] == ["集成电路"]


def test_a_refused_search_folds_a_full_width_year_as_the_search_page_does(client) -> None:
    # Review L2: the error page kept year=２０２３ in its search box and chips.
    typed = {"q": "自贸区", "year": "２０２３"}
    normal = page_text(client.get("/", query_string=typed))
    refused = client.get("/", query_string={**typed, "date_from": "2023/13"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert ("year", "2023") in form_fields(html, "searchbox")
    assert ("year", "2023") in form_fields(normal, "searchbox")
    chips = [unescape(link) for link in re.findall(r'<a class="chip[^"]*" href="([^"]*)"', html)]
    assert chips and all("２" not in link for link in chips)
    assert "２０２３" not in html
