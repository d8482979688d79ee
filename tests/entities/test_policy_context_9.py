"""Policy types, round 9: 落户 of household registration, a strategy named as an opportunity or
a policy's backing, two countries' strategies aligned and a pipeline accident decide nothing; a
cooperation park abroad is opening-up news; wording the label definitions imply (水利, 多规合一)."""

from __future__ import annotations

import pytest
from corpus_fixtures import article_of


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 落户 where people settle (积分落户, 户籍): no project lands.
        ("积分落户为普通劳动者开辟了一条落户北京这样超大城市的通道。", "招商引资"),
        ("放宽农业转移人口落户条件，推进户籍制度改革。", "招商引资"),
        # A strategy named as the opportunity or the backing a place has: background.
        ("天津拥有自贸区建设、京津冀协同发展等战略机遇叠加效应，干部群众都很振奋。", "发展规划"),
        ("天津拥有自贸区建设、京津冀协同发展等战略机遇叠加效应，干部群众都很振奋。", "开放合作"),
        ("在革命老区振兴发展、长三角一体化等政策赋能下，当地大力发展新兴产业。", "发展规划"),
        # Two countries' strategies aligned: diplomacy, as 发展战略对接 is.
        ("双方要结合中方西部大开发战略和约方“向东看”战略，扩大双边投资合作规模。", "发展规划"),
        # A pipeline accident's paragraph builds no infrastructure.
        ("事故的直接原因是输油管道与排水暗渠交汇处管道腐蚀减薄、管道破裂。", "基础设施建设"),
        ("为确保安全，事发地附近的煤气站也已及时关闭管道。", "基础设施建设"),
        # Two weak plan words in one phrase are one mention.
        ("脱贫攻坚和乡村振兴都是党中央作出的重大战略部署。", "发展规划"),
        # Words in another sense.
        ("1月份新出口订单指数较上月上升1.4个百分点。", "开放合作"),
        ("犯罪集团庇护电诈团伙实施跨境电信网络诈骗，诈骗数额达数十亿元。", "开放合作"),
        ("长征五号大火箭是里程碑，航天人正迎接新一代大火箭再次直上云霄。", "安全生产"),
        ("河北廊坊市用工业化的模式建设现代农业。", "企业服务与营商环境"),
        ("四川落实最严格的耕地保护制度，出台耕地保护党政同责目标考评细则。", "土地与空间"),
    ],
)
def test_a_trigger_in_this_context_decides_no_policy_type(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("南水北调东线、中线一期工程的陆续通水，已有一亿二千万人口直接受益。", "基础设施建设"),
        ("全省实现县县通高速、市市通高铁。", "基础设施建设"),
        ("光昆山就打通了8条沪苏之间的“断头路”。", "基础设施建设"),
        ("海南启动省域“多规合一”改革，化解规划矛盾。", "土地与空间"),
        ("要衔接国土空间规划和用途管制，完善分区管控方案。", "土地与空间"),
        ("吉安全面启动农村危旧土坯房改造，九户人家成为首批受益者。", "住房保障"),
        ("贫困户文辉志搬到县城安置区里的新家。", "住房保障"),
        ("国家发展改革委将尽快下达后续资金额度，提高资金使用效率。", "财政奖补"),
        ("广东组建5家省基础学科研究中心，连续五年对每家中心每年支持800万元。", "财政奖补"),
        ("对集成电路设计和软件企业继续实施所得税“两免三减半”优惠政策。", "财政奖补"),
        ("今年就有3个大科学装置开工建设。", "科技创新与孵化"),
        ("我国科考队在北冰洋作业56天，完成43个潜次作业任务。", "科技创新与孵化"),
        ("邵阳聚焦解决企业“急难愁盼”问题，每月举行企业家接待日活动。", "企业服务与营商环境"),
        ("湖南共有6900多家规模以上工业企业开复工。", "企业服务与营商环境"),
        ("推行“不见面”办事，企业开办实现“一窗通”。", "审批服务改革"),
        ("6000多职工经过各类新技能的再培训，当上了超市服务员。", "人才政策"),
        ("三省一市充分发挥长三角区域一体化优势，联防联控、政策协同。", "发展规划"),
        ("快递企业加快建设海外仓，稳步拓展国际寄递市场。", "开放合作"),
        ("日方希望加快区域自贸安排谈判进程。", "开放合作"),
        ("张高丽表示，中方愿与白方共同将中白工业园建设成为丝绸之路经济带上的明珠。", "开放合作"),
    ],
)
def test_these_words_now_decide_their_label(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # 落户 of a project, with no word of household registration, still lands a project.
        ("一批重大项目落户开发区，总投资120亿元。", "招商引资"),
        # A strategy seized as the paragraph's own subject is still plan news.
        ("河北全面融入京津冀协同发展，加快承接北京非首都功能疏解。", "发展规划"),
        # A pipeline built is still infrastructure.
        ("中俄东线天然气管道全线贯通，年输气量380亿立方米。", "基础设施建设"),
        # 重大战略 with another plan word is still plan news (weak, not gone).
        ("这是党中央作出的重大战略部署，要落实“十四五”规划。", "发展规划"),
        # 自主研发 said once is a word in passing; with another trigger it counts.
        ("企业自主研发芯片测试机，加大研发投入。", "科技创新与孵化"),
    ],
)
def test_the_label_still_stands(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


def test_a_paragraph_of_an_article_about_a_cooperation_park_abroad_is_opening_up(tagger) -> None:
    texts = (
        "国家主席习近平在明斯克考察中国-白俄罗斯工业园。",
        "习近平夫妇同卢卡申科共同参观工业园沙盘，认真听取园区负责人介绍。",
    )
    last = tagger.tag_article(article_of("习近平考察中国-白俄罗斯工业园", *texts)).paragraphs[-1]
    assert "开放合作" in last.policy_types
    evidence = {label: words for facet, label, words in last.tag_evidence if facet != "parks"}
    assert evidence["开放合作"] == ("中国-白俄罗斯工业园",)


def test_a_subject_park_abroad_is_the_evidence_of_opening_up_news(tagger) -> None:
    """Review: of two subject parks (a home park and one abroad), the park abroad explains
    开放合作, not the first subject's phrase (苏州工业园区 says nothing of abroad)."""
    text = "双方负责人出席签约仪式。"
    tagged = tagger.tag_article(
        article_of("苏州工业园区与中白工业园签署合作协议", text)
    ).paragraphs[0]
    evidence = {label: words for facet, label, words in tagged.tag_evidence if facet != "parks"}
    assert evidence["开放合作"] == ("中白工业园",)


@pytest.mark.parametrize(
    "text", ["京津冀协同发展不能坐等机遇。", "长三角一体化不能等待机遇，要主动作为。"]
)
def test_waiting_for_an_opportunity_lists_no_strategy(tagger, text) -> None:
    """Review: the 等 of 等待机遇 / 坐等机遇 is waiting, not the end of a list of strategies."""
    assert "发展规划" in tagger.tag_text(text).policy_types
