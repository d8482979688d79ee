"""Policy documents cited in 《…》: one canonical title per document, the spellings merged into
it (half-width brackets, dash and dot forms, an edition or year range in brackets), and short
back-references (《意见》) resolved to the full title cited earlier in the article.
"""

from __future__ import annotations

import re

from search.fields import MAX_VALUE_CHARS

# Titles longer than MAX_VALUE_CHARS are not taken: every facet value stays a valid filter.
CITATION = re.compile(rf"《([^《》]{{2,{MAX_VALUE_CHARS}}})》")
# Newspapers and magazines in 《》 are publications, not policy documents.
_PUBLICATION = re.compile(
    r"(日报|晚报|早报|时报|商报|周报|导报|杂志|周刊|月刊|新闻联播)$|^.{1,4}(?<!通|公|快)报$"
)
# 《意见》《条例》《纲要》…: a short name for a document cited in full earlier in the article.
BACK_REFERENCE_LENGTH = 4
_GENERIC_DOCUMENT = re.compile(
    r"(若干|实施|指导|总体|行动|规划|工作)?(意见|条例|决定|通知|办法|方案|规划|纲要|批复|公报|决议|"
    r"建议|报告|规定|细则|措施|计划|指引|指南)"
)
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
# One form per punctuation mark: full-width brackets, one middle dot.
_FOLDED = str.maketrans({"(": "（", ")": "）", "<": "〈", ">": "〉", "＜": "〈", "＞": "〉"})
_FOLDED.update({ord(dot): "·" for dot in "•・‧∙⋅"})
_FOLDED.update({code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)})  # ０-９ → 0-9
_YEAR_RANGE_DASH = re.compile(r"(?<=\d)\s*[-－–—―~～至]+\s*(?=\d)")
_CJK_DASH = re.compile(r"(?<=[^\x00-\x7f])[-－–—―]{1,2}(?=[^\x00-\x7f])")
# An edition or period in brackets at the end: （2023年版） （2017年修订） （2018—2022年）.
_EDITION = re.compile(r"（\d{4}(?:—\d{4})?年?(?:年?版|修订版?|修正|修订本)?）$")


def written(title: str) -> str:
    """A cited title as written, brackets off, spaces between Chinese characters removed."""
    return _CJK_SPACE.sub("", title).strip()


def is_publication(title: str) -> bool:
    """Whether a title in 《》 names a newspaper or magazine rather than a document."""
    return _PUBLICATION.search(title) is not None


def canonical_title(title: str) -> str:
    """The one spelling a cited title is filed under (brackets off, spaces between Chinese
    characters removed, punctuation forms folded, a trailing edition or period dropped)."""
    folded = _CJK_SPACE.sub("", title).strip().translate(_FOLDED)
    folded = _YEAR_RANGE_DASH.sub("—", folded)
    folded = _CJK_DASH.sub("——", folded)
    without_edition = _EDITION.sub("", folded)
    return without_edition if len(without_edition) >= 2 else folded


def cited_titles(text: str) -> list[tuple[str, str]]:
    """(canonical title, spelling as written) of every policy document cited in `text`, each
    pair once, in order of first citation; publications (《人民日报》) are left out."""
    found: list[tuple[str, str]] = []
    for match in CITATION.finditer(text):
        as_written = written(match.group(1))
        if not as_written or is_publication(as_written):
            continue
        pair = (canonical_title(as_written), as_written)
        if pair not in found:
            found.append(pair)
    return found


def policy_documents(text: str, cited: list[str] | None = None) -> tuple[str, ...]:
    """Full titles cited in 《…》, brackets off, spaces between Chinese characters removed.

    A back-reference (《意见》) is the latest title in `cited` that ends with it, or nothing;
    full titles found here are appended to `cited` for the paragraphs that follow.
    """
    if "《" not in text:  # most paragraphs cite nothing (every title is in 《》)
        return ()
    cited = [] if cited is None else cited
    titles: list[str] = []
    for match in CITATION.finditer(text):
        title = written(match.group(1))
        if not title or is_publication(title):
            continue
        title = canonical_title(title)
        if len(title) <= BACK_REFERENCE_LENGTH or _GENERIC_DOCUMENT.fullmatch(title):
            earlier = [full for full in reversed(cited) if full.endswith(title) and full != title]
            if not earlier:
                continue
            title = earlier[0]
        else:
            cited.append(title)
        if title not in titles:
            titles.append(title)
    return tuple(titles)
