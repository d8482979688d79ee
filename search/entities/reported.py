"""Documents a paragraph reports on: a cited plan makes it 发展规划 news, and a document it says
is issued (印发《…》) gives the policy types its title names; the title is the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search.entities.categories import Category
from search.entities.citations import CITATION, canonical_title, written
from search.entities.spans import Span
from search.entities.vocabulary import VocabularyMatcher

Found = list[tuple[Category, list[str]]]

# A plan the paragraph reports on (印发《国家公路网规划》, 《总体方案》提出…) is 发展规划 news,
# though titles are blanked before matching.
_PLAN_TITLE = re.compile(
    r"《[^《》]*(规划|纲要|总体方案)(（[^《》]*）|\([^《》]*\))?》|《(方案|意见|批复|行动计划|计划)》"
)
# What a back-reference (《意见》) refers to is a plan only if its full title says so (规划, 纲要,
# 总体方案, 行动计划 …) or names a strategy: 《意见》指出 after 印发《关于完善法律援助制度的意见》
# reports no plan.
_PLAN_WORDS = re.compile(r"规划|纲要|总体方案|计划|战略")
_REPORTED = re.compile(r"印发|发布|解读|出台|审议通过|批复|指出|提出|明确|强调|要求")
PLAN_LABEL = "发展规划"
# A document the paragraph says is issued (国务院印发《关于推进自由贸易试验区贸易投资便利化…》):
# what its title names is what the paragraph is about.
_REPORTING_VERB = re.compile(r"(?:印发|发布|出台|公布|审议通过|批准|颁布|施行)[了的]?$")
# An agreement the paragraph says is signed (与…签订了《…产业园项目投资协议》; round 16): what its
# title names is what was agreed, as with an issued document.
_SIGNING_VERB = re.compile(r"(?:签订|签署|签约)[了的]?$")
_AGREEMENT = re.compile(r"(?:协议|合同|协定|备忘录)(?:书)?》$")
REPORT_REACH = 8  # how far before the title the verb may stand (印发通知，批准《…》)
SHORT_TITLE = 8  # 《意见》, 《方案》: back-references, not full titles


def reported_titles(text: str, titles: list[Span]) -> list[str]:
    """Full titles (not a short 《意见》 back-reference) that a verb in `text` says are issued, or
    agreements it says are signed."""
    reported = []
    for start, _, title in titles:
        before = text[max(0, start - REPORT_REACH) : start].rstrip("，、 ")
        if len(title) <= SHORT_TITLE:
            continue
        if _REPORTING_VERB.search(before) or (
            _SIGNING_VERB.search(before) and _AGREEMENT.search(title)
        ):
            reported.append(title)
    return reported


def reported_policies(
    policies: VocabularyMatcher, text: str, titles: list[Span], found: Found
) -> Found:
    """Policy types a reported document's title names (印发《…自由贸易试验区…措施》)."""
    reported = reported_titles(text, titles) if titles else []
    labels = {category.label for category, _ in found}
    extra = []
    for title in reported:
        for category, _ in policies.match(title):
            if category.label not in labels:
                labels.add(category.label)
                extra.append((category, [title]))
    return extra


def reported_plan(
    plan: Category,
    text: str,
    found: Found,
    cited: Sequence[str] = (),
    policies: VocabularyMatcher | None = None,
) -> Found:
    """发展规划 for a paragraph reporting what a cited plan says (the title is the evidence);
    a back-reference (《意见》) only when the document it refers to is a plan (`cited`: the full
    titles cited earlier in the article; `policies` finds a strategy a title names)."""
    if any(category.label == plan.label for category, _ in found):
        return []
    title = _PLAN_TITLE.search(text) if "》" in text else None
    if title is None or (title.group(3) and not _refers_to_plan(title, text, cited, policies)):
        return []
    around = text[max(0, title.start() - 6) : title.start()] + text[title.end() : title.end() + 6]
    if not _REPORTED.search(around):
        return []
    return [(plan, [title.group()])]


def _refers_to_plan(
    reference: re.Match, text: str, cited: Sequence[str], policies: VocabularyMatcher | None
) -> bool:
    """Whether a back-reference (《意见》) names a plan: the latest full title before it (earlier in
    the article or in this paragraph) that ends with its word names a plan or a strategy."""
    short = reference.group(3)
    before = [canonical_title(written(t)) for t in CITATION.findall(text[: reference.start()])]
    for full in reversed([*cited, *before]):
        if full.endswith(short) and full != short:
            if _PLAN_WORDS.search(full):
                return True
            found = policies.match(full) if policies is not None else []
            return any(category.label == PLAN_LABEL for category, _ in found)
    # Cited nowhere before (the title only in the heading's words): read as a plan, as before.
    return True
