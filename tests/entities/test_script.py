"""News written in traditional characters (Hong Kong and Taiwan outlets, 中新社's traditional
edition) gets the tags its simplified twin gets, with the evidence as the paragraph writes it."""

from __future__ import annotations

from corpus_fixtures import article_of

from search.entities.tagger import Tagger
from search.fields import TAG_ATTRIBUTES

TRADITIONAL = (
    "福州新區新年簽新項：數字經濟、先進制造等主導",
    "作爲福建省唯一的國家級新區，福州新區4日集中簽約38個重點項目，"
    "項目涵蓋了先進制造、生物醫藥等多個主導産業領域。",
    "中國投資協會將與福州新區共同成立百億元以上規模的産業基金，打造先進制造産業集群。",
    "福州新區4日簽約項目總投資超220億元。",
)
SIMPLIFIED = (
    "福州新区新年签新项：数字经济、先进制造等主导",
    "作为福建省唯一的国家级新区，福州新区4日集中签约38个重点项目，"
    "项目涵盖了先进制造、生物医药等多个主导产业领域。",
    "中国投资协会将与福州新区共同成立百亿元以上规模的产业基金，打造先进制造产业集群。",
    "福州新区4日签约项目总投资超220亿元。",
)


def _tags(article) -> list[dict[str, object]]:
    """Every tag of every paragraph; amounts by value (their text is as written)."""
    return [
        {
            attribute: getattr(paragraph, attribute)
            if attribute != "amounts"
            else [amount.value_yi_yuan for amount in paragraph.amounts]
            for attribute in TAG_ATTRIBUTES
        }
        for paragraph in article.paragraphs
    ]


def test_a_traditional_article_gets_its_simplified_twins_tags(tagger: Tagger) -> None:
    traditional = tagger.tag_article(article_of(TRADITIONAL[0], *TRADITIONAL[1:]))
    simplified = tagger.tag_article(article_of(SIMPLIFIED[0], *SIMPLIFIED[1:]))
    assert _tags(traditional) == _tags(simplified)
    assert traditional.subject_parks == simplified.subject_parks == ("福州新区",)
    assert "生物医药" in traditional.paragraphs[0].industries


def test_the_evidence_is_given_as_the_paragraph_writes_it(tagger: Tagger) -> None:
    article = tagger.tag_article(article_of(TRADITIONAL[0], *TRADITIONAL[1:]))
    first = article.paragraphs[0]
    assert first.text == TRADITIONAL[1]  # the text itself is kept as written
    phrases = {value: spans for facet, value, spans in first.tag_evidence}
    assert phrases["福州新区"] == ("福州新區",)
    assert phrases["生物医药"] == ("生物醫藥",)
    for _, _, spans in first.tag_evidence:
        assert all(span in first.text for span in spans)
    amounts = article.paragraphs[-1].amounts
    assert [amount.text for amount in amounts] == ["220億元"]
    assert amounts[0].value_yi_yuan == 220


def test_a_simplified_article_is_tagged_as_before(tagger: Tagger) -> None:
    article = article_of(SIMPLIFIED[0], *SIMPLIFIED[1:])
    tagged = tagger.tag_article(article)
    assert [paragraph.text for paragraph in tagged.paragraphs] == list(SIMPLIFIED[1:])
    assert ("parks", "福州新区", ("福州新区",)) in tagged.paragraphs[0].tag_evidence


def test_a_simplified_character_that_folds_in_search_renames_no_place(tagger: Tagger) -> None:
    # 乾 is a traditional form of 干 and also a simplified character (乾县, 乾安).
    article = tagger.tag_article(
        article_of("乾县经济开发区招商引资", "陕西省咸阳市乾县经济开发区今年签约项目12个。")
    )
    assert "乾县经开区" in article.paragraphs[0].parks
    assert not any("干县" in park for park in article.paragraphs[0].parks)
