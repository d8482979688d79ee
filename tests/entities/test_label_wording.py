"""Label wording from the judging rules' definitions: plans named with quotes, job-keeping for
firms, trade agreements, rail equipment; weak words that decide only with support."""

from __future__ import annotations

import pytest
from corpus_fixtures import article_of


@pytest.mark.parametrize(
    ("text", "facet", "label"),
    [
        ("“十四五”规划明确提出，加快建设现代化基础设施体系。", "policy_types", "发展规划"),
        (
            "今年以来，全市发放稳岗返还资金，惠及企业3000多家。",
            "policy_types",
            "企业服务与营商环境",
        ),
        ("中国—东盟自由贸易协定升级谈判取得实质性进展。", "policy_types", "开放合作"),
        ("新一代复兴号动车组在长春下线。", "industries", "智能制造与高端装备"),
        ("全市可再生能源发电量占比超过四成。", "industries", "新能源与节能环保"),
        ("化工园区发生爆炸事故，应急管理部门连夜排查。", "policy_types", "安全生产"),
    ],
)
def test_wording_from_the_label_definitions_decides_the_label(tagger, text, facet, label) -> None:
    assert label in getattr(tagger.tag_text(text), facet)


@pytest.mark.parametrize(
    ("text", "facet", "label"),
    [
        ("“十四五”期间，当地粮食产量稳步增长。", "policy_types", "发展规划"),  # a period in passing
        ("一辆货车在高速路口发生事故，所幸无人受伤。", "policy_types", "安全生产"),  # once, alone
        ("这家企业的生产线上，工人正在忙碌。", "industries", "智能制造与高端装备"),
    ],
)
def test_a_weak_word_alone_decides_nothing(tagger, text, facet, label) -> None:
    assert label not in getattr(tagger.tag_text(text), facet)


def test_a_named_free_trade_zone_is_opening_up_news(tagger) -> None:
    tags = tagger.tag_text("海南自由贸易港今年新增市场主体超过20万户。")
    assert "开放合作" in tags.policy_types
    # …but a zone's 片区 issuing a measure is news about the measure.
    tags = tagger.tag_text("临港新片区发布支持集成电路企业的若干措施。")
    assert "开放合作" not in tags.policy_types


def test_a_paragraph_reporting_what_a_cited_plan_says_is_planning_news(tagger) -> None:
    text = "《方案》指出，力争用5年时间，把园区建成具有国际竞争力的先进制造业基地。"
    tags = tagger.tag_text(text)
    assert "发展规划" in tags.policy_types
    assert ("policy_types", "发展规划", ("《方案》",)) in tags.evidence


def test_a_reported_document_is_about_what_its_title_names(tagger) -> None:
    text = "国务院日前印发《关于推进自由贸易试验区贸易投资便利化改革创新的若干措施》。"
    tags = tagger.tag_text(text)
    assert "开放合作" in tags.policy_types
    title = "《关于推进自由贸易试验区贸易投资便利化改革创新的若干措施》"
    assert ("policy_types", "开放合作", (title,)) in tags.evidence
    # A title merely named (a book, a report read) is still no news of its subject.
    named = tagger.tag_text("他在书店买了一本《自由贸易试验区研究》。")
    assert "开放合作" not in named.policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("两国高层往来频繁，各领域合作硕果累累。", "开放合作"),  # diplomacy, no economic content
        ("新增确诊病例33例，均为境外输入病例。", "开放合作"),
        ("要向第二个百年奋斗目标进军。", "发展规划"),
        ("感谢中国在基础设施建设中作出的贡献。", "基础设施建设"),  # once, alone
    ],
)
def test_diplomatic_and_slogan_wording_is_no_policy_news(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).policy_types


def test_belt_and_road_cooperation_is_opening_up_news(tagger) -> None:
    text = "赣州港全面融入“一带一路”开放大通道。"
    assert "开放合作" in tagger.tag_text(text).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("“十五五”时期，辽宁将打造6个世界级产业集群。", "发展规划"),  # a plan's period and aim
        ("新疆哈密至罗布泊铁路今天全线铺轨完成。", "基础设施建设"),
        ("贵州加快推进“东数西算”工程，建设全国一体化算力网络。", "基础设施建设"),
        ("今年以来，税务系统已为7万余户企业办理留抵退税600亿元。", "企业服务与营商环境"),
        ("协议有利于促进两岸相互投资，创造公平的投资环境。", "开放合作"),
        ("全国统一实行市场准入负面清单制度。", "审批服务改革"),
        ("科研人员研发出适合干旱地区种植的农作物新品种。", "科技创新与孵化"),
    ],
)
def test_policy_wording_of_the_label_definitions(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).policy_types


def test_supply_chains_named_in_passing_are_no_chain_building(tagger) -> None:
    text = "美国挑起经贸摩擦，破坏了全球产业链、供应链、价值链。"
    assert "产业链培育" not in tagger.tag_text(text).policy_types
    built = "当地聚焦强链补链，吸引30多家配套企业落户。"
    assert "产业链培育" in tagger.tag_text(built).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("十年间，全国PM2.5平均浓度下降了57%，重污染天数减少了93%。", "新能源与节能环保"),
        ("江西万载把畜禽粪污变废为宝，治理农业面源污染。", "新能源与节能环保"),
        ("浙江抓住产业数字化、数字产业化的机遇，建设数字经济高地。", "新一代信息技术"),
        ("“五一”假期，银联网络交易金额达到1.91万亿元。", "金融"),
    ],
)
def test_industry_wording_of_the_label_definitions(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries


def test_investment_promotion_wording_and_a_company_called_招商局(tagger) -> None:
    visit = "这两天，湖州吴兴区迎来了一拨拨的投资商，洽谈项目合作。"
    assert "招商引资" in tagger.tag_text(visit).policy_types
    career = "1978年，袁庚被任命为招商局集团常务副董事长。"
    assert "招商引资" not in tagger.tag_text(career).policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("中国铁路总公司以“互联网+”的思维带动货运组织改革。", "新一代信息技术"),  # an idiom
        ("3月份，全国居民消费价格指数同比上涨0.1%。", "现代服务业"),  # CPI, no services news
    ],
)
def test_a_word_in_another_sense_decides_no_industry(tagger, text, label) -> None:
    assert label not in tagger.tag_text(text).industries


def test_a_weak_word_said_once_counts_when_the_title_names_its_label(tagger) -> None:
    text = "当地新建人才公寓之外，还为青年人才提供一次性补贴。"
    plain = "今年，当地人才工作取得新进展。"
    assert "人才政策" not in tagger.tag_text(plain).policy_types
    titled = tagger.tag_article(article_of("多地出台人才新政 引进高层次人才", text, plain))
    assert "人才政策" in titled.paragraphs[1].policy_types
    assert ("policy_types", "人才政策", ("人才",)) in titled.paragraphs[1].tag_evidence
    untitled = tagger.tag_article(article_of("今年经济运行平稳", text, plain))
    assert "人才政策" not in untitled.paragraphs[1].policy_types


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("3月以来，各地积极推进植树造林，新增造林面积超过百万亩。", "新能源与节能环保"),
        ("一列列货运班列从多式联运中心驶出。", "现代服务业"),
        ("这里已聚集覆盖航空发动机维修的通用航空企业30多家。", "智能制造与高端装备"),
    ],
)
def test_more_industry_wording_of_the_label_definitions(tagger, text, label) -> None:
    assert label in tagger.tag_text(text).industries
