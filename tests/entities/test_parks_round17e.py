"""Titles with two topics (round 17e): the title's zone is the subject of its own story's
paragraphs only, not of the paragraphs about the title's other place or law; a title with one
topic gives its zone to every paragraph as before. 东湖高科技园区 (the old name) is 东湖高新区."""

from __future__ import annotations

from corpus_fixtures import article_of

ZONE = "海南自由贸易港"


def _parks(tagger, title: str, *texts: str) -> list[tuple[str, ...]]:
    tagged = tagger.tag_article(article_of(title, *texts))
    return [paragraph.parks for paragraph in tagged.paragraphs]


def test_the_other_places_paragraphs_lose_the_titles_zone(tagger) -> None:
    parks = _parks(
        tagger,
        "【“十五五”开好局起好步】高标准建设海南自由贸易港 绘就三湘大地高质量发展新图景",
        "央视网消息（新闻联播）：近日，海南省、湖南省分别举行专题新闻发布会。",
        "高标准建设海南自由贸易港",
        "“十五五”时期，海南将聚焦旅游业、现代服务业等四大主导产业。",
        "绘就三湘大地高质量发展新图景",
        "面向“十五五”，湖南从经济发展、绿色低碳等5个方面细化提出22项主要指标。",
        "“十五五”时期，湖南将聚焦12条重点产业链，持续提质工程机械等优势产业。",
    )
    assert [ZONE in found for found in parks] == [True, True, True, False, False, False]


def test_a_province_named_after_a_colon_is_a_second_topic(tagger) -> None:
    parks = _parks(
        tagger,
        "海南自由贸易港建设稳步推进 江西：加快推进高质量跨越式发展",
        "“中国这十年”系列主题新闻发布会海南、江西专场近日分别举行。",
        "自2018年海南自贸港建设以来，海南新增市场主体年均增长40%。",
        "过去十年，江西坚持用新发展理念引领发展行动。",
        "十年来，全省经济总量迈上新台阶。",
    )
    assert [ZONE in found for found in parks] == [True, True, False, False]


def test_the_other_laws_paragraphs_lose_the_zone_of_the_laws_name(tagger) -> None:
    parks = _parks(
        tagger,
        "全国人大常委会启动海南自由贸易港法、旅游法执法检查",
        "央视网消息（新闻联播）：全国人大常委会25日启动海南自由贸易港法、旅游法执法检查。",
        "执法检查中，将重点检查贸易自由便利落实情况。",
        "旅游法执法检查将采取赴地方检查与委托省级人大常委会检查相结合等方式开展。",
        "执法检查中，将重点检查旅游者权益保护和行为规范情况。",
    )
    assert [ZONE in found for found in parks] == [True, True, False, False]


def test_a_paragraph_naming_the_zones_province_brings_it_back(tagger) -> None:
    parks = _parks(
        tagger,
        "海南自由贸易港建设稳步推进 江西：加快推进高质量跨越式发展",
        "过去十年，江西坚持用新发展理念引领发展行动。",
        "海南的免税购物继续增长。",
    )
    assert [ZONE in found for found in parks] == [False, True]


def test_a_single_topic_title_gives_its_zone_to_every_paragraph(tagger) -> None:
    parks = _parks(
        tagger,
        "开放脚步加快 海南自贸港建设提速",
        "央视网消息（新闻联播）：今年以来，一批开放政策落地见效。",
        "全省新增市场主体年均增长40%。",
        "湖南一家企业也在这里设立了分公司。",
    )
    assert all(ZONE in found for found in parks)


def test_the_old_name_of_donghu_is_donghu(tagger) -> None:
    text = "合肥高新区的专利数超过了上海张江和武汉东湖高科技园区。"
    assert "东湖高新区" in tagger.tag_text(text).parks
