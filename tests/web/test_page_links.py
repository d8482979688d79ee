"""Where the search page's links lead, through Flask's test client over the shared real index:
the pager (over partial matches, past the end, at the depth limit), the trends link of every mode,
every rendered link answering, and a `format` sent on to the page's API twin."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from corpus_fixtures import build
from web_fixtures import (
    error_message,
    hrefs,
    ok_json,
    page_text,
    read_csv,
    search_json,
)

from search.validation import MAX_FILTER_VALUES, last_page


def test_paging_links_are_shareable_urls(client) -> None:
    body = search_json(client, q="高新区", per_page=5)
    assert body["total"] > 10
    html = page_text(client.get("/", query_string={"q": "高新区", "per_page": 5, "page": 2}))
    assert 'aria-current="page">2<' in html
    pages = {parse_qs(urlsplit(link).query).get("page", ["1"])[0] for link in hrefs(html, "/?")}
    assert {"1", "3"} <= pages
    assert 'rel="next"' in html and 'rel="prev"' in html


def test_page_past_the_end_is_empty_and_links_back_to_the_last_page(client) -> None:
    total = search_json(client, q="高新区", per_page=5)["total"]
    last = last_page(total, 5)
    past = {"q": "高新区", "per_page": 5, "page": last + 1}
    body = search_json(client, **past)
    assert body["results"] == [] and body["total"] == total > 5
    assert search_json(client, **past | {"page": last})["results"]  # the last page is not empty
    html = page_text(client.get("/", query_string=past))
    assert "这一页没有结果" in html
    assert f"page={last}" in html


@pytest.mark.parametrize("query", ["生物医药 产业园", "高新区如何培育科技型企业"])
def test_the_pager_spans_the_partial_matches_the_api_pages(client, query: str) -> None:
    # Full matches then partial ones, as /api/search pages them: every page of both is reachable.
    first = search_json(client, q=query, per_page=2)
    listed = first["total"] + first["partial_total"]
    assert first["partial_total"] and listed > 2 * 2, first
    last = last_page(listed, 2)
    assert search_json(client, q=query, per_page=2, page=last)["results"]
    html = page_text(client.get("/", query_string={"q": query, "per_page": 2}))
    assert 'rel="next"' in html and links_answer_without_error(client, html) == []
    html = page_text(client.get("/", query_string={"q": query, "per_page": 2, "page": last}))
    assert 'rel="prev"' in html and 'rel="next"' not in html
    past = page_text(client.get("/", query_string={"q": query, "per_page": 2, "page": last + 1}))
    assert f"只有 {last} 页" in past and f"page={last}" in past


@pytest.mark.parametrize(
    ("options", "listing"),
    [
        ({"field": "title"}, {"field": ["title"]}),
        ({"group": "article", "sort": "date", "per_page": 5, "page": 2}, {"group": ["article"]}),
        ({"sort": "date", "per_page": 5}, {}),
    ],
    ids=["title-only", "grouped-sorted-paged", "sorted"],
)
def test_the_trends_link_of_every_mode_opens_the_trends_of_that_search(
    client, options, listing
) -> None:
    # The trends of a search listing articles count articles too (`field`, `group` kept).
    query = {"q": "集成电路", "year": "2023", "date_from": "2020"} | options
    html = page_text(client.get("/", query_string=query))
    (link,) = re.findall(r'<a href="([^"]*)">趋势与对比', html)
    trends = urlsplit(unescape(link))
    assert trends.path == "/trends"
    expected = {"q": ["集成电路"], "year": ["2023"], "date_from": ["2020"]} | listing
    assert parse_qs(trends.query) == expected
    page = page_text(client.get(unescape(link)))
    assert "集成电路" in page and ("按文章统计" in page) == bool(listing)


def links_answer_without_error(client, html: str) -> list[str]:
    """The in-app links of a page (not static files or anchors) that do not answer 200."""
    broken = []
    for link in dict.fromkeys(hrefs(html)):
        if link.startswith("/") and not link.startswith("/static/"):
            response = client.get(link.split("#")[0])
            if response.status_code != 200:
                broken.append(f"{link}: {response.status_code}")
    return broken


def test_every_link_on_the_last_page_and_with_filters_answers(client) -> None:
    body = search_json(client, q="高新区", per_page=7)
    last = last_page(body["total"], 7)
    park = body["facets"]["park"][0]["value"]
    query = {"q": "高新区", "per_page": 7, "page": last, "park": park}
    park_total = search_json(client, **query | {"page": 1})["total"]
    query["page"] = last_page(park_total, 7)
    html = page_text(client.get("/", query_string=query))
    assert 'rel="next"' not in html  # the last page links no further
    assert links_answer_without_error(client, html) == []


def test_a_facet_at_its_value_limit_offers_no_link_that_would_be_refused(client) -> None:
    values = [f"园区{number}" for number in range(MAX_FILTER_VALUES - 1)]
    real = search_json(client)["facets"]["park"][0]["value"]
    html = page_text(client.get("/", query_string=[("park", value) for value in [*values, real]]))
    assert links_answer_without_error(client, html) == []
    assert "disabled" in html  # the other park checkboxes cannot add a 21st value


@pytest.mark.slow  # a 10,100-paragraph build: the reported case end to end
def test_over_ten_thousand_hits_the_pager_stops_at_the_deepest_valid_page(
    serve,
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "many.jsonl"
    records = (
        {
            "id": str(number),
            "title": f"标题{number}",
            "paragraphs": [f"园区第{number}篇第{part}段。" for part in range(100)],
        }
        for number in range(101)
    )
    corpus.write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records),
        encoding="utf-8",
    )
    build(corpus, tmp_path / "index")
    client = serve(tmp_path / "index")
    html = page_text(client.get("/", query_string={"q": "园区", "per_page": 30, "page": 333}))
    assert "共 <strong>10100</strong> 条结果" in html
    assert 'aria-current="page">333<' in html and 'rel="next"' not in html
    assert not [link for link in hrefs(html, "page=334")]
    assert links_answer_without_error(client, html) == []


def test_articles_from_json_lines_link_to_their_record_and_every_link_answers(
    serve,
    tmp_path: Path,
) -> None:
    record = {"id": "1", "title": "园区新政", "paragraphs": ["园区发布新政。", "园区企业受益。"]}
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    build(corpus, tmp_path / "index")
    client = serve(tmp_path / "index")
    html = page_text(client.get("/", query_string={"q": "园区"}))
    articles = {re.split("[?#]", link)[0] for link in hrefs(html, "/articles/")}
    (article,) = {link for link in articles if not link.endswith("/source")}
    pages = [html, page_text(client.get(article, query_string={"q": "园区"}))]
    for page in pages:
        assert hrefs(page, "/source") and links_answer_without_error(client, page) == []
    source = page_text(client.get(f"{article}/source"))
    assert "第 1 行的记录" in source and "园区企业受益。" in source


def test_a_format_on_a_page_redirects_to_its_api_twin_with_the_same_parameters(client) -> None:
    # `/?…&format=csv` rendered the HTML page as if the format were not there.
    pairs = [("q", "高新区"), ("park", "青岛高新区"), ("park", "西安高新区"), ("format", "csv")]
    response = client.get("/", query_string=pairs)
    assert response.status_code == 302
    target = urlsplit(response.headers["Location"])
    assert target.path == "/api/search"
    assert parse_qs(target.query) == {
        "q": ["高新区"], "park": ["青岛高新区", "西安高新区"], "format": ["csv"]
    }  # fmt: skip
    exported = read_csv(client.get("/", query_string=pairs, follow_redirects=True))
    assert exported and exported == read_csv(client.get("/api/search", query_string=pairs))
    as_json = [*pairs[:-1], ("format", "json")]
    answer = ok_json(client.get("/", query_string=as_json, follow_redirects=True))
    assert answer == ok_json(client.get("/api/search", query_string=pairs[:-1]))
    trends = [("q", "芯片"), ("q", "集成电路"), ("format", "json")]
    response = client.get("/trends", query_string=trends)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/api/trends?")
    assert ok_json(client.get("/trends", query_string=trends, follow_redirects=True))["series"]
    directory = client.get("/parks", query_string={"sort": "name", "format": "json"})
    assert directory.headers["Location"] == "/api/parks?sort=name&format=json"
    assert page_text(client.get("/", query_string=[*pairs[:-1], ("format", "")]))


def test_an_unknown_format_on_the_page_is_the_api_s_400(client) -> None:
    message = error_message(client.get("/api/search?q=高新区&format=xml"), 400)
    response = client.get("/?q=高新区&format=xml")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert unescape(message) in unescape(response.get_data(as_text=True))


@pytest.mark.parametrize(
    "path",
    [
        "/?q=高新区&format=csv&page=0",
        "/?q=高新区&format=json&year=23",
        "/trends?q=芯片&format=json&interval=decade",
    ],
)
def test_a_bad_parameter_beside_a_format_is_the_page_s_400_not_a_redirect(client, path) -> None:
    # Review L1: the page redirected (302) first, and the API then answered its JSON 400.
    response = client.get(path)
    assert response.status_code == 400 and response.mimetype == "text/html"
    api = client.get(path.replace("/?", "/api/search?").replace("/trends?", "/api/trends?"))
    assert unescape(error_message(api, 400)) in unescape(response.get_data(as_text=True))
