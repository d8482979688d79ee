"""Money amounts as an analyst filters by them: every currency the tagger knows is found."""

from __future__ import annotations

import pytest

from search.entities.amounts import CURRENCY_RATES, find_amounts


@pytest.mark.parametrize("currency", sorted(CURRENCY_RATES))
def test_every_known_currency_is_found(currency: str) -> None:
    (amount,) = find_amounts(f"园区今年签约项目总投资30亿{currency}。")
    assert amount.text == f"30亿{currency}"
    assert amount.value_yi_yuan == pytest.approx(30 * CURRENCY_RATES[currency])


def test_a_paragraph_naming_no_currency_has_no_amount() -> None:
    assert find_amounts("园区今年签约项目30个，涉及集成电路、生物医药等领域。") == ()
