"""Industries and policy types, round 18 (precision: dev batches 1-22): a covering list that names a
few of many, a strategy's region as a place, a product's safety, work safety among fields, a
broadcaster's 直播, a car as a material's use or a polluter, inland fishing, the non-manufacturing
index, 农渔业, talent trained for another country and people settling decide nothing; the label
itself still decides."""

from __future__ import annotations

import pytest

BIOPHARMA = "生物医药"
PLAN = "发展规划"
SAFETY = "安全生产"
SERVICES = "现代服务业"
CARS = "汽车与智能网联"
OCEAN = "海洋经济"
MANUFACTURING = "智能制造与高端装备"
TALENT = "人才政策"
INVESTMENT = "招商引资"


@pytest.mark.parametrize(
    "text",
    [
        "本次集中签约的32个项目涵盖新一代信息技术、生物医药、新能源等多个领域，总投资超过260亿元。",
        "招聘会上，300多家企业推出岗位8000多个，涵盖生物医药、电子信息、现代物流等多个行业。",
    ],
)
def test_a_covering_list_of_a_few_of_many_is_examples(tagger, text) -> None:
    assert BIOPHARMA not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "签约项目涵盖生物医药、光电信息、汽车零部件等领域，总投资120亿元。",
        "园区重点发展生物医药、集成电路、新材料等产业，今年产值有望突破千亿元。",
    ],
)
def test_a_covered_or_focused_list_is_still_the_subject(tagger, text) -> None:
    assert BIOPHARMA in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "从京津冀到粤港澳大湾区，这条高速公路串起了沿线多个经济中心。",
        "深圳将加强与粤港澳大湾区其他城市的交流，共同打造科技创新走廊。",
        "目前，我国已布局北京、上海、粤港澳大湾区三个国际科技创新中心。",
    ],
)
def test_a_strategys_region_as_a_place_is_no_plan_news(tagger, text) -> None:
    assert PLAN not in tagger.tag_text(text).policy_types


def test_the_strategy_itself_is_still_plan_news(tagger) -> None:
    assert PLAN in tagger.tag_text("广东深入推进粤港澳大湾区建设，规则衔接不断深化。").policy_types


@pytest.mark.parametrize(
    "text",
    [
        "会议要求，加强节日期间食品安全监管，严厉打击制售假冒伪劣食品行为。",
        "各地药监部门持续加强药械质量安全监管，保障群众用药安全。",
        "今年，设备更新支持范围将扩展至电子信息、安全生产、设施农业等领域。",
    ],
)
def test_a_products_safety_or_safety_among_fields_is_no_work_safety(tagger, text) -> None:
    assert SAFETY not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "应急管理部要求，各地加强安全监管，坚决遏制重特大事故发生。",
        "社区网格员承担走访企业、安全生产、矛盾调解等职责，每月上门巡查两次。",
    ],
)
def test_work_safety_is_still_work_safety(tagger, text) -> None:
    assert SAFETY in tagger.tag_text(text).policy_types


def test_a_broadcasters_live_coverage_is_no_live_streaming_trade(tagger) -> None:
    text = "明晚八点，综艺频道将直播元宵晚会，新闻频道还将推出直播特别节目《灯火里的中国》。"
    assert SERVICES not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "湖北秭归的果农每天在直播间推介脐橙，线上销量同比翻了一番。",
        "央视新闻新媒体推出公益带货直播，帮助湖北农产品打开销路。",
    ],
)
def test_live_streaming_sales_are_still_services(tagger, text) -> None:
    assert SERVICES in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "这家钢铁企业在当地投资建设了汽车用钢研发中心，主攻高强度钢板。",
        "随着机动车保有量增加，汽车尾气排放已成为城市空气污染的重要来源。",
    ],
)
def test_a_car_as_a_materials_use_or_a_polluter_is_no_car_news(tagger, text) -> None:
    assert CARS not in tagger.tag_text(text).industries


def test_cars_made_and_sold_are_still_car_news(tagger) -> None:
    text = "一季度，我国汽车产销量分别增长10%和12%，出口汽车超过百万辆。"
    assert CARS in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "长江流域重点水域实行十年禁捕，当地渔业逐步转向生态养殖和休闲垂钓。",
        "每年冬天，查干湖迎来渔业生产的黄金期，冬捕吸引了大批游客。",
        "双方同意深化农渔业合作，扩大优质农产品贸易。",
    ],
)
def test_inland_or_farm_fishing_is_no_marine_economy(tagger, text) -> None:
    assert OCEAN not in tagger.tag_text(text).industries


def test_fishing_at_sea_is_still_marine_economy(tagger) -> None:
    text = "沿海渔民告别近海捕捞，渔业产值今年增长了8%。"
    assert OCEAN in tagger.tag_text(text).industries


def test_the_non_manufacturing_index_is_no_manufacturing(tagger) -> None:
    text = "8月份非制造业商务活动指数为52.5%，非制造业景气水平继续回升。"
    assert MANUFACTURING not in tagger.tag_text(text).industries


def test_talent_trained_for_another_country_is_no_talent_policy(tagger) -> None:
    text = "习近平指出，中方愿继续为瓦方培养各类人才，支持瓦方经济社会发展。"
    assert TALENT not in tagger.tag_text(text).policy_types


def test_talent_trained_at_home_is_still_talent_policy(tagger) -> None:
    text = "学院与企业合作办学，为地方培养更多技能人才。"
    assert TALENT in tagger.tag_text(text).policy_types


def test_people_settling_land_no_project(tagger) -> None:
    text = "今年起，高校毕业生可凭毕业证书在省会城市落户，硕士、博士零门槛落户。"
    assert INVESTMENT not in tagger.tag_text(text).policy_types


def test_firms_settling_are_still_investment_news(tagger) -> None:
    text = "今年以来，已有20多家企业落户园区，协议投资额超过50亿元。"
    assert INVESTMENT in tagger.tag_text(text).policy_types
