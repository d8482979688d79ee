"""Stored records: a codec of their own, read leniently across versions."""

from __future__ import annotations

import json

from search.models import Amount, Article, Paragraph, SourceSpan
from search.storage import records

PARAGRAPH = Paragraph(
    "abc-1",
    "abc",
    1,
    "body",
    "青岛高新区新增孵化器",
    SourceSpan("seeds/a.txt", 3, 4),
    parks=("青岛高新区",),
    amounts=(Amount("30亿元", 30.0),),
)
ARTICLE = Article("abc", "标题", (PARAGRAPH,), ("seeds/a.txt",), date="2024-05-01")


def test_a_paragraph_comes_back_as_it_was_stored() -> None:
    stored = records.decode_paragraph(records.encode_paragraph(PARAGRAPH, ARTICLE))
    assert stored.paragraph == PARAGRAPH
    assert (stored.article_title, stored.date) == ("标题", "2024-05-01")


def test_a_key_from_a_newer_build_is_ignored_and_a_missing_one_takes_its_default() -> None:
    record = json.loads(records.encode_paragraph(PARAGRAPH, ARTICLE))
    record["added_by_a_newer_build"] = [1, 2]
    del record["organizations"], record["amounts"]
    stored = records.decode_paragraph(json.dumps(record))
    assert stored.paragraph.organizations == () and stored.paragraph.amounts == ()
    assert stored.paragraph.parks == ("青岛高新区",)


def test_an_article_record_keeps_its_metadata_apart_from_its_paragraphs() -> None:
    raw = records.encode_article(ARTICLE)
    assert records.is_article(raw)
    assert not records.is_article(records.encode_paragraph(PARAGRAPH, ARTICLE))
    assert records.decode_article(raw, (PARAGRAPH,)) == ARTICLE
