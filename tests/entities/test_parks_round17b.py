"""Park rules of round 17b (issue 13): a zone's short name stands only where it is a word of its
sentence (not 前 of 目前), not a person's name (张江红), not after another country's, province's
or zone's name (俄罗斯滨海新区, 南昌光谷, 雄安新区中关村科技园), and not as the first word of a
school's or a laboratory's name (中关村三小, 中关村实验室)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "休斯顿说，目前海盾号与中国海巡01轮仍在搜寻。",
        "舞剧展现了800年前海上丝绸之路的商贸盛况。",
        "推出了反映800多年前海上丝绸之路盛况的原创剧目。",
        "推动境外共建园区发展，目前海外经贸合作区已经有80多家企业入驻。",
    ],
)
def test_a_short_name_inside_another_word_is_no_zone(tagger, text) -> None:
    """前 of 目前 or 年前 (ago) is no start of 前海, and no 前海外经贸合作区 is made of it."""
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("灯光秀以光影为笔、以前海地标建筑群为卷，展现城市活力。", "前海深港现代服务业合作区"),
        ("贵阳携手中关村共建区域合作新模式", "中关村科技园区"),
        ("2016年上海自贸区运行3周年之际，浦东推出新一轮改革。", "上海自贸试验区"),
        ("张江的集成电路企业去年营收增长两成。", "张江高新区"),
    ],
)
def test_a_short_name_after_a_word_that_ends_stands(tagger, text, zone) -> None:
    """A preposition (以), a word that ends before the name (携手) or a year keeps the zone."""
    assert zone in tagger.tag_text(text).parks


@pytest.mark.parametrize(
    "text",
    [
        (
            "局长胡本乐、原纪检组长张江红等4人饭后打牌。会议决定，分别给予胡本乐、"
            "张江红党内严重警告处分，免去张江红宁国市国税局党组成员职务。"
        ),
        "获奖人员：王玲（女） 张工 张江汀 张福海 陈旭（女）",
    ],
)
def test_a_short_name_starting_a_persons_name_is_no_zone(tagger, text) -> None:
    """张江 with one more character before a list's end is a person, throughout the paragraph."""
    assert tagger.tag_text(text).parks == ()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("人们辗转在俄罗斯滨海新区找到当年带领船队的船长。", ()),
        ("他还视察了南昌光谷展厅，肯定他们攻科研、闯市场的做法。", ()),
        ("在南宁·中关村创新示范基地，企业负责人介绍了新产品。", ()),
        ("在雄安新区中关村科技园，11家北京科技企业集中入驻。", ("雄安新区",)),
        ("在保定市高新区中关村创新基地内，应用于航天的新材料正在生产。", ("保定高新区",)),
    ],
)
def test_a_zones_name_after_another_place_is_that_places_own(tagger, text, kept) -> None:
    """A country, a city of another province or another province's zone written right before a
    zone's name without its place owns what is named: 中关村 of 南宁 is not Beijing's."""
    assert tagger.tag_text(text).parks == kept


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("白俄罗斯中白工业园、中国巴基斯坦如意纺织工业园正在加紧建设。", "中白工业园"),
        ("武汉光谷的光电子企业加快出海。", "东湖高新区"),
        ("天津滨海新区推出新一轮改革举措。", "滨海新区"),
        ("浦东新区张江的药企研发管线不断增加。", "张江高新区"),
    ],
)
def test_a_zones_name_after_its_own_place_stands(tagger, text, zone) -> None:
    """A park abroad after its country, a zone after its own city or its own district's zone."""
    assert zone in tagger.tag_text(text).parks


@pytest.mark.parametrize(
    "text",
    [
        "在北京中关村第一小学的“开学第一课”上，学生们观看了航天员的视频。",
        "北京市中关村三小的开学典礼就定名为“我的中国梦”。",
        "吴建平委员是中关村实验室主任、清华大学教授。",
        "昌平、中关村、怀柔国家实验室入轨运行，全国重点实验室完成重组。",
    ],
)
def test_a_short_name_starting_a_schools_or_a_labs_name_is_no_zone(tagger, text) -> None:
    """A school (第一小学, 三小) or a laboratory named after 中关村 is that school or lab."""
    assert "中关村科技园区" not in tagger.tag_text(text).parks
