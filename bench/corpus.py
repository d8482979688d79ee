"""Read the xwlb benchmark corpus, write subsets as JSON Lines, and tokenize paragraphs for peers.

Peers must see the same jieba tokens as our engine, so tokenization goes through
`search.text.tokens`.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import multiprocessing
import pickle
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
XWLB = ROOT.parent / "shared" / "corpora" / "xwlb" / "articles.jsonl.xz"
CMRC = ROOT.parent / "shared" / "corpora" / "cmrc2018-ir"
OUT = ROOT / "bench" / "out"


@dataclass(frozen=True)
class BenchParagraph:
    """One paragraph as the peers index it: its text, year and month facets."""

    number: int
    text: str
    year: str
    month: str


def read_records(path: Path = XWLB) -> Iterator[dict]:
    """Yield the JSON records of a `.jsonl` or `.jsonl.xz` file in file order."""
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def select_records(limit_paragraphs: int | None, path: Path = XWLB) -> list[dict]:
    """All records, or an evenly spread sample with about `limit_paragraphs` paragraphs.

    Spreading the sample over the whole file keeps every year present, so year filters work.
    """
    records = list(read_records(path))
    total = sum(len(record["paragraphs"]) for record in records)
    if limit_paragraphs is None or limit_paragraphs >= total:
        return records
    chosen: list[dict] = []
    taken = 0
    for index, record in enumerate(records):
        # Take a record when the running quota (share of paragraphs seen so far) is behind.
        seen = index + 1
        if taken < limit_paragraphs and taken * len(records) <= limit_paragraphs * seen * 1.0:
            chosen.append(record)
            taken += len(record["paragraphs"])
    return chosen


def write_jsonl(records: list[dict], target: Path) -> Path:
    """Write records as plain JSON Lines (what `gaoxin index --corpus` reads)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def paragraphs_of(records: list[dict]) -> list[BenchParagraph]:
    """Flatten records into numbered paragraphs with year (YYYY) and month (YYYY-MM) facets."""
    flat: list[BenchParagraph] = []
    for record in records:
        date = str(record.get("date", ""))
        year, month = date[:4], f"{date[:4]}-{date[4:6]}"
        for text in record["paragraphs"]:
            flat.append(BenchParagraph(len(flat), text, year, month))
    return flat


def normalize(text: str) -> str:
    """The engine's normalization when it exists; NFKC + lower case otherwise."""
    try:
        from search.text.normalize import normalize as engine_normalize
    except ImportError:
        return unicodedata.normalize("NFKC", text).lower()
    return engine_normalize(text)


def tokens(text: str, mode: str = "index") -> list[str]:
    """Word tokens as the engine makes them (`tokens.word_tokens`), punctuation dropped."""
    try:
        from search.text.tokens import word_tokens
    except ImportError:
        from search.text.tokens import tokenizer

        words = tokenizer().cut(normalize(text))
    else:
        words = [token.text for token in word_tokens(text, mode=mode)]
    return [word for word in (w.strip() for w in words) if any(ch.isalnum() for ch in word)]


def _tokens_of_chunk(texts: list[str]) -> list[list[str]]:
    return [tokens(text) for text in texts]


def tokenize_all(texts: list[str], processes: int = 2) -> list[list[str]]:
    """Tokenize many paragraphs with both cores, cached in bench/out/ by content and analyzer."""
    analyzer = hashlib.sha1((ROOT / "search" / "text" / "tokens.py").read_bytes()).hexdigest()[:8]
    content = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:12]
    cache = OUT / f"tokens-{analyzer}-{content}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    for stale in OUT.glob("tokens-*.pickle"):
        if not stale.name.startswith(f"tokens-{analyzer}-"):
            stale.unlink()  # made by an older analyzer: its tokens no longer match the engine's
    size = 2000
    chunks = [texts[start : start + size] for start in range(0, len(texts), size)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        result = [row for chunk in pool.map(_tokens_of_chunk, chunks) for row in chunk]
    OUT.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result
