"""Policy types, round 10b (chosen by held-out folds over dev): 用工 alone is a workforce counted
or costed, not a service to firms; the words that say the service still decide."""

from __future__ import annotations

import pytest

LABEL = "企业服务与营商环境"

WORKFORCE = [
    "截至目前，规模以上消费品工业企业19.4万家，用工超2500万人。",
    "专家表示，从中长期看，国内用工、能源、土地等成本都面临全面上涨。",
    "朵努社区的“零工驿站”热闹起来，对接用工企业、介绍岗位信息。",
    "河南及时梳理本地用工规模较大、带动就业能力强的用人企业。",
]


@pytest.mark.parametrize("text", WORKFORCE)
def test_a_workforce_counted_or_costed_is_no_service_to_firms(tagger, text) -> None:
    assert LABEL not in tagger.tag_text(text).policy_types


SERVICE = [
    "运用以工带工、云上面试等方式帮助辖区内企业解决400余人用工缺口。",
    "人社部门为重点企业开展用工服务，保障生产线满负荷运转。",
]


@pytest.mark.parametrize("text", SERVICE)
def test_the_words_that_say_the_service_still_decide(tagger, text) -> None:
    assert LABEL in tagger.tag_text(text).policy_types
