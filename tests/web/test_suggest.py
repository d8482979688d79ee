"""/api/suggest through Flask's test client over the shared real index: completions, their
kinds and counts, operators kept as the query parser reads them, Latin words in capitals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus_fixtures import build
from web_fixtures import error_message, ok_json


def test_suggest_returns_completions_with_kind_and_count(client) -> None:
    body = ok_json(client.get("/api/suggest", query_string={"q": "青岛"}))
    assert body["query"] == "青岛" and 1 <= len(body["suggestions"]) <= 10
    for item in body["suggestions"]:
        assert set(item) == {"text", "kind", "count"} and item["count"] > 0
        assert item["kind"] in ("park", "organization", "policy_document", "word")
        assert item["text"].startswith("青岛")
    assert any(item["kind"] == "park" for item in body["suggestions"])
    assert ok_json(client.get("/api/suggest"))["suggestions"] == []
    assert "unknown" in error_message(client.get("/api/suggest?q=a&page=2"), 400)
    assert "long" in error_message(client.get("/api/suggest", query_string={"q": "长" * 300}), 400)


def test_suggest_offers_each_park_once_under_the_name_that_matches(client) -> None:
    """QA M7: one entry per park, its canonical name when that completes the prefix, else the
    alias that does; the other places go to other parks and words."""
    park_of = {}
    for park in ok_json(client.get("/api/parks"))["parks"]:
        for spelling in (park["name"], *park["aliases"]):
            park_of[spelling] = park["name"]
    suggestions = ok_json(client.get("/api/suggest", query_string={"q": "青岛"}))["suggestions"]
    parks = [park_of[item["text"]] for item in suggestions if item["kind"] == "park"]
    assert "青岛高新区" in parks and len(parks) == len(set(parks))
    assert {item["text"] for item in suggestions} >= {"青岛高新区"}
    assert any(item["kind"] != "park" for item in suggestions)
    by_alias = ok_json(client.get("/api/suggest", query_string={"q": "青岛高新技术"}))
    texts = [item["text"] for item in by_alias["suggestions"] if item["kind"] == "park"]
    assert [park_of[text] for text in texts] == ["青岛高新区"]
    assert texts[0].startswith("青岛高新技术")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("-", "-"), ('"', '"'), ("“", "“"), ("－", "－"), ("＂", "＂"), ("'", ""), ("-'", "-")],
)
def test_suggest_completes_the_word_after_an_exclusion_or_a_quote(client, typed, kept) -> None:
    """QA L4: -青岛 and "青岛 complete 青岛 and keep the operator the box puts back; review
    M1/L5: the full-width forms too, and an apostrophe, ignored by the parser, is dropped."""
    plain = ok_json(client.get("/api/suggest", query_string={"q": "青岛"}))["suggestions"]
    body = ok_json(client.get("/api/suggest", query_string={"q": typed + "青岛"}))
    assert body["query"] == typed + "青岛"
    assert [item["text"] for item in body["suggestions"]] == [kept + item["text"] for item in plain]
    assert ok_json(client.get("/api/suggest", query_string={"q": typed}))["suggestions"] == []


@pytest.mark.parametrize(("typed", "ascii"), [("－", "-"), ("＂", '"'), ("-'", "-")])
def test_a_chosen_suggestion_searches_as_its_operator_means(client, typed, ascii) -> None:
    """Review M1: －青岛… excluded the text "-青岛…" and ＂青岛… searched it as plain words; a
    completion now searches what the same completion after the ASCII operator does."""
    (first, *_) = ok_json(client.get("/api/suggest", query_string={"q": typed + "青岛"}))[
        "suggestions"
    ]
    word = first["text"].removeprefix(typed.replace("'", ""))
    answers = [
        ok_json(client.get("/api/search", query_string={"q": f"高新区 {operator}{word}"}))
        for operator in (typed.replace("'", ""), ascii)
    ]
    assert answers[0]["parsed"] == answers[1]["parsed"]
    assert answers[0]["total"] == answers[1]["total"]
    assert [hit["paragraph_id"] for hit in answers[0]["results"]] == [
        hit["paragraph_id"] for hit in answers[1]["results"]
    ]


def test_suggest_shows_latin_words_as_news_writes_them(serve, tmp_path: Path) -> None:
    """QA L4: the index keeps ai in lower case; ai and ＡＩ suggest AI, the corpus's spelling."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = ["高新区发展AI产业。", "园区的AI企业签约。", "AI芯片项目投产。"]
    records = [
        {"id": str(number), "title": f"第{number}篇", "paragraphs": [text]}
        for number, text in enumerate(texts)
    ]
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    (corpus / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(corpus, tmp_path / "index")
    served = serve(tmp_path / "index")
    for typed in ("ai", "ＡＩ", "Ai"):
        body = ok_json(served.get("/api/suggest", query_string={"q": typed}))
        assert [item["text"] for item in body["suggestions"]] == ["AI"]
        assert body["suggestions"][0]["count"] == 3
