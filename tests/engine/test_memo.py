"""The bounded memo behind a generation's remembered paragraphs and highlights."""

from __future__ import annotations

from search.engine.memo import Memo


def test_a_memo_computes_once_and_forgets_the_least_recently_used() -> None:
    computed: list[str] = []
    memo: Memo[str] = Memo(2)

    def value(key: str) -> str:
        return memo.get(key, lambda: computed.append(key) or key.upper())

    assert [value("a"), value("b"), value("a")] == ["A", "B", "A"]
    assert computed == ["a", "b"]  # "a" came from the memo the second time
    value("c")  # over capacity: "b", used least recently, leaves
    assert len(memo) == 2
    value("a")
    value("b")
    assert computed == ["a", "b", "c", "b"]
    memo.clear()
    assert len(memo) == 0
