"""An industry word that names what a paragraph only uses or cites decides no industry: a vehicle
travelled in or crashed (round 8), the source a figure is quoted from, a phone in someone's hand
and a technology used to look at something (round 8b), a vaccine given to people and a plane sat in
or shot down (round 8c)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("近百名员工从首都乘飞机离开，陆续经第三国转机回国。", "智能制造与高端装备"),
        ("铁路部门连续第五年开行动车组专列送务工人员返乡。", "智能制造与高端装备"),
        ("高速公路上发生交通事故，共有12辆汽车连环相撞。", "汽车与智能网联"),
        ("飞机坠毁位置位于山林地区，救援人员正在展开搜救。", "智能制造与高端装备"),
        ("一辆汽车在山路上侧翻，造成2人受伤。", "汽车与智能网联"),
        ("钟大妈因为要急着坐飞机去外地看望家人，来到公安局补办临时身份证。", "智能制造与高端装备"),
        ("这么多人坐汽车出行，堵车肯定是很多人关心的问题。", "汽车与智能网联"),
        ("伊朗军方以非故意的方式击落了飞机。", "智能制造与高端装备"),
        # Round 9b: an aircraft landing, taking off, blowing up or flying a display.
        ("最后一次试降时与地面碰撞后，飞机燃料箱发生爆炸。", "智能制造与高端装备"),
        ("震后28分钟，第一架民航飞机从九寨起飞。", "智能制造与高端装备"),
        ("两架波音史提曼飞机在空中表演独门舞步和杂技。", "智能制造与高端装备"),
    ],
)
def test_a_vehicle_in_use_is_no_industry_news(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("百度发布最新的无人驾驶汽车，引来参观者体验。", "汽车与智能网联"),
        ("乘势而上，全市新能源汽车产量增长三成。", "汽车与智能网联"),
        ("国产大飞机完成试飞，飞机制造产业链加快集聚。", "智能制造与高端装备"),
        ("这家企业的飞机起落架维修项目落户园区。", "智能制造与高端装备"),  # 起落架: no take-off
        ("今年汽车产业起飞，整车企业十余家。", "汽车与智能网联"),  # cars are left out
        # Review: sales that double are no car overturning, a passenger car (乘用车) or a car
        # with driver assistance (智能驾驶) no car someone rides in.
        ("今年全国汽车销量翻了一番，产业加速发展。", "汽车与智能网联"),
        ("乘用车和商用汽车销量均实现增长。", "汽车与智能网联"),
        ("智能驾驶汽车加快普及。", "汽车与智能网联"),
        ("这座城市坐落在汽车产业集群的中心，整车企业十余家。", "汽车与智能网联"),
    ],
)
def test_the_vehicle_as_product_keeps_its_industry(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("根据气象卫星监测显示，北方大部地区出现高温天气。", "智能制造与高端装备"),
        ("据俄罗斯卫星通讯社报道，双方在边境地区交火。", "智能制造与高端装备"),
        ("据商务大数据监测，假期前四天全国重点商场客流增长。", "新一代信息技术"),
    ],
)
def test_the_source_of_a_figure_is_no_industry_news(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


def test_a_figure_about_the_industry_keeps_it(tagger) -> None:
    """据统计 names no source word of its own; the industry is the figure's subject."""
    text = "据统计，今年前三季度卫星发射次数创历史新高。"
    assert "智能制造与高端装备" in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "春光正好，游客们纷纷拿出手机，拍下自己同花海的合影。",
        "这段视频是村民用手机拍下的火灾现场画面。",
        "依托智慧云平台，种植户在手机上就能查看麦田长势。",
        "市民只要手机扫码，就能查询车辆实时位置。",
    ],
)
def test_a_phone_in_use_is_no_ict_news(tagger, text) -> None:
    assert "新一代信息技术" not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "这款国产折叠屏手机上市首日销量突破十万台。",
        "今年前三季度，全国智能手机出货量同比增长一成。",
    ],
)
def test_the_phone_as_product_keeps_its_industry(tagger, text) -> None:
    assert "新一代信息技术" in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("研究人员通过卫星图片分析认为，城区三分之一的建筑遭到损毁。", "智能制造与高端装备"),
        ("气象部门强化卫星遥感监测，提前发布暴雨预警。", "智能制造与高端装备"),
        ("测绘人员正在用北斗卫星定位仪测量土地边界。", "智能制造与高端装备"),
        ("当晚大数据监测系统发现客流还在快速增长，警方随即限流。", "新一代信息技术"),
    ],
)
def test_a_technology_used_to_look_is_no_industry_news(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("我国成功发射一颗遥感卫星，卫星已顺利进入预定轨道。", "智能制造与高端装备"),
        ("全省大数据产业规模突破千亿元。", "新一代信息技术"),
    ],
)
def test_the_technology_as_industry_keeps_its_label(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "截至10月8日，各地累计报告接种新冠病毒疫苗221882.6万剂次。",
        "上海加快推进疫苗接种工作，疫苗日接种量明显提高。",
    ],
)
def test_a_vaccine_given_to_people_is_no_pharma_news(tagger, text) -> None:
    """Vaccination figures are public-health news, not the vaccine industry (round 8c)."""
    assert "生物医药" not in tagger.tag_text(text).industries


def test_a_vaccine_made_keeps_its_industry(tagger) -> None:
    text = "企业新建的疫苗生产线投产，年产能可满足5亿人接种需求。"
    assert "生物医药" in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # Round 9: a technology that finds, shows or carries something is the instrument.
        ("大数据发现，网民最关注的话题是就业和教育。", "新一代信息技术"),
        ("电视信号通过卫星传输到科考站，队员们可以收看比赛直播画面。", "智能制造与高端装备"),
        ("农田里的物联网监测设备实时上传墒情数据。", "新一代信息技术"),
    ],
)
def test_a_technology_that_finds_or_carries_is_an_instrument(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


def test_a_truck_driver_is_no_car_industry_news(tagger) -> None:
    """Round 9: drivers at work or protesting (卡车司机车队抵达) are people, not vehicles made."""
    text = "大批卡车司机车队抵达小镇，他们将前往首都举行抗议活动。"
    assert "汽车与智能网联" not in tagger.tag_text(text).industries
    assert "汽车与智能网联" in tagger.tag_text("重型卡车产量同比增长两成。").industries


@pytest.mark.parametrize(
    "text",
    [
        "10月份，我国消费市场运行总体平稳，居民消费价格指数同比上涨0.3%。",
        "5月份，消费市场供应总体充足，全国CPI同比上涨2.1%，物流逐步畅通。",
    ],
)
def test_a_price_index_reported_is_no_consumer_services_news(tagger, text) -> None:
    """Round 9: the sentence reporting the CPI is price news, its 消费市场 the prices' setting."""
    assert "现代服务业" not in tagger.tag_text(text).industries


def test_consumption_outside_the_price_sentence_keeps_its_label(tagger) -> None:
    text = "居民消费价格指数同比上涨0.3%。各地促消费活动持续，消费市场加快回暖。"
    assert "现代服务业" in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    "text",
    [
        "中央电视台综合频道、新闻频道将进行现场直播。",
        "总台首次通过5G技术在4K频道现场直播记者会。",
    ],
)
def test_a_broadcasters_live_coverage_is_no_live_streaming_trade(tagger, text) -> None:
    """Round 9: 现场直播 is television, not 直播带货."""
    assert "现代服务业" not in tagger.tag_text(text).industries


def test_live_streaming_sales_keep_their_label(tagger) -> None:
    assert "现代服务业" in tagger.tag_text("村民通过直播带货把农产品卖到全国。").industries
