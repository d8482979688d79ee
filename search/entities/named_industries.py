"""Industries a paragraph's names report: a company whose business its sentence tells (…药业投产)
or an industry policy's title (《…促进人工智能产业发展…》), though a name alone decides no label.
"""

from __future__ import annotations

import re

from search.entities.context import business_names
from search.entities.reported import Found
from search.entities.spans import Span
from search.entities.vocabulary import VocabularyMatcher

_INDUSTRY_POLICY = re.compile(r"(促进|支持|推动|加快|发展).{0,12}产业")


def named_industries(
    matcher: VocabularyMatcher,
    text: str,
    masked: str,
    organizations: list[Span],
    titles: list[Span],
    found: Found,
) -> Found:
    """Industries not in `found` named by a company or an industry policy the paragraph is about.

    A bank's name alone is no 金融 news, but a 药业 company that invests and produces, or
    《…促进人工智能产业发展…》, is what the paragraph reports (`masked`: `text` with names and
    lists of examples blanked).
    """
    names = business_names(text, masked, organizations)
    names += [title for *_, title in titles if _INDUSTRY_POLICY.search(title)]
    if not names:
        return []
    labels = {category.label for category, _ in found}
    named = matcher.match("\n".join(names))
    return [(category, words) for category, words in named if category.label not in labels]
