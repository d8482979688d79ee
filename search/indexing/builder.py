"""Build and incrementally update the Whoosh index of a corpus: one writer, atomic commits.

Opening and the manifest live in `search.storage.manifest`; document shapes in
`search.indexing.documents`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from search.entities.overrides import Overrides, load_overrides
from search.indexing import parallel
from search.indexing.documents import (
    article_document,
    paragraph_documents,
    record_files,
    source_document,
    taxonomy_fingerprint,
)
from search.indexing.planning import Plan, plan_changes
from search.models import Article, Corpus, SkippedFile
from search.storage import index as storage
from search.storage.manifest import acquire, read_manifest, write_manifest


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
    undated: int = 0  # articles without a date (no date field, file name or header date)
    overrides: int = 0  # tag corrections in the overrides file
    overrides_unmatched: tuple[str, ...] = ()  # "line N: id" of corrections matching nothing


def _write_sources(writer: Any, corpus: Corpus, plan: Plan) -> None:
    """Replace the changed source files (text files kept whole for the source view)."""
    for key in plan.delete_sources:
        writer.delete_by_term("paragraph_id", key)
    for key in plan.write_sources:
        writer.add_document(**source_document(corpus, key))


def _documents(
    tag: Callable[[Article], Article],
    first_indexed: Mapping[str, int],
    now: int,
    article: Article,
    content_hash: str,
    position: int,
) -> list[dict[str, Any]]:
    tagged = tag(article)
    indexed_at = first_indexed.get(article.article_id, now)
    return [
        *paragraph_documents(tagged, content_hash, indexed_at),
        article_document(tagged, content_hash, position, indexed_at),
    ]


def _paragraphs(plan: Plan) -> int:
    return sum(len(article.paragraphs) for article, _ in plan.write)


def _open_writer(
    index: Any,
    plan: Plan,
    tag: Callable[[Article], Article],
    processes: int,
    deadline: float,
    now: int,
) -> tuple[Any, Callable[[Article, str, int], None]]:
    """A writer for the plan, and how to hand it one (article, hash, position).

    `now` (Unix seconds) is when the build's new articles enter the index: one time for all.
    """
    prepare = functools.partial(_documents, tag, plan.first_indexed, now)
    if not parallel.use_workers(len(plan.write), _paragraphs(plan), processes):
        writer = storage.serial_writer(index, deadline)

        def add_article(article: Article, content_hash: str, position: int) -> None:
            for document in prepare(article, content_hash, position):
                writer.add_document(**document)

        return writer, add_article
    # Tagging one article loads the vocabularies (and teaches jieba their words) before the
    # workers fork, so every worker tokenizes with the same dictionary.
    tag(plan.write[0][0])
    # Enough job files that every worker gets some, few enough to keep them cheap.
    batchsize = max(1, min(20, len(plan.write) // (4 * processes)))
    writer = storage.parallel_writer(index, processes, prepare, batchsize, deadline)
    return writer, writer.add_article


def _write(
    index: Any,
    corpus: Corpus,
    plan: Plan,
    tag: Callable[[Article], Article],
    deadline: float,
    on_write: Callable[[int], None] | None,
    processes: int,
    clock: Callable[[], float],
) -> None:
    positions = {article.article_id: number for number, article in enumerate(corpus.articles)}
    writer, add_article = _open_writer(index, plan, tag, processes, deadline, int(clock()))
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
    storage.commit(index, writer, _counts(corpus))


def _counts(corpus: Corpus) -> dict[str, Any]:
    return {
        "articles": len(corpus.articles),
        "paragraphs": sum(len(article.paragraphs) for article in corpus.articles),
        "sources": len(corpus.source_texts),
        # Where the source view finds the files named by `source.file`: the manifest is never
        # served, and no fingerprint includes it, so a moved corpus rewrites nothing.
        "corpus_root": corpus.root,
        # What the source view compares a compressed archive with (it cannot check one record).
        "record_files": record_files(corpus),
    }


def _remember_root(index_dir: Path, corpus: Corpus) -> None:
    """After a build that changed nothing, note where the corpus lives now (it may have moved)."""
    manifest = read_manifest(index_dir)
    counts = _counts(corpus)
    changes = {key: counts[key] for key in ("corpus_root", "record_files")}
    if any(manifest.get(key) != value for key, value in changes.items()):
        write_manifest(index_dir, {**manifest, **changes})


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
    clock: Callable[[], float] = time.time,
) -> BuildReport:
    """Bring the index in `index_dir` in line with `corpus`: add, replace, remove what changed.

    `tag` fills entity tags (only called for new or changed articles); `vocabulary` is a
    fingerprint of what tagging depends on; `on_plan(n)` learns how many articles will be
    written, `on_write(n)` is called after each of them; `processes` > 1 tags and writes a large
    plan in that many worker processes; `clock()` gives the time new articles enter the index
    (replaced ones keep their first time).
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    build_lock = storage.build_lock(index_dir)
    acquire(build_lock.acquire, deadline, index_dir)
    try:
        index = storage.prepare_directory(index_dir)
        plan = plan_changes(index, corpus, vocabulary)
        if not plan.empty:
            if on_plan is not None:
                on_plan(len(plan.write))
            tag = tag or (lambda article: article)
            _write(index, corpus, plan, tag, deadline, on_write, processes, clock)
        else:
            storage.record_if_untrusted(index_dir, _counts(corpus))
            _remember_root(index_dir, corpus)
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
        undated=sum(1 for article in corpus.articles if not article.date),
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
    clock: Callable[[], float] = time.time,
    overrides: Path | None = None,
) -> BuildReport:
    """Ingest `corpus`, tag new or changed articles and update the index in `index_dir`.

    `overrides`: a YAML file of tag corrections (search/entities/overrides.py), applied after
    tagging.

    `processes`: worker processes for a large build (default: `default_processes()`); `clock`
    as in `index_corpus`.
    """
    from search.ingest.corpus import load_corpus

    corrections = _load_overrides(overrides, taxonomy_dir)
    loaded = load_corpus(corpus, on_file=on_file)
    tagger = None

    def tag(article: Article) -> Article:
        nonlocal tagger
        if tagger is None:  # loading the vocabulary costs time; a no-op build never needs it
            from search.entities.tagger import Tagger

            tagger = Tagger.load(taxonomy_dir)
        return corrections.for_article(tagger.tag_article(article))

    report = index_corpus(
        loaded,
        index_dir,
        tag=tag,
        # An edited overrides file retags like an edited vocabulary.
        vocabulary=taxonomy_fingerprint(taxonomy_dir) + corrections.digest,
        lock_timeout=lock_timeout,
        on_write=on_write,
        processes=processes if processes is not None else parallel.default_processes(),
        on_plan=on_plan,
        clock=clock,
    )
    return replace(
        report,
        overrides=len(corrections.entries),
        overrides_unmatched=_unmatched(corrections, loaded.articles),
    )


def _load_overrides(path: Path | None, taxonomy_dir: Path | None) -> Overrides:
    if path is None:
        return Overrides()
    from search.entities.taxonomy import load_taxonomy

    return load_overrides(path, load_taxonomy(taxonomy_dir))


def _unmatched(corrections: Overrides, articles: tuple[Article, ...]) -> tuple[str, ...]:
    if not corrections.entries:
        return ()
    article_ids = {article.article_id for article in articles}
    paragraph_ids = {p.paragraph_id for article in articles for p in article.paragraphs}
    return tuple(
        f"line {entry.line}: {entry.target}"
        for entry in corrections.unmatched(article_ids, paragraph_ids)
    )
