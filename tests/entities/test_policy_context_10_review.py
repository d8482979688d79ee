"""Policy types, fixes after the review of round 10: the 要 of 必要, 纪要 and 要素 after a
five-year plan's period is no plan's aim, and a Chinese city's name inside another word
(外长沙伦贝格, 联大连续) names no China in the foreign-trade rule."""

from __future__ import annotations

import pytest

PASSED = [
    # 要 inside 要素, 必要, 纪要: a period in passing, not a plan's aim.
    ("“十四五”期间，数据要素市场加快建设。", "发展规划"),
    ("“十四五”期间，我国建成覆盖全球、要素完备的气象数据资源体系。", "发展规划"),
    ("“十四五”期间，有必要加快发展。", "发展规划"),
    ("“十四五”期间，会议纪要显示产量增长。", "发展规划"),
    # A foreign minister's name and the UN General Assembly name no Chinese city.
    (
        "奥地利外长沙伦贝格表示，奥地利目前阶段不可能禁止进口俄罗斯天然气。",
        "开放合作",
    ),
    ("联大连续24年通过决议，敦促美国结束对古巴的经济、贸易和金融封锁。", "开放合作"),
]


@pytest.mark.parametrize(("text", "label"), PASSED)
def test_words_inside_other_words_decide_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


DECIDED = [
    # The plan's aim itself still counts, and so does a city named as a word.
    ("“十四五”期间，要加快建设现代产业体系。", "发展规划"),
    ("美国对大连出口的钢材加征关税。", "开放合作"),
    ("湖南省长沙市一家企业对美出口增长。", "开放合作"),
]


@pytest.mark.parametrize(("text", "label"), DECIDED)
def test_a_plans_aim_and_a_city_named_as_a_word_still_decide(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types
