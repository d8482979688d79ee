"""Policy types, round 8c: 顶层设计 said once is no plan news, a meeting's topics end in more
ways (等问题作了发言, 等问题争相发表意见), support of small or private firms is services to
firms unless it is their finance, 京津冀…协同发展 is the strategy, trade expos are opening up."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 顶层设计 said once: any reform or diplomatic talk "designs from the top".
        ("要加强财政支农政策顶层设计，优化财政支农投入供给。", "发展规划"),
        ("两国元首将为进一步发展和深化双边关系作出顶层设计。", "发展规划"),
        # The topics a meeting's speakers take up, whatever verb closes the list.
        (
            "委员们围绕推进结构性改革、强化知识产权保护、促进企业技术创新等问题作了发言。",
            "科技创新与孵化",
        ),
        (
            "代表们就加快科技创新体系建设、加强生态环境保护、增强文化软实力等问题争相发表意见。",
            "科技创新与孵化",
        ),
        # Support of small firms that is their finance is no service to firms (科技金融's).
        ("支持小微企业在境内外直接融资，探索缓解小微企业融资难题。", "企业服务与营商环境"),
        ("要畅通多元化融资渠道，支持民营企业通过资本市场发展壮大。", "企业服务与营商环境"),
    ],
)
def test_a_trigger_in_this_context_decides_no_policy_type(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("稳住经济基本盘要着力帮助中小企业渡过难关，维护其合法权益。", "企业服务与营商环境"),
        ("广东从土地、政策等多方面提供要素保障，帮助中小企业走专业化之路。", "企业服务与营商环境"),
        ("以大兴国际机场为核心的重点工程陆续复工，推动京津冀地区协同发展。", "发展规划"),
        ("申冬奥成功，不仅加速了京津冀的协同发展，也让人们的生活悄然改变着。", "发展规划"),
        ("第112届中国进出口商品交易会将于明天开幕，24840家境内外企业进馆布展。", "开放合作"),
        ("第四届消博会上，不少外国企业带来了更多的新产品。", "开放合作"),
        ("第十届中国—东盟博览会将于9月3日在广西南宁开幕。", "开放合作"),
    ],
)
def test_these_words_now_decide_their_label(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 顶层设计 with another plan word is still plan news (weak, not gone).
        ("对未来五年的发展作出顶层设计，编制“十五五”规划纲要。", "发展规划"),
        # A topic list of 经贸合作 is still the cooperation a talk takes up.
        ("双方就贸易、投资、金融合作等问题作了发言。", "开放合作"),
        # Support that is the finance of small firms stays 科技金融.
        ("支持小微企业在境内外直接融资，探索缓解小微企业融资难题。", "科技金融"),
    ],
)
def test_the_same_words_still_decide_their_label_where_they_are_the_news(
    tagger, text, label
) -> None:
    assert label in tagger.tag_text(text).policy_types
