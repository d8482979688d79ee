"""The source view of every corpus kind (text file, .jsonl, .jsonl.gz, .jsonl.xz) over a corpus
given by absolute path: records shown with the quoted paragraph marked, files that changed or
vanished since the build said so (a pipe in a file's place too, without blocking), no server
path in any response, a moved corpus unchanged.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import lzma
import os
import shutil
import threading
from pathlib import Path

import pytest
from corpus_fixtures import build

from search.service import SearchService
from web.app import create_app

TEXT_FILE = "park.txt"
TEXT = """西安高新区发布硬科技新政

西安高新区发布硬科技产业扶持新政，首批认定企业二十家。

新政明确了资金支持标准。
"""
RECORDS = {
    "news.jsonl": [
        {
            "id": "N1",
            "date": "20240315",
            "title": "武汉东湖高新区光谷新政",
            "url": "https://example.com/n1",
            "paragraphs": ["光谷发布集成电路新政。", "", "  ", "东湖高新区集成电路企业获得奖励。"],
        },
        {
            "id": 7,
            "date": "2024-03-16",
            "title": "北京亦庄集成电路产业园",
            "url": "",
            "paragraphs": ["亦庄集成电路产业园扩容。"],
        },
    ],
    "archive.jsonl.xz": [
        {
            "id": "X1",
            "date": "20240401",
            "title": "苏州工业园区集成电路",
            "url": "https://example.com/x1",
            "paragraphs": ["苏州工业园区集成电路项目签约。", "", "园区企业服务集成电路项目。"],
        },
    ],
    "archive.jsonl.gz": [
        {
            "id": "G1",
            "date": "20240402",
            "title": "合肥高新区集成电路",
            "url": "https://example.com/g1",
            "paragraphs": ["合肥高新区集成电路产业集聚。"],
        },
    ],
}
OPENERS = {".xz": lzma.open, ".gz": gzip.open}


def write_corpus(directory: Path) -> Path:
    """The text file, a plain JSON Lines file and two compressed archives."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / TEXT_FILE).write_text(TEXT, encoding="utf-8")
    for name, records in RECORDS.items():
        data = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in records)
        # A blank line first: line numbers and byte offsets must count it.
        data = "\n" + data
        opener = OPENERS.get(Path(name).suffix)
        if opener is None:
            (directory / name).write_text(data, encoding="utf-8")
        else:
            with opener(directory / name, "wt", encoding="utf-8") as stream:
                stream.write(data)
    return directory


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("provenance").resolve()
    corpus, index_dir = write_corpus(root / "corpus"), root / "index"
    build(corpus, index_dir)
    return corpus, index_dir


@pytest.fixture(scope="module")
def client(built: tuple[Path, Path]):
    with SearchService(built[1]) as service:
        yield create_app(service=service).test_client()


def hits(client, query: str = "集成电路") -> list[dict]:
    body = client.get("/api/search", query_string={"q": query, "per_page": 50}).get_json()
    return body["results"]


def source_json(client, hit: dict) -> dict:
    response = client.get(
        f"/api/articles/{hit['article_id']}/source", query_string={"paragraph": hit["paragraph_id"]}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def source_html(client, hit: dict) -> str:
    response = client.get(
        f"/articles/{hit['article_id']}/source", query_string={"paragraph": hit["paragraph_id"]}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def test_every_record_hit_shows_its_record_with_the_quoted_paragraph_marked(client) -> None:
    found = [hit for hit in hits(client) if hit["source"]["file"] != TEXT_FILE]
    assert {hit["source"]["file"] for hit in found} == set(RECORDS)
    for hit in found:
        view = source_json(client, hit)
        record = view["record"]
        original = RECORDS[view["file"]][record["line"] - 2]  # after the blank first line
        assert view["kind"] == "record" and view["status"] == "ok" and view["notice"] == ""
        assert record["line"] == hit["source"]["line_start"]
        assert (record["id"], record["title"], record["date"], record["url"]) == (
            str(original["id"]),
            original["title"],
            original["date"],
            original["url"],
        )
        assert record["paragraphs"] == original["paragraphs"]  # as in the archive, blanks too
        (marked,) = record["marked"]
        assert record["paragraphs"][marked - 1].strip() == hit["text"]
        html = source_html(client, hit)
        assert f'<li id="P{marked}" class="is-marked"' in html
        assert f'id="L{record["line"]}"' in html
        if original["url"]:
            assert f'<a href="{original["url"]}"' in html


def test_a_paragraph_after_blank_ones_marks_its_own_place_in_the_record(client) -> None:
    hit = next(hit for hit in hits(client, "东湖高新区集成电路企业") if hit["ordinal"] == 2)
    assert source_json(client, hit)["record"]["marked"] == [4]


def test_text_file_source_view_reports_kind_and_status(client) -> None:
    hit = next(hit for hit in hits(client, "硬科技") if hit["source"]["file"] == TEXT_FILE)
    view = source_json(client, hit)
    assert (view["kind"], view["status"], view["record"]) == ("text", "ok", None)
    assert view["text"] == TEXT


def test_no_page_or_api_response_shows_a_server_path(
    client, serve, built: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index_dir = built
    found = hits(client)
    urls = ["/?q=集成电路", "/?q=集成电路&park=苏州工业园区", "/api/search?q=集成电路"]
    urls += ["/api/search?q=集成电路&format=csv", "/api/facets", "/healthz", "/no/such/page"]
    for hit in found:
        article = f"/articles/{hit['article_id']}"
        urls += [article, f"/api{article}", f"/api/paragraphs/{hit['paragraph_id']}"]
        urls += [f"{article}/source", f"/api{article}/source", f"{article}/source?paragraph=x-9"]
    for url in urls:
        body = client.get(url).get_data(as_text=True)
        assert str(corpus) not in body and str(index_dir) not in body, url
    assert all("/" not in hit["source"]["file"] for hit in found)
    missing = serve(tmp_path / "no-index")
    for url in ("/healthz", "/api/search?q=园区", "/?q=园区"):
        response = missing.get(url)
        assert response.status_code == 503
        assert str(tmp_path) not in response.get_data(as_text=True)
        assert "索引暂时无法使用" in response.get_data(as_text=True)


def test_moving_the_corpus_rewrites_nothing_and_the_source_view_follows(
    serve, tmp_path: Path
) -> None:
    first, index_dir = write_corpus(tmp_path / "first" / "corpus"), tmp_path / "index"
    build(first, index_dir)
    client = serve(index_dir)
    hit = next(hit for hit in hits(client) if hit["source"]["file"] == "news.jsonl")
    moved = tmp_path / "elsewhere" / "renamed"
    moved.parent.mkdir()
    shutil.move(first, moved)
    assert source_json(client, hit)["status"] == "missing"
    report = build(moved, index_dir)
    assert (report.added, report.replaced, report.removed) == (0, 0, 0)
    assert report.unchanged == report.articles
    assert source_json(client, hit)["status"] == "ok"


def test_single_archive_is_recorded_by_its_file_name(serve, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    build(corpus / "archive.jsonl.xz", tmp_path / "index")
    client = serve(tmp_path / "index")
    found = hits(client, "苏州工业园区集成电路项目签约")
    hit = next(hit for hit in found if hit["text"] == "苏州工业园区集成电路项目签约。")
    assert hit["source"]["file"] == "archive.jsonl.xz"
    article = client.get(f"/api/articles/{hit['article_id']}").get_json()
    assert article["sources"] == ["archive.jsonl.xz"]
    assert source_json(client, hit)["status"] == "ok"


def test_changed_or_removed_files_are_said_and_what_the_index_stored_is_shown(
    serve,
    tmp_path: Path,
) -> None:
    corpus, index_dir = write_corpus(tmp_path / "corpus"), tmp_path / "index"
    build(corpus, index_dir)
    client = serve(index_dir)
    by_file = {hit["source"]["file"]: hit for hit in hits(client) + hits(client, "硬科技")}

    # A record rewritten in place: the stored (cleaned) record is shown, not the new line.
    plain = corpus / "news.jsonl"
    plain.write_text(plain.read_text(encoding="utf-8").replace("光谷", "某地"), encoding="utf-8")
    view = source_json(client, by_file["news.jsonl"])
    assert view["status"] == "changed" and "已被修改" in view["notice"]
    assert "光谷" in view["record"]["title"] and "" not in view["record"]["paragraphs"]
    assert "已被修改" in source_html(client, by_file["news.jsonl"])

    # A compressed archive changed as a whole: its record, kept at build time, is shown.
    archive = corpus / "archive.jsonl.xz"
    with lzma.open(archive, "at", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "X2", "paragraphs": ["新增。"]}) + "\n")
    view = source_json(client, by_file["archive.jsonl.xz"])
    assert view["status"] == "changed"
    assert view["record"]["paragraphs"] == RECORDS["archive.jsonl.xz"][0]["paragraphs"]

    (corpus / "archive.jsonl.gz").unlink()
    view = source_json(client, by_file["archive.jsonl.gz"])
    assert view["status"] == "missing" and "已不在" in view["notice"]
    assert view["record"]["id"] == "G1"

    (corpus / TEXT_FILE).write_text(TEXT + "\n补充。\n", encoding="utf-8")
    view = source_json(client, by_file[TEXT_FILE])
    assert view["status"] == "changed" and view["text"] == TEXT


def test_a_pipe_in_a_corpus_file_s_place_is_said_missing_without_blocking(
    serve, tmp_path: Path
) -> None:
    corpus, index_dir = write_corpus(tmp_path / "corpus"), tmp_path / "index"
    build(corpus, index_dir)
    client = serve(index_dir)
    by_file = {hit["source"]["file"]: hit for hit in hits(client) + hits(client, "硬科技")}
    pipes = [corpus / name for name in (TEXT_FILE, "news.jsonl", "archive.jsonl.gz")]
    for pipe in pipes:
        pipe.unlink()
        os.mkfifo(pipe)  # opening it for reading waits for a writer
    views: dict[str, tuple[dict, str]] = {}

    def show() -> None:
        for pipe in pipes:
            hit = by_file[pipe.name]
            views[pipe.name] = (source_json(client, hit), source_html(client, hit))

    viewer = threading.Thread(target=show, daemon=True)
    viewer.start()
    viewer.join(timeout=60)
    blocked = viewer.is_alive()
    while viewer.is_alive():  # a view blocked in open(): a writer lets it return, the suite go on
        for pipe in pipes:
            with contextlib.suppress(OSError):
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        viewer.join(timeout=1)
    assert not blocked, f"the source view blocked opening a pipe: {sorted(views)}"
    assert set(views) == {pipe.name for pipe in pipes}
    for view, html in views.values():
        assert view["status"] == "missing" and "已不在" in view["notice"] and "已不在" in html
    assert views[TEXT_FILE][0]["text"] == TEXT
    assert views["news.jsonl"][0]["record"]["id"] == "N1"
    assert views["archive.jsonl.gz"][0]["record"]["id"] == "G1"
