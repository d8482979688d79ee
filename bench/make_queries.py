"""Generate bench/queries.yaml from the xwlb vocabulary (jieba document frequencies), once.

Run `python bench/make_queries.py`; the output is committed so every run uses the same queries.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import paragraphs_of, select_records, tokenize_all

PER_CLASS = 15
TARGET = Path(__file__).resolve().parent / "queries.yaml"


def is_han_word(word: str, minimum: int = 2) -> bool:
    return len(word) >= minimum and all("\u4e00" <= ch <= "\u9fff" for ch in word)


def document_frequencies(rows: list[list[str]]) -> Counter:
    frequencies: Counter = Counter()
    for row in rows:
        frequencies.update(set(row))
    return frequencies


def pick_words(df: Counter, subset_df: Counter, low: int, high: int, rng: random.Random) -> list:
    """Han words with `low <= df <= high` in the full corpus that also occur in the 50k subset."""
    words = sorted(w for w, n in df.items() if low <= n <= high and subset_df[w] and is_han_word(w))
    return [{"query": w, "df": df[w]} for w in rng.sample(words, min(PER_CLASS, len(words)))]


def pick_pairs(rows: list[list[str]], df: Counter, rng: random.Random) -> list:
    """Two mid/common words that co-occur in one real paragraph (so AND has hits)."""
    pairs: list[dict] = []
    while len(pairs) < PER_CLASS:
        words = [w for w in set(rng.choice(rows)) if is_han_word(w) and 300 <= df[w] <= 20000]
        if len(words) >= 2:
            first, second = rng.sample(sorted(words), 2)
            pairs.append({"query": f"{first} {second}", "df": [df[first], df[second]]})
    return pairs


def pick_phrases(rows: list[list[str]], texts: list[str], rng: random.Random) -> list:
    """Three consecutive Han word tokens that stand together (no punctuation) in a paragraph."""
    phrases: list[dict] = []
    while len(phrases) < PER_CLASS:
        number = rng.randrange(len(rows))
        row = rows[number]
        if len(row) < 6:
            continue
        start = rng.randrange(len(row) - 3)
        window = row[start : start + 3]
        joined = "".join(window)
        fits = 5 <= len(joined) <= 9 and joined in texts[number]
        if fits and all(is_han_word(w) for w in window):
            phrases.append({"query": '"' + "".join(window) + '"', "tokens": window})
    return phrases


def pick_substrings(df: Counter, subset_df: Counter, rng: random.Random) -> list:
    """The middle of a long jieba word, never itself a token: only exact-text search finds it."""
    found: dict[str, dict] = {}
    words = sorted(w for w, n in df.items() if is_han_word(w, 5) and n >= 20 and subset_df[w])
    for word in rng.sample(words, len(words)):
        middle = word[1:-1]
        if df[middle] == 0 and middle not in found:
            found[middle] = {"query": middle, "inside": word, "df": df[word]}
        if len(found) == PER_CLASS:
            break
    return list(found.values())


def build_query_set() -> dict:
    rng = random.Random(6)
    full = paragraphs_of(select_records(None))
    subset_texts = {p.text for p in paragraphs_of(select_records(50_000))}
    rows = tokenize_all([p.text for p in full])
    df = document_frequencies(rows)
    subset_rows = [row for p, row in zip(full, rows, strict=True) if p.text in subset_texts]
    subset_df = document_frequencies(subset_rows)
    years = sorted({p.year for p in full})
    mid = pick_words(df, subset_df, 1000, 5000, rng)
    return {
        "rare": pick_words(df, subset_df, 5, 30, rng),
        "mid": mid,
        "common": pick_words(df, subset_df, 15000, 10**9, rng),
        "and2": pick_pairs(rows, df, rng),
        "phrase": pick_phrases(rows, [p.text for p in full], rng),
        "substring": pick_substrings(df, subset_df, rng),
        "facet_filtered": [
            {"query": item["query"], "filters": {"year": [rng.choice(years)]}}
            for item in pick_words(df, subset_df, 3000, 30000, rng)
        ],
        "browse": [{"query": "", "filters": {"year": [year]}} for year in years],
    }


def main() -> None:
    query_set = build_query_set()
    header = (
        "# Benchmark query set, generated once by bench/make_queries.py from the xwlb corpus\n"
        "# (jieba document frequencies `df` over ~300k paragraphs). Committed: edit by hand or\n"
        "# regenerate; every `make bench` run uses exactly these queries.\n"
    )
    body = yaml.safe_dump({"classes": query_set}, allow_unicode=True, sort_keys=False, width=100)
    TARGET.write_text(header + body, encoding="utf-8")
    print(f"wrote {TARGET}: " + ", ".join(f"{k} {len(v)}" for k, v in query_set.items()))


if __name__ == "__main__":
    main()
