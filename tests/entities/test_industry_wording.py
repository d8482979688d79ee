"""Industry tags from the wording of the label definitions, and words that name no industry
(a Latin trigger inside a longer token, military aircraft, vaccination, monetary boilerplate,
cross-border e-commerce named as a form of trade); counted lists of industries."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("全年旅游产业增加值增长两成。", {"现代服务业"}),
        ("16兆瓦风电机组在福清下线。", {"智能制造与高端装备", "新能源与节能环保"}),
        ("每6分钟就有一台卡车从生产线下线。", {"汽车与智能网联"}),
        # A list of examples "为代表" is what the sentence is about.
        ("以太阳能电池、锂电池、电动汽车为代表的产品出口增长。", {"新能源与节能环保"}),
        # Round 7 (industries): wording judges gave a label that had no trigger.
        ("要推动体育产业高质量发展，不断满足体育消费需求。", {"现代服务业"}),
        ("这条河经过全域清淤截污，彻底消除了黑臭。", {"新能源与节能环保"}),
        ("数字技术的发展带来了实实在在的效率变革。", {"新一代信息技术"}),
        ("双方将联合培养人才，共同发力生物基材料等新领域。", {"新材料"}),
        # Round 8b: the industries' own names and the services judges gave a label for.
        ("前三季度，规模以上机械工业增加值同比增长8.7%。", {"智能制造与高端装备"}),
        ("9月份中国物流业景气指数为51.2%，较上月上升0.3个百分点。", {"现代服务业"}),
        ("加快展览业转型升级，推动从展览业大国向展览业强国发展。", {"现代服务业"}),
        ("村里已有五十多户人家开起了民宿。", {"现代服务业"}),
        ("各地冰雪旅游持续升温，冰雪经济成为新的增长点。", {"现代服务业"}),
        ("两万多家企业在区内开立了自由贸易账户。", {"金融"}),
        ("一季度入境人员使用移动支付交易3900多万笔。", {"金融"}),
    ],
)
def test_industry_wording_of_the_label_definitions(tagger, text, labels) -> None:
    assert labels <= set(tagger.tag_text(text).industries)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("一架军用飞机在该海域上空盘旋。", "智能制造与高端装备"),
        ("全国新冠疫苗接种已超过10亿剂次。", "生物医药"),
        ("继续实施积极的财政政策和稳健的货币政策。", "金融"),  # boilerplate
        # Round 8b: fiscal money, consumer-goods manufacturing, a nuclear plant's waste water.
        ("各地发行新增专项债券1.3万亿元，中央对地方转移支付持续增加。", "金融"),
        ("前11个月，规模以上消费品工业增加值同比增长3.7%。", "现代服务业"),
        ("民众集会反对将福岛核污染水排放入海。", "新能源与节能环保"),
        # 进博会 is an opening-up platform (开放合作), not the exhibition industry.
        ("第三届进博会今天闭幕，进博会期间意向成交金额比上届增长2.1%。", "现代服务业"),
    ],
)
def test_a_word_in_another_sense_decides_no_industry(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


def test_monetary_policy_news_is_finance(tagger) -> None:
    assert "金融" in tagger.tag_text("美联储公布7月货币政策会议纪要。").industries


def test_a_latin_trigger_inside_a_longer_token_decides_nothing(tagger) -> None:
    assert "新一代信息技术" not in tagger.tag_text("这组照片资料总大小35GB。").industries
    assert "新一代信息技术" in tagger.tag_text("全市新建5G基站3000个。").industries


def test_cross_border_e_commerce_said_once_is_trade_not_services(tagger) -> None:
    """跨境电商 said once in trade news is a form of trade (开放合作), not a services industry;
    said with support it still counts."""
    trade = "新兴贸易业态表现活跃，跨境电商出口增长了28.7%，成为稳外贸的重要力量。"
    assert "现代服务业" not in tagger.tag_text(trade).industries
    services = "跨境电商带动快递业务量增长，园区跨境电商企业已超过200家。"
    assert "现代服务业" in tagger.tag_text(services).industries


def test_a_counted_list_of_industries_is_the_subject(tagger) -> None:
    """集成电路、人工智能、生物医药三大先导产业 names all the industries meant: each applies."""
    text = "上海推动集成电路、人工智能、生物医药三大先导产业“上海方案”落地。"
    assert {"新一代信息技术", "生物医药"} <= set(tagger.tag_text(text).industries)


def test_examples_of_a_larger_count_stay_examples(tagger) -> None:
    """航空制造、生物医药、电子信息等十大新兴产业: three examples of ten, no label each."""
    text = "双方开展航空制造、生物医药、电子信息等十大新兴产业的合作对接。"
    assert "生物医药" not in tagger.tag_text(text).industries
    # 等 a word or two before the count (等全市十大, 等在内的十大) is still a larger count.
    for text in (
        "电子信息、生物医药、新材料等全市十大新兴产业加快发展。",
        "电子信息、生物医药、新材料等在内的十大新兴产业加快发展。",
    ):
        assert "生物医药" not in tagger.tag_text(text).industries, text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # One item named as an example of a wider class: the class is the news (round 8).
        ("中方支持疫苗等关键医疗物资在全球范围内公平分配。", "生物医药"),
        ("去年共有4500多万名消费者申请了手机等数码产品购新补贴。", "新一代信息技术"),
        ("双方同意加强人工智能等科技合作，相互开放市场。", "新一代信息技术"),
    ],
)
def test_one_example_of_another_class_decides_nothing(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # An item picked out of a field, the label's own class, or one item of a list.
        ("双方将联合培养人才，共同发力生物基材料等新领域。", "新材料"),
        ("新建输变电工程将大幅提升当地光伏等新能源送出能力。", "新能源与节能环保"),
        ("实施汽车自主创新、高速动车组等重大科技专项。", "智能制造与高端装备"),
        ("全市加快发展新能源汽车等产业，产量增长三成。", "汽车与智能网联"),
    ],
)
def test_an_item_picked_out_keeps_its_industry(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries


@pytest.mark.parametrize("text", ["基站改用5G等待时间大幅缩短。", "芯片等级不断提高。"])
def test_a_wait_or_a_grade_after_a_trigger_is_no_example(tagger, text) -> None:
    """Review: 等待, 等候, 等级 are words of their own, not 等 (and so on): 5G and 芯片 are
    the paragraph's news, not an example of another class."""
    assert "新一代信息技术" in tagger.tag_text(text).industries


def test_a_list_of_topics_names_them_in_passing(tagger) -> None:
    """围绕…等问题发表意见, …等议题: topics of a meeting are examples, though 围绕 is a cue."""
    talk = "代表们先后围绕脱贫攻坚、美丽乡村、发展远洋渔业、两岸融合等问题发表意见。"
    assert "海洋经济" not in tagger.tag_text(talk).industries
    forum = "大会将围绕网络治理、跨境电子商务、网络新媒体等议题举行分论坛。"
    assert "现代服务业" not in tagger.tag_text(forum).industries
    # A list of the issues an inspection covers is its subject: 等问题 ends the sentence.
    inspection = "督察重点包括蓝天保卫战、黑臭水体治理、水源地保护和农村污染治理等问题。"
    assert "新能源与节能环保" in tagger.tag_text(inspection).industries


def test_a_list_naming_one_industry_three_times_is_about_it(tagger) -> None:
    """降息、降准、定向降准等货币政策工具: examples, but all of one industry (round 8)."""
    money = "央行多次通过降息、降准、定向降准等货币政策工具促进经济稳增长。"
    assert "金融" in tagger.tag_text(money).industries
    # Review: 合作 in the next sentence makes the list no list of fields of cooperation.
    talks = "央行多次通过降息、降准、定向降准等货币政策工具稳增长。中美两国将加强合作。"
    assert "金融" in tagger.tag_text(talks).industries
    power = "其中，火电、水电、核电、风电、太阳能发电同比分别增长1.4%、15.0%、13.7%、26.6%和9.0%。"
    assert "新能源与节能环保" in tagger.tag_text(power).industries


@pytest.mark.parametrize(
    "text",
    [
        # Tools and fields of cooperation stay examples, however many of one industry they name.
        "公安机关将警务工作与大数据、云计算以及人工智能等尖端技术深度融合。",
        "双方要在人工智能、大数据、物联网等领域加强互利合作。",
        # Two of one industry in a list of three fields is still a list of fields.
        "企业在电子信息、集成电路、新材料等领域加大投入。",
    ],
)
def test_lists_of_tools_or_partners_stay_examples(tagger, text) -> None:
    assert "新一代信息技术" not in tagger.tag_text(text).industries


def test_a_list_around_which_work_is_organised_is_examples(tagger) -> None:
    """围绕…等支柱行业 / 等五大领域: what work is organised around, named in passing (round 8b);
    a list that ends as the place's industries (等四大主导产业) is still the subject."""
    firms = "江苏围绕汽车、电子、家纺、海工等支柱行业的龙头企业，派出驻场专员。"
    assert not {"汽车与智能网联", "海洋经济"} & set(tagger.tag_text(firms).industries)
    goals = "全省围绕经济发展、创新驱动、民生福祉、绿色低碳、安全保障等五大领域设置主要目标。"
    assert "新能源与节能环保" not in tagger.tag_text(goals).industries
    industries = "海南围绕旅游业、现代服务业、高新技术产业和热带特色高效农业等四大主导产业。"
    assert "现代服务业" in tagger.tag_text(industries).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "市场认为日本通过提高消费税率仍有可能实现财政增收，安倍政府提升消费税的可能性会大大增加。",
            "现代服务业",
        ),
        ("怎样进一步营造良好的消费环境？委员认为，要完善消费投诉公示制度。", "现代服务业"),
        (
            "现行消费者权益保护法是1993年制定的，在消费者权益保护领域出现了不少新情况新问题。",
            "现代服务业",
        ),
        ("美国8月货物和服务贸易逆差继续扩大，增至约532亿美元。", "现代服务业"),
        ("2024年，我国科技实力持续增强，科创投入持续增加。", "金融"),
    ],
)
def test_words_in_another_sense_round_8c(tagger, text, label) -> None:
    """A tax, consumer protection, total trade and 科创投入 (not 创投) decide no industry."""
    assert label not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("交通运输部发布实施方案，从海运业的9个方面提出了60项任务措施。", "现代服务业"),
        ("第一届全国人力资源服务业发展大会在重庆举行。", "现代服务业"),
        ("一季度流动性合理充裕，社会融资规模存量同比增长10.6%。", "金融"),
    ],
)
def test_industries_named_round_8c(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("基金组织愿同中方进一步深化合作，提升中国在基金组织的代表性。", "金融"),
        ("十年间，我国货物与服务贸易总额从4.4万亿美元增至6.9万亿美元。", "现代服务业"),
        ("开幕式前，他巡视了博览会展馆，与参展机构负责人交流。", "现代服务业"),
        ("要繁荣互联网条件下新大众文艺，加强文化遗产保护。", "新一代信息技术"),
    ],
)
def test_words_in_another_sense_round_9(tagger, text, label) -> None:
    """The IMF (基金组织), a country's total trade, an expo's hall (博览会|展馆) and the internet
    as the age's condition decide no industry."""
    assert label not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("集团正在全力推进数字孪生流域建设，提升调度水平。", "新一代信息技术"),
        ("多座商业体焕新开业，商业品牌与商场联手构建首发经济。", "现代服务业"),
        ("全面推行林长制，明确各级林长的森林草原保护发展责任。", "新能源与节能环保"),
        # Weak: a wetland decides with another word of the label.
        ("国家对国际重要湿地开展年度监测，加强生态保护。", "新能源与节能环保"),
    ],
)
def test_industries_named_round_9(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("这片湿地是候鸟越冬的家园。", "新能源与节能环保"),
    ],
)
def test_a_kind_of_thing_named_once_is_no_label(tagger, text, label) -> None:
    """Round 9's weak word (湿地) decides only with support."""
    assert label not in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("他所在的物流公司经营着重庆至周边省市的公路货运，有20台车。", "现代服务业"),
        ("在杜伊斯堡港，中欧班列吸引的物流企业已超过100家。", "现代服务业"),
        ("推进航空运输市场开放，发展地区物流网络。", "现代服务业"),
        ("封关首日，3艘国际船舶在洋浦港船籍港完成登记。", "现代服务业"),
        ("北京已形成新一代信息技术、科技服务业2个万亿级产业集群。", "现代服务业"),
        ("会议听取当前我国服务业发展情况汇报。", "现代服务业"),
        # Insurance and solar power as a business still decide alone.
        ("到2035年，基本形成具有较强国际竞争力的保险业新格局。", "金融"),
        ("会议确定加快发展商业健康保险。", "金融"),
        ("7月份，太阳能电池的产量同比增长33.9%。", "新能源与节能环保"),
        # Weak words decide together (深海 and 海工 are both weak).
        ("推进深海油气开发，建设海工平台。", "海洋经济"),
    ],
)
def test_services_named_by_their_kind_round_9b(tagger, text, label) -> None:
    """A logistics firm or network, a ship's registration, a service industry's development."""
    assert label in tagger.tag_text(text).industries


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("卫星进入预定轨道，太阳能帆板顺利展开。", "新能源与节能环保"),
        ("扩大失业保险覆盖范围，更好保障失业人员基本生活。", "金融"),
        ("“蛟龙号”下潜到7000米深海。", "海洋经济"),
        ("科研人员对来源于深海无脊椎动物的细菌进行了测试。", "海洋经济"),
        ("他们结合自己在上海工作生活体会提出了建议。", "海洋经济"),  # 上海|工作
    ],
)
def test_an_object_named_once_in_passing_round_9b(tagger, text, label) -> None:
    """太阳能, 保险, 深海 and 海工 said once decide only with support: a spacecraft's solar
    panels, social insurance, a dive, a word cut across (上海工作) are no industry news."""
    assert label not in tagger.tag_text(text).industries
