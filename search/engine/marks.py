"""What a search marks in the text: the words of its plan (jieba words) and its exact phrases,
every equivalent form included (park aliases, synonyms)."""

from __future__ import annotations

from search.engine.equivalents import Equivalents
from search.engine.matching import CUT_EXACT, names
from search.engine.plan import Plan
from search.text.normalize import normalize
from search.text.tokens import word_tokens


def query_marks(plan: Plan, equivalents: Equivalents) -> tuple[list[str], list[str]]:
    """The words and the phrases to mark for one plan."""
    return highlight_words(plan), phrases(plan, equivalents)


def phrases(plan: Plan, equivalents: Equivalents) -> list[str]:
    """Every form of every positive word and phrase, normalized, for exact marks."""
    phrases: dict[str, None] = {}
    for group in plan.required:
        for clause in group:
            forms = (
                [clause.text]
                if clause.phrase
                else [form.text for form in equivalents.forms(clause.text)]
            )
            for form in forms:
                phrases.setdefault(normalize(form), None)
    for unit in plan.units:
        for form, name in zip(unit.forms, names(unit.forms), strict=True):
            if unit.alone or name or len(form.text) >= CUT_EXACT:
                phrases.setdefault(form.text, None)
    return list(phrases)


def highlight_words(plan: Plan) -> list[str]:
    # A lone Han character from a longer keyword would mark unrelated words: leave those
    # to the phrase marks of the keyword itself.
    words = [token.text for form in _word_forms(plan) for token in word_tokens(form, mode="query")]
    words = list(dict.fromkeys(words))
    return [word for word in words if len(word) > 1 or len(words) == 1]


def _word_forms(plan: Plan) -> list[str]:
    """The forms whose words are marked: not names of several words (`names`), which are
    marked whole as phrases (中国 alone is no sign of 中国—新加坡苏州工业园区)."""
    forms = [
        form.text
        for unit in plan.units
        for form, name in zip(unit.forms, names(unit.forms), strict=True)
        if not name
    ]
    forms += [clause.text for group in plan.required for clause in group if not clause.phrase]
    return forms
