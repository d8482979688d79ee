"""Policy types, round 9c: kinds of thing the labels cover (a canal built, 四好农村路, 增资,
土地开发, firms counted by tier, an accident's dead), and words in another sense (a province's
R&D spending, monetary policy's credit, finance's support of small firms, a year's targets)."""

from __future__ import annotations

import pytest

DECIDED = [
    ("西部陆海新通道的骨干工程平陆运河建设抓紧进行，船闸主体正在浇筑。", "基础设施建设"),
    ("一条新开通的“四好农村路”直达村里的田间地头。", "基础设施建设"),
    ("“十三五”期间，全省攻克关键技术300余项，高新技术企业达到6989家。", "企业梯度培育"),
    ("这家德国企业计划投资3亿元，这已是企业三年来的第5次增资。", "招商引资"),
    ("国家支持新区在土地开发整理和利用等方面先行先试。", "土地与空间"),
    ("去年12月，渣土受纳场发生滑坡事故，造成73人死亡、4人下落不明。", "安全生产"),
]


@pytest.mark.parametrize(("text", "label"), DECIDED)
def test_these_kinds_of_thing_now_decide_their_label(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


PASSED = [
    ("2020年，全省研发投入超过3200亿元，占GDP比重达2.9%。", "财政奖补"),
    ("金融支持是激发小微企业活力、助推小微企业成长壮大的重要力量。", "企业服务与营商环境"),
    ("欧洲央行宣布下调三大关键利率，主要再融资利率下调60个基点，称融资条件受到限制。", "科技金融"),
    ("下半年将改善和优化融资结构和信贷结构，降低社会融资成本。", "科技金融"),
    ("各地要保持经济持续健康发展，确保完成全年经济社会发展主要目标任务。", "发展规划"),
    ("要提升两国联通水平，带动澜湄次区域协同发展。", "发展规划"),
    ("十八大开幕前，不少境外媒体记者提前启动了采访进程。", "开放合作"),
    ("深化反腐败国际合作，持续开展“天网行动”。", "开放合作"),
    ("另一位代表是一家银行的贸易金融部总经理。", "开放合作"),
    ("在全国地市开展分级诊疗试点，推进家庭医生签约服务。", "招商引资"),
    ("拟给予市委书记党内警告处分，按规定上报审批。", "审批服务改革"),
]


@pytest.mark.parametrize(("text", "label"), PASSED)
def test_words_in_another_sense_decide_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


NOT_INVESTMENT = [
    "个人缴费标准提高30元，新增资金重点用于城乡居民大病保险。",
    "世界银行赞赏中方支持世界银行增资和股权改革。",
]


@pytest.mark.parametrize("text", NOT_INVESTMENT)
def test_capital_added_by_no_investing_firm_lands_no_investment(tagger, text) -> None:
    assert "招商引资" not in tagger.tag_text(text).policy_types


KEPT = [
    ("去年省财政投入3亿元用于支持企业技术改造。", "财政奖补"),
    ("各地出台措施帮助中小企业渡过难关。", "企业服务与营商环境"),
    ("央行下调利率，引导银行加大对小微企业的贷款和融资支持。", "科技金融"),
    ("高铁建设全面提速，一批项目集中开工。", "基础设施建设"),
    ("今年以来，科技型企业签约落户园区。", "招商引资"),
]


@pytest.mark.parametrize(("text", "label"), KEPT)
def test_the_same_labels_still_hold_where_they_did(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types
