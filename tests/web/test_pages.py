"""The HTML pages through Flask's test client over a real index: search, article, source, errors.

The index (the seeds plus one hostile in-code article) is built once per session and shared
with tests/test_api.py, tests/test_security.py and tests/test_browser.py.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from corpus_fixtures import build
from web_fixtures import HOSTILE_TITLE, error_message, hrefs, ok_json, page_text, read_csv

from search.validation import MAX_FILTER_VALUES, last_page


def search_json(client, **params) -> dict:
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_search_page_keeps_query_and_shows_count_parsed_query_and_hits(client) -> None:
    expected = search_json(client, q="生物医药 产业")
    html = page_text(client.get("/", query_string={"q": "生物医药 产业"}))
    assert '<html lang="zh-CN">' in html
    assert 'value="生物医药 产业"' in html
    assert f"共 <strong>{expected['total']}</strong> 条结果" in html
    assert f"已搜索：{expected['parsed']}" in html
    first = expected["results"][0]
    assert first["highlight"] in html and "<mark>" in first["highlight"]
    assert f"/articles/{first['article_id']}?q=" in html
    assert f'href="{first["url"]}"' in html  # the paragraph permalink


def test_industry_tags_add_their_filter_and_park_tags_open_the_park_page(client) -> None:
    body = search_json(client, q="高新区")
    tagged = next(hit for hit in body["results"] if hit["industries"] and hit["parks"])
    industry, park = tagged["industries"][0], tagged["parks"][0]
    html = page_text(client.get("/", query_string={"q": "高新区"}))
    tags = re.findall(r'<a class="tag tag-(\w+)[^"]*"\s+href="([^"]*)"', html)
    industry_links = [
        parse_qs(urlsplit(unescape(href)).query) for kind, href in tags if kind == "industry"
    ]
    assert {"q": ["高新区"], "industry": [industry]} in industry_links
    park_links = [unquote(href) for kind, href in tags if kind == "park"]
    assert f"/parks/{park}" in park_links


def test_facet_sidebar_has_counts_checkboxes_and_chips(client) -> None:
    facets = search_json(client)["facets"]
    park = facets["park"][0]
    html = page_text(client.get("/"))
    assert "园区" in html and "产业" in html and "政策类型" in html
    assert f'name="park" value="{park["value"]}"' in html
    assert f'<span class="count">{park["count"]}</span>' in html
    assert 'class="chips"' not in html

    filtered = page_text(client.get("/", query_string={"park": park["value"]}))
    assert f'name="park" value="{park["value"]}" checked' in filtered
    chip = re.search(r'<a class="chip" href="([^"]*)"', filtered)
    assert chip is not None and "park=" not in chip.group(1)
    assert "清除全部" in filtered


def test_two_parks_are_or_and_counts_are_disjunctive(client) -> None:
    first, second = (bucket["value"] for bucket in search_json(client)["facets"]["park"][:2])
    both = client.get("/api/search", query_string=[("park", first), ("park", second)]).get_json()
    one = search_json(client, park=first)
    assert both["total"] > one["total"]
    # Disjunctive: the park facet still counts the unselected park while filtering by one.
    counts = {bucket["value"]: bucket["count"] for bucket in one["facets"]["park"]}
    assert counts[second] > 0
    html = page_text(client.get("/", query_string=[("park", first), ("park", second)]))
    assert html.count('<a class="chip"') == 2


def test_paging_links_are_shareable_urls(client) -> None:
    body = search_json(client, q="高新区", per_page=5)
    assert body["total"] > 10
    html = page_text(client.get("/", query_string={"q": "高新区", "per_page": 5, "page": 2}))
    assert 'aria-current="page">2<' in html
    pages = {parse_qs(urlsplit(link).query).get("page", ["1"])[0] for link in hrefs(html, "/?")}
    assert {"1", "3"} <= pages
    assert 'rel="next"' in html and 'rel="prev"' in html


def test_empty_state_offers_help_and_a_way_to_drop_the_filter(client) -> None:
    park = search_json(client)["facets"]["park"][0]["value"]
    html = page_text(client.get("/", query_string={"q": "量子引力弦论", "park": park}))
    assert "没有找到匹配的段落" in html
    assert "减少关键词" in html
    assert f"去掉“{park}”" in html


def test_relaxed_match_is_announced(client) -> None:
    query = "高新区 zzqqxxyy"
    assert search_json(client, q=query)["relaxed"] is True
    assert "没有段落同时包含全部关键词" in page_text(client.get("/", query_string={"q": query}))


def test_article_page_has_anchors_tags_source_links_and_marks_query(client) -> None:
    hit = search_json(client, q="生物医药")["results"][0]
    article = client.get(f"/api/articles/{hit['article_id']}").get_json()
    html = page_text(client.get(f"/articles/{hit['article_id']}", query_string={"q": "生物医药"}))
    assert f"<h1>{article['title']}</h1>" in html
    for paragraph in article["paragraphs"]:
        assert f'id="{paragraph["paragraph_id"]}"' in html
    assert "<mark>生物医药</mark>" in html
    span = hit["source"]
    source_link = f"/source?paragraph={hit['paragraph_id']}#L{span['line_start']}"
    assert source_link in html
    plain = page_text(client.get(f"/articles/{hit['article_id']}"))
    assert "<mark>" not in plain


def test_source_view_numbers_lines_and_marks_the_paragraph(client) -> None:
    hit = search_json(client, q="生物医药")["results"][0]
    span = hit["source"]
    html = page_text(
        client.get(
            f"/articles/{hit['article_id']}/source", query_string={"paragraph": hit["paragraph_id"]}
        )
    )
    marked = [int(number) for number in re.findall(r'<tr id="L(\d+)" class="is-marked"', html)]
    assert marked == list(range(span["line_start"], span["line_end"] + 1))
    assert 'href="#L1"' in html
    assert span["file"] in html
    whole = page_text(client.get(f"/articles/{hit['article_id']}/source"))
    assert whole.count('class="is-marked"') >= len(marked)


def test_unknown_paragraph_in_source_view_is_a_friendly_404(client) -> None:
    article_id = search_json(client)["results"][0]["article_id"]
    response = client.get(
        f"/articles/{article_id}/source", query_string={"paragraph": f"{article_id}-999"}
    )
    assert response.status_code == 404
    assert "没有段落" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/articles/ffffffffffff", 404, "没有找到"),
        ("/no/such/page", 404, "没有找到这个页面"),
        ("/?per_page=500", 400, "per_page"),
        ("/?page=abc", 400, "正整数"),
    ],
)
def test_error_pages_are_friendly_chinese_html(client, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert words in html and '<html lang="zh-CN">' in html and "Traceback" not in html
    assert 'name="q"' in html  # a search box to carry on from


def test_hostile_article_is_shown_as_text_everywhere(client) -> None:
    body = search_json(client, q="张江 扶持政策")
    hit = next(hit for hit in body["results"] if hit["article_title"] == HOSTILE_TITLE)
    pages = [
        page_text(client.get("/", query_string={"q": "张江 扶持政策"})),
        page_text(client.get(f"/articles/{hit['article_id']}", query_string={"q": "张江"})),
        page_text(client.get(f"/articles/{hit['article_id']}/source")),
    ]
    for html in pages:
        assert "<script>alert" not in html and "<b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;b&gt;" in html


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


@pytest.mark.parametrize(
    "mode",
    [
        {"q": "高新区", "group": "article"},
        {"q": "生物医药", "group": "article", "sort": "date"},
        {"q": "企业", "field": "title"},
        {"q": "园区", "field": "title", "industry": "新一代信息技术"},
    ],
    ids=["grouped", "grouped-by-date", "title-only", "title-only-filtered"],
)
def test_facet_counts_of_a_search_listing_articles_are_what_each_tick_gives(
    client, mode: dict
) -> None:
    # The search lists articles, so a value's count is its articles (QA M2: 10 paragraphs of
    # 2 articles said 10, a tick gave 1), on the page as in the JSON.
    shown = search_json(client, **mode)
    html = page_text(client.get("/", query_string=mode))
    ticked = 0
    for facet, buckets in shown["facets"].items():
        for bucket in buckets[:3]:
            value, count = bucket["value"], bucket["count"]
            total = search_json(client, **(mode | {facet: value}))["total"]  # that value alone
            assert total == count, (facet, value)
            if facet not in mode:
                on_page = rf'>{re.escape(value)}</a>\s*<span class="count">(\d+)</span>'
                assert re.findall(on_page, html) == [str(count)], (facet, value)
            ticked += 1
    assert ticked >= 5


def test_article_page_marks_what_the_results_page_marked(client) -> None:
    # A pasted question is relaxed into words, and a park named by an alias matches its other
    # names: the article page marks the same words as the hit's snippet, not one long phrase.
    for query in ("青岛高新区如何引进大企业大项目", "青岛高新技术产业开发区"):
        hit = search_json(client, q=query)["results"][0]
        marked = set(re.findall(r"<mark>(.*?)</mark>", hit["highlight"]))
        assert marked, query
        html = page_text(client.get(f"/articles/{hit['article_id']}", query_string={"q": query}))
        assert all(f"<mark>{word}</mark>" in html for word in marked), (query, marked)


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
    as_json = path.replace("format=csv", "format=json")  # the CSV export ignores paging
    api = client.get(as_json.replace("/?", "/api/search?").replace("/trends?", "/api/trends?"))
    assert unescape(error_message(api, 400)) in unescape(response.get_data(as_text=True))
