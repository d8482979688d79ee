"""Industries and policy types, round 18 known bugs (known22): a plan aligned with another country's
decides no 发展规划 but a domestic plan aligned with the national one does; the Beidou navigation
industry (产业, 应用, modules, 北斗+) is 新一代信息技术 news, a machine fitted with 北斗 is not."""

from __future__ import annotations

import pytest

PLAN = "发展规划"
ICT = "新一代信息技术"


@pytest.mark.parametrize(
    "text",
    [
        "河北省主动与国家“十四五”规划纲要对接，谋划了一批重大项目，推动全省高质量发展。",
        "天津市积极推动滨海新区发展规划与京津冀协同发展规划纲要对接，一批重大项目加快落地。",
        "习近平指出，张家口赛区规划要同北京冬奥会筹办总体规划、北京市筹办规划紧密对接。",
    ],
)
def test_a_domestic_plan_aligned_with_another_is_plan_news(tagger, text) -> None:
    assert PLAN in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "中方愿同巴方加强发展规划对接，推动共建“一带一路”高质量发展。",
        "王岐山表示，双方要继续深化政治互信；要加强经济发展战略和规划对接，实现共同发展繁荣。",
        "加强金砖国家经济伙伴战略同各成员发展规划对接，增强金砖国家向心力。",
        "塞方愿加强同中国“十五五”规划的战略对接，深化经贸合作。",
    ],
)
def test_a_plan_aligned_with_another_countrys_is_no_plan_news(tagger, text) -> None:
    assert PLAN not in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    "text",
    [
        "十年间，湖南北斗产业从无到有，形成以北斗应用为基础的产业集群，去年产业规模超过100亿元。",
        "在上海的北斗产业基地，科技人员正在调试新一代导航定位设备，订单已排到年底。",
        "今年，农业农村部在黑龙江等地推行“北斗+智慧农业”试点，大面积提高玉米大豆单产。",
        "运用误差小于半米的北斗高精度定位技术，当地引导市民定点取车、入栏结算。",
        "我国卫星导航与位置服务产业总体产值持续增长，去年达到5000亿元。",
    ],
)
def test_beidou_industry_is_information_technology(tagger, text) -> None:
    assert ICT in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "在黑龙江农垦红卫农场，今年这里的收割机全部装上了北斗导航，作业路径更加精准。",
        "嫦娥探月、北斗组网、大飞机首飞，一批重大科技成果相继涌现。",
    ],
)
def test_a_machine_fitted_with_beidou_or_a_listed_achievement_is_not(tagger, text) -> None:
    assert ICT not in tagger.tag_text(text).industries
