"""Round 14's context for policy-type triggers: what a paragraph's point is. A road, railway,
bridge or pipe in use with no word of building (no 基础设施建设), and credit with no small or
technology firm named (no 科技金融; round 9c's monetary-policy rule widened to every paragraph)."""

from __future__ import annotations

import re

INFRASTRUCTURE_LABEL = "基础设施建设"

# A road, railway, bridge or pipe in use (高铁列车把时速降到200公里以下, 跨海大桥将暂时关闭, 全国
# 高速公路运行平稳, 铁路部门推出计次票, 沼液通过管道输送到田间): in a paragraph with no word of
# building, investing, planning or opening, the news is the traffic, the weather or the ticket.
_TRANSPORT = re.compile(
    "高速公路|高速铁路|铁路|公路|高铁|道路|路网|大桥|地铁|管道|管网|隧道|轨道交通"
)
# 建 covers 建设, 建成, 新建, 在建, 修建, 承建; 设施 keeps a paragraph on facilities at large, 全长
# one describing a road or tunnel built (这条高速公路全长80公里，其中隧道12座).
_BUILDING_WORDS = (
    "建",
    "修",
    "铺",
    "工程",
    "项目",
    "开工",
    "施工",
    "通车",
    "贯通",
    "竣工",
    "投资",
    "改造",
    "开通",
    "投运",
    "里程",
    "全长",
    "规划",
    "打通",
    "延伸",
    "扩能",
    "升级",
    "新增",
    "布局",
    "设施",
)
# Credit of the whole economy (银行业金融机构本外币贷款余额增长12%, 银监会…完善差别化信贷政策,
# 个人消费贷款贴息): no finance for small or technology firms unless the paragraph names such firms.
# The one list of such firms (round 17 joined round 9c's, which had 实体经济, to this one): 实体经济
# is the whole real economy (金融服务实体经济, 对实体经济发放的贷款), not a kind of firm.
SMALL_FIRM_WORDS = ("小微", "中小", "民营", "科技", "创业", "创新", "初创", "专精特新")


def names_transport(text: str) -> bool:
    """Whether `text` names a road, railway, bridge or pipe (路 of 铁路, 公路, 道路, 路网;
    大桥, 管道, 管网, 地铁, 隧道, 轨道交通). One-character `in` tests first, written out: a
    longer word's test costs three times as much, a generator twice. 高铁 alone is not asked:
    a high-speed line's opening is often in the title only (京沪高铁贯通), which these spans
    do not read, and the judged checks lost two right tags when it was."""
    if "路" in text:
        return True
    if not ("桥" in text or "管" in text or "铁" in text or "隧" in text or "轨" in text):
        return False
    return (
        "大桥" in text
        or "管道" in text
        or "管网" in text
        or "地铁" in text
        or "隧道" in text
        or "轨道交通" in text
    )


def transport_in_use(text: str, written: str) -> list[tuple[int, int]]:
    """Every road, railway, bridge or pipe of `text` (高铁 too) when `written`, the paragraph as
    written (names and 《》 titles not blanked: 《…铁路先行规划纲要》), has no word of building;
    asked only where `names_transport` is true."""
    if any(word in written for word in _BUILDING_WORDS):
        return []
    return [match.span() for match in _TRANSPORT.finditer(text)]


def names_small_firms(text: str) -> bool:
    """Whether `text` names small, private, start-up or technology firms (or 创新); asked only
    where 贷 or 融资 is."""
    return any(word in text for word in SMALL_FIRM_WORDS)
