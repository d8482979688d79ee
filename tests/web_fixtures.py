"""Shared by the web tests (a pytest plugin module, registered in tests/conftest.py): the web
index (seeds, the small in-code corpus, a hostile article, a JSON Lines record, dated articles)
built once per session, one search service and one Flask test client over it, and helpers that
read pages, JSON, errors and CSV."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path

import pytest
from corpus_fixtures import build, write_dated_corpus, write_small_corpus
from flask.testing import FlaskClient

from search.service import SearchService
from web.app import create_app
from web.export import COLUMNS

# Seconds one test search may work (the service default is 2 s).
TEST_TIME_BUDGET = 30.0
HOSTILE_TITLE = "<b>张江</b>新政<script>alert(1)</script>"
HOSTILE_FILE = "zz_hostile.txt"
HOSTILE_TEXT = f"""{HOSTILE_TITLE}

张江高科技园区发布<script>alert(1)</script>与<b>人工智能</b>产业扶持政策，生物医药企业可获资金支持。

张江高科技园区管委会表示，新政将于今年实施，高新区企业均可申报。
"""


# A JSON Lines archive beside the text files, so the record source view is served too.
RECORDS_FILE = "zz_records.jsonl"
RECORD = {
    "id": "GG1",
    "date": "20240315",
    "title": "光谷激光基地扩容",
    "url": "https://example.com/guanggu",
    "paragraphs": ["光谷激光基地新增企业三十家。", "", "激光企业获得研发奖励。"],
}


def build_web_index(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, the small in-code corpus, the hostile article, a JSON Lines record and the dated
    articles, indexed once per session."""
    root = tmp_path_factory.getbasetemp() / "web-index"
    index_dir = root / "index"
    if not (root / "built").exists():
        corpus = write_small_corpus(root / "corpus")
        shutil.copytree(seeds_dir, corpus, dirs_exist_ok=True)
        (corpus / HOSTILE_FILE).write_text(HOSTILE_TEXT, encoding="utf-8")
        record = json.dumps(RECORD, ensure_ascii=False) + "\n"
        (corpus / RECORDS_FILE).write_text(record, encoding="utf-8")
        write_dated_corpus(corpus)
        build(corpus, index_dir)
        (root / "built").touch()
    return index_dir


@pytest.fixture(scope="session")
def web_index_dir(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_index(seeds_dir, tmp_path_factory)


@pytest.fixture(scope="session")
def web_service(web_index_dir: Path) -> Iterator[SearchService]:
    # A generous budget: on a loaded machine the default 2 s can run out on a search that is
    # not about time, which would answer 503 instead of what the test checks; the budget
    # itself is tested with services of their own (test_service.py, web/test_errors.py).
    with SearchService(web_index_dir, time_budget=TEST_TIME_BUDGET) as service:
        yield service


@pytest.fixture(scope="session")
def client(web_service: SearchService):
    """The one Flask test client over the web index (modules with their own index override it)."""
    return create_app(service=web_service).test_client()


@pytest.fixture
def serve() -> Iterator[Callable[..., FlaskClient]]:
    """`serve(index_dir, **config)`: a test client over another index; its search service is
    closed after the test."""
    with contextlib.ExitStack() as stack:

        def open_client(index_dir: Path, **config: object) -> FlaskClient:
            service = stack.enter_context(SearchService(index_dir, time_budget=TEST_TIME_BUDGET))
            return create_app(service=service, config=config).test_client()

        yield open_client


def page_text(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def hrefs(html: str, pattern: str = "") -> list[str]:
    return [unescape(link) for link in re.findall(r'href="([^"]*)"', html) if pattern in link]


def ok_json(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    return response.get_json()


def search_json(client: FlaskClient, **params: object) -> dict:
    """The JSON of `GET /api/search` with `params`, checked to be a 200."""
    return ok_json(client.get("/api/search", query_string=params))


def search_total(client: FlaskClient, **params: object) -> int:
    return search_json(client, **params)["total"]


def trends_json(client: FlaskClient, **params: object) -> dict:
    """The JSON of `GET /api/trends` with `params`, checked to be a 200."""
    return ok_json(client.get("/api/trends", query_string=params))


def error_message(response, status: int) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return body["error"]["message"]


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    data = response.get_data()
    assert data.startswith("\ufeff".encode())  # BOM: Excel then reads the UTF-8 correctly
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)
