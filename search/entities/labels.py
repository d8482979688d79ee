"""Industries and policy types of a paragraph: its text read by the two vocabularies with the
names it holds (parks, organisations, titles) blanked, and the labels an article's title names.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence

from search.entities import senses
from search.entities.china_names import ChinaNames, china_names
from search.entities.context import (
    PARK_WORDS,
    industry_passing,
    listed_with,
    quoted_titles,
    strategy_places,
)
from search.entities.field_lists import one_industry_lists, passing_lists
from search.entities.named_industries import named_industries
from search.entities.phrases import PhraseUnion
from search.entities.policy_context import label_passing
from search.entities.policy_mentions import passing_mentions
from search.entities.policy_senses import SPARED, shared_passing
from search.entities.reported import PLAN_LABEL, reported_plan, reported_policies
from search.entities.spans import Span, blank
from search.entities.taxonomy import Category, Taxonomy
from search.entities.vocabulary import VocabularyMatcher

Labels = list[tuple[Category, list[str]]]
# Round 12's spans, looked for only when a trigger of a label they concern is found.
_SETTINGS, _TALK = (senses.settings, ()), (shared_passing, SPARED)


class LabelReader:
    """Reads industries and policy types with the vocabularies of one taxonomy."""

    def __init__(self, taxonomy: Taxonomy, frequency: Callable[[str], int]) -> None:
        """`frequency`: jieba's word frequencies (the window segmenter's), for China's names."""
        # Both vocabularies read the same masked paragraph: their phrases are searched as one.
        union = self.phrase_union = PhraseUnion("labels")
        self._industries = VocabularyMatcher(
            taxonomy.industries,
            taxonomy.industry_exclude,
            "industries",
            single_examples=True,
            union=union,
        )
        self._policies = VocabularyMatcher(
            taxonomy.policy_types, taxonomy.policy_exclude, "policy-types", union=union
        )
        # Policy types are given in the taxonomy's order.
        self.policy_order = {c.label: n for n, c in enumerate(taxonomy.policy_types)}
        self._plan = next(c for c in taxonomy.policy_types if c.label == PLAN_LABEL)
        self._china = ChinaNames(china_names(taxonomy), frequency)
        # A zone named as a free-trade zone (上海自贸试验区, 吉布提国际自贸区) is 开放合作 news.
        self._free_trade_zones = {
            park.name for park in taxonomy.parks if park.kind == "自贸区" or "自贸区" in park.name
        }
        self._gazetteer_parks = {park.name for park in taxonomy.parks}

    def labels(
        self,
        text: str,
        parks: list[Span],
        organizations: list[Span],
        titles: list[Span],
        heading_labels: Container[str] = frozenset(),
        cited: Sequence[str] = (),
    ) -> tuple[Labels, Labels]:
        """Industries and policy types with the phrases that decided them.

        Names and titles say nothing about what a paragraph does: 青岛蓝色生物医药产业园 is no
        生物医药 news, a bank's name is no 金融 news, a visit to a 研究所 no 科技创新 policy.
        """
        organizations = organizations + listed_with(text, organizations)
        names = organizations + titles
        # An unseen trade park (汕尾海上风电产业园) is left to `park_names`, which blanks it
        # for the industries unless its sentence reports the trade's business (…刚刚投产).
        named = [park for park in parks if not self._unseen_trade_park(park[2])]
        masked = blank(text, named + names)
        examples = passing_lists(masked)
        lists = examples + industry_passing(masked)
        industries = self._industries.match(masked, lists, heading_labels, text, None, _SETTINGS)
        if examples:  # a list naming one industry three times is about it (降息、降准、定向降准等)
            listed = one_industry_lists(masked, examples)
            industries += self._industries.named_in_lists(masked, listed, industries)
        # 投资、金融等领域合作 is no company's business; only a named company's is read.
        business = blank(masked, examples) if organizations else masked
        industries += named_industries(
            self._industries, text, business, organizations, titles, industries
        )
        if len(named) < len(parks):  # no park's name is policy news (广州民营经济科技园)
            masked = blank(text, parks + names)
            examples = passing_lists(masked)
        spans = (parks, organizations, titles)
        return industries, self._policy_labels(text, spans, masked, examples, heading_labels, cited)

    def _policy_labels(
        self,
        text: str,
        spans: tuple[list[Span], list[Span], list[Span]],
        masked: str,
        examples: list[tuple[int, int]],
        heading_labels: Container[str],
        cited: Sequence[str],
    ) -> Labels:
        """Policy types with their phrases, read in `masked` (every park, organisation and title
        of `spans` blanked) with its lists of `examples`."""
        parks, organizations, titles = spans
        # A free-trade zone named whole (海南自由贸易港) is 开放合作 news; its 片区 and
        # other zones stay names (临港新片区发布…措施 is about the measure, not opening up).
        zones = [mention for mention in parks if mention[2] not in self._free_trade_zones]
        # Without a free-trade zone the same spans are blanked: `masked` is that text.
        same = len(zones) == len(parks)
        policy_text = masked if same else blank(text, zones + organizations + titles)
        passing = strategy_places(policy_text) + passing_mentions(policy_text)
        by_label = label_passing(policy_text, examples, self.policy_order, self._china, text)
        policies = self._policies.match(policy_text, passing, heading_labels, text, by_label, _TALK)
        policies += reported_plan(self._plan, text, policies, cited, self._policies)
        policies += reported_policies(self._policies, text, titles, policies)
        policies.sort(key=lambda item: self.policy_order[item[0].label])
        return policies

    def _unseen_trade_park(self, name: str) -> bool:
        """A park the gazetteer does not know, named with a word `park_names` reads (产业园,
        科技园, 工业园): not 软件园, 物流园 or 创业园区, which `park_names` would never blank."""
        return name not in self._gazetteer_parks and name.endswith(PARK_WORDS)

    def heading_labels(self, heading: str) -> frozenset[str]:
        """Labels a title names (《…》 titles blanked; organisations are left, which is cheaper and
        harmless here: a title's label only supports a weak word its paragraphs say)."""
        masked = blank(heading, quoted_titles(heading))
        found = self._industries.match(masked) + self._policies.match(masked)
        return frozenset(category.label for category, _ in found)
