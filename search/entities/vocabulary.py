"""Trigger matching for a controlled vocabulary (industries, policy types): longest phrase first,
lists of examples left out, weak triggers counted only with support (one example of another
class, 疫苗等关键医疗物资: `class_examples`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator, Mapping

from search.entities.class_examples import ClassExamples
from search.entities.pattern_words import PatternGate
from search.entities.phrases import PhraseUnion
from search.entities.spans import Covering
from search.entities.taxonomy import Category

# A weak trigger (人才, 物流, 基础设施 …) is often a word in passing: it decides its label when
# the paragraph says it twice or names the label with another trigger too.
WEAK_SUPPORT = 2
LIST_SUBJECT_PHRASES = 3  # a list of examples naming one label this often is about it
_NO_SPANS = Covering([])  # most paragraphs have no list: one covering of nothing for all
Found = dict[str, tuple[Category, list[str]]]  # label -> its category and deciding phrases
# Spans where every label's triggers but the spared ones decide nothing: how to find them in a
# text, and the spared labels.
Shared = tuple[Callable[[str], list[tuple[int, int]]], Container[str]]


class VocabularyMatcher:
    """Longest-first, non-overlapping trigger matching for one controlled vocabulary."""

    def __init__(
        self,
        categories: tuple[Category, ...],
        exclude: tuple[str, ...],
        name: str,
        *,
        single_examples: bool = False,
        union: PhraseUnion | None = None,
    ) -> None:
        """`name`: which vocabulary (its compiled phrases are cached under it);
        `single_examples`: a phrase named as one example of another class decides nothing;
        `union`: its phrases and its patterns' words are searched with the union's other lists
        (another vocabulary reading the same texts)."""
        self._single_examples = single_examples
        self._categories_of: dict[str, list[Category]] = {phrase: [] for phrase in exclude}
        for category in categories:
            for trigger in (*category.triggers, *category.weak, *category.titled):
                self._categories_of.setdefault(trigger, []).append(category)
        union = union or PhraseUnion(name)
        self._phrases = union.member(self._categories_of)
        # Only a phrase that begins or ends with a Latin letter or digit can be glued (5G).
        self._latin_edged = frozenset(
            phrase for phrase in self._categories_of if _latin(phrase[0]) or _latin(phrase[-1])
        )
        patterns = [(pattern, category) for category in categories for pattern in category.patterns]
        self._patterns = [(re.compile(pattern), category) for pattern, category in patterns]
        # Which patterns a text may match, from the words they need: one search for all.
        sources = [pattern for pattern, _ in patterns]
        self._gate = PatternGate(sources, name, union) if patterns else None
        self._weak = {(category.label, word) for category in categories for word in category.weak}
        # Words of a label's kind (开放, 民营) that decide it only under a title naming it.
        self._titled = {(c.label, word) for c in categories for word in c.titled}
        self._order = {category.label: index for index, category in enumerate(categories)}

    def match(
        self,
        text: str,
        lists: list[tuple[int, int]] = (),
        supported: Container[str] = frozenset(),
        written: str | None = None,
        label_lists: Mapping[str, list[tuple[int, int]]] | None = None,
        shared: Shared | None = None,
    ) -> list[tuple[Category, list[str]]]:
        """Categories triggered in `text` with the phrases that decided them, in vocabulary order.

        A phrase inside a longer matched phrase does not count (新能源 in 新能源汽车, 道路 in an
        excluded 道路测试), but phrases that only overlap both count (成果转化 + 转化基金). A
        phrase inside one of `lists` (examples in a list of fields) does not decide a label.
        A weak phrase said once decides a label of `supported` (the article's title names it);
        a titled one (开放 under 扩大高水平开放) decides only such a label.
        `written`: `text` as the paragraph writes it, when `text` has names blanked (a pattern's
        evidence is its span there: “十四五”期间，工信部还将, not “十四五”期间，   还将).
        `label_lists`: spans where only the named label's triggers decide nothing.
        `shared`: a finder of spans where every label's triggers but the spared ones decide
        nothing, run only when a trigger of a label not spared is found (round 12).
        """
        covered = Covering(lists) if lists else _NO_SPANS
        # Most labels' spans are empty on most paragraphs: no covering to build or to ask.
        label_covered = {
            label: Covering(spans) for label, spans in (label_lists or {}).items() if spans
        }
        unless = _Unless(shared, text) if shared else None
        found, hits, strong, titled = self._phrase_matches(text, covered, label_covered, unless)
        for category, span in self._pattern_matches(text, covered, label_covered, unless):
            strong.add(category.label)
            found.setdefault(category.label, (category, [(written or text)[span[0] : span[1]]]))
        return self._kept(found, hits, strong, titled, supported)

    def _kept(
        self,
        found: Found,
        hits: dict[str, int],
        strong: set[str],
        titled: Found,
        supported: Container[str],
    ) -> list[tuple[Category, list[str]]]:
        """The labels found that decide: a strong trigger, a weak one said twice, or one the
        title supports (titled words only so), in vocabulary order."""
        kept = [
            item
            for label, item in found.items()
            # `supported` last: asking it may cost a search (tags.LabelsWhenAsked).
            if label in strong or hits.get(label, 0) >= WEAK_SUPPORT or label in supported
        ]
        if titled:  # a label only a titled word names: asked of the title last
            labels = {category.label for category, _ in kept}
            kept += [
                item for label, item in titled.items() if label not in labels and label in supported
            ]
        return sorted(kept, key=lambda item: self._order[item[0].label])

    def _pattern_matches(
        self,
        text: str,
        covered: Covering,
        label_covered: dict[str, Covering],
        unless: _Unless | None,
    ) -> Iterator[tuple[Category, tuple[int, int]]]:
        """Each pattern's first match in `text` (with its category) that no span leaves out and
        that neither begins nor ends inside an excluded phrase; only the patterns whose words
        `text` holds are tried."""
        excluded: list[tuple[int, int]] | None = None  # found when a pattern is first tried
        for number in self._gate.possible(text) if self._gate else ():
            pattern, category = self._patterns[number]
            if excluded is None:
                excluded = self._excluded_spans(text)
            # A match left out does not hide a later one (今年是“十四五”规划开局之年，各地编制了
            # “十四五”规划: the year in passing, then the plan itself; review 21b).
            hit = pattern.search(text)
            while hit:
                span = hit.span()
                if _edge_excluded(excluded, span):  # 医保基金规模达到3万亿元 (round 17c)
                    hit = pattern.search(text, span[0] + 1)
                elif (
                    covered(*span)
                    or _covers(label_covered, category, span)
                    or _unless_covers(unless, category, span)
                ):
                    hit = pattern.search(text, span[1])
                else:
                    yield category, span
                    break

    def _excluded_spans(self, text: str) -> list[tuple[int, int]]:
        """Where an excluded phrase (医保基金, 卫星发射中心) is the longest phrase at its start."""
        return [
            (start, start + len(phrase))
            for start, phrase in self._phrases.starts(text)
            if not self._categories_of[phrase]
        ]

    def named_in_lists(
        self,
        text: str,
        spans: list[tuple[int, int]],
        found: list[tuple[Category, list[str]]],
    ) -> list[tuple[Category, list[str]]]:
        """Categories not in `found` that `LIST_SUBJECT_PHRASES` or more different phrases decide
        inside one span of `text` (a list of examples naming one label is about it)."""
        have = {category.label for category, _ in found}
        named: dict[str, tuple[Category, list[str]]] = {}
        for start, end in spans:
            for category, words in self.match(text[start:end]):
                if len(words) >= LIST_SUBJECT_PHRASES and category.label not in have:
                    named.setdefault(category.label, (category, words))
        return sorted(named.values(), key=lambda item: self._order[item[0].label])

    def _phrase_matches(
        self,
        text: str,
        covered: Covering,
        label_covered: dict[str, Covering],
        unless: _Unless | None = None,
    ) -> tuple[Found, dict[str, int], set[str], Found]:
        """The triggers' categories with their phrases, each label's number of hits, the labels a
        strong (not weak) trigger decided, and the titled words' labels apart; longest phrase
        first, lists left out."""
        found: Found = {}
        titled: Found = {}
        hits: dict[str, int] = {}
        strong: set[str] = set()
        reach, starts = 0, self._phrases.starts(text)
        examples = self._examples(text, starts)
        for start, phrase in starts:
            end = start + len(phrase)
            if end <= reach or (phrase in self._latin_edged and _glued(text, phrase, start, end)):
                continue
            reach = end
            if covered(start, end) or (examples and examples.of_another_class(phrase, start, end)):
                continue
            for category in self._categories_of[phrase]:
                if _covers(label_covered, category, (start, end)):
                    continue
                if unless is not None and category.label not in unless.spared:
                    if unless.covers(start, end):
                        continue
                    unless = None if unless.empty else unless  # nothing shared: ask no more
                if (category.label, phrase) in self._titled:  # counts only under its title
                    titled.setdefault(category.label, (category, [phrase]))
                    continue
                evidence = found.setdefault(category.label, (category, []))[1]
                hits[category.label] = hits.get(category.label, 0) + 1
                if (category.label, phrase) not in self._weak:
                    strong.add(category.label)
                if phrase not in evidence:
                    evidence.append(phrase)
        return found, hits, strong, titled

    def _examples(self, text: str, starts: list[tuple[int, str]]) -> ClassExamples | None:
        """The phrases' positions, to tell one example of a wider class (疫苗等关键医疗物资): only
        a phrase followed by 等 can be one, so without 等 in the text no table is built."""
        single = self._single_examples and "等" in text
        return ClassExamples(text, starts, self._categories_of) if single else None


class _Unless:
    """The shared spans of a text, found the first time a trigger of a label not spared asks
    (most paragraphs have none, and a matcher stops asking once `empty`)."""

    __slots__ = ("_find", "spared", "_text", "_covering", "empty")  # one per match: no dict

    def __init__(self, shared: Shared, text: str) -> None:
        self._find, self.spared = shared
        self._text = text
        self._covering: Covering | None = None
        self.empty = False

    def covers(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies in the shared spans."""
        if self._covering is None:
            spans = self._find(self._text)
            if not spans:  # the usual answer: no covering to build
                self.empty = True
                return False
            self._covering = Covering(spans)
        return self._covering(start, end)


def _unless_covers(unless: _Unless | None, category: Category, span: tuple[int, int]) -> bool:
    """Whether a pattern's hit lies in the shared spans (a label not spared)."""
    if unless is None or unless.empty or category.label in unless.spared:
        return False
    return unless.covers(*span)


def _edge_excluded(excluded: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether a pattern's hit begins or ends inside an excluded phrase: its word is that
    phrase's (基金 of 医保基金, 发射 of 卫星发射中心), not the pattern's."""
    first, last = span[0], span[1] - 1
    return any(start <= first < end or start <= last < end for start, end in excluded)


def _covers(label_covered: dict[str, Covering], category: Category, span: tuple[int, int]) -> bool:
    """Whether `span` lies inside a span where `category`'s own triggers decide nothing."""
    if not label_covered:  # the usual paragraph: no label has spans of its own
        return False
    covering = label_covered.get(category.label)
    return covering is not None and covering(*span)


def _glued(text: str, phrase: str, start: int, end: int) -> bool:
    """A Latin or digit trigger inside a longer Latin-digit token (5G in 35GB, IVD in IVDR)."""
    before = start > 0 and _latin(phrase[0]) and _latin(text[start - 1])
    return before or (end < len(text) and _latin(phrase[-1]) and _latin(text[end]))


def _latin(character: str) -> bool:
    """A Latin letter or an ASCII digit."""
    return character.isascii() and character.isalnum()
