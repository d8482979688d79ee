"""Entity tagging at index time: parks, industries, policy types, organisations, cited policy
documents and money amounts for every paragraph, plus the park each article is about.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from search.entities.amounts import find_amounts
from search.entities.organizations import OrganizationRecognizer
from search.entities.parks import ParkRecognizer
from search.entities.pos import WindowSegmenter
from search.entities.taxonomy import Category, Taxonomy, load_taxonomy
from search.fields import MAX_VALUE_CHARS, TAG_ATTRIBUTES
from search.models import Amount, Article, Paragraph
from search.text import tokens

SUBLEVEL_SEPARATOR = " › "
OPENING_PARAGRAPHS = 2  # the subject park is read from the title and this many body paragraphs
_DOCUMENT = re.compile(rf"《([^《》]{{2,{MAX_VALUE_CHARS}}})》")
# Newspapers and magazines in 《》 are publications, not policy documents.
_PUBLICATION = re.compile(
    r"(日报|晚报|早报|时报|商报|周报|导报|杂志|周刊|月刊|新闻联播)$|^.{1,4}(?<!通|公|快)报$"
)
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


@dataclass(frozen=True)
class Tags:
    """What one text is tagged with: `search.fields.TAG_ATTRIBUTES`, plus `subindustries` with
    second levels (生物医药 › 医疗器械)."""

    parks: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    policy_types: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    policy_documents: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    subindustries: tuple[str, ...] = ()


class VocabularyMatcher:
    """Longest-first, non-overlapping trigger matching for one controlled vocabulary."""

    def __init__(self, categories: tuple[Category, ...], exclude: tuple[str, ...]) -> None:
        self._categories_of: dict[str, list[Category]] = {phrase: [] for phrase in exclude}
        for category in categories:
            for trigger in category.triggers:
                self._categories_of.setdefault(trigger, []).append(category)
        ordered = sorted(self._categories_of, key=len, reverse=True)
        # A lookahead finds the longest phrase at every position, overlaps included.
        alternation = "|".join(re.escape(phrase) for phrase in ordered)
        self._pattern = re.compile(f"(?=({alternation}))")
        self._patterns = [
            (re.compile(pattern), category)
            for category in categories
            for pattern in category.patterns
        ]
        self._order = {category.label: index for index, category in enumerate(categories)}

    def match(self, text: str) -> list[Category]:
        """Categories triggered in `text`, each once, in vocabulary order.

        A phrase inside a longer matched phrase does not count (新能源 in 新能源汽车, 道路 in an
        excluded 道路测试), but phrases that only overlap both count (成果转化 + 转化基金).
        """
        found: dict[str, Category] = {}
        reach = 0
        for match in self._pattern.finditer(text):
            end = match.start() + len(match.group(1))
            if end <= reach:
                continue
            reach = end
            for category in self._categories_of[match.group(1)]:
                found.setdefault(category.label, category)
        for pattern, category in self._patterns:
            if category.label not in found and pattern.search(text):
                found[category.label] = category
        return sorted(found.values(), key=lambda item: self._order[item.label])


class Tagger:
    """Tags articles and texts with the vocabularies of one taxonomy directory."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        words = taxonomy.dictionary_words()
        tokens.add_words(words)
        segmenter = WindowSegmenter(words)
        self.taxonomy = taxonomy
        self._parks = ParkRecognizer(taxonomy, segmenter)
        self._organizations = OrganizationRecognizer(taxonomy, segmenter)
        self._industries = VocabularyMatcher(taxonomy.industries, taxonomy.industry_exclude)
        self._policies = VocabularyMatcher(taxonomy.policy_types, taxonomy.policy_exclude)

    @classmethod
    def load(cls, taxonomy_dir: Path | None = None) -> Tagger:
        """Load and validate the vocabularies; teaches the shared jieba tokenizer their words."""
        return cls(load_taxonomy(taxonomy_dir))

    def tag_text(self, text: str, *, subject_parks: tuple[str, ...] = ()) -> Tags:
        """Tags of one paragraph; `subject_parks` (the article's park) comes first in `parks`."""
        park_mentions = self._parks.mentions(text)
        organization_mentions = self._organizations.mentions(text)
        # Names say nothing about what a paragraph does: 青岛蓝色生物医药产业园 is no 生物医药
        # news, and a visit to a 研究所 is no 科技创新与孵化 policy.
        without_parks = _blank(text, park_mentions)
        industries = self._industries.match(without_parks)
        policies = self._policies.match(_blank(without_parks, organization_mentions))
        return Tags(
            parks=_unique((*subject_parks, *self._parks.with_parents(park_mentions))),
            industries=_unique(category.facet_value for category in industries),
            policy_types=_unique(category.label for category in policies),
            organizations=_unique(name for _, _, name in organization_mentions),
            policy_documents=policy_documents(text),
            amounts=find_amounts(text),
            subindustries=tuple(
                f"{category.parent}{SUBLEVEL_SEPARATOR}{category.label}"
                for category in industries
                if category.parent
            ),
        )

    def park_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every park named in `text`."""
        return self._parks.mentions(text)

    def park_values(self, names: list[str]) -> set[str]:
        """The facet values of park names as a person writes them: canonical, with parents."""
        values: set[str] = set()
        for name in names:
            whole = [m for m in self._parks.mentions(name) if m[:2] == (0, len(name))]
            values.update(self._parks.with_parents([(0, 0, whole[0][2] if whole else name)]))
        return values

    def subject_parks(self, article: Article) -> tuple[str, ...]:
        """The park(s) an article is about: named in its title, else most named in its opening."""
        heading = " ".join((article.kicker, article.title, article.subtitle))
        in_title = self._parks.find(heading)
        if in_title:
            return tuple(in_title)
        body = [p.text for p in article.paragraphs if p.kind in ("body", "heading")]
        for texts in (body[:OPENING_PARAGRAPHS], body):
            counts = Counter(park for text in texts for park in self._parks.find(text))
            if counts:
                best = counts.most_common(1)[0][0]
                return tuple(self._parks.with_parents([(0, 0, best)]))
        return ()

    def tag_article(self, article: Article) -> Article:
        """A new Article with `subject_parks` set and every paragraph's tags filled."""
        subject = self.subject_parks(article)
        paragraphs = tuple(
            self._tag_paragraph(paragraph, subject) for paragraph in article.paragraphs
        )
        return replace(article, subject_parks=subject, paragraphs=paragraphs)

    def _tag_paragraph(self, paragraph: Paragraph, subject: tuple[str, ...]) -> Paragraph:
        tags = self.tag_text(paragraph.text, subject_parks=subject)
        return replace(
            paragraph, **{attribute: getattr(tags, attribute) for attribute in TAG_ATTRIBUTES}
        )


def policy_documents(text: str) -> tuple[str, ...]:
    """Titles cited in 《…》, brackets off, spaces between Chinese characters removed."""
    titles: list[str] = []
    for match in _DOCUMENT.finditer(text):
        title = _CJK_SPACE.sub("", match.group(1)).strip()
        if title and not _PUBLICATION.search(title) and title not in titles:
            titles.append(title)
    return tuple(titles)


def _blank(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` with the spans replaced by spaces (offsets unchanged)."""
    characters = list(text)
    for start, end, _ in spans:
        characters[start:end] = " " * (end - start)
    return "".join(characters)


def _unique(values: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))  # type: ignore[call-overload]
