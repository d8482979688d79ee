"""Related paragraphs (相关段落) and the dated profile figures, over a small dated corpus:
other articles only, reprints of the same text left out, citations of a policy document.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from corpus_fixtures import CITED, REPRINTED

from search.service import SearchService
from web.app import create_app


@pytest.fixture(scope="module")
def client(entity_index_dir: Path):
    with SearchService(entity_index_dir) as service:
        yield create_app(service=service).test_client()


def ok_json(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def paragraph_with(client, text: str) -> dict:
    hits = ok_json(client.get("/api/search", query_string={"q": f'"{text[:12]}"'}))["results"]
    return next(hit for hit in hits if hit["text"] == text)


def test_related_leaves_out_the_same_article_and_reprints(client) -> None:
    source = paragraph_with(client, REPRINTED)
    body = ok_json(client.get(f"/api/paragraphs/{source['paragraph_id']}/related"))
    assert body["paragraph_id"] == source["paragraph_id"] and body["terms"]
    results = body["results"]
    assert 1 <= len(results) <= 5
    assert all(hit["article_id"] != source["article_id"] for hit in results)
    assert all(hit["text"] != REPRINTED for hit in results)  # the reprint in another article
    best = results[0]
    assert best["article_title"] == "合肥高新区推进创新药研发"
    assert {"医疗器械", "临床试验"} <= set(best["shared_terms"])
    assert {"facet": "policy_document", "value": CITED} in best["shared_entities"]
    assert "<mark>" in best["highlight"]


def test_article_page_shows_related_under_the_targeted_paragraph(client) -> None:
    source = paragraph_with(client, REPRINTED)
    article, paragraph = source["article_id"], source["paragraph_id"]
    html = client.get(f"/articles/{article}?paragraph={paragraph}").get_data(as_text=True)
    section = html.split(f'id="{paragraph}"', 1)[1].split("</section>", 1)[0]
    assert "相关段落" in section and "合肥高新区推进创新药研发" in section
    plain = client.get(f"/articles/{article}").get_data(as_text=True)
    assert 'class="related"' not in plain
    assert f"paragraph={paragraph}#{paragraph}" in plain  # each paragraph links to its 相关段落


def test_related_of_unknown_or_malformed_ids_is_404(client) -> None:
    assert client.get("/api/paragraphs/0123456789ab-1/related").status_code == 404
    assert client.get("/api/paragraphs/nope/related").status_code == 404


def test_policy_document_page_merges_variants_and_groups_citing_articles(client) -> None:
    body = ok_json(client.get(f"/api/policy-documents/{quote(CITED)}"))
    variants = {variant["value"]: variant["count"] for variant in body["variants"]}
    assert variants == {f"{CITED}（2021年版）": 2, f"{CITED}（2021—2023年）": 1}
    groups = {group["park"]: group for group in body["citing_articles"]}
    assert groups["青岛高新区"]["count"] == 2 and groups["合肥高新区"]["count"] == 1
    assert [article["date"] for article in groups["青岛高新区"]["articles"]] == [
        "2023-06-01",
        "2021-03-02",
    ]
    assert body["first_citation"]["date"] == "2021-03-02"
    assert body["last_citation"]["title"] == "合肥高新区推进创新药研发"
    assert (body["first_date"], body["last_date"]) == ("2021-03-02", "2024-08-08")
    response = client.get(f"/api/policy-documents/{quote(CITED + '(2021年版)')}")
    assert response.status_code == 302  # a variant spelling leads to the merged title
    html = client.get(f"/policy-documents/{quote(CITED)}").get_data(as_text=True)
    assert "合并的标题写法" in html and "首次引用" in html


def test_timeline_runs_every_year_from_first_to_last_mention(client) -> None:
    body = ok_json(client.get(f"/api/parks/{quote('青岛高新区')}"))
    assert body["timeline"] == [
        {"period": "2021", "count": 2},
        {"period": "2022", "count": 0},
        {"period": "2023", "count": 2},
    ]
    assert [hit["date"] for hit in body["latest"]] == ["2023-06-01"] * 2 + ["2021-03-02"] * 2
