"""Policy types, round 10: foreign economies' own trade, strategies listed as where a place has a
role, 要 inside 重要 after a five-year plan, 院士 as a scientist's title, cooperation in a list of
fields, and kinds of thing the labels cover that the vocabulary did not name."""

from __future__ import annotations

import pytest

PASSED = [
    # Trade of foreign economies among themselves: no opening-up of China's.
    ("德国政府发言人表示，美国对进口钢铝产品加征关税“最终将损害各方利益”。", "开放合作"),
    ("日本国会通过预算案，其中防卫预算增加约16.6%，民众反对解禁战斗机出口。", "开放合作"),
    # Strategies listed as where a place has a role: background to the port's news.
    (
        "宁波舟山港在共建“一带一路”、长江经济带发展、长三角一体化发展等国家战略中具有重要地位。",
        "发展规划",
    ),
    (
        "宁波舟山港在共建“一带一路”、长江经济带发展、长三角一体化发展等国家战略中具有重要地位。",
        "开放合作",
    ),
    # 要 inside 重要: a period in passing, not a plan's aim.
    ("“十四五”期间，总书记主持召开重要会议，走进能源基地。", "发展规划"),
    # 院士 said once is a scientist's title in a story.
    ("刘永坦院士致力于我国海防科技事业40年，研制我国第一台新体制对海远程探测雷达。", "人才政策"),
    # Domestic trade is no opening-up.
    ("国务院批准在9个城市开展国内贸易流通体制改革发展综合试点。", "开放合作"),
]


@pytest.mark.parametrize(("text", "label"), PASSED)
def test_words_in_passing_or_abroad_decide_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


DECIDED = [
    ("双方要深化核能、航空、金融、可持续发展等领域务实合作。", "开放合作"),
    ("两国企业界主张深化在创新、数字经济、绿色发展等领域高水平合作。", "开放合作"),
    ("要深入贯彻座谈会精神，推动新时代东北全面振兴取得新突破。", "发展规划"),
    ("重庆积极建设成渝地区双城经济圈，加快打造内陆开放高地。", "发展规划"),
    ("会议部署“十四五”时期纵深推进大众创业万众创新。", "发展规划"),
    ("会议部署推进物流枢纽布局建设，促进提高国民经济运行效率。", "基础设施建设"),
    ("5G网络、千兆光网建设和商用加快推进。", "基础设施建设"),
    ("会议部署建设综合立体交通走廊。", "基础设施建设"),
    ("2022年全市落地冰雪项目93项，投产运营54个。", "招商引资"),
    ("缩短企业注册时间的商事登记制度改革等措施同时推进。", "审批服务改革"),
    ("海关开展通关便利化专项行动，首推网上报关。", "审批服务改革"),
    ("积极回应外资企业来华营商便利等诉求。", "企业服务与营商环境"),
    ("河南今年将实施10万就业见习岗位募集计划。", "人才政策"),
    ("以重大科技基础设施为牵引，一批重大原创成果不断产出。", "科技创新与孵化"),
    ("陕西依托光学科研基础，推动光子产业聚链成群。", "产业链培育"),
    ("要推动产业集成集约集群发展。", "产业链培育"),
    ("会议要求进一步完善住房供应体系。", "住房保障"),
]


@pytest.mark.parametrize(("text", "label"), DECIDED)
def test_these_kinds_of_thing_now_decide_their_label(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


KEPT = [
    # China's trade with a foreign economy, or China's own, is still opening-up news.
    ("中美贸易摩擦持续，美国宣布加征关税。", "开放合作"),
    ("今年前两个月，浙江对美国出口增长12%。", "开放合作"),
    ("我国对欧盟出口增长5.2%。", "开放合作"),
    # A plan's aim in its period still decides.
    ("“十四五”期间，全省要建成一批重大工程。", "发展规划"),
    # Talent brought in by a scheme for academicians, or 院士 said twice.
    ("园区引进院士专家团队12个，新建院士工作站3家。", "人才政策"),
    # A strategy the paragraph reports on, not a list a place has a role in.
    ("推动长江经济带发展是国家一项重大区域发展战略。", "发展规划"),
]


@pytest.mark.parametrize(("text", "label"), KEPT)
def test_the_same_labels_still_hold_where_they_did(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


def test_cooperation_in_any_list_of_fields_is_not_enough(tagger) -> None:
    text = "双方同意在打击跨国犯罪、人文、发展等领域的合作。"
    assert "开放合作" not in tagger.tag_text(text).policy_types


# China named where round 10 did not see it (review16): a pair the other way round, a city, a
# park's or a law's name; the paragraph reports China's own trade.
CHINA_NAMED = [
    "俄罗斯海关官员表示，2018年，俄中双边贸易额突破1000亿美元。",
    "德国媒体报道说，美国的做法将使美中两国贸易关系更加紧张。",
    "这家位于宁波的轴承企业，对美出口占销售总额的三成，美国加征关税带来一定冲击。",
    "今年前两个月，苏州工业园区对美国出口增长12%。",
    "根据《中华人民共和国进出口关税条例》，对部分美国商品提高加征关税税率。",
]


@pytest.mark.parametrize("text", CHINA_NAMED)
def test_trade_of_a_paragraph_naming_china_is_opening_up(tagger, text) -> None:
    assert "开放合作" in tagger.tag_text(text).policy_types


# Words that only look like China (review16): 华 of 华盛顿, 中 of 其中, the Middle East, a
# country's own 国内 or 全国, a city's name inside a foreign place's.
NOT_CHINA = [
    "特朗普政府拟对进口钢铁和铝产品加征关税，美方此举在美国国内引发强烈反对。",
    "美国全国零售商联合会表示，加征关税将导致美国商品价格上涨。",
    "美国总统在华盛顿宣布对进口钢铝产品加征关税。",
    "美国商务部数据显示，4月进口额环比下降16.3%，其中美国消费品进口下降32%。",
    "美国对中东地区的武器出口增长两成。",
    "美国马里兰州一家企业的出口订单减少。",
    "日本北海道的扇贝出口欧洲受阻。",
]


@pytest.mark.parametrize("text", NOT_CHINA)
def test_trade_of_foreign_economies_only_is_no_opening_up(tagger, text) -> None:
    assert "开放合作" not in tagger.tag_text(text).policy_types
