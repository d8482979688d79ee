"""A cooperation park China builds abroad (中白工业园) named in a paragraph, or its article's
subject: 开放合作 news, whatever triggers the paragraph holds."""

from __future__ import annotations

from search.entities.china_names import china_places
from search.entities.policy_senses import OPENING_LABEL
from search.entities.reported import Found
from search.entities.spans import Span
from search.entities.taxonomy import Category, Taxonomy

# An article's subject parks and the evidence that made them its subject.
Subjects = tuple[tuple[str, ...], tuple[str, ...]]


class OpeningAbroad:
    """开放合作 for a paragraph naming a cooperation park China builds abroad, or of an article
    about one (习近平考察中国-白俄罗斯工业园): what the park is says the news is cooperation. The
    gazetteer files such a park under its country, none of China's provinces."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        china = china_places(taxonomy.provinces)
        abroad = [park for park in taxonomy.parks if park.province not in china]
        self._parks = frozenset(park.name for park in abroad)
        # Each spelling of a park abroad, to pick its own phrase from a subject's evidence.
        self._spelling_of = {
            spelling: park.name for park in abroad for spelling in (park.name, *park.aliases)
        }
        self._opening = next(c for c in taxonomy.policy_types if c.label == OPENING_LABEL)

    def opening(
        self, text: str, mentions: list[Span], subjects: Subjects, found: Found
    ) -> tuple[Category, list[str]] | None:
        """开放合作 with its evidence where a mention or a subject park (`subjects`: the names and
        the evidence that made them the subject) is a park abroad and `found` lacks it; else None.
        """
        names, evidence = subjects
        if not mentions and not names:  # most paragraphs name no park at all
            return None
        named = [text[start:end] for start, end, name in mentions if name in self._parks]
        named += [self._evidence_of(name, evidence) for name in names if name in self._parks]
        if not named or any(category.label == OPENING_LABEL for category, _ in found):
            return None
        return self._opening, named[:1]

    def _evidence_of(self, name: str, evidence: tuple[str, ...]) -> str:
        """The subject's evidence phrase that names the park abroad `name`: the first phrase
        may name another subject park (苏州工业园区与中白工业园签约), which says nothing abroad."""
        own = [phrase for phrase in evidence if self._spelling_of.get(phrase) == name]
        return (own or evidence or (name,))[0]
