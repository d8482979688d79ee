"""Review 21 (round 17 tidy): one list of small and technology firms for the credit rules."""

from __future__ import annotations

import pytest

# Round 9c's list (monetary policy) lacked 初创 and 专精特新, so their loans under a rate cut were
# the economy's credit; round 14's list had them. One list now: such firms' finance is 科技金融.
SMALL_FIRM_CREDIT = [
    "人民银行下调支农支小再贷款利率，引导银行加大对专精特新企业的贷款投放。",
    "央行下调贷款市场报价利率，鼓励银行向初创企业发放贷款。",
]


@pytest.mark.parametrize("text", SMALL_FIRM_CREDIT)
def test_credit_for_small_firms_on_monetary_news_is_tech_finance(tagger, text) -> None:
    assert "科技金融" in tagger.tag_text(text).policy_types


# Round 9c's list had 实体经济, the whole real economy: credit to it is no firm's finance, on
# monetary news or any other (28 archive paragraphs would have gained 科技金融 wrongly with it).
ECONOMY_CREDIT = [
    "上半年对实体经济发放的人民币贷款增加6.59万亿元，实体经济综合融资成本明显下降。",
    "央行要求金融机构注重通过激活货币信贷存量支持实体经济发展，保持货币信贷平稳适度增长。",
    "2020年末，全国企业贷款加权平均利率为4.61%，实体经济融资成本明显下降。",
    "证监会对上市公司再融资规则做出修改，防止过度融资，引导资金流向实体经济。",
]


@pytest.mark.parametrize("text", ECONOMY_CREDIT)
def test_credit_to_the_real_economy_is_no_tech_finance(tagger, text) -> None:
    assert "科技金融" not in tagger.tag_text(text).policy_types
