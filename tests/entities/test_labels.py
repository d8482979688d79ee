"""Industries and policy types as `LabelReader` reads them: names blanked say nothing, labels
come in the taxonomy's order, and a title's labels leave its quoted titles out."""

from __future__ import annotations

import pytest

from search.entities.context import quoted_titles
from search.entities.labels import LabelReader
from search.entities.pos import WindowSegmenter
from search.entities.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def reader() -> LabelReader:
    taxonomy = load_taxonomy()
    return LabelReader(taxonomy, WindowSegmenter(taxonomy.dictionary_words()).frequency)


def test_a_quoted_title_decides_no_industry(reader: LabelReader) -> None:
    text = "代表们学习了《新能源汽车产业发展规划》。"
    unread, _ = reader.labels(text, [], [], [])
    industries, _ = reader.labels(text, [], [], quoted_titles(text))
    assert [category.label for category, _ in unread] == ["汽车与智能网联"]
    assert industries == []


def test_policy_types_come_in_the_taxonomys_order(reader: LabelReader) -> None:
    text = "会议提出，要推动科技创新，优化营商环境。"
    _, policies = reader.labels(text, [], [], [])
    labels = [category.label for category, _ in policies]
    assert set(labels) == {"企业服务与营商环境", "科技创新与孵化"}
    assert labels == sorted(labels, key=reader.policy_order.__getitem__)


def test_a_headings_labels_leave_its_quoted_titles_out(reader: LabelReader) -> None:
    assert reader.heading_labels("加快发展新能源汽车产业") == {"汽车与智能网联"}
    assert reader.heading_labels("《新能源汽车产业发展规划》发布") == frozenset()
