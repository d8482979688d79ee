"""Money amounts in text (30亿元, 2000余万元, 8.86亿美元), normalized to 亿元.

Foreign currencies convert at fixed, documented rates (docs/entities.md), good enough for range
filters; the original text is kept next to the value.
"""

from __future__ import annotations

import re

from search.models import Amount

# 元 per unit of currency; fixed so that an index rebuild gives the same numbers.
CURRENCY_RATES = {
    "元": 1.0,
    "人民币": 1.0,
    "元人民币": 1.0,
    "美元": 7.2,
    "欧元": 7.8,
    "英镑": 9.1,
    "港元": 0.92,
    "港币": 0.92,
    "日元": 0.048,
}
MULTIPLIERS = {
    "": 1.0,
    "千": 1e3,
    "万": 1e4,
    "十万": 1e5,
    "百万": 1e6,
    "千万": 1e7,
    "亿": 1e8,
    "十亿": 1e9,
    "百亿": 1e10,
    "千亿": 1e11,
    "万亿": 1e12,
}
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = r"(?P<unit>万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千)?"
_CURRENCY = r"(?P<currency>元人民币|人民币|美元|欧元|英镑|港元|港币|日元|元)"
_APPROXIMATE = r"(?:余|多|来)?"
_AMOUNT = re.compile(
    rf"(?<![\d.]){_NUMBER}\s*{_APPROXIMATE}\s*{_UNIT}\s*{_APPROXIMATE}\s*{_CURRENCY}"
)


def find_amounts(text: str) -> tuple[Amount, ...]:
    """Every money amount in `text`, in order, with its value in 亿元 (1亿元 = 1e8 元)."""
    amounts: list[Amount] = []
    # Every currency of CURRENCY_RATES ends in 元, 币 or 镑 (tests find each): most paragraphs
    # name none, and the pattern, which starts with a look-behind, is otherwise tried at every
    # character. The `in` tests written out: a generator over the marks costs twice as much.
    if not ("元" in text or "币" in text or "镑" in text):
        return ()
    for match in _AMOUNT.finditer(text):
        number = float(match.group("number").replace(",", ""))
        yuan = number * MULTIPLIERS[match.group("unit") or ""] * CURRENCY_RATES[match["currency"]]
        original = re.sub(r"\s+", "", match.group())
        amounts.append(Amount(text=original, value_yi_yuan=round(yuan / 1e8, 8)))
    return tuple(amounts)
