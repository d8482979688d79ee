"""Line repair: spaced-out Chinese, Latin spacing, punctuation folding, invisible characters."""

from __future__ import annotations

import pytest

from search.ingest.lines import LayoutProfile, clean_line, continues, join_text, layout_profile


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("长 5.4 个 百 分 点 ，贡 献 率 达 到", "长5.4个百分点，贡献率达到"),
        ("急 需 的 技 术 、人 才 、资 金 与 项 目 资", "急需的技术、人才、资金与项目资"),
        ("幅 提 升 。 推 行“ 拿 地 即 开 工 ”审 批", "幅提升。推行“拿地即开工”审批"),
        ("（COP15 大会）期间", "（COP15大会）期间"),
        ("共同组成超 2000", "共同组成超2000"),
        ("投资 5 亿元建设", "投资5亿元建设"),
        ("Hello   World and 5G", "Hello World and 5G"),
        ("推进大项目 带动大发展", "推进大项目 带动大发展"),  # two title phrases keep their space
        ("本报特约通讯员 尚萌萌 李青健", "本报特约通讯员 尚萌萌 李青健"),
        ("青岛高新区： 大企业大项目", "青岛高新区：大企业大项目"),
        ("5月17日,青岛高新区举行", "5月17日，青岛高新区举行"),
        ("腾讯双创小镇(青岛)项目", "腾讯双创小镇（青岛）项目"),
        ("会议于10:30开始, 共1,000人", "会议于10:30开始，共1,000人"),
        ("ＣＯＰ１５大会占８０％", "COP15大会占80%"),
        ("\u3000\u3000段首缩进的文字\u00a0", "段首缩进的文字"),
        ("隐\u200b藏\u200f字\u202e符\x00", "隐藏字符"),
        ("表情😀保留", "表情😀保留"),
        ("cafe\u0301", "café"),  # combining accent composed, not dropped
    ],
)
def test_clean_line_repairs_each_layout_problem(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("重要原", "因。", "重要原因。"),
        ("共同组成超2000", "万粉丝的城市探秘团", "共同组成超2000万粉丝的城市探秘团"),
        ("written in", "English", "written in English"),
        ("大连", "金慧、中软国际", "大连金慧、中软国际"),
    ],
)
def test_joining_a_broken_line_adds_no_space_inside_chinese(
    left: str, right: str, expected: str
) -> None:
    assert join_text(left, right) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王磊表示，这也正是他们将区域总部设立在青岛高新区的重要原", True),  # unfinished
        ("针对餐饮行业，创新实施“餐饮变更一件事”，", True),
        ("昆明高新区：", True),  # a title split after its colon
        ("项目是区域发展的生命线。", False),
        ("这里，“高”的定位清晰坚定——聚焦高水平科技自立自强；", False),  # a list item ends here
        ("14个重点产业项目集中签约", False),  # a heading
    ],
)
def test_wide_layout_continues_only_unfinished_prose(text: str, expected: bool) -> None:
    assert continues(text, text, LayoutProfile()) is expected


def test_narrow_columns_are_detected_and_wrapped_lines_continue() -> None:
    column = ["该活动邀请了新浪微博平台多位", "产业专家、科普博主等微博大V，联同"] * 6
    profile = layout_profile([*column, "例。"])
    assert profile.narrow
    assert continues("该活动邀请了新浪微博平台多位", "该活动邀请了新浪微博平台多位", profile)
    assert not continues("精准发力筑牢发展之基", "精准发力筑牢发展之基", profile)
    assert not layout_profile(["一段完整的话。"] * 20).narrow
