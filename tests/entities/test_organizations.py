"""Organisation names in news reports: the person or place before a reporting verb (会见, 考察 …)
and a date are never part of the name after them; verbs inside a real name stay (国家开发银行)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search.entities.tagger import Tagger
from search.entities.taxonomy import DEFAULT_DIRECTORY


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.load()


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
