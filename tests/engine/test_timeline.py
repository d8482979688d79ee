"""Dates and time in the engine: `.txt` dates, date ranges, indexed-since, trend counts and the
first-indexed time across incremental rebuilds (through SearchService over real indexes)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from corpus_fixtures import DATED_TEXT_FILES, build, write_dated_corpus, write_small_corpus

from search.dates import iso_moment
from search.errors import InvalidRequest
from search.ingest.corpus import load_corpus
from search.ingest.dates import date_from_header, date_from_name
from search.models import SearchRequest
from search.service import SearchService
from search.trend_models import TrendsRequest

MOMENT = datetime(2026, 1, 5, 8, 0, tzinfo=UTC).timestamp()


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = write_dated_corpus(write_small_corpus(tmp_path_factory.mktemp("dated") / "corpus"))
    index_dir = corpus.parent / "index"
    build(corpus, index_dir, clock=lambda: MOMENT)
    return index_dir


@pytest.fixture(scope="module")
def service(dated_index: Path) -> Iterator[SearchService]:
    with SearchService(dated_index) as opened:
        yield opened


@pytest.mark.parametrize(
    ("name", "expected"),
    [("2022-07-12_p5.txt", "2022-07-12"), ("20220712xwlb.txt", "2022-07-12"),
     ("20221332.txt", ""), ("002_871123e73d3e6d66.txt", ""), ("202207121.txt", "")],
)  # fmt: skip
def test_a_text_file_name_gives_its_date(name: str, expected: str) -> None:
    assert date_from_name(name) == expected


def test_a_header_date_line_gives_the_date_but_a_sentence_does_not() -> None:
    assert date_from_header("科技日报\n2022年7月12日 星期二\n标题") == "2022-07-12"
    assert date_from_header("第5版 2022-07-12\n标题") == "2022-07-12"
    sentence = "青岛高新区于2022年7月12日举行了集成电路产业项目集中签约仪式，共签约十二个项目。"
    assert date_from_header(sentence) == ""


def test_a_policy_document_is_dated_by_the_date_line_under_its_issuer() -> None:
    document = (
        "天津市人民政府办公厅印发关于促进我市开发区改革和创新发展实施方案的通知\n\n"
        "津政办函〔2017〕103号\n\n各区人民政府，各委、局，各直属单位：\n\n"
        "经市人民政府同意，现将《实施方案》印发给你们，请照此执行。\n\n"
        "天津市人民政府办公厅\n\n2017年10月9日\n\n为贯彻落实国务院办公厅的意见，制定本方案。\n"
    )
    assert date_from_header(document) == "2017-10-09"
    # Further down, only a line that is nothing but a date counts: not a short line naming one.
    late = "标题\n\n一\n\n二\n\n三\n\n四\n\n截至2017年10月9日\n"
    assert date_from_header(late) == ""


def test_text_files_are_dated_from_name_or_header(tmp_path: Path) -> None:
    articles = load_corpus(write_dated_corpus(tmp_path)).articles
    dates = {article.sources[0].rsplit("/", 1)[-1]: article.date for article in articles}
    assert dates["2023-05-08_page5.txt"] == "2023-05-08"
    assert dates["zz_header_dated.txt"] == "2022-07-12"
    assert set(DATED_TEXT_FILES) <= set(dates)


def test_a_date_range_keeps_only_its_dates_inclusive(service: SearchService) -> None:
    results = service.search(
        SearchRequest(query="芯片", date_from="2022-06", date_to="2023", per_page=100)
    )
    assert results.total > 0
    assert all("2022-06-01" <= hit.date <= "2023-12-31" for hit in results.results)
    everything = service.search(SearchRequest(query="芯片", per_page=100)).results
    inside = [hit for hit in everything if "2022-06-01" <= hit.date <= "2023-12-31"]
    assert results.total == len(inside)
    years = {bucket.value for bucket in results.facets["year"]}
    assert years == {"2022", "2023"}  # facet counts respect the range too


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("2023-13", ""), ("", "2023-02-30"), ("23", ""), ("2023/05-01", ""), ("2023.13", ""),
     ("2024", "2023")],
)  # fmt: skip
def test_a_bad_or_inverted_date_is_a_clear_error(
    service: SearchService, date_from: str, date_to: str
) -> None:
    with pytest.raises(InvalidRequest, match="date_from|date_to"):
        service.search(SearchRequest(query="芯片", date_from=date_from, date_to=date_to))


def test_trend_counts_add_up_to_the_search_total_minus_undated(service: SearchService) -> None:
    # No paragraph of this corpus is reprinted in another period (one reprinted in two would
    # count in both: the next test).
    trends = service.trends(TrendsRequest(("芯片", "集成电路", "")))
    assert trends.interval == "year"  # 2019-2024 spans more than five years
    assert [period.period for period in trends.periods] == [str(y) for y in range(2019, 2025)]
    for series in trends.series:
        total = service.search(SearchRequest(query=series.query)).total
        assert series.total == total
        assert sum(bucket.count for bucket in series.buckets) == total - series.undated
    everything = trends.series[2]
    assert [b.count for b in everything.buckets] == [p.paragraphs for p in trends.periods]
    # The undated JSON Lines record (芯片 also finds 集成电路, so its undated ones too).
    assert trends.series[0].undated == trends.series[1].undated + 1


# Reprint groups across periods, each paragraph naming 氢能: A in 2021 and undated, C undated
# twice, D in 2021 and 2023; S alone and undated. Each article differs by its second paragraph.
REPRINTS = {
    "A": "氢能重卡示范线路在港区开通，首批二十辆车投入运营。",
    "C": "氢能产业联盟发布加氢站建设指引，明确安全间距要求。",
    "D": "氢能装备企业签约落户，将建设燃料电池电堆生产线。",
}
REPRINT_ARTICLES = [
    ("2021-03-02", ["A", "D"]),
    ("", ["A", "C"]),
    ("", ["C"]),
    ("2023-06-01", ["D"]),
    ("", ["氢能科普进校园活动举行。"]),  # S
]


@pytest.fixture(scope="module")
def reprint_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    root = tmp_path_factory.mktemp("reprints")
    (root / "corpus").mkdir()
    lines = [
        json.dumps(
            {
                "id": f"r{number}",
                "title": f"园区动态第{number}期",
                "date": date,
                "paragraphs": [*(REPRINTS.get(key, key) for key in keys), f"第{number}期完。"],
            },
            ensure_ascii=False,
        )
        for number, (date, keys) in enumerate(REPRINT_ARTICLES)
    ]
    (root / "corpus" / "reprints.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(root / "corpus", root / "index")
    with SearchService(root / "index") as opened:
        yield opened


def test_a_reprint_counts_in_every_period_with_a_copy_undated_only_without_one(
    reprint_service: SearchService,
) -> None:
    # A period's count is what the search restricted to it lists; `undated` the results no
    # period lists (no copy dated); the total is the search's.
    search = reprint_service.search
    assert search(SearchRequest(query="氢能")).total == 4  # A, C, D, S
    for interval in ("year", "month"):
        trends = reprint_service.trends(TrendsRequest(("氢能",), interval=interval))
        (series,) = trends.series
        assert (series.total, series.undated) == (4, 2)  # C and S
        counts = {bucket.period: bucket.count for bucket in series.buckets if bucket.count}
        for period, count in counts.items():
            assert search(SearchRequest("氢能", date_from=period, date_to=period)).total == count
        assert sum(counts.values()) == 3  # 2021: A, D; 2023: D
        assert len(counts) == 2
    years = search(SearchRequest(query="氢能")).facets["year"]
    assert {bucket.value: bucket.count for bucket in years} == {"2021": 2, "2023": 1}


def test_a_short_span_counts_by_month_with_empty_months_filled(service: SearchService) -> None:
    trends = service.trends(
        TrendsRequest(("芯片",), SearchRequest(date_from="2023", date_to="2023"))
    )
    assert trends.interval == "month"
    labels = [period.period for period in trends.periods]
    first, last = labels[0], labels[-1]
    assert labels == [f"2023-{month:02d}" for month in range(int(first[5:]), int(last[5:]) + 1)]
    buckets = trends.series[0].buckets
    assert any(bucket.count == 0 for bucket in buckets)
    for bucket, period in zip(buckets, trends.periods, strict=True):
        assert bucket.share == (round(bucket.count / period.paragraphs, 3) if bucket.count else 0)
    years = service.trends(TrendsRequest(("芯片",), interval="year"))
    assert years.interval == "year"


def test_trends_refuse_more_than_four_queries_and_unknown_intervals(
    service: SearchService,
) -> None:
    with pytest.raises(InvalidRequest):
        service.trends(TrendsRequest(("a", "b", "c", "d", "e")))
    with pytest.raises(InvalidRequest):
        service.trends(TrendsRequest(("a",), interval="week"))


def test_a_placeholder_date_makes_a_clear_error_not_a_chart_of_24000_months(
    tmp_path: Path,
) -> None:
    # 0001-01-01 is a common "no date" placeholder of exporting programs, and a real date.
    records = [("P1", "0001-01-01"), ("P2", "2024-05-01")]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.jsonl").write_text(
        "".join(
            json.dumps({"id": key, "date": day, "paragraphs": [f"{key}园区芯片产业。"]}) + "\n"
            for key, day in records
        )
    )
    build(corpus, tmp_path / "index")
    with SearchService(tmp_path / "index") as opened:
        with pytest.raises(InvalidRequest, match="too many periods: 24281 months, at most 1200"):
            opened.trends(TrendsRequest(("芯片",), interval="month"))
        # By year (the default over such a span) the chart stays cheap and is drawn.
        yearly = opened.trends(TrendsRequest(("芯片",)))
        assert (yearly.periods[0].period, yearly.periods[-1].period) == ("0001", "2024")
        assert sum(bucket.count for bucket in yearly.series[0].buckets) == 2
        recent = opened.trends(TrendsRequest(("芯片",), SearchRequest(date_from="2000")))
        assert [period.period for period in recent.periods] == ["2024-05"]
        assert opened.search(SearchRequest(query="芯片")).total == 2


def test_indexed_since_keeps_articles_indexed_after_the_moment(service: SearchService) -> None:
    before = datetime.fromtimestamp(MOMENT - 1, UTC).isoformat()
    assert service.search(SearchRequest(query="芯片", indexed_since=before)).total > 0
    assert (
        service.search(SearchRequest(query="芯片", indexed_since="2026-01-05T08:00:00Z")).total == 0
    )
    hit = service.search(SearchRequest(query="芯片")).results[0]
    assert hit.indexed_at == "2026-01-05T08:00:00Z"
    with pytest.raises(InvalidRequest, match="indexed_since"):
        service.search(SearchRequest(query="芯片", indexed_since="yesterday"))


def _indexed_at(index_dir: Path, query: str) -> set[str]:
    with SearchService(index_dir) as opened:
        hits = opened.search(SearchRequest(query=query, per_page=100)).results
        return {hit.indexed_at for hit in hits}


def _write_records(path: Path, records: list[dict[str, object]]) -> None:
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_rebuilds_keep_first_indexed_times_and_stamp_new_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # b first: a record's place in its file is part of its article (the source view), so b
    # stays unchanged only when nothing before it changes.
    records: list[dict[str, object]] = [
        {"id": "b", "title": "长春新闻", "date": "2016-03-01", "paragraphs": ["长春新区发布。"]},
        {"id": "a", "title": "西安新闻", "date": "2015-03-01", "paragraphs": ["西安高新区签约。"]},
    ]
    _write_records(corpus / "news.jsonl", records)
    index_dir = tmp_path / "index"
    first, second = MOMENT, MOMENT + 86_400
    build(corpus, index_dir, clock=lambda: first)
    records[1]["paragraphs"] = ["西安高新区签约。", "西安高新区再添新项目。"]
    records.append(
        {"id": "c", "title": "成都新闻", "date": "2014-01-01", "paragraphs": ["成都高新区。"]}
    )
    _write_records(corpus / "news.jsonl", records)
    report = build(corpus, index_dir, clock=lambda: second)
    assert (report.added, report.replaced, report.unchanged) == (1, 1, 1)
    old, new = (iso_moment(moment) for moment in (first, second))
    assert _indexed_at(index_dir, "西安高新区") == {old}  # replaced: keeps its first time
    assert _indexed_at(index_dir, "成都高新区") == {new}  # new, though its date is the oldest
    with SearchService(index_dir) as opened:
        fresh = opened.search(SearchRequest(indexed_since=old, per_page=100)).results
        newest = opened.search(SearchRequest(sort="indexed", per_page=100)).results
    assert {hit.article_title for hit in fresh} == {"成都新闻"}
    assert [hit.article_title for hit in newest][0] == "成都新闻"


@pytest.mark.parametrize("query", ["芯片", "集成电路 签约"])
def test_within_a_date_window_a_facet_values_count_is_the_total_when_also_choosing_it(
    service: SearchService, query: str
) -> None:
    """Facets of a search under a date window and a facet filter: each count is what choosing
    the value as well lists (the window and the other facets' filters apply to the count)."""
    window = {"date_from": "2020-01-01", "date_to": "2023-12-31"}
    results = service.search(SearchRequest(query=query, **window))
    years = {bucket.value: bucket.count for bucket in results.facets["year"]}
    assert set(years) == {"2020", "2021", "2022", "2023"}
    for year, count in years.items():
        chosen = service.search(SearchRequest(query=query, filters={"year": (year,)}, **window))
        assert chosen.total == count, (query, year)
    scope = {"year": ("2021", "2022")}
    narrowed = service.search(SearchRequest(query=query, filters=scope, **window))
    assert narrowed.total == years["2021"] + years["2022"]
    for bucket in narrowed.facets["industry"]:
        both = scope | {"industry": (bucket.value,)}
        chosen = service.search(SearchRequest(query=query, filters=both, **window))
        assert chosen.total == bucket.count, (query, bucket.value)
    assert narrowed.facets["industry"], query
