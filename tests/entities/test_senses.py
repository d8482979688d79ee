"""An industry word that names what a paragraph only uses or cites decides no industry: a vehicle
travelled in or crashed (round 8), the source a figure is quoted from."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("近百名员工从首都乘飞机离开，陆续经第三国转机回国。", "智能制造与高端装备"),
        ("铁路部门连续第五年开行动车组专列送务工人员返乡。", "智能制造与高端装备"),
        ("高速公路上发生交通事故，共有12辆汽车连环相撞。", "汽车与智能网联"),
        ("飞机坠毁位置位于山林地区，救援人员正在展开搜救。", "智能制造与高端装备"),
    ],
)
def test_a_vehicle_in_use_is_no_industry_news(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("百度发布最新的无人驾驶汽车，引来参观者体验。", "汽车与智能网联"),
        ("乘势而上，全市新能源汽车产量增长三成。", "汽车与智能网联"),
        ("国产大飞机完成试飞，飞机制造产业链加快集聚。", "智能制造与高端装备"),
    ],
)
def test_the_vehicle_as_product_keeps_its_industry(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("根据气象卫星监测显示，北方大部地区出现高温天气。", "智能制造与高端装备"),
        ("据俄罗斯卫星通讯社报道，双方在边境地区交火。", "智能制造与高端装备"),
        ("据商务大数据监测，假期前四天全国重点商场客流增长。", "新一代信息技术"),
    ],
)
def test_the_source_of_a_figure_is_no_industry_news(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


def test_a_figure_about_the_industry_keeps_it(tagger) -> None:
    """据统计 names no source word of its own; the industry is the figure's subject."""
    text = "据统计，今年前三季度卫星发射次数创历史新高。"
    assert "智能制造与高端装备" in tagger.tag_text(text).industries
