"""Industry tags from the wording of the label definitions, and words that name no industry
(a Latin trigger inside a longer token, military aircraft, vaccination, monetary boilerplate)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("全年旅游产业增加值增长两成。", {"现代服务业"}),
        ("16兆瓦风电机组在福清下线。", {"智能制造与高端装备", "新能源与节能环保"}),
        ("每6分钟就有一台卡车从生产线下线。", {"汽车与智能网联"}),
        # A list of examples "为代表" is what the sentence is about.
        ("以太阳能电池、锂电池、电动汽车为代表的产品出口增长。", {"新能源与节能环保"}),
    ],
)
def test_industry_wording_of_the_label_definitions(tagger, text, labels) -> None:
    assert labels <= set(tagger.tag_text(text).industries)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("一架军用飞机在该海域上空盘旋。", "智能制造与高端装备"),
        ("全国新冠疫苗接种已超过10亿剂次。", "生物医药"),
        ("继续实施积极的财政政策和稳健的货币政策。", "金融"),  # boilerplate
    ],
)
def test_a_word_in_another_sense_decides_no_industry(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


def test_monetary_policy_news_is_finance(tagger) -> None:
    assert "金融" in tagger.tag_text("美联储公布7月货币政策会议纪要。").industries


def test_a_latin_trigger_inside_a_longer_token_decides_nothing(tagger) -> None:
    assert "新一代信息技术" not in tagger.tag_text("这组照片资料总大小35GB。").industries
    assert "新一代信息技术" in tagger.tag_text("全市新建5G基站3000个。").industries
