"""Industries and policy types, round 12: who a sentence is about and what its point is — a
meeting's topics, people brought in, a diplomatic talk's fields of cooperation, what others
praise, retail sales in a macro report, officials' misconduct, an enumeration 从…到…再到…, a
road closed or the Party's 道路, a bus, a crop — and Chinese firms investing abroad."""

from __future__ import annotations

import pytest
from corpus_fixtures import tagged_under_title

POLICY_PASSED = [
    # A meeting's topics, however the list closes (…等重大问题建言献策).
    (
        "全国政协要围绕推动有效落实宏观政策、扎实推进绿色低碳发展、推动长三角一体化发展、"
        "推动中部地区崛起等重大问题建言献策、凝聚共识。",
        "发展规划",
    ),
    # 引进 of people is talent policy, not investment attracted.
    ("苏州引进人才连续多年高速增长，今年又引进留学回国人员1.5万人。", "招商引资"),
    # A field two countries cooperate in is the talk's cooperation, not a policy of its own.
    ("中方愿同安方推进复工复产合作，鼓励有实力的中国企业赴安投资。", "企业服务与营商环境"),
    # What others praise is the praise's news.
    ("与会各方赞赏中国持续优化营商环境取得的成效。", "企业服务与营商环境"),
    # A road closed to traffic, and the Party's road.
    ("受强降雪影响，辽宁境内多条高速公路封闭，相关部门出动除雪机械。", "基础设施建设"),
    (
        "道路问题是关系党的事业兴衰成败第一位的问题，道路就是党的生命，社会主义是干出来的。",
        "基础设施建设",
    ),
    # An ordinal's 一件事 is no 一件事一次办; a port's foreign-trade throughput is port news.
    ("他上任后第一件事就是带动大伙改建新型日光温室。", "审批服务改革"),
    ("上半年全国港口完成外贸吞吐量22.9亿吨，同比增长8.8%。", "开放合作"),
]


@pytest.mark.parametrize(("text", "label"), POLICY_PASSED)
def test_policy_words_in_these_contexts_decide_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


POLICY_DECIDED = [
    # Chinese firms investing, buying or building abroad are opening-up news.
    ("中国企业将以2.25亿美元收购秘鲁钱凯码头60%股权。", "开放合作"),
    ("中国企业承建的蒙内铁路通车以来运营平稳。", "开放合作"),
    # A plan's period ending with what will be done is the plan's aim.
    ("按照规划，到“十四五”末，这些工程将基本建成并陆续开始发挥效益。", "发展规划"),
]


@pytest.mark.parametrize(("text", "label"), POLICY_DECIDED)
def test_these_contexts_now_decide_their_policy_type(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


STILL_DECIDED = [
    ("开发区今年引进项目32个，总投资120亿元。", "招商引资"),
    ("多条高速公路今年建成通车，路网更加完善。", "基础设施建设"),
    ("国务院常务会议部署推动长三角一体化发展。", "发展规划"),
]


@pytest.mark.parametrize(("text", "label"), STILL_DECIDED)
def test_the_same_words_still_decide_elsewhere(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


def test_a_works_word_is_infrastructure_under_an_infrastructure_title(tagger) -> None:
    text = "已开工建设的132项工程中，中西部占75%，贫困地区占56%。"
    titled = tagged_under_title(tagger, "172项重大水利工程已开工132项", text)
    assert "基础设施建设" in titled.policy_types
    neutral = tagged_under_title(tagger, "国务院新闻办举行发布会", text)
    assert "基础设施建设" not in neutral.policy_types


INDUSTRY_PASSED = [
    # Retail sales beside other aggregates: a macro report.
    (
        "今年1—5月，全社会固定资产投资同比增长49.9%；社会消费品零售总额超过1681亿元，"
        "同比增长37.1%。",
        "现代服务业",
    ),
    # Officials' misconduct: what was misused is no industry.
    ("某局原处长违规收受礼金，将个人旅游和高消费娱乐费用由下属支付。", "现代服务业"),
    # An enumeration of examples.
    ("从孩子入学到养老服务，再到看病就医，群众的幸福感看得见摸得着。", "现代服务业"),
    # A long-distance bus is transport.
    ("通车以前，人们往返两地主要靠长途汽车，耗时12小时以上。", "汽车与智能网联"),
    # A medicinal crop grown is farming; a government fund is public finance.
    ("村里在传统种植中药材的基础上，又新建了100多个大棚。", "生物医药"),
    ("加大政府性基金调入一般公共预算统筹使用力度。", "金融"),
]


@pytest.mark.parametrize(("text", "label"), INDUSTRY_PASSED)
def test_industry_words_in_these_contexts_decide_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


INDUSTRY_STILL = [
    ("消费市场持续回暖，社会消费品零售总额同比增长10.2%，网上零售额增长较快。", "现代服务业"),
    ("该市设立200亿元产业投资基金，支持集成电路企业融资。", "金融"),
    ("新能源汽车产销两旺，汽车出口量跃居世界第一。", "汽车与智能网联"),
    # The links of a chain enumerated are the industry's (round 12's review).
    ("从芯片设计到晶圆制造，再到封装测试，这里已形成完整的产业链。", "新一代信息技术"),
]


@pytest.mark.parametrize(("text", "label"), INDUSTRY_STILL)
def test_industry_words_still_decide_elsewhere(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries
