"""Which trigger phrases of the real vocabularies count in a paragraph: the longest phrase at a
position, none inside a longer one, overlapping ones all (what the faster matching must keep)."""

from __future__ import annotations

import pytest

from search.entities.taxonomy import load_taxonomy
from search.entities.vocabulary import VocabularyMatcher


@pytest.fixture(scope="module")
def policies() -> VocabularyMatcher:
    taxonomy = load_taxonomy()
    return VocabularyMatcher(taxonomy.policy_types, taxonomy.policy_exclude, "policy-types")


@pytest.fixture(scope="module")
def industries() -> VocabularyMatcher:
    taxonomy = load_taxonomy()
    return VocabularyMatcher(taxonomy.industries, taxonomy.industry_exclude, "industries")


def _evidence(matcher: VocabularyMatcher, text: str) -> dict[str, list[str]]:
    return {category.label: phrases for category, phrases in matcher.match(text)}


def test_overlapping_phrases_both_count(policies) -> None:
    # 成果转化 and 转化基金 share 转化: each decides its own label.
    assert _evidence(policies, "该市设立成果转化基金，支持企业发展。") == {
        "科技金融": ["转化基金"],
        "科技创新与孵化": ["成果转化"],
    }


def test_the_longest_phrase_at_a_position_wins(policies) -> None:
    # 科技成果 and 科技成果转化 start together; 成果转化 lies inside the longer one.
    assert _evidence(policies, "推动科技成果转化。") == {"科技创新与孵化": ["科技成果转化"]}
    assert _evidence(policies, "推动科技成果走向市场。") == {"科技创新与孵化": ["科技成果"]}


def test_a_phrase_inside_a_longer_match_does_not_count(policies, industries) -> None:
    # 成果转化为 is an excluded phrase: the 成果转化 inside it decides nothing.
    assert _evidence(policies, "成果转化为现实生产力。") == {}
    assert _evidence(industries, "新能源汽车产业集群加快形成。") == {
        "汽车与智能网联": ["新能源汽车"]
    }


def test_phrases_are_listed_once_in_order_of_first_finding(industries) -> None:
    text = "汽车企业加快智能网联技术应用，汽车产量增长。"
    assert _evidence(industries, text) == {"汽车与智能网联": ["汽车", "智能网联"]}


def test_a_phrase_in_a_passing_list_decides_nothing(industries) -> None:
    text = "新能源汽车产业集群加快形成。"
    assert industries.match(text, [(0, len(text))]) == []
