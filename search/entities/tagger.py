"""Entity tagging at index time: parks, industries, policy types, organisations, cited policy
documents and money amounts for every paragraph, plus the park each article is about.
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

from search.entities import script
from search.entities.amounts import find_amounts
from search.entities.citations import policy_documents
from search.entities.context import quoted_titles
from search.entities.labels import LabelReader
from search.entities.opening_abroad import OpeningAbroad
from search.entities.organizations import OrganizationRecognizer
from search.entities.park_subject import heading_subjects, in_law_title, lead_subject
from search.entities.parks import WHOLE_AREA_KINDS, ParkRecognizer
from search.entities.phrases import PhraseUnion
from search.entities.pos import WindowSegmenter
from search.entities.spans import Span
from search.entities.tags import LabelsWhenAsked, Tags, merge_evidence, unique, with_values
from search.entities.taxonomy import Category, Taxonomy, load_taxonomy
from search.entities.title_topics import TitleTopics
from search.models import Article, Paragraph, ParagraphWords
from search.text import tokens

SUBLEVEL_SEPARATOR = " › "


class Tagger:
    """Tags articles and texts with the vocabularies of one taxonomy directory."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        words = taxonomy.dictionary_words()
        tokens.add_words(words)
        segmenter = WindowSegmenter(words)
        self.taxonomy = taxonomy
        self._segmenter = segmenter
        # Every text is read for organisations and parks alike: their names are searched as one.
        names = PhraseUnion("names")
        self._parks = ParkRecognizer(taxonomy, segmenter, names)
        self._parents = self._parks.parents
        self._organizations = OrganizationRecognizer(taxonomy, segmenter, names)
        self._labels = LabelReader(taxonomy, segmenter.frequency)
        # Every phrase union the tagger searches, compiled by `ready`.
        self.phrase_unions = (names, self._labels.phrase_union)
        self._abroad = OpeningAbroad(taxonomy)
        self._whole_areas = {p.name for p in taxonomy.parks if p.kind in WHOLE_AREA_KINDS}
        self._title_topics = TitleTopics(taxonomy)
        self._remembered: tuple[str, list[Span], list[Span]] = ("", [], [])

    @classmethod
    def load(cls, taxonomy_dir: Path | None = None) -> Tagger:
        """Load and validate the vocabularies; teaches the shared jieba tokenizer their words."""
        return cls(load_taxonomy(taxonomy_dir))

    def ready(self) -> None:
        """Compile every phrase union now (a build calls it before its workers fork, so they
        inherit the compiled tries rather than each compiling them at its first paragraph)."""
        for union in self.phrase_unions:
            union.compile()

    def tag_text(
        self,
        text: str,
        *,
        subject_parks: tuple[str, ...] = (),
        subject_evidence: tuple[str, ...] = (),
        cited: list[str] | None = None,
        heading_labels: Container[str] = frozenset(),
    ) -> Tags:
        """Tags of one paragraph; `subject_parks` (the article's park) comes first in `parks`.

        `cited` holds the full titles cited earlier in the article (a 《意见》 resolves to one);
        `heading_labels` the labels its title names (they support a weak word said once).
        """
        cited = cited if cited is not None else []
        values, industries = self._values(
            text, subject_parks, subject_evidence, cited, heading_labels
        )
        evidence = values.pop("tag_evidence")
        subindustries = tuple(
            f"{category.parent}{SUBLEVEL_SEPARATOR}{category.label}"
            for category, _ in industries
            if category.parent
        )
        return Tags(**values, subindustries=subindustries, evidence=evidence)

    def _values(
        self,
        text: str,
        subject_parks: tuple[str, ...],
        subject_evidence: tuple[str, ...],
        cited: list[str],
        heading_labels: Container[str],
    ) -> tuple[dict[str, object], list[tuple[Category, list[str]]]]:
        """`tag_text`'s tags as a paragraph's attributes (`TAG_ATTRIBUTES`, `tag_evidence`),
        and the industries found with their phrases."""
        organization_mentions, mentions = self._names(text)
        titles = quoted_titles(text)
        park_mentions = self._own_park_mentions(mentions, titles)
        industries, policies = self._labels.labels(
            text, park_mentions, organization_mentions, titles, heading_labels, cited
        )
        subjects = (subject_parks, subject_evidence)
        opening = self._abroad.opening(text, park_mentions, subjects, policies)
        if opening:  # in the taxonomy's order, as `LabelReader.labels` sorts the rest
            order = self._labels.policy_order
            policies = sorted([*policies, opening], key=lambda item: order[item[0].label])
        park_mentions = self._parks.outside_subject(text, park_mentions, subject_parks)
        own_parks = self._parks.with_parents(park_mentions)
        evidence = [("parks", name, subject_evidence) for name in subject_parks]
        evidence += [
            ("parks", name, self._park_spans(text, park_mentions, name)) for name in own_parks
        ]
        evidence += [("industries", c.facet_value, tuple(words)) for c, words in industries]
        evidence += [("policy_types", c.label, tuple(words)) for c, words in policies]
        values = {
            "parks": unique((*subject_parks, *own_parks)),
            "industries": unique(category.facet_value for category, _ in industries),
            "policy_types": unique(category.label for category, _ in policies),
            "organizations": unique(name for _, _, name in organization_mentions),
            "policy_documents": policy_documents(text, cited),
            "amounts": find_amounts(text),
            "tag_evidence": merge_evidence(evidence),
        }
        return values, industries

    def _names(self, text: str) -> tuple[list[Span], list[Span]]:
        """Organisation and park mentions of `text`. An article's lead is read twice (for its
        subject park, then as a paragraph): the mentions of the last text are kept for that."""
        remembered = self._remembered
        if remembered[0] == text:
            return remembered[1], remembered[2]
        organizations = self._organizations.mentions(text)
        parks = self._parks.mentions(text, organizations)
        self._remembered = (text, organizations, parks)
        return organizations, parks

    def _own_park_mentions(self, mentions: list[Span], titles: list[Span]) -> list[Span]:
        """The parks a paragraph names itself; 《海南经济特区…规定》 names the legislature only."""
        return [
            (start, end, name)
            for start, end, name in mentions
            if name not in self._whole_areas or not in_law_title(titles, start, end)
        ]

    def park_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every park named in `text`, in either script; a park
        named by its trade alone (在碳纤维产业园召开) is a mention too, with its name as written,
        though it gives the paragraph no park value (which park is not said)."""
        text = script.simplified_text(text)
        return self._parks.mentions(text, self._organizations.mentions(text), unplaced=True)

    def park_values(self, names: list[str]) -> set[str]:
        """The facet values of park names as a person writes them: canonical, with parents."""
        values: set[str] = set()
        for name in names:
            whole = [m for m in self._parks.mentions(name) if m[:2] == (0, len(name))]
            values.update(self._parks.with_parents([(0, 0, whole[0][2] if whole else name)]))
        return values

    def subject_parks(self, article: Article) -> tuple[str, ...]:
        """The park(s) an article is about: named in its title, or the one its lead is about."""
        return self._subject(article)[0]

    def _subject(self, article: Article) -> tuple[tuple[str, ...], tuple[str, ...]]:
        heading = " ".join((article.kicker, article.title, article.subtitle))
        # A special economic zone is a whole city: a story about the city is not filed under it.
        named = self._parks.mentions(heading, self._organizations.mentions(heading))  # simplified
        in_title = heading_subjects(heading, named, self._whole_areas)
        if in_title:
            return tuple(self._parks.with_parents(in_title)), _spans(heading, in_title)
        body = [p.text for p in article.paragraphs if p.kind in ("body", "heading")]
        if not body:
            return (), ()
        # A zone in an organisation's name (上海市浦东新区人民法院) is an address, not the story.
        organizations, mentions = self._names(body[0])
        lead = [
            mention
            for mention in mentions
            if not any(start <= mention[0] and mention[1] <= end for start, end, _ in organizations)
        ]
        chosen = lead_subject(
            article.title, body[0], lead, self._segmenter.words, self._whole_areas, self._parents
        )
        if chosen:  # one mention, or one list's places (广东、天津和福建自贸区): each is evidence
            return tuple(self._parks.with_parents(chosen)), _spans(body[0], chosen)
        return (), ()

    def tag_article(self, article: Article, words: ParagraphWords | None = None) -> Article:
        """A new Article with `subject_parks` set and every paragraph's tags filled (an article
        in traditional characters is tagged as its simplified twin). `words`: the index's jieba
        words of its paragraphs as written, if the build cut them (no rule reads them yet)."""
        folded = script.simplified_article(article)
        if folded is None:
            return self._tag_article(article)
        return script.as_written(self._tag_article(folded), article)

    def _tag_article(self, article: Article) -> Article:
        """`tag_article` of an article in simplified characters."""
        subject, evidence = self._subject(article)
        cited: list[str] = []
        heading = " ".join((article.kicker, article.title, article.subtitle))
        policy_documents(heading, cited)
        heading_labels = LabelsWhenAsked(lambda: self._labels.heading_labels(heading))
        keeps = self._subject_paragraphs(heading, subject, article.paragraphs)
        paragraphs = tuple(
            self._tag_paragraph(
                paragraph, *((subject, evidence) if keep else ((), ())), cited, heading_labels
            )
            for paragraph, keep in zip(article.paragraphs, keeps, strict=True)
        )
        return with_values(article, {"subject_parks": subject, "paragraphs": paragraphs})

    def _subject_paragraphs(
        self, heading: str, subject: tuple[str, ...], paragraphs: tuple[Paragraph, ...]
    ) -> list[bool]:
        """Which paragraphs get the subject parks: all, unless the heading names a subject zone
        and a second topic (another place, a law): then the zone's story only (round 17e)."""
        if not subject:
            return [True] * len(paragraphs)
        named = self._parks.mentions(heading, self._organizations.mentions(heading))
        zones = [mention for mention in named if mention[2] in subject]
        texts = [paragraph.text for paragraph in paragraphs]
        keeps = self._title_topics.paragraph_subjects(heading, zones, texts) if zones else None
        return keeps if keeps is not None else [True] * len(paragraphs)

    def _tag_paragraph(
        self,
        paragraph: Paragraph,
        subject: tuple[str, ...],
        evidence: tuple[str, ...],
        cited: list[str],
        heading_labels: Container[str],
    ) -> Paragraph:
        values, _ = self._values(paragraph.text, subject, evidence, cited, heading_labels)
        return with_values(paragraph, values)

    def _park_spans(
        self, text: str, mentions: list[tuple[int, int, str]], name: str
    ) -> tuple[str, ...]:
        """How `name` is written in `text`, or how its sub-park is (a parent is tagged by it)."""
        return _spans(text, [m for m in mentions if name in self._parks.with_parents([m])])


def _spans(text: str, mentions: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """The mentions' text as written, each once, in order."""
    return tuple(dict.fromkeys(text[start:end] for start, end, _ in mentions))
