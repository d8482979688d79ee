"""Peer engines on the same jieba tokens: SQLite FTS5, tantivy, and a naive substring scan.

Each answers a BenchQuery with the top 20 paragraph texts, the total, and two facets' counts
(year, disjunctive like ours, and month), so the timings compare like with like.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import BenchParagraph, normalize, tokens
from bench.queries import BenchQuery

TOP = 20


@dataclass(frozen=True)
class PeerAnswer:
    """What a facet page needs: top texts, total and facet counts."""

    texts: tuple[str, ...]
    total: int
    facets: dict[str, dict[str, int]]


def query_terms(query: BenchQuery) -> list[list[str]]:
    """Each keyword as its token list (one token: a term; several: a phrase)."""
    return [tokens(keyword, mode="query") or [normalize(keyword)] for keyword in query.keywords]


def fts_phrase(terms: list[str]) -> str:
    """An FTS5 string literal: the tokens as one phrase, inner quotes doubled."""
    return '"' + " ".join(terms).replace('"', '""') + '"'


def directory_megabytes(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


class SqlitePeer:
    """SQLite FTS5 (contentless, unicode61 on space-joined tokens) plus a facet table."""

    name = "SQLite FTS5"

    def __init__(self, directory: Path) -> None:
        self.path = directory / "fts5.sqlite"

    def build(self, paragraphs: list[BenchParagraph], rows: list[list[str]]) -> float:
        self.path.unlink(missing_ok=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        connection = sqlite3.connect(self.path)
        connection.executescript(
            "CREATE TABLE para(id INTEGER PRIMARY KEY, year TEXT, month TEXT, text TEXT);"
            "CREATE VIRTUAL TABLE fts USING fts5(body, content='', tokenize='unicode61');"
        )
        connection.executemany(
            "INSERT INTO para VALUES (?, ?, ?, ?)",
            ((p.number, p.year, p.month, p.text) for p in paragraphs),
        )
        connection.executemany(
            "INSERT INTO fts(rowid, body) VALUES (?, ?)",
            ((p.number, " ".join(row)) for p, row in zip(paragraphs, rows, strict=True)),
        )
        connection.execute("CREATE INDEX para_year ON para(year)")
        connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        connection.commit()
        connection.close()
        seconds = time.perf_counter() - start
        self.connection = sqlite3.connect(self.path, check_same_thread=False)
        return seconds

    def megabytes(self) -> float:
        return self.path.stat().st_size / 1e6

    def search(self, query: BenchQuery) -> PeerAnswer:
        years = list(query.years)
        year_sql = f" AND p.year IN ({','.join('?' * len(years))})" if years else ""
        if query.query_class == "substring":
            source = "para p WHERE instr(p.text, ?) > 0"
            arguments: list = [normalize(query.text)]
        elif query.text.strip():
            match = " AND ".join(fts_phrase(terms) for terms in query_terms(query))
            source = "fts f JOIN para p ON p.id = f.rowid WHERE fts MATCH ?"
            arguments = [match]
        else:
            source, arguments = "para p WHERE 1", []
        order = " ORDER BY rank" if source.startswith("fts") else " ORDER BY p.id"
        sql = f"SELECT p.text FROM {source}{year_sql}{order} LIMIT {TOP}"
        texts = tuple(row[0] for row in self.connection.execute(sql, arguments + years))
        by_year = dict(
            self.connection.execute(f"SELECT p.year, count(*) FROM {source} GROUP BY 1", arguments)
        )
        by_month = dict(
            self.connection.execute(
                f"SELECT p.month, count(*) FROM {source}{year_sql} GROUP BY 1", arguments + years
            )
        )
        total = sum(by_month.values())
        return PeerAnswer(texts, total, {"year": by_year, "month": by_month})


class TantivyPeer:
    """tantivy with a whitespace tokenizer over the same tokens; facets by terms aggregation."""

    name = "tantivy"

    def __init__(self, directory: Path, texts: list[str]) -> None:
        self.path = directory / "tantivy"
        self.texts = texts  # top hits are read back by paragraph number, like a stored field

    def build(self, paragraphs: list[BenchParagraph], rows: list[list[str]]) -> float:
        import tantivy

        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True)
        start = time.perf_counter()
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("body", tokenizer_name="whitespace")
        builder.add_text_field("year", fast=True, tokenizer_name="raw")
        builder.add_text_field("month", fast=True, tokenizer_name="raw")
        builder.add_integer_field("number", stored=True, fast=True)
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema, path=str(self.path))
        writer = self.index.writer(heap_size=400_000_000, num_threads=2)
        for paragraph, row in zip(paragraphs, rows, strict=True):
            writer.add_document(
                tantivy.Document(
                    body=" ".join(row),
                    year=paragraph.year,
                    month=paragraph.month,
                    number=paragraph.number,
                )
            )
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        return time.perf_counter() - start

    def megabytes(self) -> float:
        return directory_megabytes(self.path)

    def _match(self, query: BenchQuery):
        import tantivy

        if query.query_class == "substring":
            pattern = ".*" + re.escape(normalize(query.text)) + ".*"
            return tantivy.Query.regex_query(self.schema, "body", pattern)
        if not query.text.strip():
            return tantivy.Query.all_query()
        parts = []
        for terms in query_terms(query):
            if len(terms) == 1:
                parts.append(tantivy.Query.term_query(self.schema, "body", terms[0]))
            else:
                parts.append(tantivy.Query.phrase_query(self.schema, "body", terms))
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, part) for part in parts])

    def search(self, query: BenchQuery) -> PeerAnswer:
        import tantivy

        match = self._match(query)
        filtered = match
        if query.years:
            years = [tantivy.Query.term_query(self.schema, "year", y) for y in query.years]
            year_filter = tantivy.Query.boolean_query([(tantivy.Occur.Should, y) for y in years])
            filtered = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, match), (tantivy.Occur.Must, year_filter)]
            )
        order = {} if query.text.strip() else {"order_by_field": "number"}
        result = self.searcher.search(filtered, TOP, count=True, **order)
        numbers = [self.searcher.doc(address)["number"][0] for _score, address in result.hits]
        by_year = self._buckets(match, "year")
        by_month = self._buckets(filtered, "month")
        texts = tuple(self.texts[n] for n in numbers)
        return PeerAnswer(texts, result.count, {"year": by_year, "month": by_month})

    def _buckets(self, query, field_name: str) -> dict[str, int]:
        aggregation = {field_name: {"terms": {"field": field_name, "size": 1000}}}
        answer = self.searcher.aggregate(query, aggregation)
        return {b["key"]: b["doc_count"] for b in answer[field_name]["buckets"]}


class ScanPeer:
    """A naive scan: `keyword in text` over every normalized paragraph, counts with Counter."""

    name = "substring scan"

    def __init__(self, paragraphs: list[BenchParagraph]) -> None:
        self.paragraphs = paragraphs

    def build(self, paragraphs: list[BenchParagraph], rows: list[list[str]]) -> float:
        start = time.perf_counter()
        self.texts = [normalize(p.text) for p in paragraphs]
        return time.perf_counter() - start

    def megabytes(self) -> float:
        return sum(len(text.encode()) for text in self.texts) / 1e6

    def search(self, query: BenchQuery) -> PeerAnswer:
        needles = [normalize(keyword) for keyword in query.keywords]
        matches = [
            number
            for number, text in enumerate(self.texts)
            if all(needle in text for needle in needles)
        ]
        by_year = Counter(self.paragraphs[n].year for n in matches)
        if query.years:
            matches = [n for n in matches if self.paragraphs[n].year in query.years]
        by_month = Counter(self.paragraphs[n].month for n in matches)
        texts = tuple(self.paragraphs[n].text for n in matches[:TOP])
        return PeerAnswer(texts, len(matches), {"year": dict(by_year), "month": dict(by_month)})
