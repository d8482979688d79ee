"""Build and incrementally update the Whoosh index of a corpus: one writer, atomic commits.

Opening and the manifest live in `search.storage.manifest`; document shapes in
`search.indexing.documents`.
"""

from __future__ import annotations

import functools
import itertools
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from search.entities.overrides import Overrides
from search.indexing import parallel, tables
from search.indexing.documents import (
    ARTICLE_PREFIX,
    SOURCE_PREFIX,
    article_document,
    fingerprint,
    paragraph_documents,
    source_document,
)
from search.indexing.inputs import (
    CorpusInput,
    corpus_input,
    remember,
    remembered_index,
    scanned_input,
)
from search.indexing.interrupts import interrupts_held
from search.indexing.last_build import SUMMARY_NAME, record_last_build, taxonomy_fingerprint
from search.indexing.planning import Plan, plan_changes
from search.indexing.report import BuildReport
from search.indexing.tagging import lazy_tagger, load_corrections, unmatched_overrides
from search.ingest.corpus import corpus_root
from search.ingest.incremental import Scan, scan_corpus
from search.ingest.resident import Resident, held
from search.ingest.state import STATE_NAME, IngestState
from search.models import Article, Corpus
from search.storage import index as storage
from search.storage.manifest import acquire, read_manifest, write_manifest
from search.text import tokens


@dataclass(frozen=True)
class _Options:
    on_write: Callable[[int], None] | None
    on_plan: Callable[[int], None] | None
    processes: int
    clock: Callable[[], float]
    watching: bool = False  # `gaoxin index --watch`: every generation gets its table
    committed: Callable[[], None] = lambda: None  # called as soon as the generation is committed


Write = tuple[Article, str, int]  # an article, its fingerprint and its corpus position


def _write_sources(writer: Any, corpus: CorpusInput, plan: Plan) -> None:
    """Replace the changed source files (text files kept whole for the source view)."""
    for key in plan.delete_sources:
        writer.delete_by_term("paragraph_id", key)
    for key in plan.write_sources:
        text = corpus.source_text(key[len(SOURCE_PREFIX) :])
        writer.add_document(**source_document(key, text, corpus.sources[key]))


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


def _open_writer(
    index: Any,
    sizes: list[int],
    plan: Plan,
    tag: Callable[[Article], Article],
    options: _Options,
    deadline: float,
) -> tuple[Any, Callable[[Article, str, int], None], Callable[[], None]]:
    """A writer for the plan, how to hand it one (article, hash, position), and what to call
    once every article was handed over (before the commit).

    New articles enter the index at one time for the whole build (`options.clock`).
    """
    prepare = functools.partial(_documents, tag, plan.first_indexed, int(options.clock()))
    written = itertools.count(1)
    if not parallel.use_workers(len(plan.write), sum(sizes), options.processes):
        writer = storage.serial_writer(index, deadline)

        def add_article(article: Article, content_hash: str, position: int) -> None:
            for document in prepare(article, content_hash, position):
                writer.add_document(**document)
            if options.on_write is not None:
                options.on_write(next(written))

        return writer, add_article, lambda: None
    # Enough job files that every worker gets some, few enough to keep them cheap.
    batchsize = max(1, min(20, len(plan.write) // (4 * options.processes)))
    writer = storage.parallel_writer(index, options.processes, prepare, batchsize, deadline)

    def queue_article(article: Article, content_hash: str, position: int) -> None:
        if not writer.queued:
            # Tagging one article loads the vocabularies (and teaches jieba their words)
            # before the workers fork, so every worker tokenizes with the same dictionary,
            # made a plain dict once here rather than in every worker.
            tag(article)
            tokens.bulk_tokenizer()
        writer.add_article(article, content_hash, position)

    # The workers fork once every article is in a job file and out of this process's memory.
    return writer, queue_article, functools.partial(writer.start_workers, options.on_write)


_BATCH = 1_000  # articles loaded from the corpus at a time


def _articles(corpus: CorpusInput, plan: Plan) -> Iterator[Write]:
    """The plan's articles in order, loaded a batch at a time and forgotten once handed out."""
    for first in range(0, len(plan.write), _BATCH):
        batch = plan.write[first : first + _BATCH]
        positions = [position for position, _ in batch]
        loaded = corpus.load(positions)
        for article, (position, content_hash) in zip(loaded, batch, strict=True):
            yield article, content_hash, position
        del loaded
        corpus.forget(positions)


def _write(
    index: Any,
    corpus: CorpusInput,
    plan: Plan,
    tag: Callable[[Article], Article],
    deadline: float,
    options: _Options,
) -> None:
    plan.first_indexed = {
        key[len(ARTICLE_PREFIX) :]: seconds
        for key, seconds in storage.first_indexed_times(index, plan.replaced_keys).items()
    }
    sizes = [corpus.sizes[position] for position, _ in plan.write]
    writer, add_article, handed_over = _open_writer(index, sizes, plan, tag, options, deadline)
    try:
        for article_id in plan.delete_articles:
            writer.delete_by_term("article_id", article_id)
        _write_sources(writer, corpus, plan)
        for article, content_hash, position in _articles(corpus, plan):
            add_article(article, content_hash, position)
        handed_over()
    except BaseException:
        writer.cancel()
        raise
    changed = len(plan.write) + len(plan.delete_articles)
    finish = tables.after_commit(changed, corpus.counts["articles"], options.watching)

    def after_commit(index_dir: Path) -> None:
        options.committed()
        finish(index_dir)

    storage.commit(index, writer, corpus.counts, after_commit)


def _remember_root(index_dir: Path, counts: dict[str, Any]) -> None:
    """After a build that changed nothing, note where the corpus lives now (it may have moved)."""
    manifest = read_manifest(index_dir)
    changes = {key: counts[key] for key in ("corpus_root", "record_files")}
    if any(manifest.get(key) != value for key, value in changes.items()):
        write_manifest(index_dir, {**manifest, **changes})


@contextmanager
def _build_lock(index_dir: Path, lock_timeout: float) -> Iterator[float]:
    """Hold the directory's build lock (one writer at a time); yields the deadline."""
    index_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    build_lock = storage.build_lock(index_dir)
    acquire(build_lock.acquire, deadline, index_dir)
    try:
        yield deadline
    finally:
        build_lock.release()


def _update(
    index_dir: Path,
    corpus: CorpusInput,
    known: IngestState | None,
    tag: Callable[[Article], Article],
    deadline: float,
    options: _Options,
) -> Plan:
    """Plan against the index (or what the last build, `known`, left in it) and write."""
    index = None
    if known is None:
        index = storage.prepare_directory(index_dir, (STATE_NAME, SUMMARY_NAME))
        old = (storage.stored_hashes(index, "article"), storage.stored_hashes(index, "source"))
    else:
        old = (known.articles, known.sources)
    plan = plan_changes(*old, corpus.current, corpus.sources)
    if not plan.empty:
        if options.on_plan is not None:
            options.on_plan(len(plan.write))
        index = index or storage.prepare_directory(index_dir, (STATE_NAME, SUMMARY_NAME))
        _write(index, corpus, plan, tag, deadline, options)
    else:
        if index is not None:
            storage.record_if_untrusted(index_dir, corpus.counts)
        _remember_root(index_dir, corpus.counts)
    return plan


def _report(corpus: CorpusInput, plan: Plan, parsed: int) -> BuildReport:
    return BuildReport(
        articles=corpus.counts["articles"],
        paragraphs=corpus.counts["paragraphs"],
        duplicates=corpus.duplicates,
        skipped=corpus.skipped,
        added=plan.added,
        replaced=plan.replaced,
        removed=len(plan.delete_articles) - plan.replaced,
        unchanged=plan.unchanged,
        undated=corpus.undated,
        parsed=parsed,
    )


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
    options = _Options(on_write, on_plan, processes, clock)
    with _build_lock(index_dir, lock_timeout) as deadline:
        loaded = corpus_input(corpus, vocabulary)
        plan = _update(index_dir, loaded, None, tag or (lambda a: a), deadline, options)
    return _report(loaded, plan, len(corpus.articles))


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
    resident: Resident | None = None,
) -> BuildReport:
    """Ingest what changed in `corpus`, tag new or changed articles, update `index_dir`.

    What each file produced is remembered in the index directory (`search.ingest.state`), so
    unchanged input is not parsed again. `overrides`: a YAML file of tag corrections
    (search/entities/overrides.py), applied after tagging. `processes`: worker processes for a
    large build (default: `default_processes()`); `clock` as in `index_corpus`. `resident`:
    what a long-running indexer keeps loaded between builds (`gaoxin index --watch`).
    """
    index_dir = Path(index_dir)
    processes = processes if processes is not None else parallel.default_processes()
    corrections = load_corrections(overrides, taxonomy_dir)
    with (
        _build_lock(index_dir, lock_timeout) as deadline,
        held(resident) as memory,
        interrupts_held() as hold,
    ):
        # Ctrl+C once the generation is committed (as soon as the change is searchable) waits
        # until the memory of it is saved: else the next build reads and compares it again.
        watching = resident is not None
        options = _Options(on_write, on_plan, processes, clock, watching, committed=hold)
        previous, merged = memory.load(index_dir)
        scan = scan_corpus(corpus, previous, on_file=on_file, merged=merged)
        # An edited overrides file retags like an edited vocabulary.
        taxonomy = taxonomy_fingerprint(taxonomy_dir)
        vocabulary = taxonomy + corrections.digest
        fingerprint_of = functools.partial(fingerprint, taxonomy_fingerprint=vocabulary)
        scan.fingerprints(fingerprint_of, reuse=previous.vocabulary == vocabulary)
        scanned = scanned_input(scan, corpus_root(Path(corpus)))
        known = previous if remembered_index(index_dir, previous.toc_sha256) else None
        tag = lazy_tagger(taxonomy_dir, taxonomy, corrections)
        plan = _update(index_dir, scanned, known, tag, deadline, options)
        hold()  # a build that committed nothing records what it read, too
        same = scan.remembered and known is not None and previous.vocabulary == vocabulary
        saved = previous  # the memory on disk, unless this build changed it
        if not (same and plan.empty):  # otherwise the saved memory is still exact
            saved = remember(index_dir, scan, vocabulary)
        report = _build_report(scanned, plan, scan, corrections)
        if remembered_index(index_dir, saved.toc_sha256):
            record_last_build(index_dir, Path(corpus), saved.files, vocabulary, report)
        memory.keep(index_dir, saved, scan)
    return report


def _build_report(
    scanned: CorpusInput, plan: Plan, scan: Scan, corrections: Overrides
) -> BuildReport:
    return replace(
        _report(scanned, plan, scan.parsed),
        overrides=len(corrections.entries),
        overrides_unmatched=unmatched_overrides(corrections, scan.kept),
    )
