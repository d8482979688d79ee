"""Trends through the API, the pages and the CLI over the shared web index (its dated articles):
/api/trends, /trends, the search page's chart and `gaoxin trends`, in paragraphs and articles."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from web_fixtures import (
    error_message,
    hrefs,
    ok_json,
    page_text,
    search_json,
    search_total,
    trends_json,
)

from search.cli import cli

QUERIES = ("芯片", "集成电路")


def test_trends_have_the_documented_shape_and_add_up_to_search_totals(client) -> None:
    body = trends_json(client, q=list(QUERIES))
    assert list(body) == ["interval", "unit", "filters", "periods", "series"]
    assert body["filters"] == {}  # none asked for
    assert body["interval"] == "year" and body["unit"] == "paragraphs"
    assert list(body["periods"][0]) == ["period", "paragraphs"]
    periods = [period["period"] for period in body["periods"]]
    assert periods == sorted(periods) and periods[0] == "2019" and periods[-1] == "2024"
    for query, series in zip(QUERIES, body["series"], strict=True):
        assert list(series) == ["query", "total", "undated", "buckets"]
        assert list(series["buckets"][0]) == ["period", "count", "share"]
        assert series["query"] == query
        assert series["total"] == search_total(client, q=query)
        assert sum(bucket["count"] for bucket in series["buckets"]) == (
            series["total"] - series["undated"]
        )
        assert [bucket["period"] for bucket in series["buckets"]] == periods
    first, second = body["series"]
    assert first["buckets"][-1]["count"] > first["buckets"][0]["count"]  # 芯片 rises
    assert second["buckets"][-1]["count"] < second["buckets"][0]["count"]


def test_trends_take_the_filters_of_a_search(client) -> None:
    body = trends_json(
        client, q="芯片", industry="新一代信息技术", date_from="2021", interval="month"
    )
    assert body["interval"] == "month"
    assert body["periods"][0]["period"] >= "2021-01"
    total = search_total(client, q="芯片", industry="新一代信息技术", date_from="2021")
    series = body["series"][0]
    assert series["total"] == total and series["undated"] == 0
    assert sum(bucket["count"] for bucket in series["buckets"]) == total


def test_the_json_lists_the_filters_as_applied_as_the_page_shows_them(client) -> None:
    # /trends?park=中关村 showed 中关村科技园区; /api/trends listed no filters.
    params = {"q": "高新区", "park": "中关村", "year": "２０２１"}
    body = trends_json(client, **params)
    assert body["filters"] == {"park": ["中关村科技园区"], "year": ["2021"]}
    selected = search_json(client, **params)["facets"]["park"]
    assert [bucket["value"] for bucket in selected if bucket["selected"]] == ["中关村科技园区"]
    html = page_text(client.get("/trends", query_string=params))
    chips = re.findall(r'chip-kind">([^<]*)</span>([^<]*)<', html)
    assert [unescape(value) for _, value in chips] == ["中关村科技园区", "2021"]
    unknown = trends_json(client, q="高新区", park="没有这个园区")
    assert unknown["filters"] == {"park": ["没有这个园区"]}


@pytest.mark.parametrize("mode", [{"field": "title"}, {"group": "article"}])
def test_trends_of_a_search_listing_articles_count_its_articles(client, mode: dict) -> None:
    # Each bucket counts what the search lists for that period (articles), and each period's
    # `paragraphs` (the share's denominator) its articles: every article once.
    body = trends_json(client, q="园区", **mode)
    assert body["unit"] == "articles"  # review M4: the JSON says what it counts
    (series,) = body["series"]
    assert series["total"] == search_total(client, q="园区", **mode) > 0
    for period, bucket in zip(body["periods"], series["buckets"], strict=True):
        within = {"date_from": bucket["period"], "date_to": bucket["period"]}
        assert bucket["count"] == search_total(client, q="园区", **mode, **within)
        assert period["paragraphs"] == search_total(client, group="article", **within)
    assert sum(bucket["count"] for bucket in series["buckets"]) == (
        series["total"] - series["undated"]
    )
    paragraphs = trends_json(client, q="园区")
    assert [bucket["count"] for bucket in paragraphs["series"][0]["buckets"]] != [
        bucket["count"] for bucket in series["buckets"]
    ]


@pytest.mark.parametrize(
    ("options", "mode"),
    [(["--title-only"], {"field": "title"}), (["--group", "article"], {"group": "article"})],
)
def test_cli_trends_count_articles_as_the_api_does(client, web_index_dir, options, mode) -> None:
    # Review M3: /api/trends took field=title and group=article, `gaoxin trends` had no flag.
    runner = CliRunner()
    arguments = ["trends", "园区", *options, "--index", str(web_index_dir)]
    printed = runner.invoke(cli, [*arguments, "--json"])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.output) == trends_json(client, q="园区", **mode)
    table = runner.invoke(cli, arguments)
    assert table.exit_code == 0, table.output
    assert table.output.startswith("period\tarticles\t园区")
    total = search_total(client, q="园区", **mode)
    assert f"园区: {total} articles" in table.output


def test_the_chart_of_a_title_search_shows_the_articles_its_bars_open(client) -> None:
    # QA M2: the title-only page drew the full-text chart; a bar opened 0 results.
    html = page_text(client.get("/", query_string={"q": "园区", "field": "title"}))
    bars = re.findall(
        r'<a class="trend-point" href="([^"]+)".*?<title>[^<]*：(\d+) 篇', html, re.DOTALL
    )
    assert len(bars) > 1 and "各时期匹配文章数" in html
    for link, count in bars:
        assert parse_qs(urlsplit(unescape(link)).query)["field"] == ["title"]
        shown = page_text(client.get(unescape(link)))
        assert f"共 <strong>{count}</strong> 篇文章" in shown, link
    total = search_total(client, q="园区", field="title")
    assert sum(int(count) for _, count in bars) == total


@pytest.mark.parametrize(
    ("params", "named"),
    [({"q": ["a", "b", "c", "d", "e"]}, "4"), ({"interval": "week"}, "interval"),
     ({"date_from": "2023-13"}, "date_from"), ({"date_to": "soon"}, "date_to"),
     ({"page": "2"}, "page"), ({"indexed_since": "last week"}, "indexed_since"),
     ({"field": "body"}, "field"), ({"group": "park"}, "group")],
)  # fmt: skip
def test_bad_trend_parameters_are_400_with_a_clear_message(client, params, named) -> None:
    assert named in error_message(client.get("/api/trends", query_string=params), 400)


def test_trends_csv_has_a_row_per_period(client) -> None:
    body = trends_json(client, q=list(QUERIES))
    for route in ("/api/trends", "/trends"):
        response = client.get(route, query_string={"q": list(QUERIES), "format": "csv"})
        assert response.status_code == 200 and response.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
        assert rows[0] == ["period", "paragraphs", "芯片 count", "芯片 share", "集成电路 count",
                           "集成电路 share"]  # fmt: skip
        assert [row[0] for row in rows[1:]] == [period["period"] for period in body["periods"]]
        counts = [int(row[2]) for row in rows[1:]]
        assert counts == [bucket["count"] for bucket in body["series"][0]["buckets"]]


def test_the_trends_page_draws_every_series_linking_each_point_to_its_results(client) -> None:
    html = page_text(client.get("/trends", query_string={"q": list(QUERIES)}))
    assert html.count('class="series-line"') == 2
    body = trends_json(client, q=list(QUERIES))
    links = hrefs(html, "date_from=")
    for series in body["series"]:
        for bucket in series["buckets"]:
            expected = {"q": [series["query"]], "date_from": [bucket["period"]],
                        "date_to": [bucket["period"]]}  # fmt: skip
            assert any(parse_qs(urlsplit(link).query) == expected for link in links)
    assert "<table" in html and "下载 CSV" in html
    share = page_text(client.get("/trends", query_string={"q": list(QUERIES), "measure": "share"}))
    assert "%</text>" in share  # the y axis shows shares
    assert "<script" not in html.split("</head>", 1)[1]  # drawn on the server


def test_bad_trend_pages_are_chinese_400_pages(client) -> None:
    response = client.get("/trends", query_string={"q": "芯片", "date_from": "去年"})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "日期" in response.get_data(as_text=True)


def test_cli_trends_and_search_ranges_print_what_the_api_returns(
    client, web_index_dir: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["trends", *QUERIES, "--json", "--index", str(web_index_dir)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == trends_json(client, q=list(QUERIES))
    yearly = runner.invoke(
        cli, ["trends", "芯片", "--interval", "year", "--index", str(web_index_dir)]
    )
    assert yearly.exit_code == 0 and yearly.output.splitlines()[1].startswith("2019\t")
    ranged = runner.invoke(
        cli,
        [
            "search",
            "芯片",
            "--from",
            "2023",
            "--to",
            "2023",
            "--json",
            "--index",
            str(web_index_dir),
        ],
    )
    api = ok_json(client.get("/api/search?q=芯片&date_from=2023&date_to=2023"))
    assert json.loads(ranged.output)["total"] == api["total"] > 0
    bad = runner.invoke(cli, ["search", "芯片", "--from", "2023-13", "--index", str(web_index_dir)])
    assert bad.exit_code == 2 and "date_from" in bad.output and "Traceback" not in bad.output


BAR = re.compile(r'<a class="trend-point" href="([^"]+)".*?<title>(\S+) [^<]*：(\d+) 段', re.DOTALL)


def test_a_bar_counts_what_clicking_it_lists_a_reprint_in_each_of_its_years(
    serve, entity_index_dir: Path
) -> None:
    # QA: a reprint group counted once, in its first copy's period (xwlb 自贸区: the 2021 bar
    # showed 71, clicking it listed 72). The paragraph reprinted in 2021 and 2023 is one
    # result, listed by a click on either year, so each bar counts it: the bars add up to
    # more than the total, and the page says why.
    client = serve(entity_index_dir)
    html = page_text(client.get("/", query_string={"q": "临床试验"}))
    assert "共 <strong>2</strong> 条结果" in html and "另有 1 处相同内容" in html
    bars = [(unescape(link), period, int(count)) for link, period, count in BAR.findall(html)]
    assert {period: count for _, period, count in bars if count} == {
        "2021-03": 1, "2023-06": 1, "2024-08": 1
    }  # fmt: skip
    for link, period, count in bars:
        assert search_total(client, **parse_qs(urlsplit(link).query)) == count, period
    assert "各时期各计一次" in html  # why the bars add up to 3
    trends_page = page_text(client.get("/trends", query_string={"q": "临床试验"}))
    assert "各时期各计一次" in trends_page
    yearly = trends_json(client, q="临床试验", interval="year")
    (series,) = yearly["series"]
    facet = search_json(client, q="临床试验")["facets"]["year"]
    counted = {bucket["period"]: bucket["count"] for bucket in series["buckets"] if bucket["count"]}
    ticked = {bucket["value"]: bucket["count"] for bucket in facet}
    assert counted == ticked == {"2021": 1, "2023": 1, "2024": 1}
    assert series["total"] == 2 and series["undated"] == 0


@pytest.mark.parametrize(
    "mode", [{}, {"group": "article"}, {"field": "title"}], ids=["plain", "grouped", "title-only"]
)
def test_every_trends_count_is_the_total_of_its_period_and_its_year_tick(
    serve, entity_index_dir: Path, mode: dict
) -> None:
    client = serve(entity_index_dir)
    query = "青岛高新区" if mode else "临床试验"
    facet = search_json(client, q=query, **mode)["facets"]["year"]
    ticked = {bucket["value"]: bucket["count"] for bucket in facet}
    (series,) = trends_json(client, q=query, interval="year", **mode)["series"]
    for bucket in series["buckets"]:
        within = {"date_from": bucket["period"], "date_to": bucket["period"]}
        assert search_total(client, q=query, **mode, **within) == bucket["count"]
        assert ticked.get(bucket["period"], 0) == bucket["count"]
        assert search_total(client, q=query, **mode, year=bucket["period"]) == bucket["count"]


@pytest.mark.parametrize("route", ["/", "/trends"])
def test_a_bar_at_the_edge_of_a_date_range_lists_only_what_it_counts(client, route) -> None:
    # The range starts on 9 May 2023: the first bar (May) counts from then on, and its link
    # keeps that start (it listed the whole month, 芯片设计企业落户 of 8 May included).
    html = page_text(client.get(route, query_string={"q": "芯片", "date_from": "2023-05-09"}))
    links = hrefs(html, "date_to=")
    assert links
    first = parse_qs(urlsplit(links[0]).query)
    assert first["date_from"] == ["2023-05-09"]
    counted = trends_json(client, q="芯片", date_from="2023-05-09")["series"][0]["buckets"][0]
    period = counted["period"]
    assert first["date_to"] == [period] and counted["count"] > 0
    listed = search_total(client, q="芯片", date_from="2023-05-09", date_to=period)
    assert listed == counted["count"]
    whole = search_total(client, q="芯片", date_from=period, date_to=period)
    assert whole > counted["count"]  # what the link listed before


def test_cli_trends_says_when_a_reprint_makes_the_periods_add_up_to_more(
    entity_index_dir: Path, web_index_dir: Path
) -> None:
    # The reprinted paragraph names 临床试验 in 2021 and 2023, another paragraph in 2024: two
    # results, counted 1 + 1 + 1 (as the page's caption and the trends legend say).
    runner = CliRunner()
    reprinted = runner.invoke(cli, ["trends", "临床试验", "--index", str(entity_index_dir)])
    assert reprinted.exit_code == 0, reprinted.output
    summary = reprinted.output.splitlines()[-1]
    assert summary.startswith("临床试验: 2 paragraphs, 0 without a date; the periods add up to 3")
    plain = runner.invoke(cli, ["trends", "芯片", "--index", str(web_index_dir)])
    assert "add up" not in plain.output
