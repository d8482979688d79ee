"""Time through the API, pages, CLI and feed: date ranges, `indexed_since`, full-width years and
/feed.atom, over the shared web index (its dated articles) and a two-build index; trends are in
test_trends.py."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest
from click.testing import CliRunner
from corpus_fixtures import build
from web_fixtures import (
    error_message,
    hrefs,
    ok_json,
    page_text,
    read_csv,
    search_total,
    trends_json,
)

from search.cli import cli
from search.dates import iso_moment


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
