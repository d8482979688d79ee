"""The reprint rules: the full load and an incremental build decide the same copies."""

from __future__ import annotations

import json
from pathlib import Path

from corpus_fixtures import build

from search.ingest.corpus import load_corpus

BODY = (
    "西安高新区今天发布硬科技产业新政，涵盖光子、半导体和航空航天等领域，"
    "新政明确了资金支持标准，对新落户的研发机构给予最高五百万元奖励，"
    "并为人才公寓和子女入学开辟绿色通道。"
)


def _record(record_id: str, title: str, body: str) -> str:
    record = {"id": record_id, "date": "2024-03-15", "title": title, "paragraphs": [body]}
    return json.dumps(record, ensure_ascii=False) + "\n"


RECORDS = [
    _record("a1", "硬科技新政发布", BODY),
    # Same title, one word changed: a reprint with a small edit.
    _record("a2", "硬科技新政发布", BODY.replace("最高五百万元", "最高500万元")),
    # Same title, another day's text (a daily column): not a copy.
    _record(
        "a3",
        "硬科技新政发布",
        "青岛高新区今天启动蓝色硅谷建设，首批签约项目二十个，总投资三百亿元。" * 2,
    ),
    # Same body under another title: a copy.
    _record("a4", "西安出台新政", BODY),
    # A short identical body (under 50 characters) under another title: not a copy.
    _record("a5", "快讯一", "会议在京召开。"),
    _record("a6", "快讯二", "会议在京召开。"),
]


def test_edited_reprints_merge_and_look_alikes_stay_apart(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(RECORDS), encoding="utf-8")
    corpus = load_corpus(path)
    copies = [[record.record_id for record in article.records] for article in corpus.articles]
    assert copies == [["a1", "a2", "a4"], ["a3"], ["a5"], ["a6"]]
    assert corpus.duplicates == 2


def test_an_incremental_build_decides_as_the_full_load(tmp_path: Path) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    path = corpus / "news.jsonl"
    path.write_text("".join(RECORDS[:1] + RECORDS[2:3] + RECORDS[4:5]), encoding="utf-8")
    build(corpus, index_dir)
    with path.open("a", encoding="utf-8") as stream:  # the copies arrive later
        stream.write("".join(RECORDS[1:2] + RECORDS[3:4] + RECORDS[5:]))
    report = build(corpus, index_dir)
    full = load_corpus(corpus)
    assert (report.articles, report.duplicates) == (len(full.articles), full.duplicates) == (4, 2)
