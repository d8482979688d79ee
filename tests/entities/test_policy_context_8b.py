"""Policy-type context (round 8b): Party propaganda's 宣讲, an event a visitor came for, a
meeting's topic list and a plan named as where projects were set decide no policy type."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 宣讲 in a paragraph on preaching a meeting's spirit or a theory is Party propaganda.
        ("省委宣讲团深入社区宣讲，累计开展宣讲300多场。", "企业服务与营商环境"),
        ("老党员坚持理论宣讲十余年，义务宣讲党史近300场。", "企业服务与营商环境"),
        ("专家们走进农村宣讲全会精神，宣讲的针对性明显增强。", "企业服务与营商环境"),
        # An event named as what a visitor came for: the news is the meeting.
        ("总理在人民大会堂会见来华出席“一带一路”国际合作高峰论坛的某国总统。", "开放合作"),
        ("副主席会见来华出席中国国际进口博览会的某国总理。", "开放合作"),
        # The topics of a meeting's speakers, not what the paragraph reports being done.
        (
            "代表们分别就科研人员创新活力、海洋人才培养、生态岛建设等问题发表意见。",
            "人才政策",
        ),
        (
            "代表们分别就科研人员创新活力、海洋人才培养、生态岛建设等问题发表意见。",
            "科技创新与孵化",
        ),
        ("企业家们就营商环境、人民币汇率、全球化进程等问题发表看法。", "企业服务与营商环境"),
        # A five-year plan named as where the projects being built were set.
        ("一批“十四五”规划纲要确定的重大工程项目扎实推进，铁路完成投资3000亿元。", "发展规划"),
    ],
)
def test_a_trigger_in_this_context_decides_no_policy_type(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Explaining policies to firms is still services to firms.
        ("税务部门开展政策宣讲，帮助企业用足用好惠企政策。", "企业服务与营商环境"),
        # The event itself, not a visitor's reason to come.
        ("习近平出席第三届“一带一路”国际合作高峰论坛开幕式并发表主旨演讲。", "开放合作"),
        # A meeting's topics keep 开放合作: the cooperation a talk takes up is its news.
        ("双方就贸易、投资、金融合作等问题交换意见。", "开放合作"),
        # A plan that is the news.
        ("“十四五”规划纲要提出，到2025年基本建成现代化基础设施体系。", "发展规划"),
    ],
)
def test_the_same_words_still_decide_their_label_where_they_are_the_news(
    tagger, text, label
) -> None:
    assert label in tagger.tag_text(text).policy_types
