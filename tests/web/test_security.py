"""Security headers on every response; no inline script/style, no CDN; snippets only <mark>."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from corpus_fixtures import build
from markupsafe import escape
from web_fixtures import HOSTILE_TITLE


@pytest.fixture(scope="module")
def hit(client) -> dict:
    return client.get("/api/search", query_string={"q": "生物医药"}).get_json()["results"][0]


def pages(hit: dict) -> list[str]:
    article = f"/articles/{hit['article_id']}"
    return ["/?q=生物医药", f"{article}?q=生物医药", f"{article}/source", "/?page=0", "/nowhere"]


def test_every_response_carries_the_security_headers(client, hit) -> None:
    paths = [*pages(hit), "/api/search?q=x", "/api/articles/zzz", "/healthz", "/static/style.css"]
    for path in paths:
        with client.get(path) as response:
            headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style_and_load_nothing_remote(client, hit) -> None:
    for path in pages(hit):
        html = client.get(path).get_data(as_text=True)
        assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html) == [], path
        assert "<style" not in html and " style=" not in html and " on" + "click=" not in html
        sources = re.findall(r'(?:src|href)="([^"#?]+)', html)
        assert sources and all(not re.match(r"(https?:)?//", link) for link in sources), path


def test_static_assets_are_served_locally(client) -> None:
    with client.get("/static/style.css") as css:
        assert css.status_code == 200 and "PingFang SC" in css.get_data(as_text=True)
    with client.get("/static/app.js") as script:
        assert script.status_code == 200 and script.mimetype.endswith("javascript")


def test_snippets_contain_no_markup_but_mark(client) -> None:
    body = client.get("/api/search", query_string={"q": "张江 政策", "per_page": 50}).get_json()
    assert any(hit["article_title"] == HOSTILE_TITLE for hit in body["results"])
    for hit in body["results"]:
        for html in (hit["highlight"], hit["text_html"]):
            assert set(re.findall(r"</?([a-zA-Z]+)", html)) <= {"mark"}


@pytest.mark.parametrize(
    "attack", ['"><script>alert(1)</script>', '"><img src=x onerror=alert(1)>']
)
def test_query_markup_is_escaped_in_the_page_and_error_page(client, attack: str) -> None:
    for path in ("/", "/articles/ffffffffffff"):
        html = client.get(path, query_string={"q": attack}).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html
    shown = client.get("/", query_string={"q": attack}).get_data(as_text=True)
    assert str(escape(attack)) in shown  # the query is shown back, as text
    long_attack = client.get("/", query_string={"q": attack * 20}).get_data(as_text=True)
    assert "<script>alert" not in long_attack and "<img src=x" not in long_attack


def test_jsonl_article_url_and_title_cannot_inject(serve, tmp_path: Path) -> None:
    record = {
        "id": "x1",
        "title": "<img src=x onerror=alert(1)>开发区",
        "url": "javascript:alert(1)",
        "date": "2023-05-01",
        "paragraphs": ["高新区发布<script>alert(1)</script>政策。"],
    }
    corpus = tmp_path / "hostile.jsonl"
    corpus.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    build(corpus, tmp_path / "index")
    client = serve(tmp_path / "index")
    article_id = client.get("/api/search", query_string={"q": "高新区"}).get_json()["results"][0][
        "article_id"
    ]
    html = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "javascript:" not in html and "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;开发区" in html
    # The record's source view shows its fields as text and links no javascript: URL.
    source = client.get(f"/articles/{article_id}/source").get_data(as_text=True)
    assert "javascript:alert(1)</dd>" in source and 'href="javascript:' not in source
    assert "<img src=x" not in source and "<script>alert" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
