"""Industries, round 9c: a label the article's title names is decided by titled words of its kind
in the paragraph (客运 under a title on travel or tourism, 生态安全 under one on afforestation)."""

from __future__ import annotations

import pytest
from corpus_fixtures import label_evidence, tagged_under_title

TITLED = [
    (
        "游客踏上归程 再现客流高峰",
        "今天下午，各地公路客运陆续进入高峰，长途客运站纷纷增开热门线路班次。",
        "现代服务业",
        "客运",
    ),
    (
        "民航局：十六条政策措施确保航空物流客流畅通",
        "中央财政对国际定期客运航班给予资金支持。",
        "现代服务业",
        "客运",
    ),
    (
        "西藏：植树造林 造福雅鲁藏布江沿岸百姓",
        "西藏持续建设雅鲁藏布江沿岸防护林，在构筑国家生态安全屏障的同时，也造福了当地百姓。",
        "新能源与节能环保",
        "生态安全",
    ),
]


@pytest.mark.parametrize(("title", "text", "label", "word"), TITLED)
def test_a_word_of_the_industrys_kind_decides_it_under_a_title_naming_the_industry(
    tagger, title, text, label, word
) -> None:
    paragraph = tagged_under_title(tagger, title, text)
    assert label in paragraph.industries
    assert label_evidence(paragraph)[label] == (word,)


@pytest.mark.parametrize(("title", "text", "label", "word"), TITLED)
def test_the_same_word_under_another_title_decides_no_industry(
    tagger, title, text, label, word
) -> None:
    assert label not in tagged_under_title(tagger, "今年经济运行总体平稳", text).industries


def test_a_titled_industry_word_alone_decides_nothing(tagger) -> None:
    assert "现代服务业" not in tagger.tag_text("公路客运近千个班次无法发车。").industries
