"""One item named as an example of a wider class (疫苗等关键医疗物资, 手机等数码产品): the class
is the news, so the item's trigger decides nothing (`VocabularyMatcher`'s `single_examples`).
"""

from __future__ import annotations

import re

from search.entities.taxonomy import Category

# Not an item picked out of a field (生物基材料等新领域, 新能源汽车等产业), nor one of a list
# (汽车、动车组等重大专项), nor an example of the label's own class (光伏等新能源). Nor a 等 that
# starts a word of its own (5G等待时间, 芯片等级): nothing is an example there.
_EXAMPLE_OF = re.compile(r"等(?![待候级])(?![^，。；！？]{0,4}(?:领域|产业|行业|专项|项目|赛道))")
_CLAUSE_MARKS = "，。；：！？"
_LIST_MARKS = "、和与及"
EXAMPLE_REACH = 12  # how far back a list mark makes the item one of a list
CLASS_REACH = 5  # how far after 等 the label's own class may start


class ClassExamples:
    """Whether a phrase is one item named as an example of a wider class (疫苗等关键医疗物资)."""

    def __init__(
        self, text: str, starts: list[tuple[int, str]], categories_of: dict[str, list[Category]]
    ) -> None:
        """`starts`: where each matched phrase of `text` begins; `categories_of`: each phrase's
        categories."""
        self._text = text
        self._phrase_at = dict(starts)
        self._categories_of = categories_of

    def of_another_class(self, phrase: str, start: int, end: int) -> bool:
        """Whether text[start:end] is followed by 等 and a class that is neither a field nor the
        phrase's own label, and stands alone in its clause (not one item of a list)."""
        text = self._text
        if not text.startswith("等", end) or not _EXAMPLE_OF.match(text, end):
            return False
        before = text[max(0, start - EXAMPLE_REACH) : start]
        clause = before[max(before.rfind(mark) for mark in _CLAUSE_MARKS) + 1 :]
        if any(mark in clause for mark in _LIST_MARKS):
            return False
        labels = self._labels(phrase)
        return not any(
            labels & self._labels(self._phrase_at[position])
            for position in range(end + 1, end + 1 + CLASS_REACH)
            if position in self._phrase_at
        )

    def _labels(self, phrase: str) -> set[str]:
        return {category.facet_value for category in self._categories_of[phrase]}
