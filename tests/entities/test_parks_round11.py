"""Park rules of round 11 (issue 13), read on the judged batches 11-13: a nickname zone's own
management committee, a city that is a province alone, listed twin parks, a count with what the
listed zones share, foreign and province-wide names, a zone's name with a bare park word."""

from __future__ import annotations

import pytest

from tests.corpus_fixtures import article_of


@pytest.mark.parametrize(
    "text",
    [
        "一项新政策刚刚在北京推出，中关村管委会联合银行、保险公司推出小额贷款保证保险。",
        "为创新创业者提供服务的中关村管委会创业服务处代表闫颖回答了记者的提问。",
    ],
)
def test_a_nickname_zones_management_committee_names_the_zone(tagger, text) -> None:
    """中关村管委会 is the zone's own administration, as 苏州工业园区管委会 is: it names the
    zone."""
    assert tagger.tag_text(text).parks == ("中关村科技园区",)


def test_a_company_named_after_a_nickname_still_names_no_zone(tagger) -> None:
    assert tagger.tag_text("中关村发展集团今天发布了年度报告。").parks == ()


@pytest.mark.parametrize(
    "text",
    [
        "根据规划，未来上海工业园区的发展方向，将是两头在沪。",
        "未来上海市工业园区的发展方向是总部经济。",
    ],
)
def test_a_city_that_is_a_province_alone_names_no_unseen_zone(tagger, text) -> None:
    """上海工业园区 is Shanghai's industrial parks in general, as 江西新区 is a province's."""
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("最近，在小微企业密集的重庆市高新区，重庆首家小微企业专营支行开业。", "重庆高新区"),
        ("北京开发区今年新增企业三百家。", "北京经开区"),
        ("天津经济开发区的企业加快复工。", "天津经开区"),
    ],
)
def test_such_a_city_still_names_the_zones_the_gazetteer_knows(tagger, text, park) -> None:
    parks = tagger.tag_text(text).parks
    assert parks == (park,)


@pytest.mark.parametrize(
    "text",
    [
        "马方希望扩大双边贸易，建设好钦州和关丹两个产业园区，欢迎中国企业参与。",
        "两国政府见证了经贸合作五年规划及钦州、关丹产业园区等多项合作协议的签署。",
        "进一步加强钦州和关丹产业园建设。",
    ],
)
def test_the_twin_parks_of_china_and_malaysia_listed_by_place(tagger, text) -> None:
    assert set(tagger.tag_text(text).parks) == {"中马钦州产业园区", "马中关丹产业园区"}


def test_a_count_may_say_the_listed_zones_are_newly_set_up(tagger) -> None:
    text = "这次北京、湖南、安徽、浙江4个新设自贸试验区或者扩区，会实现京津冀的全覆盖。"
    assert tagger.tag_text(text).parks == (
        "北京自贸试验区",
        "湖南自贸试验区",
        "安徽自贸试验区",
        "浙江自贸试验区",
    )


def test_a_lead_listing_newly_set_up_zones_makes_them_the_subject(tagger) -> None:
    article = article_of(
        "自贸区进一步扩容 加快形成发展新格局",
        "王受文介绍，这次北京、湖南、安徽、浙江4个新设自贸试验区或者扩区，会实现京津冀的全覆盖。",
        "王受文介绍，4个新设自贸试验区或者扩区，明确了各有侧重的改革试点任务。",
    )
    paragraph = tagger.tag_article(article).paragraphs[-1]
    assert set(paragraph.parks) == {
        "北京自贸试验区",
        "湖南自贸试验区",
        "安徽自贸试验区",
        "浙江自贸试验区",
    }


def test_a_zone_of_a_foreign_city_is_no_value(tagger) -> None:
    text = "李克强还在州元首陪同下听取了马六甲临海工业园区项目介绍。"
    assert tagger.tag_text(text).parks == ()


def test_a_province_wide_designation_is_never_the_articles_subject(tagger) -> None:
    """浙江共同富裕示范区 is the whole province, like a 改革试验区: a story about 浙江 is not filed
    under it; a paragraph naming it still is."""
    article = article_of(
        "浙江：干在实处走在前 勇立潮头敢为先",
        "党的十八大以来，浙江坚持创新驱动、绿色发展，努力推进高质量发展建设共同富裕示范区。",
        "从那以后，浙江开始践行“绿水青山就是金山银山”的发展理念。",
        "浙江将扎实推动高质量发展建设共同富裕示范区。",
    )
    tagged = tagger.tag_article(article)
    assert tagged.subject_parks == ()
    assert tagged.paragraphs[1].parks == ()
    assert tagged.paragraphs[2].parks == ("浙江共同富裕示范区",)


@pytest.mark.parametrize(
    "text",
    [
        "2015年12月20日，位于深圳市光明新区的红坳渣土受纳场发生滑坡事故。",
        "国务院批复了广东深圳光明新区渣土受纳场滑坡事故调查报告。",
    ],
)
def test_a_city_district_once_called_a_new_area_is_no_zone(tagger, text) -> None:
    assert tagger.tag_text(text).parks == ()


def test_a_zones_name_and_a_bare_park_word_is_the_zone(tagger) -> None:
    text = "在徐汇漕河泾产业园，这家主营汽车芯片的企业今天有1700多名员工到岗。"
    assert tagger.tag_text(text).parks == ("漕河泾开发区",)


@pytest.mark.parametrize(
    ("text", "parks"),
    [
        (
            "湖南、江西两省共同建立湘赣边区域合作示范区，面积超过5万平方公里。",
            ("湘赣边区域合作示范区",),
        ),
        (
            "双方合作打造了海法新港、中以常州创新园、上海创新园等标志性项目。",
            ("中以常州创新园", "中以（上海）创新园"),
        ),
    ],
)
def test_zones_of_round_11_are_in_the_gazetteer(tagger, text, parks) -> None:
    assert tagger.tag_text(text).parks == parks
