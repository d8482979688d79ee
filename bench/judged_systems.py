"""The three judged systems opened on their indexes (Gaoxin through `SearchService`, tantivy
and SQLite FTS5 BM25 on jieba tokens), each giving its ranked paragraph ids for a query."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from bench.corpus import tokens
from bench.judged_build import engine_dictionary, peer_fingerprint
from bench.judged_eval import RUN_DEPTH, SYSTEMS, JudgedQuery
from bench.peers import fts_phrase


class Systems:
    """The three systems opened on their indexes; `run(query)` gives each one's ranked ids."""

    def __init__(self, engine_index: Path, peer_dir: Path, corpus: Path) -> None:
        import tantivy

        from search.service import SearchService

        manifest = peer_dir / "manifest.json"
        built = json.loads(manifest.read_text()) if manifest.exists() else {}
        words = built.pop("dictionary_words", None)
        if built != peer_fingerprint(corpus):
            raise SystemExit(f"peer indexes in {peer_dir} missing or stale: run `build` first")
        self.seconds = dict.fromkeys(SYSTEMS, 0.0)  # time spent in each system's searches
        self.service = SearchService(engine_index)
        if engine_dictionary() != words:  # peers' query tokens must be cut like their index
            raise SystemExit(f"jieba vocabulary differs from the peer build in {peer_dir}")
        self.connection = sqlite3.connect(peer_dir / "fts5.sqlite")
        self.tantivy_index = tantivy.Index.open(str(peer_dir / "tantivy"))
        self.searcher = self.tantivy_index.searcher()
        self.schema = self.tantivy_index.schema

    def paragraph_ids(self, numbers: list[int]) -> list[str]:
        found = dict(
            self.connection.execute(
                f"SELECT id, paragraph_id FROM ident WHERE id IN ({','.join('?' * len(numbers))})",
                numbers,
            )
        )
        return [found[n] for n in numbers]

    def gaoxin(self, query: JudgedQuery) -> list[tuple[str, float]]:
        from search.models import SearchRequest

        result = self.service.search(SearchRequest(query=query.text, per_page=RUN_DEPTH))
        return [(hit.paragraph.paragraph_id, hit.score) for hit in result.results]

    def fts5(self, query: JudgedQuery) -> list[tuple[str, float]]:
        terms = query_tokens(query.text)
        if not terms:
            return []
        match = " OR ".join(fts_phrase([term]) for term in terms)
        sql = f"SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT {RUN_DEPTH}"
        hits = self.connection.execute(sql, [match]).fetchall()
        ids = self.paragraph_ids([number for number, _ in hits])
        return [(pid, -rank) for pid, (_, rank) in zip(ids, hits, strict=True)]

    def tantivy(self, query: JudgedQuery) -> list[tuple[str, float]]:
        import tantivy

        terms = query_tokens(query.text)
        if not terms:
            return []
        clauses = [
            (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "body", term))
            for term in terms
        ]
        result = self.searcher.search(tantivy.Query.boolean_query(clauses), RUN_DEPTH)
        numbers = [self.searcher.doc(address)["number"][0] for _, address in result.hits]
        ids = self.paragraph_ids(numbers)
        return [(pid, score) for pid, (score, _) in zip(ids, result.hits, strict=True)]

    def run(self, query: JudgedQuery) -> dict[str, list[tuple[str, float]]]:
        ranked = {}
        for name in SYSTEMS:
            start = time.perf_counter()
            ranked[name] = getattr(self, name)(query)
            self.seconds[name] += time.perf_counter() - start
        return ranked

    def paragraphs(self, ids: list[str]) -> dict[str, dict]:
        """paragraph_id -> title, date, text (from the peers' tables: the engine's paragraphs)."""
        found: dict[str, dict] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            sql = (
                "SELECT i.paragraph_id, i.title, i.date, p.text FROM ident i JOIN para p"
                f" ON p.id = i.id WHERE i.paragraph_id IN ({','.join('?' * len(part))})"
            )
            for pid, title, date, text in self.connection.execute(sql, part):
                found[pid] = {"title": title, "date": date, "text": text}
        return found


class EngineOnly:
    """Gaoxin searched, the peers' runs as saved (they do not change with the engine); pooling
    reads paragraph texts from the engine."""

    def __init__(self, engine_index: Path, saved: dict[str, dict[str, list]]) -> None:
        from search.service import SearchService

        self.saved = saved
        self.seconds = dict.fromkeys(SYSTEMS, 0.0)
        self.service = SearchService(engine_index)

    def run(self, query: JudgedQuery) -> dict[str, list[tuple[str, float]]]:
        start = time.perf_counter()
        ranked = dict(self.saved[query.query_id])
        ranked["gaoxin"] = Systems.gaoxin(self, query)  # type: ignore[arg-type]
        self.seconds["gaoxin"] += time.perf_counter() - start
        return ranked

    def paragraphs(self, ids: list[str]) -> dict[str, dict]:
        found = {}
        for pid in ids:
            paragraph, article = self.service.paragraph(pid)
            found[pid] = {"title": article.title, "date": article.date, "text": paragraph.text}
        return found


def query_tokens(text: str) -> list[str]:
    """The query's jieba tokens as the peers index them, each once, in order."""
    return list(dict.fromkeys(tokens(text, mode="query")))
