"""Zones named in lists, with the city in brackets, as special economic zones or reform pilot
zones, and the one free-trade port."""

from __future__ import annotations

import pytest
from corpus_fixtures import article_of


def test_places_sharing_one_suffix_each_name_their_zone(tagger) -> None:
    text = "国务院决定新设广东、天津、福建3个自贸试验区，进一步扩大开放。"
    parks = tagger.tag_text(text).parks
    assert set(parks) == {"广东自贸试验区", "天津自贸试验区", "福建自贸试验区"}
    text = "在喀什、霍尔果斯经济开发区加快推动产业园区建设。"
    assert set(tagger.tag_text(text).parks) == {"喀什经济开发区", "霍尔果斯经济开发区"}


def test_listed_special_economic_zones_are_a_round_up_of_cities(tagger) -> None:
    # Named alone, 深圳经济特区 is a zone; listed, the five are cities (judges file none).
    text = "深圳、珠海、汕头、厦门、海南5个经济特区，勇当改革开放的排头兵。"
    assert tagger.tag_text(text).parks == ()
    # the last item of a list joined by 和 is a city too, not 厦门经济特区 alone
    assert tagger.tag_text("深圳、珠海、汕头和厦门经济特区建设40周年。").parks == ()
    assert tagger.tag_text("庆祝深圳经济特区建立40周年。").parks == ("深圳经济特区",)


@pytest.mark.parametrize(
    "text",
    [
        "将改革试点做法推广到天津、辽宁等10个自贸试验区。",  # examples, closed by 等
        "山东省、青岛市、青岛经济技术开发区及相关部门组织检查。",  # levels of government
    ],
)
def test_examples_and_levels_of_government_are_no_list_of_zones(tagger, text) -> None:
    assert set(tagger.tag_text(text).parks) <= {"青岛经开区"}


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("中国（杭州）跨境电子商务综合试验区设立以来，交易额持续增长。", "杭州跨境电商综合试验区"),
        ("庆祝深圳经济特区建立40周年大会隆重举行。", "深圳经济特区"),
        (
            "在青岛胶州的中国—上海合作组织地方经贸合作示范区，班列开行。",
            "中国—上海合作组织地方经贸合作示范区",
        ),
        ("山东新旧动能转换综合试验区建设总体方案获批。", "山东新旧动能转换综合试验区"),
        ("贵州贵安国家级新区今年引进项目120个。", "贵安新区"),
        ("国务院批准设立舟山港综合保税区。", "舟山港综合保税区"),
        ("漳州古雷港经济开发区的石化项目投产。", "漳州古雷港经开区"),
        ("泰安市国家现代农业产业园今年扩容。", "泰安国家现代农业产业园"),
        ("北京中关村示范区今天启动空间站技术转移项目。", "中关村科技园区"),
        ("厦门自贸试验区推出新一批创新举措。", "福建自贸试验区厦门片区"),
    ],
)
def test_special_and_pilot_zones_are_named_whole(tagger, text, park) -> None:
    assert park in tagger.tag_text(text).parks


def test_the_free_trade_port_is_hainans_only_where_hainan_is_named(tagger) -> None:
    text = "支持海南逐步探索、稳步推进中国特色自由贸易港建设。"
    assert tagger.tag_text(text).parks == ("海南自由贸易港",)
    assert tagger.tag_text("学习借鉴国际自由贸易港的先进经验。").parks == ()


@pytest.mark.parametrize(
    "text",
    [
        "福建、江西、贵州国家生态文明试验区建设取得成效。",  # ecological pilots are no zones
        "双方同意加快中韩自贸区第二阶段谈判。",  # a trade agreement, not a zone
        "在海南建省办经济特区30周年大会上发表讲话。",
        "支持深圳建设中国特色社会主义先行示范区。",  # a designation, not a zone
        "2024中关村论坛年会今天开幕。",  # a forum's name
    ],
)
def test_ecological_pilots_and_trade_agreements_are_no_zones(tagger, text) -> None:
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("江苏苏州太仓高新区的企业订单饱满。", "太仓高新区"),
        ("重庆璧山工业园区聚集了一批电子企业。", "璧山工业园区"),
    ],
)
def test_a_zone_is_named_after_its_own_place_not_the_city_above(tagger, text, park) -> None:
    assert tagger.tag_text(text).parks == (park,)


def test_a_zone_in_a_courts_name_does_not_make_the_story_about_it(tagger) -> None:
    lead = "上海市浦东新区人民法院今天对一起合同诈骗案作出一审判决。"
    article = tagger.tag_article(
        article_of("一起合同诈骗案一审宣判", lead, "法院认为，被告人的行为已构成犯罪。")
    )
    assert article.subject_parks == ()
    assert article.paragraphs[1].parks == ()


def test_a_special_economic_zone_is_no_subject_of_a_story_about_its_city(tagger) -> None:
    lead = "深圳经济特区在40岁生日的时候，迎来新一轮改革开放。"
    article = tagger.tag_article(
        article_of("深圳：改革开放再出发", lead, "这一年，深圳的新登记企业超过50万户。")
    )
    assert article.subject_parks == ()
    assert article.paragraphs[0].parks == ("深圳经济特区",)  # named in its own paragraph


def test_a_special_economic_zone_in_a_laws_title_names_the_legislature(tagger) -> None:
    text = "海南正式实施《海南经济特区禁止一次性不可降解塑料制品规定》。"
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    ("text", "parks"),
    [
        ("地处西南的云南和广西自贸区也在制度创新上发力。", {"云南自贸试验区", "广西自贸试验区"}),
        (
            "目前，天津、广东和福建三大自贸区均已挂牌。",
            {"天津自贸试验区", "广东自贸试验区", "福建自贸试验区"},
        ),
        ("亚太经济一体化、亚太自贸区建设取得进展。", set()),  # no list of places
    ],
)
def test_places_listed_before_a_bare_free_trade_zone_word_each_name_theirs(
    tagger, text, parks
) -> None:
    assert set(tagger.tag_text(text).parks) == parks


def test_the_chinese_style_free_trade_port_is_hainans(tagger) -> None:
    text = "《方案》还就探索建设中国特色自由贸易港作出衔接部署。"
    assert tagger.tag_text(text).parks == ("海南自由贸易港",)


def test_a_count_may_say_what_the_listed_zones_share(tagger) -> None:
    text = "全国人大常委会以授权的方式，为广东、天津和福建三个新设立的自贸区松绑。"
    zones = {"广东自贸试验区", "天津自贸试验区", "福建自贸试验区"}
    assert set(tagger.tag_text(text).parks) == zones


def test_places_listed_before_a_bare_area_word_each_name_their_area(tagger) -> None:
    text = "福建自贸试验区包括平潭、厦门和福州三个片区。"
    assert set(tagger.tag_text(text).parks) == {
        "福建自贸试验区",
        "福建自贸试验区平潭片区",
        "福建自贸试验区厦门片区",
        "福建自贸试验区福州片区",
    }
    assert tagger.tag_text("桂林市全面整治漓江城市段7条溪河、46个片区。").parks == ()


def test_a_sub_parks_short_name_counts_where_its_zone_is_named(tagger) -> None:
    """Round 9: 房山园 is 中关村房山园 in a paragraph naming 中关村; alone, 延庆园博园 is a garden
    expo and 海淀园 could be any garden."""
    text = "北京中关村示范区今天启动空间调整计划。今天率先挂牌的是房山园北京高端制造业基地。"
    assert set(tagger.tag_text(text).parks) == {"中关村科技园区", "中关村房山园"}
    assert tagger.tag_text("世园会开幕式将在北京延庆园博园举行。").parks == ()
    assert tagger.tag_text("海淀园内想要寻求更大发展空间的企业不在少数。").parks == ()


@pytest.mark.parametrize(
    "text",
    [
        "中关村示范区建设加快推进，丰台园林绿化局发布通知。",
        "中关村示范区建设加快，昌平园艺博览会开幕。",
    ],
)
def test_a_sub_parks_short_name_starting_a_garden_word_is_no_sub_park(tagger, text) -> None:
    """Review: 丰台园林 (parks and gardens), 昌平园艺 (gardening) name no sub-park of 中关村."""
    assert tagger.tag_text(text).parks == ("中关村科技园区",)


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("张家口是我国首个国家级可再生能源示范区，拥有丰富的风能。", "张家口可再生能源示范区"),
        ("新疆也在今年迎来开放新机遇，成为中国第22个自由贸易试验区。", "新疆自贸试验区"),
        ("刚刚挂牌国家级自主创新示范区的天津，搭建了研发平台。", "天津国家自主创新示范区"),
    ],
)
def test_a_known_zone_a_sentence_says_a_place_is_is_named(tagger, text, park) -> None:
    """Round 9: the place is the sentence's subject, the zone word its predicate."""
    assert tagger.tag_text(text).parks == (park,)


@pytest.mark.parametrize(
    "text",
    [
        "深圳是我国改革开放的重要示范区。",  # no zone the gazetteer knows
        "这里是国家级新区，也是开放高地。",  # no place
        "会议强调，北京要当好示范，各地要建设好自由贸易试验区。",  # no predicate
        "张家口不是国家级可再生能源示范区，仍要加快申报。",  # a denial (review)
    ],
)
def test_a_place_said_to_be_no_known_zone_names_none(tagger, text) -> None:
    assert tagger.tag_text(text).parks == ()


def test_a_zone_a_place_is_said_to_be_is_explained_from_the_place(tagger) -> None:
    """Review: the evidence starts at the place whose zone it is, not at the verb (是我国…)."""
    text = "张家口是我国首个国家级可再生能源示范区，拥有丰富的风能。"
    evidence = {value: words for facet, value, words in tagger.tag_text(text).evidence}
    assert evidence["张家口可再生能源示范区"] == ("张家口是我国首个国家级可再生能源示范区",)


def test_a_zone_the_place_has_become_is_explained_by_its_name_only(tagger) -> None:
    """Review: the mention ends with the place after 的 (天津), not the words after it (搭建)."""
    text = "刚刚挂牌国家级自主创新示范区的天津搭建了研发平台。"
    evidence = {value: words for facet, value, words in tagger.tag_text(text).evidence}
    assert evidence["天津国家自主创新示范区"] == ("挂牌国家级自主创新示范区的天津",)
