"""Policy types, round 9b: a label the article's title names is decided by titled words of its kind
in the paragraph (开放 under a title on opening up, 民营 under one on private firms); wording the
label definitions imply (单一窗口, 研发支出, 海绵城市, 标准厂房); words in another sense."""

from __future__ import annotations

import pytest
from corpus_fixtures import label_evidence, tagged_under_title

TITLED = [
    (
        "高水平开放 为世界经济复苏注入动力",
        "2022年，开放推动中国高质量发展稳步前行。",
        "开放合作",
        "开放",
    ),
    (
        "【支持民营企业在行动】国家发改委：多措并举支持民企发展",
        "对于如何让民营企业更好参与混合所有制改革，有关负责人作了介绍。",
        "企业服务与营商环境",
        "民营",
    ),
    (
        "一季度国家多措并举 助企纾困稳增长",
        "20多个省区市也已经出台地方细则，既包括财政、金融、就业等普惠性政策。",
        "企业服务与营商环境",
        "政策",
    ),
    (
        "【经济转型进行时】山东：技术创新推动产业升级",
        "现在鲁南工程技术研究院研发的新材料已经面世。",
        "科技创新与孵化",
        "研发",
    ),
    (
        "【新思想引领新征程】长三角一体化发展不断迈上新台阶",
        "三省一市推动市场一体化，先进制造业集群联盟挂牌成立。",
        "发展规划",
        "一体化",
    ),
    (
        "【绿水青山就是金山银山】盘活存量集约用地 龙岩保住绿水青山",
        "过去这里是一片废弃的煤矿矿山，近8000亩的土地闲置无用。",
        "土地与空间",
        "土地",
    ),
]


@pytest.mark.parametrize(("title", "text", "label", "word"), TITLED)
def test_a_word_of_the_labels_kind_decides_it_under_a_title_naming_the_label(
    tagger, title, text, label, word
) -> None:
    paragraph = tagged_under_title(tagger, title, text)
    assert label in paragraph.policy_types
    assert label_evidence(paragraph)[label] == (word,)


@pytest.mark.parametrize(("title", "text", "label", "word"), TITLED)
def test_the_same_word_under_another_title_decides_nothing(
    tagger, title, text, label, word
) -> None:
    assert label not in tagged_under_title(tagger, "今年经济运行总体平稳", text).policy_types


@pytest.mark.parametrize(
    ("title", "text", "label"),
    [
        # 改革开放 is a slogan, not opening up; 开创新时代 holds no 创新.
        ("扩大高水平对外开放", "各地以改革开放做动力，进一步激发市场活力。", "开放合作"),
        (
            "自主创新推进科技强国建设",
            "为开创新时代中国特色大国外交作出积极贡献。",
            "科技创新与孵化",
        ),
    ],
)
def test_a_titled_word_inside_another_word_decides_nothing(tagger, title, text, label) -> None:
    assert label not in tagged_under_title(tagger, title, text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("国际贸易实现单一窗口联网申报覆盖全国口岸。", "审批服务改革"),
        ("187项高频政务事项实现“跨省通办”，企业登记全省通办。", "审批服务改革"),
        ("内地居民出入境证件“全程网办”试点扩至50个城市。", "审批服务改革"),
        ("企业登记实现自主申报，让企业真正感受到“一次都不用跑”的便捷。", "审批服务改革"),
        ("2015年，我国全社会研发支出有望达到14300亿元。", "科技创新与孵化"),
        ("天津滨海新区打造了57个国家级研发平台。", "科技创新与孵化"),
        ("“十三五”期间，13个省还在90个城市开展了省级海绵城市试点。", "基础设施建设"),
        ("全国冬春农田水利基本建设电视电话会议召开。", "基础设施建设"),
        ("园区拿出提前建好标准厂房等多项对策，让企业拎包入驻。", "土地与空间"),
    ],
)
def test_these_words_now_decide_their_label(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("上海精准有力严防境外疫情输入，持续有效巩固防控成果。", "开放合作"),
        ("开创了中国特色社会主义道路，坚定沿着中国特色社会主义道路前进的信心。", "基础设施建设"),
        ("二十届首都规划建设委员会第七次全体会议在京召开。", "发展规划"),
        ("经文化和旅游部数据中心测算，国庆假期国内旅游出游4.22亿人次。", "基础设施建设"),
        ("《干部任用条例》是干部选拔任用工作的基本遵循。", "企业服务与营商环境"),
    ],
)
def test_words_in_another_sense_decide_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types
