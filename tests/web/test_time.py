"""Time through the API, pages, CLI and feed: date ranges, /api/trends, /trends, /feed.atom and
`indexed_since`, over the shared web index (its dated articles) and a two-build index."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest
from click.testing import CliRunner
from corpus_fixtures import build
from web_fixtures import error_message, hrefs, ok_json, page_text, read_csv

from search.cli import cli
from search.dates import iso_moment

QUERIES = ("芯片", "集成电路")


def trends_json(client, **params) -> dict:
    return ok_json(client.get("/api/trends", query_string=params))


def search_total(client, **params) -> int:
    return ok_json(client.get("/api/search", query_string=params))["total"]


def test_trends_have_the_documented_shape_and_add_up_to_search_totals(client) -> None:
    body = trends_json(client, q=list(QUERIES))
    assert list(body) == ["interval", "unit", "periods", "series"]
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


@pytest.mark.parametrize(
    ("route", "extra"),
    [("/api/search", {}), ("/api/facets", {}), ("/api/search", {"format": "csv"}),
     ("/feed.atom", {}), ("/", {})],
)  # fmt: skip
def test_a_bad_date_is_a_400_everywhere(client, route: str, extra: dict) -> None:
    response = client.get(route, query_string={"date_from": "2023-02-30", **extra})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.get_data(as_text=True)
    inverted = client.get("/api/search", query_string={"date_from": "2024", "date_to": "2023"})
    assert "date_from" in error_message(inverted, 400)


@pytest.mark.parametrize("separator", ["/", "."])
def test_a_date_typed_with_slashes_or_dots_is_the_same_range_everywhere(
    client, web_index_dir: Path, separator: str
) -> None:
    typed = {"date_from": f"2022{separator}03", "date_to": f"2023{separator}6{separator}30"}
    expected = search_total(client, q="芯片", date_from="2022-03", date_to="2023-06-30")
    assert 0 < expected < search_total(client, q="芯片")
    assert search_total(client, q="芯片", **typed) == expected
    page = page_text(client.get("/", query_string={"q": "芯片", **typed}))
    assert f"共 <strong>{expected}</strong> 条结果" in page
    options = ["--from", typed["date_from"], "--to", typed["date_to"], "--json"]
    found = CliRunner().invoke(cli, ["search", "芯片", *options, "--index", str(web_index_dir)])
    assert found.exit_code == 0, found.output
    assert json.loads(found.output)["total"] == expected


def test_date_range_narrows_search_csv_and_facets(client) -> None:
    params = {"q": "芯片", "date_from": "2022-03", "date_to": "2023-06-30"}
    body = ok_json(client.get("/api/search", query_string={**params, "per_page": 100}))
    dates = [hit["date"] for hit in body["results"]]
    assert dates and all("2022-03-01" <= date <= "2023-06-30" for date in dates)
    rows = read_csv(client.get("/api/search", query_string={**params, "format": "csv"}))
    assert sorted(row["date"] for row in rows) == sorted(dates)
    assert all(row["indexed_at"].endswith("Z") for row in rows)
    facets = ok_json(client.get("/api/facets", query_string={"date_from": "2024"}))
    assert [bucket["value"] for bucket in facets["year"]] == ["2024"]


def test_indexed_since_filters_search_csv_and_feed(client, web_index_dir: Path) -> None:
    hit = ok_json(client.get("/api/search", query_string={"q": "芯片"}))["results"][0]
    moment = hit["indexed_at"]
    assert moment.endswith("Z")
    assert search_total(client, q="芯片", indexed_since=moment) == 0
    assert search_total(client, q="芯片", indexed_since="2000-01-01") == search_total(
        client, q="芯片"
    )
    csv_response = client.get(
        "/api/search", query_string={"q": "芯片", "format": "csv", "indexed_since": moment}
    )
    assert read_csv(csv_response) == []
    feed = feedparser.parse(client.get("/feed.atom", query_string={"indexed_since": moment}).data)
    assert feed.bozo == 0 and feed.entries == []


def test_cli_indexed_since_filters_search_and_trends(client, web_index_dir: Path) -> None:
    moment = ok_json(client.get("/api/search", query_string={"q": "芯片"}))["results"][0][
        "indexed_at"
    ]
    runner = CliRunner()
    for since, expected in ((moment, 0), ("2000-01-01", search_total(client, q="芯片"))):
        options = ["--indexed-since", since, "--json", "--index", str(web_index_dir)]
        found = runner.invoke(cli, ["search", "芯片", *options])
        assert found.exit_code == 0, found.output
        assert json.loads(found.output)["total"] == expected
        trends = runner.invoke(cli, ["trends", "芯片", *options])
        assert trends.exit_code == 0, trends.output
        assert json.loads(trends.output) == trends_json(client, q="芯片", indexed_since=since)
    assert expected > 0
    bad = runner.invoke(
        cli, ["search", "芯片", "--indexed-since", "last week", "--index", str(web_index_dir)]
    )
    assert bad.exit_code == 2 and "indexed_since" in bad.output and "Traceback" not in bad.output


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


def test_the_results_page_has_a_date_range_form_chips_a_chart_and_a_feed(client) -> None:
    html = page_text(client.get("/", query_string={"q": "芯片", "date_from": "2020"}))
    assert 'name="date_from" value="2020"' in html and 'name="date_to"' in html
    assert 'class="chip chip-date"' in html
    removal = [link for link in hrefs(html) if "date_from" not in link and "q=" in link]
    assert removal  # the chip removes the range and keeps the query
    assert 'class="trend-chart trend-bar"' in html
    periods = parse_qs(urlsplit(hrefs(html, "date_to=")[0]).query)
    assert periods["q"] == ["芯片"] and periods["date_from"] == periods["date_to"]
    assert '<link rel="alternate" type="application/atom+xml"' in html
    feed_links = hrefs(html, "/feed.atom")
    assert feed_links and ">订阅</a>" in html
    assert parse_qs(urlsplit(feed_links[0]).query) == {"q": ["芯片"], "date_from": ["2020"]}


def test_the_feed_is_valid_atom_with_absolute_permalinks(client) -> None:
    response = client.get("/feed.atom", query_string={"q": "芯片"})
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    results = ok_json(client.get("/api/search", query_string={"q": "芯片", "per_page": 50}))
    assert len(feed.entries) == min(50, results["total"])
    for entry in feed.entries:
        assert entry.id.startswith("http://localhost/articles/") and "#" in entry.id
        assert entry.link == entry.id
        content = entry.content[0].value  # readers drop <mark>; 芯片 also finds 集成电路
        assert "<strong>芯片</strong>" in content or "<strong>集成电路</strong>" in content
    dated = [entry for entry in feed.entries if "published" in entry]
    published = [entry.published for entry in dated]
    assert published == sorted(published, reverse=True)  # one build: then newest date first


def test_the_feed_lists_newly_indexed_paragraphs_first_even_when_old(serve, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old = {"id": "old", "title": "旧闻", "date": "2024-01-01", "paragraphs": ["高新区旧闻。"]}
    (corpus / "a.jsonl").write_text(json.dumps(old, ensure_ascii=False) + "\n", "utf-8")
    build(corpus, tmp_path / "index", clock=lambda: 1_700_000_000)
    late = {"id": "late", "title": "补录", "date": "2012-05-01", "paragraphs": ["高新区补录。"]}
    (corpus / "b.jsonl").write_text(json.dumps(late, ensure_ascii=False) + "\n", "utf-8")
    build(corpus, tmp_path / "index", clock=lambda: 1_800_000_000)
    client = serve(tmp_path / "index")
    feed = feedparser.parse(client.get("/feed.atom?q=高新区").data)
    assert [entry.title for entry in feed.entries] == ["补录", "旧闻"]
    assert feed.entries[0].updated == iso_moment(1_800_000_000)
    assert feed.entries[0].published == "2012-05-01T00:00:00Z"
    since = client.get(
        "/feed.atom", query_string={"q": "高新区", "indexed_since": iso_moment(1_700_000_000)}
    )
    assert [entry.title for entry in feedparser.parse(since.data).entries] == ["补录"]


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


def test_cli_index_counts_articles_without_a_date(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "2023-05-08.txt").write_text("有日期\n\n高新区新闻。\n", "utf-8")
    (tmp_path / "c" / "plain.txt").write_text("无日期\n\n开发区新闻。\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["index", "--corpus", str(tmp_path / "c"), "--index", str(tmp_path / "ix")]
    )
    assert result.exit_code == 0 and "1 without a date" in result.output


def test_a_year_typed_in_full_width_digits_filters_like_ascii_everywhere(
    client, web_index_dir: Path
) -> None:
    # Before, year=２０２３ passed the four-digit check and matched nothing, while
    # date_from=２０２３ was folded and worked.
    found = ok_json(client.get("/api/search", query_string={"q": "芯片"}))
    year = found["facets"]["year"][0]["value"]
    wide = year.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    expected = ok_json(client.get("/api/search", query_string={"q": "芯片", "year": year}))
    body = ok_json(client.get("/api/search", query_string={"q": "芯片", "year": wide}))
    dated = search_total(client, q="芯片", date_from=wide, date_to=wide)
    assert body["total"] == expected["total"] == dated
    assert body["total"] > 0 and body["results"] == expected["results"]
    assert [bucket["value"] for bucket in body["facets"]["year"] if bucket["selected"]] == [year]
    assert trends_json(client, q="芯片", year=wide) == trends_json(client, q="芯片", year=year)
    links = hrefs(page_text(client.get("/", query_string={"q": "芯片", "year": wide})))
    assert expected["results"][0]["url"] in links
    # The page's links (facets, its ticked 2023 that unticks it, pager) carry the folded year.
    links = [unquote(link) for link in links]
    assert f"year={year}" in "".join(links) and not any(wide in link for link in links)
    options = ["--year", wide, "--json", "--index", str(web_index_dir)]
    printed = CliRunner().invoke(cli, ["search", "芯片", *options])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.output)["total"] == body["total"]
    # Other digits than ASCII and full-width ones are no year the index has: refused.
    arabic = client.get("/api/search", query_string={"q": "芯片", "year": "٢٠٢٣"})
    assert "四位数字" in error_message(arabic, 400)
