"""Build and incrementally update the Whoosh index of a corpus: one writer, atomic commits.

Opening and the manifest live in `search.storage.manifest`; document shapes in
`search.indexing.documents`.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.writing import MERGE_SMALL

from search.indexing.documents import (
    ARTICLE_PREFIX,
    SOURCE_PREFIX,
    article_document,
    index_schema,
    paragraph_documents,
    taxonomy_fingerprint,
)
from search.indexing.parallel import ParallelWriter, fork_available
from search.indexing.planning import Plan, plan_changes
from search.models import Article, Corpus, SkippedFile
from search.storage.manifest import (
    FORMAT_VERSION,
    INDEX_NAME,
    MANIFEST_NAME,
    acquire,
    latest_toc,
    open_index,
    read_manifest,
    record_generation,
    trusted,
    write_manifest,
)
from search.storage.writers import SerialWriter

BUILD_LOCK = "gaoxin-build.lock"
# Re-exported: web, bench and tests import these from here.
__all__ = [
    "ARTICLE_PREFIX",
    "BUILD_LOCK",
    "FORMAT_VERSION",
    "INDEX_NAME",
    "MANIFEST_NAME",
    "SOURCE_PREFIX",
    "BuildReport",
    "build_index",
    "index_corpus",
    "open_index",
    "read_manifest",
    "taxonomy_fingerprint",
]


@dataclass(frozen=True)
class BuildReport:
    """What a build found in the corpus and what it changed in the index."""

    articles: int
    paragraphs: int
    duplicates: int
    skipped: tuple[SkippedFile, ...]
    added: int
    replaced: int
    removed: int
    unchanged: int


def _outdated_format(index_dir: Path) -> bool:
    """Whether `index_dir` holds a Gaoxin index of an older format (ours, so safe to rebuild)."""
    try:
        manifest = json.loads((index_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    version = manifest.get("format_version") if isinstance(manifest, dict) else None
    return isinstance(version, int) and 0 < version < FORMAT_VERSION


def _discard_outdated(index_dir: Path) -> None:
    """Remove an older-format index of ours: it is a build product, rebuilt from the corpus."""
    for path in index_dir.iterdir():
        whoosh_file = path.name.startswith((f"{INDEX_NAME}_", f"_{INDEX_NAME}_"))
        if path.is_file() and (whoosh_file or path.name == MANIFEST_NAME):
            path.unlink()


def _prepare_directory(index_dir: Path) -> FileIndex:
    """Open the index in `index_dir`, creating it when the directory is new or empty."""
    if _outdated_format(index_dir):
        _discard_outdated(index_dir)
    others = [path.name for path in index_dir.iterdir() if path.name != BUILD_LOCK]
    storage = FileStorage(str(index_dir))
    if not others or (MANIFEST_NAME in others and latest_toc(storage)[0] < 0):
        index = FileIndex.create(storage, index_schema(), indexname=INDEX_NAME)
        record_generation(index_dir, storage, {"articles": 0, "paragraphs": 0, "sources": 0})
        return index
    return open_index(index_dir)


def _write_sources(writer: Any, corpus: Corpus, plan: Plan) -> None:
    """Replace the changed source files (kept whole for the source view)."""
    for key in plan.delete_sources:
        writer.delete_by_term("paragraph_id", key)
    for key in plan.write_sources:
        name = key[len(SOURCE_PREFIX) :]
        record = json.dumps({"file": name, "text": corpus.source_texts[name]}, ensure_ascii=False)
        content_hash = corpus.files.get(name, "")
        writer.add_document(
            doctype="source", paragraph_id=key, record=record, content_hash=content_hash
        )


# Below this many paragraphs to write, forking workers costs more than it saves.
PARALLEL_MIN_PARAGRAPHS = 2_000


def default_processes() -> int:
    """Two workers per CPU, at most 4: measured on 2 CPUs with 20k xwlb paragraphs, 1 process
    took 72 s, 2 workers 40 s, 4 workers 30 s, 6 or 8 workers 33 s (docs/benchmarks.md)."""
    return min(4, 2 * (os.cpu_count() or 1))


def _parallel(plan: Plan, processes: int) -> bool:
    paragraphs = sum(len(article.paragraphs) for article, _ in plan.write)
    return processes > 1 and paragraphs >= PARALLEL_MIN_PARAGRAPHS and fork_available()


def _documents(
    tag: Callable[[Article], Article], article: Article, content_hash: str, position: int
) -> list[dict[str, Any]]:
    tagged = tag(article)
    return [
        *paragraph_documents(tagged, content_hash),
        article_document(tagged, content_hash, position),
    ]


def _open_writer(
    index: FileIndex, plan: Plan, tag: Callable[[Article], Article], processes: int, deadline: float
) -> tuple[Any, Callable[[Article, str, int], None]]:
    """A Whoosh writer for the plan, and how to hand it one (article, hash, position)."""
    prepare = functools.partial(_documents, tag)
    folder = Path(index.storage.folder)
    # Not compound: Whoosh copies a compound segment into RAM when a searcher opens it
    # (measured: 470 MB for a 50k-paragraph index); separate files are read from the page cache.
    if not _parallel(plan, processes):
        writer = acquire(
            functools.partial(SerialWriter, index, limitmb=256, compound=False), deadline, folder
        )

        def add_article(article: Article, content_hash: str, position: int) -> None:
            for document in prepare(article, content_hash, position):
                writer.add_document(**document)

        return writer, add_article
    # Tagging one article loads the vocabularies (and teaches jieba their words) before the
    # workers fork, so every worker tokenizes with the same dictionary.
    tag(plan.write[0][0])
    open_parallel = functools.partial(
        ParallelWriter,
        index,
        procs=processes,
        prepare=prepare,
        # Enough job files that every worker gets some, few enough to keep them cheap.
        batchsize=max(1, min(20, len(plan.write) // (4 * processes))),
        # Each worker sorts postings in its own pool, spilling sorted runs to disk when full:
        # 128 MB per worker made 4 workers hold 1.9 GB at 305k paragraphs; smaller pools
        # only mean more runs to merge (measured: same build time on 20k paragraphs).
        limitmb=128 // processes,
        compound=False,
    )
    writer = acquire(open_parallel, deadline, folder)
    return writer, writer.add_article


def _write(
    index: FileIndex,
    corpus: Corpus,
    plan: Plan,
    tag: Callable[[Article], Article],
    deadline: float,
    on_write: Callable[[int], None] | None,
    processes: int,
) -> None:
    positions = {article.article_id: number for number, article in enumerate(corpus.articles)}
    writer, add_article = _open_writer(index, plan, tag, processes, deadline)
    try:
        for article_id in plan.delete_articles:
            writer.delete_by_term("article_id", article_id)
        _write_sources(writer, corpus, plan)
        for count, (article, content_hash) in enumerate(plan.write, start=1):
            add_article(article, content_hash, positions[article.article_id])
            if on_write is not None:
                on_write(count)
    except BaseException:
        writer.cancel()
        raise
    _commit(index, writer, corpus)


def _merge_policy(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's MERGE_SMALL, after dropping segments whose documents are all deleted.

    MERGE_SMALL never touches large segments, so after a rewrite of most articles (a changed
    vocabulary retags everything) the old segments would stay on disk and in memory for good.
    """
    return MERGE_SMALL(writer, [segment for segment in segments if segment.doc_count() > 0])


def _commit(index: FileIndex, writer: Any, corpus: Corpus) -> None:
    index_dir = Path(index.storage.folder)
    manifest = read_manifest(index_dir)
    # Readers trust the next generation while we record its hash (see `_trusted`).
    manifest["pending_generation"] = index.latest_generation() + 1
    write_manifest(index_dir, manifest)
    writer.commit(mergetype=_merge_policy)
    record_generation(index_dir, index.storage, _counts(corpus))


def _counts(corpus: Corpus) -> dict[str, int]:
    return {
        "articles": len(corpus.articles),
        "paragraphs": sum(len(article.paragraphs) for article in corpus.articles),
        "sources": len(corpus.source_texts),
    }


def index_corpus(
    corpus: Corpus,
    index_dir: Path,
    *,
    tag: Callable[[Article], Article] | None = None,
    vocabulary: str = "",
    lock_timeout: float = 30.0,
    on_write: Callable[[int], None] | None = None,
    processes: int = 1,
    on_plan: Callable[[int], None] | None = None,
) -> BuildReport:
    """Bring the index in `index_dir` in line with `corpus`: add, replace, remove what changed.

    `tag` fills entity tags (only called for new or changed articles); `vocabulary` is a
    fingerprint of what tagging depends on; `on_plan(n)` learns how many articles will be
    written, `on_write(n)` is called after each of them; `processes` > 1 tags and writes a large
    plan in that many worker processes.
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    build_lock = FileStorage(str(index_dir)).lock(BUILD_LOCK)
    acquire(build_lock.acquire, deadline, index_dir)
    try:
        index = _prepare_directory(index_dir)
        plan = plan_changes(index, corpus, vocabulary)
        if not plan.empty:
            if on_plan is not None:
                on_plan(len(plan.write))
            tag = tag or (lambda article: article)
            _write(index, corpus, plan, tag, deadline, on_write, processes)
        elif not trusted(index.storage, read_manifest(index_dir)):
            record_generation(index_dir, index.storage, _counts(corpus))
    finally:
        build_lock.release()
    return BuildReport(
        articles=len(corpus.articles),
        paragraphs=_counts(corpus)["paragraphs"],
        duplicates=corpus.duplicates,
        skipped=tuple(corpus.skipped),
        added=plan.added,
        replaced=plan.replaced,
        removed=len(plan.delete_articles) - plan.replaced,
        unchanged=plan.unchanged,
    )


def build_index(
    corpus: Path,
    index_dir: Path,
    *,
    taxonomy_dir: Path | None = None,
    on_file: Callable[[str], None] | None = None,
    lock_timeout: float = 30.0,
    on_write: Callable[[int], None] | None = None,
    processes: int | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> BuildReport:
    """Ingest `corpus`, tag new or changed articles and update the index in `index_dir`.

    `processes`: worker processes for a large build (default: `default_processes()`).
    """
    from search.ingest.corpus import load_corpus

    loaded = load_corpus(corpus, on_file=on_file)
    tagger = None

    def tag(article: Article) -> Article:
        nonlocal tagger
        if tagger is None:  # loading the vocabulary costs time; a no-op build never needs it
            from search.entities.tagger import Tagger

            tagger = Tagger.load(taxonomy_dir)
        return tagger.tag_article(article)

    return index_corpus(
        loaded,
        index_dir,
        tag=tag,
        vocabulary=taxonomy_fingerprint(taxonomy_dir),
        lock_timeout=lock_timeout,
        on_write=on_write,
        processes=processes if processes is not None else default_processes(),
        on_plan=on_plan,
    )
