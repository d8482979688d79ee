"""The JSON API (search, articles, paragraphs, facets, health, errors) through Flask's test
client over the shared real index; suggestions are in test_suggest.py, the CSV export in
test_export.py."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from corpus_fixtures import build
from web_fixtures import error_message, ok_json

from search.fields import FACETS


def test_search_returns_the_shared_json_shape(client) -> None:
    body = ok_json(client.get("/api/search", query_string={"q": "高新区", "per_page": 3}))
    assert list(body) == [
        "query", "parsed", "relaxed", "total", "partial_total", "ignored", "expansions", "field",
        "page", "per_page", "sort", "group", "filters", "results", "facets",
    ]  # fmt: skip
    assert body["filters"] == {}
    assert body["query"] == "高新区" and body["per_page"] == 3 and len(body["results"]) == 3
    assert set(body["facets"]) == set(FACETS)
    hit = body["results"][0]
    for field in ("paragraph_id", "article_title", "text", "parks", "source", "url", "highlight"):
        assert field in hit
    assert hit["url"] == f"/articles/{hit['article_id']}#{hit['paragraph_id']}"


def test_partial_matches_are_counted_apart_and_name_their_missing_words(client) -> None:
    body = ok_json(client.get("/api/search", query_string={"q": "生物医药 产业园", "per_page": 20}))
    full, partial = body["results"][: body["total"]], body["results"][body["total"] :]
    assert body["total"] >= 1 and body["partial_total"] >= len(partial) >= 1
    assert not any(hit["partial"] or hit["missing"] for hit in full)
    assert all(hit["partial"] and len(hit["missing"]) == 1 for hit in partial)
    page = client.get("/", query_string={"q": "生物医药 产业园", "per_page": 20})
    html = page.get_data(as_text=True)
    assert f"缺少：{partial[0]['missing'][0]}" in html and "部分匹配" in html


@pytest.mark.parametrize("query", ["集成电路 --青岛", "集成电路 NOT 青岛", "--青岛"])
def test_a_double_minus_excludes_like_one(client, query: str) -> None:
    # Before, --青岛 excluded the text -青岛 (`parsed` showed --青岛): other results.
    single = "集成电路 -青岛" if "集成电路" in query else "-青岛"
    expected = ok_json(client.get("/api/search", query_string={"q": single, "per_page": 100}))
    body = ok_json(client.get("/api/search", query_string={"q": query, "per_page": 100}))
    assert body["parsed"] == expected["parsed"] and body["total"] == expected["total"]
    assert body["results"] == expected["results"]
    assert not any("青岛" in hit["text"] for hit in body["results"])


def test_question_words_and_expansions_are_shown(client) -> None:
    body = ok_json(client.get("/api/search", query_string={"q": "如何建设经开区"}))
    assert body["ignored"] == ["如何"] and "经济技术开发区" in body["expansions"]["经开区"]
    assert "忽略：如何" in body["parsed"] and "经济技术开发区" in body["parsed"]


def test_title_only_search_is_a_parameter_of_the_api_and_the_page(client) -> None:
    body = ok_json(client.get("/api/search", query_string={"q": "集成电路", "field": "title"}))
    assert body["field"] == "title" and body["group"] == "article" and body["total"] >= 1
    assert all("集成电路" in hit["article_title"] for hit in body["results"])
    page = client.get("/", query_string={"q": "集成电路", "field": "title"})
    assert page.status_code == 200 and "仅搜标题" in page.get_data(as_text=True)
    assert "field" in error_message(client.get("/api/search?q=a&field=body"), 400)


def test_filters_restrict_results_and_mark_selected_buckets(client) -> None:
    park = ok_json(client.get("/api/search"))["facets"]["park"][0]["value"]
    body = ok_json(client.get("/api/search", query_string={"park": park, "per_page": 100}))
    assert body["total"] > 0
    assert all(park in hit["parks"] for hit in body["results"])
    selected = [bucket for bucket in body["facets"]["park"] if bucket["selected"]]
    assert [bucket["value"] for bucket in selected] == [park]


def test_article_paragraph_and_facets_endpoints(client) -> None:
    hit = ok_json(client.get("/api/search", query_string={"q": "生物医药"}))["results"][0]
    article = ok_json(client.get(f"/api/articles/{hit['article_id']}"))
    assert article["title"] == hit["article_title"]
    assert hit["paragraph_id"] in [item["paragraph_id"] for item in article["paragraphs"]]
    paragraph = ok_json(client.get(f"/api/paragraphs/{hit['paragraph_id']}"))
    assert paragraph["text"] == hit["text"] and paragraph["source"] == hit["source"]
    facets = ok_json(client.get("/api/facets"))
    assert set(facets) == set(FACETS)
    assert all(bucket["count"] > 0 for bucket in facets["park"])
    source = ok_json(
        client.get(
            f"/api/articles/{hit['article_id']}/source",
            query_string={"paragraph": hit["paragraph_id"]},
        )
    )
    lines = source["text"].splitlines()[source["line_start"] - 1 : source["line_end"]]
    assert hit["text"][:8] in "".join(lines).replace(" ", "")


@pytest.mark.parametrize(
    ("query", "named"),
    [("park=青岛高新区", "unknown parameter 'park'"), ("q=芯片", "unknown parameter 'q'"),
     ("date_from=2022&date_from=2024", "'date_from' may appear only once")],
)  # fmt: skip
def test_facets_refuse_a_filter_they_would_ignore(client, query: str, named: str) -> None:
    # Before, /api/facets?park=… answered the whole index's counts as if filtered.
    assert named in error_message(client.get(f"/api/facets?{query}"), 400)


def test_health_reports_stats_and_503_without_an_index(serve, client, tmp_path: Path) -> None:
    body = ok_json(client.get("/healthz"))
    assert body["status"] == "ok"
    missing = serve(tmp_path / "no-index")
    message = error_message(missing.get("/healthz"), 503)
    assert "索引暂时无法使用" in message and "no-index" not in message  # no server path
    error_message(missing.get("/api/search", query_string={"q": "高新区"}), 503)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"per_page": "101"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "-1"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "正整数"),
        ({"page": "-3"}, "正整数"),
        ({"page": "1e3"}, "正整数"),
        ({"page": "二"}, "正整数"),
        ({"page": str(10**9)}, "页码过大"),
        ({"page": "99999999999999999999999"}, "正整数"),
        ({"page": "5000", "per_page": "100"}, "页码过大"),
        ({"q": "高" * 257}, "256"),
        ({"q": "高新区" * 3334}, "256"),
        ({"sort": "newest"}, "sort"),
        ({"group": "year"}, "group"),
        ({"format": "xml"}, "format"),
        ({"year": "二〇二二"}, "year"),
        ({"year": "twenty"}, "year"),
        ({"city": "青岛"}, "未知的筛选条件"),
        ({"debug": "1"}, "未知的筛选条件"),
        ({"park": "x" * 5000}, "park"),
    ],
)
def test_bad_parameters_are_400_with_a_bilingual_message_on_api_csv_and_page(
    client, query, words
) -> None:
    message = error_message(client.get("/api/search", query_string={"q": "高新区"} | query), 400)
    assert words in message
    chinese, english = message.split(" / ")  # Chinese first, then English
    assert chinese and english
    page = client.get("/", query_string={"q": "高新区"} | query)
    assert page.status_code == 400 and escape(chinese) in page.get_data(as_text=True)
    # The CSV export does not page, but takes the same parameters: it exported page=0 or
    # per_page=1000 as if they were fine (QA s11).
    export = client.get("/api/search", query_string={"q": "高新区", "format": "csv"} | query)
    assert error_message(export, 400) == message


@pytest.mark.parametrize("name", ["q", "page", "per_page", "sort", "format"])
def test_a_repeated_scalar_parameter_is_rejected(client, name: str) -> None:
    value = {"q": "开发区", "page": "1", "per_page": "10", "sort": "article", "format": "json"}
    pairs = [("q", "高新区"), (name, value[name]), (name, value[name])][: 2 if name == "q" else 3]
    message = error_message(client.get("/api/search?" + urlencode(pairs)), 400)
    assert name in message and "一次" in message


def test_unknown_facet_value_is_honoured_as_no_results(client) -> None:
    body = ok_json(client.get("/api/search", query_string={"park": "不存在的园区"}))
    assert body["total"] == 0
    assert {"value": "不存在的园区", "count": 0, "selected": True} in body["facets"]["park"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/articles/ffffffffffff", 404),
        ("/api/articles/not-an-id", 404),
        ("/api/paragraphs/ffffffffffff-1", 404),
        ("/api/paragraphs/%3Cscript%3E", 404),
        ("/api/nothing-here", 404),
    ],
)
def test_unknown_ids_and_routes_are_json_404(client, path: str, status: int) -> None:
    assert error_message(client.get(path), status)


@pytest.mark.parametrize(
    "raw_query_string",
    [
        pytest.param("q=%E4%B8", id="truncated-utf8-percent"),
        pytest.param("q=%FF%FE%00", id="invalid-utf8-percent"),
        pytest.param("q=\xff\xfe\xc3", id="raw-invalid-utf8-bytes"),
        pytest.param("park=%C0%AF&q=a", id="overlong-utf8-in-facet"),
    ],
)
def test_a_url_that_is_not_utf8_is_a_clear_400(client, raw_query_string: str) -> None:
    for route in ("/api/search", "/"):
        response = client.get(route, environ_overrides={"QUERY_STRING": raw_query_string})
        assert response.status_code == 400, route
    api = client.get("/api/search", environ_overrides={"QUERY_STRING": raw_query_string})
    assert "UTF-8" in error_message(api, 400)


def test_a_wrong_method_is_a_json_405(client) -> None:
    assert error_message(client.post("/api/search"), 405)


def test_same_results_page_and_api_share_one_parameter_parser(client) -> None:
    pairs = [("q", "高新区"), ("per_page", "5"), ("page", "2"), ("sort", "article")]
    body = ok_json(client.get("/api/search?" + urlencode(pairs)))
    html = client.get("/?" + urlencode(pairs)).get_data(as_text=True)
    assert body["page"] == 2 and body["sort"] == "article"
    assert all(hit["highlight"] in html for hit in body["results"])


def test_date_sort_puts_the_newest_first_on_the_page_and_in_the_api(serve, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [
        {"id": str(number), "title": f"第{number}篇", "date": date, "paragraphs": [f"高新区{text}"]}
        for number, (date, text) in enumerate(
            [("2021-03-01", "招商"), ("", "签约"), ("2024-06-30", "投产"), ("2022-01-15", "扩建")]
        )
    ]
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    (corpus / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(corpus, tmp_path / "index")
    dated = serve(tmp_path / "index")
    pairs = [("q", "高新区"), ("sort", "date")]
    body = ok_json(dated.get("/api/search?" + urlencode(pairs)))
    assert body["sort"] == "date"
    newest_first = ["2024-06-30", "2022-01-15", "2021-03-01", ""]
    assert [hit["date"] for hit in body["results"]] == newest_first
    html = dated.get("/?" + urlencode(pairs)).get_data(as_text=True)
    assert '<span class="current">最新</span>' in html


def test_results_and_paragraphs_explain_their_tags(client) -> None:
    results = ok_json(
        client.get("/api/search", query_string={"q": "生物医药", "industry": "生物医药"})
    )
    hit = results["results"][0]
    for facet in ("parks", "industries", "policy_types"):
        assert set(hit["tag_evidence"].get(facet, {})) == set(hit[facet])
    phrases = hit["tag_evidence"]["industries"]["生物医药"]
    assert phrases and all(phrase in hit["text"] for phrase in phrases)
    paragraph = ok_json(client.get(f"/api/paragraphs/{hit['paragraph_id']}"))
    assert paragraph["tag_evidence"] == hit["tag_evidence"]
