"""Park rules of round 13b (issue 13): a zone named only in a law's name in an article's title
is no subject, and only a law's 《…》 title hides a special economic zone."""

from __future__ import annotations

import pytest

from tests.corpus_fixtures import article_of


@pytest.mark.parametrize(
    "title",
    [
        "全国人大常委会分组审议海南自由贸易港法草案、安全生产法修正草案等",
        "各界热议《海南自由贸易港法》",
    ],
)
def test_a_zone_in_a_documents_name_in_the_title_is_no_subject(tagger, title) -> None:
    """The meeting reviews several laws: a paragraph on another one is no zone's."""
    lead = "会议审议多部法律草案。"
    other = "对于安全生产法修正草案，与会人员普遍认为修法正当其时。"
    article = tagger.tag_article(article_of(title, lead, other))
    assert article.subject_parks == ()
    assert article.paragraphs[1].parks == ()


@pytest.mark.parametrize(
    "title", ["海南自由贸易港建设开局良好", "国务院印发《中国（海南）自由贸易试验区总体方案》"]
)
def test_a_zone_in_the_title_outside_a_laws_name_is_the_subject(tagger, title) -> None:
    """Another document's title (a plan) is about the zone: its paragraphs are the zone's."""
    article = tagger.tag_article(article_of(title, "会议召开。", "其他。"))
    assert article.subject_parks != ()


def test_a_special_economic_zone_in_a_titled_report_is_named(tagger) -> None:
    """Only a law's title names the legislature; a report's title names the zone."""
    text = "新华社今天播发长篇通讯《习近平同志推动厦门经济特区建设发展的探索与实践》。"
    assert tagger.tag_text(text).parks == ("厦门经济特区",)
    law = "海南正式实施《海南经济特区禁止一次性不可降解塑料制品规定》。"
    assert tagger.tag_text(law).parks == ()
    assert tagger.tag_text("带动《深圳特区报》等品牌影响力不断提升。").parks == ()  # a paper
