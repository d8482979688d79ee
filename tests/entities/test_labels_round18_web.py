"""Industries and policy types, round 18 (web news: local news sites and government notices): a
park's land counted and a modern industrial system named in passing are no plan, a plan named in
quotes is; a port's berths built, investors coming to a province or drawn in to settle and new drugs
approved are their labels' news; a newspaper's name and a figurative 基因 name no industry."""

from __future__ import annotations

import pytest
from corpus_fixtures import article_of

from search.entities.tagger import Tagger
from search.models import Paragraph

PLAN = "发展规划"
LAND = "土地与空间"


def tagged(tagger: Tagger, text: str) -> Paragraph:
    """`text` tagged as a web page's paragraph: an article of its own, with no title (the index
    folds traditional characters per article)."""
    return tagger.tag_article(article_of("", text)).paragraphs[0]


def test_a_parks_land_counted_is_land_not_a_plan(tagger) -> None:
    text = "据悉，该新材料产业园规划建设2800亩，分为研发区、生产区和配套区三大板块。"
    tags = tagged(tagger, text)
    assert LAND in tags.policy_types
    assert PLAN not in tags.policy_types


def test_planning_and_building_without_land_is_still_a_plan(tagger) -> None:
    text = "市里将规划建设城市副中心，打造区域发展新引擎。"
    assert PLAN in tagged(tagger, text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "今年上半年，开发区电子信息、装备制造产业增速分别达到12.5%、20.1%，现代产业体系加速成势。",
        "今年上半年，開發區電子信息、裝備製造產業增速分別達到12.5%、20.1%，現代產業體系加速成勢。",
    ],
)
def test_a_modern_industrial_system_said_once_is_no_plan(tagger, text) -> None:
    assert PLAN not in tagged(tagger, text).policy_types


def test_a_modern_industrial_system_built_is_a_plans_aim(tagger) -> None:
    text = "全市将加快构建以先进制造业为支撑的现代产业体系。"
    assert PLAN in tagged(tagger, text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "市政府提出“大东湖”规划，将新城规划总面积扩大至500平方公里。",
        "區政府近日印發實施「一核兩翼」規劃，明確未來五年發展方向。",
    ],
)
def test_a_plan_named_in_quotes_is_plan_news(tagger, text) -> None:
    assert PLAN in tagged(tagger, text).policy_types


def test_berths_built_are_infrastructure(tagger) -> None:
    text = "港区将建成泊位40个，年通过能力达到1.2亿吨。"
    assert "基础设施建设" in tagged(tagger, text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "这一时期，一批国际知名企业相继来津投资，带动了当地工业快速发展。",
        "近年來，一批龍頭企業紛紛來渝投資興業。",
        "园区完善配套设施，两年来吸引了20多家电子信息企业入驻。",
    ],
)
def test_firms_coming_to_invest_or_settle_is_investment_attraction(tagger, text) -> None:
    assert "招商引资" in tagged(tagger, text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "园区企业累计获批国家1类新药12款，多款创新药已在海外上市。",
        "这家企业研发的创新药近日获批上市，填补了国内空白。",
    ],
)
def test_new_drugs_approved_are_innovation(tagger, text) -> None:
    assert "科技创新与孵化" in tagged(tagger, text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("消息来源：上海证券报。商务部今天发布了国家级经开区考核评价结果。", "金融"),
        ("多年来，改革开放的精神已深深镌刻在新区发展的基因之中。", "生物医药"),
        ("敢闯敢试的创新基因，让这座城市不断焕发活力。", "生物医药"),
    ],
)
def test_a_newspaper_or_a_figure_of_speech_names_no_industry(tagger, text, label) -> None:
    assert label not in tagged(tagger, text).industries


def test_commercial_vehicles_are_cars(tagger) -> None:
    text = "圖為正在試生產的商用車焊裝車間，項目達產後可形成年產20萬輛的生產能力。"
    assert "汽车与智能网联" in tagged(tagger, text).industries
