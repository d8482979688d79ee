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


def test_a_weighed_memo_keeps_values_within_their_total_weight() -> None:
    memo: Memo[list[int]] = Memo(5, len)
    memo.get("three", lambda: [1, 2, 3])
    memo.get("two", lambda: [1, 2])
    assert len(memo) == 2  # weight 5: within the bound
    memo.get("one", lambda: [1])  # weight 6: "three", used least recently, leaves
    assert len(memo) == 2
    assert memo.get("three", lambda: [3, 3, 3]) == [3, 3, 3]  # computed again
    memo.get("big", lambda: list(range(9)))  # heavier than the bound alone: kept alone
    assert len(memo) == 1
