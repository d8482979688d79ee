"""Cited policy-document titles: one canonical title per document, its written variants kept."""

from __future__ import annotations

import pytest

from search.entities.citations import canonical_title, cited_titles, policy_documents


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("纲要（2023年版）", "纲要"),
        ("鼓励外商投资产业目录（2019版）", "鼓励外商投资产业目录"),
        ("外商投资产业指导目录（2017年修订）", "外商投资产业指导目录"),
        ("乡村振兴战略规划(2018-2022年)", "乡村振兴战略规划"),
        ("乡村振兴战略规划（２０１８－２０２２年）", "乡村振兴战略规划"),
        ("中国共产党章程(修正案)", "中国共产党章程（修正案）"),
        ("百年潮•中国梦", "百年潮·中国梦"),
        ("和平－命运共同体", "和平——命运共同体"),
        ("关于聚焦创新引领 加快企业雁阵培育的意见", "关于聚焦创新引领加快企业雁阵培育的意见"),
    ],
)
def test_variants_fold_to_one_canonical_title(written: str, canonical: str) -> None:
    assert canonical_title(written) == canonical


def test_a_year_that_names_the_document_is_kept() -> None:
    # Only a trailing edition or period in brackets is dropped: these are different documents.
    assert canonical_title("2024年春节联欢晚会") == "2024年春节联欢晚会"
    assert canonical_title("世界开放报告2024") == "世界开放报告2024"
    assert canonical_title("中央全面深化改革委员会2024年工作要点") == (
        "中央全面深化改革委员会2024年工作要点"
    )


def test_cited_titles_pair_each_spelling_with_its_title_and_skip_publications() -> None:
    text = (
        "《乡村振兴战略规划（2018—2022年）》与《乡村振兴战略规划》一并印发，"
        "《人民日报》报道了《乡村振兴战略规划(2018-2022年)》。"
    )
    title = "乡村振兴战略规划"
    assert cited_titles(text) == [
        (title, "乡村振兴战略规划（2018—2022年）"),
        (title, title),
        (title, "乡村振兴战略规划(2018-2022年)"),
    ]
    assert policy_documents(text) == (title,)  # the tags carry the canonical title once
