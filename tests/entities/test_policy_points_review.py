"""Policy types, a fix after the review of round 14 (review20): a firm or a plan named in the
paragraph counts though the tagger blanks names — credit to a company whose name says 科技 is
technology finance, and a railway plan's 《…规划纲要》 is a word of building."""

from __future__ import annotations

import pytest

DECIDED = [
    # A technology firm named only by its company name (blanked before the trigger search),
    # in a paragraph on monetary policy too (round 9c).
    ("工商银行向深圳市大疆创新科技有限公司发放贷款5亿元，融资成本下降。", "科技金融"),
    ("降准后，银行向合肥本源量子计算科技有限责任公司发放贷款，融资成本下降。", "科技金融"),
    # A railway network's plan: its 《》 title says 规划, so the railways are being built.
    (
        "《新时代交通强国铁路先行规划纲要》今天发布，高铁网和普速铁路网都将进一步优化和完善。",
        "基础设施建设",
    ),
]


@pytest.mark.parametrize(("text", "label"), DECIDED)
def test_names_and_titles_the_paragraph_writes_count_as_its_words(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


PASSED = [
    # Still round 14's: the economy's credit and transport in use.
    ("到6月底，银行业金融机构贷款余额同比增长11%，为经济提供融资支持。", "科技金融"),
    ("受台风影响，跨海大桥和沿海高速公路将暂时关闭。", "基础设施建设"),
    ("《焦点访谈》播出：春运期间全国铁路发送旅客4亿人次。", "基础设施建设"),
]


@pytest.mark.parametrize(("text", "label"), PASSED)
def test_credit_and_transport_without_such_words_still_decide_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types
