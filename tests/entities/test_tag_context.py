"""Tags a user can trust on real news: evidence for every tag, context rules, gazetteer aliases,
subject parks only for articles about a park, policy-document back-references (the samples
`make eval` scores: test_judged_samples.py)."""

from __future__ import annotations

import pytest
from corpus_fixtures import article_of

from search.entities.context import listed_with
from search.entities.field_lists import passing_lists
from search.entities.spans import blank


def _evidence(tags: object, facet: str) -> dict[str, tuple[str, ...]]:
    return {value: phrases for name, value, phrases in tags.evidence if name == facet}


def test_every_tag_records_the_phrases_that_decided_it(tagger) -> None:
    tags = tagger.tag_text("张江高新区推出科技信贷产品，并引入风投机构，支持芯片设计企业。")
    assert tags.parks == ("张江高新区",)
    assert _evidence(tags, "parks") == {"张江高新区": ("张江高新区",)}
    assert _evidence(tags, "industries")["金融"] == ("信贷", "风投")
    assert "芯片" in _evidence(tags, "industries")["新一代信息技术"]
    assert set(_evidence(tags, "industries")) == set(tags.industries)
    assert set(_evidence(tags, "policy_types")) == set(tags.policy_types)


@pytest.mark.parametrize("spelling", ["张江", "张江高新区", "上海张江高新技术产业开发区"])
def test_a_zone_is_found_under_its_short_name_nickname_and_legal_name(tagger, spelling) -> None:
    assert tagger.tag_text(f"记者日前走进{spelling}，看到一批新项目开工。").parks == ("张江高新区",)


def test_a_nickname_inside_a_company_name_is_no_park(tagger) -> None:
    assert tagger.tag_text("中关村发展集团有限公司发布年度报告。").parks == ()
    assert "中关村科技园区" in tagger.tag_text("中关村今年新增科技企业两万家。").parks


def test_a_generic_word_is_never_glued_onto_a_zone_name(tagger) -> None:
    parks = tagger.tag_text("国家级新区贵安新区今年引进项目30个。").parks
    assert parks == ("贵安新区",)


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        # diplomatic news: the zone is named once, in passing, deep in the article
        ("习近平会见白俄罗斯总统", "国家主席习近平今天在人民大会堂会见白俄罗斯总统。"),
        # a round-up naming several zones in its lead
        ("各地加快推进重大项目", "苏州工业园区、雄安新区和张江高新区的一批重大项目今天开工。"),
    ],
)
def test_diplomatic_and_round_up_articles_get_no_subject_park(tagger, title, lead) -> None:
    body = "双方同意深化在苏州工业园区的贸易投资合作。"
    tagged = tagger.tag_article(article_of(title, lead, "会谈在友好气氛中进行。", body))
    assert tagged.subject_parks == ()
    assert tagged.paragraphs[1].parks == ()
    # a paragraph's own mentions always count
    assert "苏州工业园区" in tagged.paragraphs[2].parks


def test_the_lead_makes_its_one_park_the_subject(tagger) -> None:
    tagged = tagger.tag_article(
        article_of("一季度项目建设提速", "苏州工业园区一季度新开工项目42个。", "园区企业加快生产。")
    )
    assert tagged.subject_parks == ("苏州工业园区",)
    assert tagged.paragraphs[1].parks == ("苏州工业园区",)
    assert dict((v, p) for f, v, p in tagged.paragraphs[1].tag_evidence if f == "parks") == {
        "苏州工业园区": ("苏州工业园区",)
    }


def test_words_in_passing_names_and_lists_decide_no_label(tagger) -> None:
    assert "金融" not in tagger.tag_text("受国际金融危机影响，出口订单有所减少。").industries
    assert "金融" not in tagger.tag_text("中国银行副行长出席了会议并讲话。").industries
    assert tagger.tag_text("会上交流了电子信息、生物医药、新材料等领域的情况。").industries == ()
    focused = tagger.tag_text("园区重点发展生物医药、集成电路、新材料三大产业。").industries
    assert set(focused) == {"生物医药", "新一代信息技术", "新材料"}
    assert "基础设施建设" not in tagger.tag_text("坚定走中国特色自主创新道路。").policy_types


def test_a_back_reference_resolves_to_the_title_cited_earlier_or_is_dropped(tagger) -> None:
    tagged = tagger.tag_article(
        article_of(
            "国务院印发意见",
            "国务院日前印发《关于推动国家级新区深化改革创新加快推动高质量发展的指导意见》。",
            "《意见》指出，要把国家级新区建设成为高水平开放新高地。",
        )
    )
    full = "关于推动国家级新区深化改革创新加快推动高质量发展的指导意见"
    assert tagged.paragraphs[0].policy_documents == (full,)
    assert tagged.paragraphs[1].policy_documents == (full,)
    alone = tagger.tag_article(article_of("通报", "《决定》要求各地抓好落实。"))
    assert alone.paragraphs[0].policy_documents == ()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("他是一位难得的人才，多年来扎根基层。", None),
        ("要为高新区培养更多本土的人工智能行业人才。", "人才政策"),
        ("人才是第一资源，人才工作要常抓不懈。", "人才政策"),
        ("工人们正在对道路两侧的树木进行绿化养护。", None),
    ],
)
def test_a_weak_trigger_needs_support_to_decide_a_policy_type(tagger, text, label) -> None:
    policies = tagger.tag_text(text).policy_types
    assert policies == ((label,) if label else ())


def test_a_list_ending_in_the_places_main_industries_is_the_subject(tagger) -> None:
    text = "固安形成了电子信息、航空航天和生命健康三大主导产业。"
    assert set(tagger.tag_text(text).industries) == {
        "新一代信息技术",
        "智能制造与高端装备",
        "生物医药",
    }
    passing = "会议强调要在电子信息、航空航天和生命健康等领域加强交流。"
    assert tagger.tag_text(passing).industries == ()


def test_finance_and_logistics_named_in_passing_are_no_industry(tagger) -> None:
    assert tagger.tag_text("一方面用新招打通物流链，一方面出新政打通资金链。").industries == ()
    banking = "银行加大信贷投放，金融服务实体经济的能力不断增强。"
    assert tagger.tag_text(banking).industries == ("金融",)


def test_a_paragraph_reporting_a_cited_plan_is_development_planning(tagger) -> None:
    tags = tagger.tag_text(
        "交通运输部举行发布会解读《国家公路网规划》，到2035年公路网总规模约46万公里。"
    )
    assert "发展规划" in tags.policy_types
    assert _evidence(tags, "policy_types")["发展规划"] == ("《国家公路网规划》",)
    named = tagger.tag_text("他手里拿着一本《城市规划》杂志，边走边看。")
    assert "发展规划" not in named.policy_types


def test_a_technology_used_as_a_tool_is_no_industry_news(tagger) -> None:
    used = "一些地方还利用大数据、云平台帮助企业解决复工复产过程中遇到的困难。"
    assert "新一代信息技术" not in tagger.tag_text(used).industries
    grown = "全市大数据产业营收增长三成，一批云平台企业落户。"
    assert "新一代信息技术" in tagger.tag_text(grown).industries


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("在电子信息、生物医药、新材料等领域开展合作。", [(0, 21)]),
        # a 、 right after punctuation starts no list; the list after it is still found
        ("会上，、据悉，涉及面广，在电子信息、生物医药和新材料等领域。", [(12, 29)]),
        # a list's first item is its last 14 characters before the 、
        ("这是一个非常非常非常长长长长的项目名称、生物医药、新材料、新能源。", [(5, 32)]),
        ("代表来自北京、天津、河北。企业分布在美国、德国、日本。", [(0, 12), (13, 26)]),
    ],
)
def test_lists_of_examples_are_found_wherever_they_stand(text, spans) -> None:
    assert passing_lists(text) == spans


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("根据文化和旅游部、国家统计局发布的数据", "文化和旅游部"),
        ("来自汇丰银行、国家统计局的专家", "汇丰银行"),
        ("冠捷集团、东南汽车等一批企业", "东南汽车"),
    ],
)
def test_an_item_listed_with_an_organisation_starts_after_a_leading_verb(text, item) -> None:
    """根据|文化和旅游部、国家统计局: the item listed with the organisation is the name, not the
    verb or preposition that opens the clause."""
    organization = "国家统计局" if "国家统计局" in text else "冠捷集团"
    start = text.index(organization)
    spans = listed_with(text, [(start, start + len(organization), organization)])
    assert [name for *_, name in spans] == [item]


def test_names_and_lists_blank_to_spaces_where_they_overlap_in_any_order() -> None:
    """`blank` keeps every offset: a name inside a list, spans given out of order, an empty one."""
    text = "园区聚焦集成电路、生物医药、人工智能等产业。"
    spans = [(14, 18, "人工智能"), (4, 18), (9, 13, "生物医药"), (2, 2, "")]
    assert blank(text, spans) == "园区聚焦" + " " * 14 + "等产业。"
    assert blank(text, [(0, 2, "园区"), (20, 22)]) == "  聚焦集成电路、生物医药、人工智能等产  "
    assert blank(text, []) is text
