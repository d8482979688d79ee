"""Organisation names in news reports: the person or place before a reporting verb (会见, 考察 …)
and a date are never part of the name after them; verbs inside a real name stay (国家开发银行)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search.entities.tagger import Tagger
from search.entities.taxonomy import DEFAULT_DIRECTORY


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # QA s11 M2: jieba tags 会见 `n`; 招商 after 考察 is no proper name
        ("习近平会见世界银行行长金墉。", ("世界银行",)),
        ("李克强考察招商银行。", ("招商银行",)),
        ("李克强会见亚洲开发银行行长。", ("亚洲开发银行",)),
        ("李克强在中南海紫光阁会见世界银行行长。", ("世界银行",)),
        ("习近平在北京会见清华大学经济管理学院顾问委员会。", ("清华大学经济管理学院",)),
        ("习近平在人民大会堂会见国际货币基金组织总裁。", ("国际货币基金组织",)),
        ("张高丽调研青岛大学。", ("青岛大学",)),
        ("国务院总理李克强来到太原市人民医院看望患者。", ("国务院", "太原市人民医院")),
        # a person and a reporting verb before a generic name leave nothing
        ("习近平来到医院。", ()),
        # a date before the name is when, not part of it
        ("王毅在北京出席2025年亚洲基础设施投资银行理事会年会。", ("亚洲基础设施投资银行",)),
        ("2018年非洲孔子学院联席会议在内罗毕举行。", ("非洲孔子学院",)),
    ],
)
def test_reports_of_a_meeting_or_visit_name_only_the_organisation(tagger, text, names) -> None:
    assert tagger.tag_text(text).organizations == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("国家开发银行向园区企业发放贷款。", ("国家开发银行",)),
        ("新开发银行在上海开业。", ("新开发银行",)),
        ("中国进出口银行支持企业走出去。", ("中国进出口银行",)),
        ("招商银行发布年报。", ("招商银行",)),
        ("世界银行发布全球经济展望报告。", ("世界银行",)),
        ("中国建设银行高新区支行为企业授信。", ("中国建设银行",)),
        (
            "中国进出口银行、招商银行和世界银行参与融资。",
            ("中国进出口银行", "招商银行", "世界银行"),
        ),
    ],
)
def test_names_with_a_verb_inside_stay_whole(tagger, text, names) -> None:
    assert tagger.tag_text(text).organizations == names


def test_reporting_verbs_are_read_from_the_vocabulary(tmp_path: Path) -> None:
    """Whoever edits organizations.yaml decides which verbs end a name."""
    directory = tmp_path / "taxonomy"
    shutil.copytree(DEFAULT_DIRECTORY, directory)
    vocabulary = directory / "organizations.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    assert "reporting_verbs: [会见, " in text
    vocabulary.write_text(text.replace("reporting_verbs: [会见, ", "reporting_verbs: ["))
    edited = Tagger.load(directory)
    assert edited.tag_text("李克强会见世界银行行长。").organizations == ("李克强会见世界银行",)
    assert edited.tag_text("李克强考察招商银行。").organizations == ("招商银行",)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a verb glued to 于 (就读于, 任教于) or a reporting verb glued to its manner (实地考察)
        ("1924年王文明就读于上海大学社会系。", ("上海大学",)),
        ("2004年全职回国任教于清华大学。", ("清华大学",)),
        ("孙春兰实地考察亿利资源集团治理沙漠生态。", ("亿利资源集团",)),
        # a long name jieba knows (最高人民法院, nt): only places and names join it on the left
        ("全国人大常委会审议最高人民法院关于规范司法的报告。", ("最高人民法院",)),
        ("李克强表示，中国高度重视国际货币基金组织的作用。", ("国际货币基金组织",)),
        ("中华人民共和国最高人民法院公告。", ("中华人民共和国最高人民法院",)),
        ("习近平在莫斯科国际关系学院发表演讲。", ("莫斯科国际关系学院",)),
        ("美国约翰斯·霍普金斯大学发布数据。", ("美国约翰斯·霍普金斯大学",)),
        # a person's title ends the name before it
        ("阿巴斯再次代表葛兰素史克总公司致歉。", ("葛兰素史克总公司",)),
    ],
)
def test_a_clause_before_the_name_is_not_part_of_it(tagger, text, names) -> None:
    assert tagger.tag_text(text).organizations == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # what follows the suffix is a title or an event, not more of the name
        ("二十国集团领导人峰会在杭州举行。", ("二十国集团",)),
        ("七国集团峰会今天在英国开幕。", ("七国集团",)),
        ("国防大学举行开学典礼。", ("国防大学",)),
        # a long name jieba knows makes its own first word proper (最高, 中央)
        ("最高人民检察院发布指导性案例。", ("最高人民检察院",)),
        ("中央人民政府驻香港联络办公室。", ("中央人民政府",)),
        # a company's short name jieba has rarely seen (太钢, 国铁, 国机)
        ("由太钢集团参与研发的手撕钢。", ("太钢集团",)),
        ("国铁集团将继续强化运输组织。", ("国铁集团",)),
        ("国机集团、中国石化加紧生产。", ("国机集团",)),
        # longer suffixes: 基金会 (not 基金), …集团公司, …总公司
        ("中国宋庆龄基金会捐赠物资。", ("中国宋庆龄基金会",)),
        ("习近平对盖茨基金会同中方合作表示赞赏。", ("盖茨基金会",)),
        ("中央巡视组进驻中国石油化工集团公司。", ("中国石油化工集团公司",)),
        ("中国烟草总公司公布年报。", ("中国烟草总公司",)),
        # an alias is read as the listed name, whatever suffix it ends with
        ("人民银行的统计数据显示。", ("中国人民银行",)),
        # the body that runs a fund, not the fund (review s12 S5)
        ("国家自然科学基金委员会资助项目。", ("国家自然科学基金委员会",)),
        ("李克强听取国家自然科学基金委工作汇报。", ("国家自然科学基金委员会",)),
        ("全国社会保障基金理事会发布年报。", ("全国社会保障基金理事会",)),
        ("国家自然科学基金资助项目。", ("国家自然科学基金",)),
        # a sector clipping after a place is that place's company
        ("重庆城投集团发行债券。", ("重庆城投集团",)),
    ],
)
def test_well_known_names_are_found(tagger, text, names) -> None:
    assert tagger.tag_text(text).organizations == names


@pytest.mark.parametrize(
    "text",
    [
        # the suffix heads another word: 大学生, 银行业, 学子, 集团军
        "成都第31届世界大学生夏季运动会开幕。",
        "中国银行业资产质量总体稳定。",
        "激励着后来的北师大学子。",
        "陆军第79集团军某合成旅进行演练。",
        # a short name jieba knows is a kind, not an organisation
        "推进公立医院改革。",
        "患儿转到儿童医院救治。",
        # 基金 before a place's head is a place (基金小镇)
        "在杭州基金小镇，政府负责服务。",
        # a common word before 集团 is no company's short name
        "建成各类企业集团。",
        # nor a sector's clipping (review s12 S4): a kind of local company, not one
        "该市组建文旅集团。",
        "组建数科集团。",
        "该市组建康养集团。",
        "成立文投集团。",
        "城投集团发行债券。",
        "市城建集团承建。",
        "省交投集团通车。",
        "推进垦区集团化改革。",
        "建成各类职教集团1500多个。",
        "年内央企集团层面全部完成公司制改制。",
        # a body that runs a fund and is not listed is not cut to its fund (…基金|理事会)
        "某省产业投资基金理事会召开会议。",
    ],
)
def test_no_organisation_in_a_kind_or_another_word(tagger, text) -> None:
    assert tagger.tag_text(text).organizations == ()


def test_a_bureau_head_keeps_the_bureau(tagger) -> None:
    """…公安局长 is the bureau's 局长: 长 does not make 公安局 another word."""
    assert tagger.tag_text("大庆市公安局长曹力伟接访。").organizations == ("大庆市公安局",)
