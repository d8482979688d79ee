"""Indexes for the judged query set: the engine's `gaoxin index` of xwlb and both BM25 peers
(tantivy, SQLite FTS5) over the engine's own paragraphs and jieba tokens, rebuilt only when
what they depend on changed (see bench/judged_pool.py for the commands)."""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import BenchParagraph, tokens
from bench.peers import SqlitePeer, TantivyPeer

ROOT = Path(__file__).resolve().parent.parent


def _digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:8]


def engine_dictionary() -> int:
    """Teach jieba the vocabulary words exactly as the engine does when it indexes (Tagger)
    and when it searches (SearchService), so peers cut text into the engine's tokens
    (雄安新区, 临港新片区 stay one word). Returns how many words were added."""
    try:
        from search.entities.taxonomy import load_taxonomy
        from search.text.tokens import add_words, dictionary_size
    except ImportError:  # a bare engine without vocabularies: plain jieba
        return 0
    add_words(load_taxonomy(None).dictionary_words())
    return dictionary_size()


def peer_fingerprint(corpus: Path) -> dict:
    """What the peer indexes depend on: the corpus file, the ingest, the analyzer and the
    vocabulary words jieba is taught."""
    stat = corpus.stat()
    taxonomy = sorted((ROOT / "search" / "entities" / "taxonomy").glob("*.yaml"))
    return {
        "corpus": str(corpus),
        "corpus_size": stat.st_size,
        "corpus_mtime": int(stat.st_mtime),
        "ingest": _digest(ROOT / "search" / "ingest" / "corpus.py"),
        "analysis": _digest(ROOT / "search" / "text" / "tokens.py"),
        "taxonomy": hashlib.sha1(b"".join(path.read_bytes() for path in taxonomy)).hexdigest()[:8],
    }


def _tokens_of_chunk(texts: list[str]) -> list[list[str]]:
    return [tokens(text) for text in texts]


def build_engine(corpus: Path, index_dir: Path) -> float:
    """`gaoxin index` of this checkout (incremental: cheap when nothing changed)."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "search.cli", "index", "--corpus", str(corpus)]
    subprocess.run([*command, "--index", str(index_dir)], check=True, cwd=ROOT)
    return time.perf_counter() - start


def build_peers(corpus: Path, directory: Path, processes: int = 2) -> None:
    """Both peers over the engine's paragraphs, plus a table number -> paragraph_id, title."""
    # The vocabulary goes into jieba before the tokenizing workers fork.
    fingerprint = peer_fingerprint(corpus) | {"dictionary_words": engine_dictionary()}
    manifest = directory / "manifest.json"
    if manifest.exists() and json.loads(manifest.read_text()) == fingerprint:
        print(f"[judged] peers up to date in {directory}", file=sys.stderr)
        return
    if manifest.exists() and _same_paragraphs(corpus, directory, json.loads(manifest.read_text())):
        manifest.write_text(json.dumps(fingerprint, indent=1))
        print("[judged] peers still match the ingest; manifest renewed", file=sys.stderr)
        return
    manifest.unlink(missing_ok=True)
    start = time.perf_counter()
    paragraphs, rows_meta = _engine_paragraphs(corpus)
    texts = [paragraph.text for paragraph in paragraphs]
    chunks = [texts[i : i + 2000] for i in range(0, len(texts), 2000)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        rows = [row for chunk in pool.map(_tokens_of_chunk, chunks) for row in chunk]
    print(f"[judged] tokenized in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    directory.mkdir(parents=True, exist_ok=True)
    _write_peers(directory, paragraphs, rows, rows_meta)
    manifest.write_text(json.dumps(fingerprint, indent=1))


def _engine_paragraphs(
    corpus: Path,
) -> tuple[list[BenchParagraph], list[tuple[int, str, str, str]]]:
    """The engine's paragraphs, numbered, with (number, paragraph_id, title, date) rows."""
    from search.ingest.corpus import load_corpus

    rows_meta: list[tuple[int, str, str, str]] = []
    paragraphs: list[BenchParagraph] = []
    for article in load_corpus(corpus).articles:
        year, month = article.date[:4], article.date[:7]
        for paragraph in article.paragraphs:
            number = len(paragraphs)
            paragraphs.append(BenchParagraph(number, paragraph.text, year, month))
            rows_meta.append((number, paragraph.paragraph_id, article.title, article.date))
    print(f"[judged] {len(paragraphs)} paragraphs read", file=sys.stderr, flush=True)
    return paragraphs, rows_meta


def _write_peers(
    directory: Path,
    paragraphs: list[BenchParagraph],
    rows: list[list[str]],
    rows_meta: list[tuple[int, str, str, str]],
) -> None:
    """SQLite FTS5 (with the number -> paragraph_id table) and tantivy, from the tokens."""
    sqlite_peer = SqlitePeer(directory)
    print(f"[judged] SQLite FTS5 {sqlite_peer.build(paragraphs, rows):.0f} s", file=sys.stderr)
    sqlite_peer.connection.executescript(
        "CREATE TABLE ident(id INTEGER PRIMARY KEY, paragraph_id TEXT UNIQUE, title TEXT,"
        " date TEXT);"
    )
    sqlite_peer.connection.executemany("INSERT INTO ident VALUES (?, ?, ?, ?)", rows_meta)
    sqlite_peer.connection.commit()
    texts = [paragraph.text for paragraph in paragraphs]
    tantivy_peer = TantivyPeer(directory, texts)
    print(f"[judged] tantivy {tantivy_peer.build(paragraphs, rows):.0f} s", file=sys.stderr)


def _same_paragraphs(corpus: Path, directory: Path, built: dict) -> bool:
    """True when only the ingest code or the corpus file's mtime changed and the current ingest
    still gives the peers' paragraphs (same numbers, ids and texts): no need to re-tokenize."""
    from search.ingest.corpus import load_corpus

    current = peer_fingerprint(corpus) | {"dictionary_words": engine_dictionary()}
    ignored = {"ingest", "corpus_mtime"}
    if any(built.get(key) != value for key, value in current.items() if key not in ignored):
        return False
    connection = sqlite3.connect(directory / "fts5.sqlite")
    stored = connection.execute(
        "SELECT i.id, i.paragraph_id, p.text FROM ident i JOIN para p ON p.id = i.id ORDER BY i.id"
    )
    paragraphs = (
        paragraph for article in load_corpus(corpus).articles for paragraph in article.paragraphs
    )
    numbered = (
        (number, paragraph.paragraph_id, paragraph.text)
        for number, paragraph in enumerate(paragraphs)
    )
    same = all(left == right for left, right in itertools.zip_longest(stored, numbered))
    connection.close()
    return same
