"""The field registry agrees with the Paragraph model, and drives tagging, documents and JSON."""

from __future__ import annotations

import dataclasses

from search.entities.tagger import Tagger
from search.fields import FACETS, FIELDS, LABELS, TAG_ATTRIBUTES, facet_values
from search.models import Article, Paragraph, SourceSpan
from search.serialize import paragraph_json

# Paragraph attributes that are not tags (tag_evidence explains the tags).
CORE = {"paragraph_id", "article_id", "ordinal", "kind", "text", "source", "tag_evidence"}


def test_every_paragraph_tag_attribute_is_in_the_registry_and_back() -> None:
    attributes = {field.name for field in dataclasses.fields(Paragraph)} - CORE
    assert attributes == set(TAG_ATTRIBUTES)


def test_the_public_facet_names_and_labels() -> None:
    assert FACETS == ("park", "industry", "policy_type", "organization", "policy_document", "year")
    assert [LABELS[name] for name in FACETS] == [
        "园区",
        "产业",
        "政策类型",
        "机构",
        "政策文件",
        "年份",
    ]
    assert [field.cli_flag for field in FIELDS if field.facet][-2:] == [
        "--policy-document",
        "--year",
    ]


def tagged_article() -> Article:
    text = "中关村科技园区管委会发布《关于支持人工智能产业发展的若干措施》，安排资金2亿元。"
    paragraph = Paragraph("abcdefabcdef-1", "abcdefabcdef", 1, "body", text, SourceSpan("a", 1, 1))
    article = Article("abcdefabcdef", "标题", (paragraph,), ("a",), date="2023-05-01")
    return Tagger.load().tag_article(article)


def test_every_tag_is_in_the_json_and_in_the_facet_values() -> None:
    article = tagged_article()
    (paragraph,) = article.paragraphs
    assert paragraph.policy_documents == ("关于支持人工智能产业发展的若干措施",)
    assert paragraph.amounts and paragraph.parks
    record = paragraph_json(paragraph, article)
    assert [key for key in record if key in TAG_ATTRIBUTES] == list(TAG_ATTRIBUTES)
    assert record["policy_documents"] == list(paragraph.policy_documents)
    values = facet_values(paragraph, article)
    assert list(values) == list(FACETS)
    assert values["year"] == ("2023",)
    assert values["policy_document"] == paragraph.policy_documents
