"""Park rules of round 17 (issue 13): a park named by its trade with no place glued before it
(在吉林松原的新能源装备产业园) takes its sentence's city or county; with none it is a mention
that gives no value; a trade the sentence plans, counts or wishes for names no park."""

from __future__ import annotations

import pytest


def mentioned(tagger, text: str) -> list[str]:
    return [text[start:end] for start, end, _ in tagger.park_mentions(text)]


@pytest.mark.parametrize(
    ("text", "park"),
    [
        ("在吉林松原的新能源装备产业园，工人们正在加紧赶制订单。", "松原新能源装备产业园"),
        ("当记者来到无锡智能网联汽车生态产业园时，企业正忙着搬家。", "无锡智能网联汽车生态产业园"),
        ("遂宁市去年建成了光伏组件产业园，吸引企业入驻。", "遂宁光伏组件产业园"),
        ("天津搭建承接平台，专门成立信息技术应用创新产业园。", "天津信息技术应用创新产业园"),
        ("双方签订了《浙江龙游石墨烯材料创新产业园项目投资协议》。", "龙游石墨烯材料创新产业园"),
    ],
)
def test_a_trade_park_takes_its_sentences_place(tagger, text, park) -> None:
    """The place glued on or the nearest city or county of the sentence (a province goes)."""
    assert tagger.tag_text(text).parks == (park,)


def test_a_trade_park_with_no_place_is_a_mention_without_a_value(tagger) -> None:
    """Which 碳纤维产业园 is not said: the name is read, the paragraph files no park."""
    text = "近日，新材料产业联合工会成立大会在碳纤维产业园召开。"
    assert tagger.tag_text(text).parks == ()
    assert mentioned(tagger, text) == ["碳纤维产业园"]


@pytest.mark.parametrize(
    "text",
    [
        "各地大力建设新能源产业园，推动产业集聚。",
        "一大批人工智能产业园、大数据产业园落户天津。",
        "目前，全国跨境电商产业园超过690个。",
        "在沧州，近80家医药企业入驻当地生物医药产业园。",
        "他来到高校和文创产业园与干部群众座谈。",
        "中国电信雄安互联网产业园等一批项目有序落地。",
    ],
)
def test_a_kind_of_park_names_none(tagger, text) -> None:
    """Plans, counts, 当地, two things joined by 和, a company's park: no trade park."""
    assert not any("产业园" in name for name in mentioned(tagger, text))
    assert not any("产业园" in name for name in tagger.tag_text(text).parks)
