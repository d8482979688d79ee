"""Round 16 (issue 13): how local news and government notices word investment attraction,
industrial chains, land and their industries (the judged web sample, half 0, read for classes of
wording). Every sentence here is written for the test, none is taken from a web page."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "今年以来，一批产业项目在开发区有序落地，带动就业岗位3000个。",
        "全年共有12个亿元以上的项目在园区落地。",
        "去年全市落地包括电池材料、整车制造、精密模具等重大项目56个。",
        "经过半年洽谈，智能装备产业园正式落地该县。",
        "年产10万辆的整车项目昨天正式开工，预计明年投产。",
        "某公司芯片产业园项目18日在该市经开区开工，总投资80亿元。",
        "县政府与一家材料公司签订了《高性能纤维产业园项目投资协议》，项目分两期建设。",
    ],
)
def test_a_project_landing_or_breaking_ground_is_investment_attraction(tagger, text) -> None:
    """Local news words 招商引资 as projects that land, plants that break ground and agreements
    signed (the agreement's own title says what was agreed)."""
    assert "招商引资" in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "一批中外合作项目在沿线国家落地生根。",
        "研究团队的多个科研项目落地，成果陆续发表。",
        "这条城市快速路项目今天开工，全长12公里。",
        "两国外长签署《关于恢复外交关系的联合公报》。",
    ],
)
def test_other_projects_and_documents_attract_no_investment(tagger, text) -> None:
    """Cooperation or research projects, a road's 开工 and a communiqué signed are other news."""
    assert "招商引资" not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "该市推行产业链“链长制”，由市领导分别担任重点产业链链长。",
        "各地纷纷推出“链长”，一条产业链一名负责人。",
    ],
)
def test_chain_leaders_are_chain_building(tagger, text) -> None:
    assert "产业链培育" in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "新材料产业园规划建设2500亩，分为研发区和生产区。",
        "去年向园区供应工业用地5宗630亩。",
        "该区的产业用地日益紧张，亟需拓展发展空间。",
        "市里把高新区的规划总面积扩大到600平方公里。",
    ],
)
def test_a_zones_land_counted_is_land_and_space(tagger, text) -> None:
    assert "土地与空间" in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "今年全县辣椒种植面积达到5万亩。",
        "项目总占地面积800亩，建设标准化生产车间。",
        "医院总用地面积约300亩，建筑面积8万平方米。",
        "去年社区征地200亩，没有出现一例上访。",
    ],
)
def test_farmland_or_a_plants_footprint_is_no_land_policy(tagger, text) -> None:
    assert "土地与空间" not in tagger.tag_text(text).policy_types


def test_a_zones_plan_drafted_is_development_planning(tagger) -> None:
    text = "开发区编制了园区总体发展规划，明确了三年目标。"
    assert "发展规划" in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "在长三角一体化战略深入推进的背景下，当地引进了一批石墨烯项目。",
        "这一项目的落地，对当地产业升级具有重大战略意义。",
    ],
)
def test_a_strategy_as_background_or_significance_is_no_plan(tagger, text) -> None:
    assert "发展规划" not in tagger.tag_text(text).policy_types


def test_high_tech_firms_multiplying_is_tiered_growth(tagger) -> None:
    text = "三年来，园区高新技术企业实现逐年倍增。"
    assert "企业梯度培育" in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("该公司专注于量子计算，其量子计算机样机已交付客户。", "新一代信息技术"),
        ("园区引进年产300万片大硅片项目。", "新一代信息技术"),
        ("当地推动传统企业升级“智造”，建成多条自动化产线。", "智能制造与高端装备"),
    ],
)
def test_industry_wording_of_park_news(tagger, text, industry) -> None:
    assert industry in tagger.tag_text(text).industries


def test_quantum_technology_said_once_is_a_field_in_passing(tagger) -> None:
    text = "该省将在量子信息、深空探测等领域布局一批攻关项目。"
    assert "新一代信息技术" not in tagger.tag_text(text).industries


def test_a_new_energy_smart_car_is_a_car_not_new_energy(tagger) -> None:
    tags = tagger.tag_text("该区的新能源智能汽车工厂主体结构完成封顶。")
    assert "汽车与智能网联" in tags.industries
    assert "新能源与节能环保" not in tags.industries


@pytest.mark.parametrize(
    "text",
    [
        "上半年，该区汽车、电子信息、新材料产业增速分别达到30.1%、12.5%、20.4%。",
        "临港产业区将形成以汽车、电子信息、新材料为“龙头”的产业格局。",
    ],
)
def test_a_list_given_figures_or_made_the_lead_is_the_subject(tagger, text) -> None:
    """Each item of a list given its own figure (…分别达到) or made the lead (…为“龙头”) is
    what the paragraph reports, as a list of a place's leading industries is."""
    assert {"汽车与智能网联", "新一代信息技术", "新材料"} <= set(tagger.tag_text(text).industries)


def test_a_work_safety_drive_reports_no_business_of_the_firm_named(tagger) -> None:
    """安全生产 is no production: a firm named for its accident says nothing of its trade."""
    text = "为吸取某化工新材料科技有限公司爆炸事故教训，全省开展化工行业安全生产整治专项行动。"
    tags = tagger.tag_text(text)
    assert "新材料" not in tags.industries
    assert "安全生产" in tags.policy_types
