"""load_corpus over the seeds: real titles, whole sentences, what is not body, stable ids and
sources (bad and unusual inputs: test_corpus_inputs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.ingest.corpus import load_corpus
from search.models import Corpus

SEED_TITLES = {
    "青岛高新区：积蓄高质量发展新动能",
    "青岛高新区：大企业大项目注入发展新动能",
    "向“新”而行 以“质”谋远 青岛高新区书写高质量发展新篇章",
    "昆明高新区：“相约春城发现多样高新”活动落幕",
    "青岛高新区高质量发展实体经济",
    "合肥高新区试点“职住平衡”",
    "青岛科技创新园坚持创新发展、转型升级的理念 打造“高精尖”项目吸附平台",
}
# Real sentences of the seeds, many of them broken across lines, blank lines, inserted titles,
# bylines or captions, or spaced out character by character in the source.
SEED_SENTENCES = [
    "这也正是他们将区域总部设立在青岛高新区的重要原因。",
    "青岛伟隆流体设备有限公司项目办理人潘相屹说，得益于高新区推出的“承诺即开工”审批服务模式，"
    "他们在提供承诺当天就办理了项目的施工许可证。",
    "项目是区域发展的生命线。",
    "在软件信息产业方面，腾讯双创小镇（青岛）项目、大连金慧、中软国际、中兴研发中心、"
    "“中国制造2025”青岛示范园等一批龙头项目签约落地。",
    "加快推动互联网与医疗、金融、政务等传统领域的深度融合发展。",
    "此次签约项目中，多家银行以及基金机构的引入，就是在补齐高新区金融方面的短板。",
    "已入驻青岛高新区的智能产业技术研究院，3年来已申请知识产权157项，",
    "青岛高新区构建了科技企业“微成长、小升高、高变强”梯次引育体系和“众创空间—孵化器—加速器—"
    "产业园”一体化科技企业孵化链条，依托“企业创新积分制”新型政策工具，通过数字化平台加强对企业精准培育。",
    "青岛高新区立足区域发展使命，全力构建并深耕以生物医药及医疗器械为核心、以新一代信息技术和智能制造"
    "为支柱、以现代服务业为支撑的“1+2+1”现代化产业体系。",
    "产业能级的提升，同样依托于高水平的创新策源地。",
    "针对餐饮行业，创新实施“餐饮变更一件事”，实现营业执照与经营许可证同步变更，办理效率提升50%，"
    "已惠及46家餐饮企业。",
    "此次活动采用线上+线下的方式，展示昆明高新区合理利用云南丰富的生物资源，"
    "促进高新区生物医药大健康产业高质量发展方面的优秀案例。",
    "联同云南本地主流媒体，共同组成超2000万粉丝的城市探秘团，深入昆明高新区，",
    "工业用地出让面积占土地总出让面积的86.2%，工业向上拉动GDP增长5.4个百分点，贡献率达到76.6%……",
    "以海尔生物安全科创产业园项目为例，该项目今年6月15日签订土地合同，6月30日即取得施工许可证。",
    "实施项目引进建设流程再造，青岛高新区出台《占地类产业项目服务流程再造暂行办法》，对原有流程裁弯取直，"
    "推行“阶段分包、全程串联”，原来涉及20余个部门，现在只需3个部门牵头，效能大幅提升。",
    "发挥平台效能，为产业发展链接急需的技术、人才、资金与项目资源。",
    "切实为企业减轻负担，以实体经济发展需求为着力点，青岛高新区不断优化营商环境，免除企业和人才的后顾之忧，"
    "为创新发展营造优质土壤，助力实体经济高质量发展。",
    "“有事就找网格，小事不出网格”已成为园区企业的广泛共识。",
    "开局“十四五”，奋进新征程。",
    "根据合肥市第十二次党代会推进开发区“产城融合、职住平衡”的会议精神，合肥高新区近日开展“职住平衡”试点工作。",
    "值得注意的是，重点产业企业、创新型科技研发机构职工只享受一次试点购房政策。",
    "园区众多的企业中，不少的单体项目在上、中、下游都具有产业的关联性，是一条隐形的“产业链”，"
    "各企业都有“抱团作战”的意向。",
    "其“双电机马达”产品全球销量第一，该领域国内一流、世界知名。",
]
NOT_BODY = [
    "广告",
    "李偌蔓",
    "王芙灵",
    "高欣",
    "供图",
    "右图",
    "左图",
    "本报特约通讯员",
    "周伟",
    "环境优越的青岛留学人员创业园",
    "项目建设现场",
    "高楼林立的青岛高新区",
    "本版撰稿",
]
# 001, line 39 ends mid-word ("信息技…") and the page lost the rest of that sentence.
SOURCE_CUT_OFF = "将原软件与信息技"
SPACED_OUT = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> Corpus:
    return load_corpus(seeds_dir)


def _body(corpus: Corpus) -> list[str]:
    return [p.text for a in corpus.articles for p in a.paragraphs if p.kind == "body"]


def test_seeds_give_seven_articles_with_their_real_titles(seeds: Corpus) -> None:
    assert {article.title for article in seeds.articles} == SEED_TITLES
    assert len(seeds.articles) == 7
    assert not seeds.skipped and seeds.duplicates == 0


@pytest.mark.parametrize("sentence", SEED_SENTENCES)
def test_every_seed_sentence_stands_whole_in_exactly_one_body_paragraph(
    seeds: Corpus, sentence: str
) -> None:
    assert sum(sentence in text for text in _body(seeds)) == 1


def test_captions_bylines_titles_and_the_advert_are_not_body(seeds: Corpus) -> None:
    body = "\n".join(_body(seeds))
    assert [word for word in NOT_BODY if word in body] == []
    assert [title for title in SEED_TITLES if title in _body(seeds)] == []
    kinds = {p.text: p.kind for a in seeds.articles for p in a.paragraphs}
    assert kinds["广告"] == "other"
    assert kinds["李偌蔓"] == "byline"
    assert kinds["右图：阿斯利康吸入气雾剂生产基地"] == "caption"
    assert kinds["14个重点产业项目集中签约"] == "heading"


def test_no_text_keeps_spaced_out_characters(seeds: Corpus) -> None:
    texts = [p.text for a in seeds.articles for p in a.paragraphs] + list(SEED_TITLES)
    assert [text for text in texts if SPACED_OUT.search(text)] == []


def test_body_paragraphs_end_a_sentence_or_a_list_item(seeds: Corpus) -> None:
    fragments = [
        text
        for text in _body(seeds)
        if not text.rstrip("”’）》」").endswith(("。", "！", "？", "…", "；"))
    ]
    assert [text[-8:] for text in fragments] == [SOURCE_CUT_OFF]


def test_ids_sources_and_provenance_are_stable(seeds: Corpus, seeds_dir: Path) -> None:
    again = load_corpus(seeds_dir)
    assert [a.article_id for a in again.articles] == [a.article_id for a in seeds.articles]
    for article in seeds.articles:
        assert re.fullmatch("[0-9a-f]{12}", article.article_id)
        for ordinal, paragraph in enumerate(article.paragraphs, start=1):
            assert paragraph.paragraph_id == f"{article.article_id}-{ordinal}"
            lines = seeds.source_texts[paragraph.source.file].split("\n")
            first = lines[paragraph.source.line_start - 1]
            start = next(char for char in paragraph.text if char.isalnum())
            assert start in first  # the paragraph starts on its first source line
    hefei = next(a for a in seeds.articles if a.title.startswith("合肥"))
    assert hefei.sources == ("003_c1471ef6710dc149.txt",)
    assert set(seeds.files) == set(seeds.source_texts) and len(seeds.files) == 5
