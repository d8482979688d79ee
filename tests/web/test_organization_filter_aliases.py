"""`GET /api/search?organization=中科院` filters on 中国科学院 and lists it in `filters` and as the
selected facet value; the organisation's page and the suggestions are as before (the alias
resolves in filters only)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from corpus_fixtures import build
from flask.testing import FlaskClient
from web_fixtures import TEST_TIME_BUDGET, ok_json, page_text, search_json

from search.service import SearchService
from web.app import create_app

RECORDS = [
    {
        "id": "cas-1",
        "title": "中科院发布量子计算成果",
        "date": "2024-03-01",
        "paragraphs": ["中科院与合肥高新区签署合作协议，共建量子信息研究平台。"],
    },
    {
        "id": "most-1",
        "title": "科技部部署科技计划",
        "date": "2024-05-01",
        "paragraphs": ["科技部印发通知，部署国家重点研发计划。"],
    },
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    root = tmp_path_factory.mktemp("organization-aliases")
    (root / "corpus").mkdir()
    lines = [json.dumps(record, ensure_ascii=False) for record in RECORDS]
    (root / "corpus" / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(root / "corpus", root / "index")
    with SearchService(root / "index", time_budget=TEST_TIME_BUDGET) as service:
        yield create_app(service=service).test_client()


def test_the_api_filters_an_alias_on_the_canonical_name(client) -> None:
    canonical = search_json(client, organization="中国科学院")
    alias = search_json(client, organization="中科院")
    assert alias["total"] == canonical["total"] == 1
    assert alias["results"][0]["organizations"] == ["中国科学院"]
    assert alias["filters"] == canonical["filters"] == {"organization": ["中国科学院"]}
    selected = [b["value"] for b in alias["facets"]["organization"] if b["selected"]]
    assert selected == ["中国科学院"]


def test_the_organisation_page_and_suggestions_are_unchanged(client) -> None:
    html = page_text(client.get("/organizations/" + quote("中国科学院")))
    assert "中国科学院" in html and "量子信息研究平台" in html
    suggestions = ok_json(client.get("/api/suggest", query_string={"q": "中国科"}))
    assert "中国科学院" in json.dumps(suggestions, ensure_ascii=False)
