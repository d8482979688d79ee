"""Policy types, round 14: what a paragraph's point is — a road, railway, bridge or pipe in use
with no word of building (no 基础设施建设), credit with no small or technology firm named (no
科技金融)."""

from __future__ import annotations

import pytest

POLICY_PASSED = [
    # Transport in use: trains slowed by snow, bridges closed by a typhoon, traffic flowing.
    ("受降雪影响，多地铁路局开展除冰作业，部分高铁列车降速运行。", "基础设施建设"),
    ("受台风影响，跨海大桥和沿海高速公路将暂时关闭。", "基础设施建设"),
    ("长假第三天，全国高速公路和普通国道运行平稳，路网没有出现严重拥堵。", "基础设施建设"),
    ("铁路部门推出计次票产品，游客可以乘坐高铁畅游沿线景点。", "基础设施建设"),
    # Credit of the whole economy names no small or technology firm.
    ("到6月底，银行业金融机构贷款余额同比增长11%，为经济提供融资支持。", "科技金融"),
    ("银保监会要求银行完善差别化信贷政策，合理把握信贷投放节奏。", "科技金融"),
]


@pytest.mark.parametrize(("text", "label"), POLICY_PASSED)
def test_policy_words_in_these_contexts_decide_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


STILL_DECIDED = [
    # A word of building keeps the road, railway or bridge infrastructure news.
    ("这条高速公路今年建成通车，全长120公里。", "基础设施建设"),
    ("跨海大桥主体工程顺利完工，预计明年通车。", "基础设施建设"),
    ("铁路和公路项目加快推进，一批重大项目开工。", "基础设施建设"),
    # Credit for small or technology firms is technology finance.
    ("银行加大对小微企业的信贷支持，缓解融资难融资贵。", "科技金融"),
    ("科技型企业可凭知识产权质押获得贷款，融资成本明显下降。", "科技金融"),
]


@pytest.mark.parametrize(("text", "label"), STILL_DECIDED)
def test_building_news_and_firms_credit_still_decide(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types
