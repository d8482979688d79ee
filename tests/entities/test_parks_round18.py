"""Zones named without their place where the text places them elsewhere (round 18): a
placeless zone name (滨海新区, 中关村科技园, 清华科技园) after another province's place in its
sentence, in an article about another province's zone, or starting a branch named after another
province's place (清华科技园太原分园) is that place's own park, not the zone; 中关村科技城 is
京津中关村科技城 (宝坻), not a cut of 中关村."""

from __future__ import annotations

from corpus_fixtures import article_of

BEIJING = "中关村科技园区"
TIANJIN = "滨海新区"


def _parks(tagger, title: str, *texts: str) -> list[tuple[str, ...]]:
    tagged = tagger.tag_article(article_of(title, *texts))
    return [paragraph.parks for paragraph in tagged.paragraphs]


def test_a_park_the_sentence_places_in_xiongan_is_not_beijings_zone(tagger) -> None:
    parks = tagger.tag_text(
        "2023年，以京津冀、长三角、粤港澳大湾区为重点，引领中国高质量发展的第一梯队建设推向纵深。"
        "在雄安新区，刚刚建成不久的中关村科技园里迎来了一大批创新型企业签约入驻。"
    ).parks
    assert "雄安新区" in parks and BEIJING not in parks
    assert BEIJING not in tagger.tag_text("中关村科技园雄安园正式揭牌。").parks


def test_a_park_in_a_story_about_xiongan_is_not_beijings_zone(tagger) -> None:
    parks = _parks(
        tagger,
        "雄安新区绘就高质量的城市发展新画卷",
        "今天的雄安新区正朝着新时代的创新高地加速迈进。",
        "新区还积极搭建科创中心、中关村科技园等10余个创新平台。",
        "来自北京中关村科技园的企业纷纷落户。",
        "中关村科技园区管委会与雄安新区管委会签署合作协议。",
    )
    # Only the park the new area builds (新区…搭建…中关村科技园) is its own.
    assert [BEIJING in found for found in parks] == [False, False, True, True]


def test_a_binhai_new_area_placed_in_another_city_is_not_tianjins(tagger) -> None:
    assert (
        TIANJIN
        not in tagger.tag_text(
            "在粤西湛江，中科炼化等项目开始建设;在茂名，总投资近百亿元项目也已经入驻滨海新区。"
        ).parks
    )
    assert TIANJIN in tagger.tag_text("在天津，滨海新区的经济总量稳定增长。").parks
    assert TIANJIN in tagger.tag_text("目前，滨海新区已经吸引了2200多个北京的项目。").parks


def test_a_branch_named_after_another_provinces_place_is_not_the_zone(tagger) -> None:
    parks = tagger.tag_text("在清华科技园太原分园，李克强兴致勃勃地观看创意产品。").parks
    assert "清华科技园" not in parks and BEIJING not in parks
    assert "清华科技园" in tagger.tag_text("在清华科技园，创业者展示新产品。").parks


def test_zhongguancun_science_city_is_the_tianjin_park_not_a_cut_of_zhongguancun(tagger) -> None:
    parks = tagger.tag_text("中关村科技城、当当、58同城等一批知名企业也先后落户天津。").parks
    assert parks == ("京津中关村科技城",)


def test_liangjiang_alone_names_no_park_in_text(tagger) -> None:
    assert tagger.tag_text("重庆两江四岸灯火璀璨，无人机灯光秀吸引市民。").parks == ()
