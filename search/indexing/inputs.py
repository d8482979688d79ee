"""What a build reads: the corpus as fingerprints with articles loaded on demand, and what the
index held after the last build (so a build that changes nothing never opens the index).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search.errors import IndexUnavailable
from search.indexing.documents import (
    ARTICLE_PREFIX,
    SOURCE_PREFIX,
    fingerprint,
    record_files,
    source_files,
)
from search.ingest.incremental import Scan
from search.ingest.state import IngestState, save_state
from search.models import Article, Corpus, SkippedFile
from search.storage.manifest import latest_toc, read_manifest, sha256_file

# (article key → fingerprint, source key → content hash) of what the index holds
Known = tuple[dict[str, str], dict[str, str]]


@dataclass(frozen=True)
class CorpusInput:
    """The corpus as a build needs it: fingerprints in corpus order, articles loaded on demand."""

    current: list[tuple[str, str]]  # (article id, fingerprint)
    load: Callable[[list[int]], list[Article]]  # corpus positions -> articles
    forget: Callable[[list[int]], None]  # articles written: their parsed copies may go
    sizes: list[int]  # paragraphs per article, in corpus order
    sources: dict[str, str]  # source key -> sha256 of the text file kept whole
    source_text: Callable[[str], str]  # source file -> its whole text
    counts: dict[str, Any]  # what the manifest records (see `counts`)
    duplicates: int
    skipped: tuple[SkippedFile, ...]
    undated: int  # articles without a date


def counts(
    articles: int, paragraphs: int, sources: int, root: str, jsonl_files: dict[str, str]
) -> dict[str, Any]:
    return {
        "articles": articles,
        "paragraphs": paragraphs,
        "sources": sources,
        # Where the source view finds the files named by `source.file`: the manifest is never
        # served, and no fingerprint includes it, so a moved corpus rewrites nothing.
        "corpus_root": root,
        # What the source view compares a compressed archive with (it cannot check one record).
        "record_files": jsonl_files,
    }


def corpus_input(corpus: Corpus, vocabulary: str) -> CorpusInput:
    """A loaded corpus as build input (every article fingerprinted)."""
    articles = corpus.articles
    paragraphs = sum(len(article.paragraphs) for article in articles)
    return CorpusInput(
        current=[(article.article_id, fingerprint(article, vocabulary)) for article in articles],
        load=lambda positions: [articles[position] for position in positions],
        forget=lambda positions: None,  # the caller's corpus holds them
        sizes=[len(article.paragraphs) for article in articles],
        sources=source_files(corpus),
        source_text=corpus.source_texts.__getitem__,
        counts=counts(
            len(articles), paragraphs, len(corpus.source_texts), corpus.root, record_files(corpus)
        ),
        duplicates=corpus.duplicates,
        skipped=tuple(corpus.skipped),
        undated=sum(1 for article in articles if not article.date),
    )


def scanned_input(scan: Scan, root: str) -> CorpusInput:
    """An incrementally scanned corpus (fingerprinted) as build input."""
    kept = scan.kept
    sources = scan.source_hashes
    jsonl_files = {
        name: file_state.digest
        for name, file_state in scan.state.files.items()
        if file_state.kind == "jsonl"
    }
    return CorpusInput(
        current=[(item.article_id, item.entry.fingerprint) for item in kept],
        load=lambda positions: scan.articles([kept[position] for position in positions]),
        forget=lambda positions: scan.forget([kept[position] for position in positions]),
        sizes=[item.entry.paragraphs for item in kept],
        sources={SOURCE_PREFIX + name: digest for name, digest in sources.items()},
        source_text=scan.source_text,
        counts=counts(len(kept), scan.paragraphs, len(sources), root, jsonl_files),
        duplicates=scan.duplicates,
        skipped=tuple(scan.skipped),
        undated=sum(1 for item in kept if not item.entry.dated),
    )


def remembered_index(index_dir: Path, toc_sha256: str) -> bool:
    """Whether the index is still the generation the last build left (`toc_sha256`)."""
    if not toc_sha256:
        return False
    try:
        manifest = read_manifest(index_dir)
        generation, toc_path = latest_toc(index_dir)
    except IndexUnavailable:
        return False
    settled = manifest.get("generation") == generation and not manifest.get("pending_generation")
    if not settled or manifest.get("toc", {}).get("sha256") != toc_sha256:
        return False
    try:
        return sha256_file(toc_path) == toc_sha256
    except OSError:
        return False


def remember(index_dir: Path, scan: Scan, vocabulary: str) -> IngestState:
    """Save what this build read and what the index now holds, for the next build."""
    state = scan.state
    state.vocabulary = vocabulary
    state.toc_sha256 = read_manifest(index_dir)["toc"]["sha256"]
    state.articles = {
        ARTICLE_PREFIX + item.article_id: item.entry.fingerprint for item in scan.kept
    }
    state.sources = {SOURCE_PREFIX + name: digest for name, digest in scan.source_hashes.items()}
    save_state(index_dir, state)
    return state
