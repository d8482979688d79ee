"""The article's subject park from its lead: none for national meetings, a person's profile, a
lead introducing two stories, or a zone named as an example, as the story's means or as a
hospital's campus, or as the address of a village, community or road."""

from __future__ import annotations

import pytest
from corpus_fixtures import article_of

BODY = "会议还研究了其他事项。"


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (  # a national body's meeting goes through several agenda items
            "李克强主持召开国务院常务会议",
            "国务院总理李克强主持召开国务院常务会议，部署推广上海自贸试验区试点经验。",
        ),
        (  # a person's profile: the zone is where the person works
            "【最美基层干部】吴慧芳：工人权益的代言人",
            "吴慧芳是上海金桥经济开发区的工会联合会主席，解决劳资纠纷是她的日常。",
        ),
        (  # a lead introducing two stories
            "改革先锋风采",
            "今天我们认识两位改革先行者，一位是创建蛇口工业区的袁庚，另一位是鲁冠球。",
        ),
        (  # a zone named as one example
            "会议讨论通过决定草案",
            "会议讨论通过了关于授权国务院在中国(上海)自由贸易试验区等试验区域内暂停实施有关法律规定的决定草案。",
        ),
        (  # a hospital's campus named after the zone: an organisation's address
            "【新闻特写】争分夺秒的接诊中心",
            "军队支援湖北医疗队进驻湖北省妇幼保健院光谷院区以来，接收了超过750名患者。",
        ),
        (  # an address: the story is the village's
            "【走向我们的小康生活】幸福在花海中绽放的友好村",
            "吉林省长春市净月高新区的友好村曾经是“家禽满村跑”，如今村民走向小康。",
        ),
        (  # an address: the story is the road's passer-by
            "【凡人善举】上海：七旬老人晕倒 小伙紧急施救",
            "一位七旬老人在上海浦东新区洪山路上突然晕倒在地，一名路过的小伙子伸出援手。",
        ),
        (  # a zone the story relies on, not its subject
            "“禁塑令”催生海口绿色产业集聚发展",
            "依托海南自贸港建设，海口市不断优化产业转型升级，打造全生物降解材料产业聚集区。",
        ),
    ],
)
def test_a_lead_naming_a_zone_in_passing_makes_no_subject(tagger, title, lead) -> None:
    tagged = tagger.tag_article(article_of(title, lead, BODY))
    assert tagged.subject_parks == ()
    assert tagged.paragraphs[1].parks == ()


@pytest.mark.parametrize(
    ("title", "lead", "park"),
    [
        ("海南：推进自贸区建设", "海南自贸港全岛封关运作在即，各部门加速推动。", "海南自由贸易港"),
        (  # 之路, 道路 are no roads
            "青岛：新区迸发新活力",
            "青岛西海岸新区的发展之路越走越宽，今年主要经济指标继续领跑。",
            "西海岸新区",
        ),
        (
            "天津：创新综合执法",
            "天津市在滨海新区组建综合执法大队，集中行使城市管理职能。",
            "滨海新区",
        ),
    ],
)
def test_a_place_before_the_colon_is_no_profile(tagger, title, lead, park) -> None:
    assert tagger.tag_article(article_of(title, lead, BODY)).subject_parks == (park,)
