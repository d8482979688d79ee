"""The article's subject park from its lead: none for national meetings, a person's profile, a
lead introducing two stories, or a zone named as an example, as the story's means or as a
hospital's campus, or as a village's or road's address; ordinary park news keeps its subject."""

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


@pytest.mark.parametrize(
    ("title", "lead", "park"),
    [
        # a verb or a common word before 路, 村, 社区 is prose, not an address
        ("天津：推动制度创新", "天津滨海新区开辟新路，推动制度创新。", "滨海新区"),
        ("雄安：交通先行", "雄安新区建设铁路和城市道路，交通网络加快成形。", "雄安新区"),
        ("青岛：人居环境", "青岛西海岸新区农村人居环境整治全面铺开。", "西海岸新区"),
        ("青岛：乡村振兴", "青岛西海岸新区乡村振兴工作走在全省前列。", "西海岸新区"),
        ("上海：高质量发展", "上海浦东新区创新思路，推动高质量发展。", "浦东新区"),
        ("青岛：政策宣讲", "青岛高新区深入社区开展政策宣讲，企业反响热烈。", "青岛高新区"),
        ("成都：新经济", "成都高新区找准出路，发展新经济。", "成都高新区"),
        (  # a later mention in passing leaves the opening sentence's subject
            "青岛：企业增长",
            "青岛高新区今年新增高新技术企业120家。在全省评比中，青岛高新区等3个园区获评示范园区。",
            "青岛高新区",
        ),
        (
            "苏州：经济增长",
            "苏州工业园区一季度地区生产总值增长8%。记者走进苏州工业园区星湖街道，企业忙生产。",
            "苏州工业园区",
        ),
        (
            "苏州：经济增长",
            "苏州工业园区一季度地区生产总值增长8%，企业利用苏州工业园区的政策加快扩产。",
            "苏州工业园区",
        ),
        (  # 另一个 alone is prose, not a second story
            "青岛：生物医药",
            "青岛高新区今年新增生物医药企业50家，另一个亮点是研发投入增长三成。",
            "青岛高新区",
        ),
        (
            "苏州：外资",
            "苏州工业园区今年实际使用外资增长两成，另一个变化是服务业占比提升。",
            "苏州工业园区",
        ),
        (  # a national body's visit is no meeting
            "全国政协调研组来鲁调研",
            "全国政协调研组日前来到青岛高新区，调研生物医药产业。",
            "青岛高新区",
        ),
        (
            "全国人大常委会执法检查组来苏检查",
            "全国人大常委会执法检查组日前来到苏州工业园区，检查环境保护法实施情况。",
            "苏州工业园区",
        ),
    ],
)
def test_an_ordinary_park_news_lead_keeps_its_subject(tagger, title, lead, park) -> None:
    assert tagger.tag_article(article_of(title, lead, BODY)).subject_parks == (park,)


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (  # zones named as the opportunity the story seizes, like 依托
            "广东中山：打造大湾区高品质宜商城市",
            "广东中山市积极参与粤港澳大湾区建设，抢抓横琴、前海两个合作区建设机遇。",
        ),
        (  # a trial in the zone's court
            "刘铁男涉嫌受贿案今天一审开庭",
            "河北省廊坊市中级法院在廊坊市经济技术开发区法院依法公开开庭审理刘铁男涉嫌受贿案。",
        ),
        ("国内联播快讯", "国务院批准设立舟山港综合保税区"),  # a news flash's first item
        (  # a list closed by 等 gives examples
            "国务院批复同意开展服务贸易创新发展试点",
            "国务院同意在哈尔滨新区、江北新区、两江新区、贵安新区、西咸新区等省市开展试点。",
        ),
        (  # whole names listed: several stories, not one list of places
            "丁薛祥访问新加坡",
            "丁薛祥主持中新苏州工业园区、中新天津生态城和中新（重庆）互联互通示范项目机制会议。",
        ),
    ],
)
def test_round_7_leads_naming_a_zone_in_passing_make_no_subject(tagger, title, lead) -> None:
    assert tagger.tag_article(article_of(title, lead, BODY)).subject_parks == ()


def test_the_places_of_one_list_in_the_opening_sentence_are_all_the_subject(tagger) -> None:
    lead = "商务部表示，随着广东、天津、福建和上海自贸区的实施方案公布，自贸区试点范围扩大。"
    tagged = tagger.tag_article(article_of("我国四个自贸区将共用一张负面清单", lead, BODY))
    zones = {"广东自贸试验区", "天津自贸试验区", "福建自贸试验区", "上海自贸试验区"}
    assert set(tagged.subject_parks) == zones
    assert set(tagged.paragraphs[1].parks) == zones
    # Hovering 天津自贸试验区 on the next paragraph shows the list's places, 天津 among them.
    evidence = {name: spans for facet, name, spans in tagged.paragraphs[1].tag_evidence}
    assert all("天津" in evidence[zone] for zone in zones)


def test_a_lead_naming_a_zone_and_its_sub_park_is_the_sub_parks_story(tagger) -> None:
    """Round 9: 中关村 and its 海淀园 in one lead are one story, the sub-park's (its zone comes
    with it); before, two names made no subject."""
    lead = "北京中关村核心区海淀园将分园建到河北秦皇岛，形成跨区域协同创新发展的新格局。"
    tagged = tagger.tag_article(article_of("京冀联手 打造协同发展样板区", lead, BODY))
    assert tagged.subject_parks == ("中关村海淀园", "中关村科技园区")


def test_a_lead_naming_a_park_of_a_zone_is_that_parks_story(tagger) -> None:
    """Round 10: a trade park named with its zone's name (北京中关村东升科技园) is one story, the
    park's, carried to every paragraph; before, the zone inside its name (and a quoted 中关村)
    made two names and no subject, so a paragraph saying only 东升科技园 had no park."""
    lead = "北京中关村东升科技园是第一个以“中关村”命名的乡镇工业园。这里成为科技企业的创新沃土。"
    body = "初创企业缺什么，就帮他们补什么，这正是东升科技园的特色所在。"
    tagged = tagger.tag_article(article_of("让创新的种子茁壮成长 开花结果", lead, body))
    assert tagged.subject_parks == ("中关村东升科技园",)
    assert tagged.paragraphs[-1].parks == ("中关村东升科技园",)
