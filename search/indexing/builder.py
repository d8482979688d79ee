"""Build and incrementally update the Whoosh index of a corpus: one writer, atomic commits.

Opening and the manifest live in `search.storage.manifest`; document shapes in
`search.indexing.documents`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from search.entities.overrides import Overrides
from search.errors import IndexUnavailable
from search.indexing import parallel
from search.indexing.documents import fingerprint
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
from search.indexing.tagging import (
    ArticleTag,
    LazyTagger,
    PlainTag,
    load_corrections,
    unmatched_overrides,
)
from search.indexing.writing import WriteOptions, write_plan
from search.ingest.corpus import corpus_root
from search.ingest.incremental import Scan, scan_corpus
from search.ingest.prefix_hashes import PrefixHashes
from search.ingest.resident import Resident, held
from search.ingest.state import STATE_NAME, IngestState
from search.models import Article, Corpus
from search.storage import index as storage
from search.storage.manifest import acquire, read_manifest, write_manifest

# The build's own files beside an index (its ingest memory, its summary): a directory holding
# only these is no foreign one.
BUILD_FILES = (STATE_NAME, SUMMARY_NAME)


def _remember_root(index_dir: Path, counts: dict[str, Any]) -> None:
    """After a build that changed nothing, note where the corpus lives now (it may have moved)."""
    manifest = read_manifest(index_dir)
    changes = {key: counts[key] for key in ("corpus_root", "record_files")}
    if any(manifest.get(key) != value for key, value in changes.items()):
        write_manifest(index_dir, {**manifest, **changes})


@contextmanager
def _build_lock(index_dir: Path, lock_timeout: float) -> Iterator[float]:
    """Hold the directory's build lock (one writer at a time); yields the deadline."""
    deadline = time.monotonic() + lock_timeout
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        build_lock = storage.build_lock(index_dir)
        acquire(build_lock.acquire, deadline, index_dir)
    except OSError as error:  # a path under a file, a read-only disk, no permission…
        raise IndexUnavailable(
            f"{index_dir}: cannot create or write the index directory ({error.strerror or error})"
        ) from None
    try:
        yield deadline
    finally:
        build_lock.release()


def _update(
    index_dir: Path,
    corpus: CorpusInput,
    known: IngestState | None,
    tag: ArticleTag,
    deadline: float,
    options: WriteOptions,
) -> Plan:
    """Plan against the index (or what the last build, `known`, left in it) and write."""
    index = None
    if known is None:
        index = storage.prepare_directory(index_dir, BUILD_FILES)
        old = (storage.stored_hashes(index, "article"), storage.stored_hashes(index, "source"))
    else:
        old = (known.articles, known.sources)
    plan = plan_changes(*old, corpus.current, corpus.sources)
    if not plan.empty:
        if options.on_plan is not None:
            options.on_plan(len(plan.write))
        index = index or storage.prepare_directory(index_dir, BUILD_FILES)
        write_plan(index, corpus, plan, tag, deadline, options)
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
    options = WriteOptions(on_write, on_plan, processes, clock)
    with _build_lock(index_dir, lock_timeout) as deadline:
        loaded = corpus_input(corpus, vocabulary)
        plan = _update(index_dir, loaded, None, PlainTag(tag or (lambda a: a)), deadline, options)
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
    prefixes: PrefixHashes | None = None,
) -> BuildReport:
    """Ingest what changed in `corpus`, tag new or changed articles, update `index_dir`.

    What each file produced is remembered in the index directory (`search.ingest.state`), so
    unchanged input is not parsed again. `overrides`: a YAML file of tag corrections
    (search/entities/overrides.py), applied after tagging. `processes`: worker processes for a
    large build (default: `default_processes()`); `clock` as in `index_corpus`. `resident`:
    what a long-running indexer keeps loaded between builds (`gaoxin index --watch`).
    `prefixes`: the read part of grown JSON Lines files, hashed ahead (`grown_files`).
    """
    index_dir = Path(index_dir)
    processes = processes if processes is not None else parallel.default_processes()
    corrections = load_corrections(overrides, taxonomy_dir)
    storage.refuse_foreign(index_dir, BUILD_FILES)
    with (
        _build_lock(index_dir, lock_timeout) as deadline,
        held(resident) as memory,
        interrupts_held() as hold,
    ):
        # Ctrl+C once the generation is committed (as soon as the change is searchable) waits
        # until the memory of it is saved: else the next build reads and compares it again.
        watching = resident is not None
        options = WriteOptions(on_write, on_plan, processes, clock, watching, committed=hold)
        previous, merged = memory.load(index_dir)
        scan = scan_corpus(corpus, previous, on_file=on_file, merged=merged, prefixes=prefixes)
        # An edited overrides file retags like an edited vocabulary.
        taxonomy = taxonomy_fingerprint(taxonomy_dir)
        vocabulary = taxonomy + corrections.digest
        fingerprint_of = functools.partial(fingerprint, taxonomy_fingerprint=vocabulary)
        scan.fingerprints(fingerprint_of, reuse=previous.vocabulary == vocabulary)
        scanned = scanned_input(scan, corpus_root(Path(corpus)))
        known = previous if remembered_index(index_dir, previous.toc_sha256) else None
        tag = LazyTagger(taxonomy_dir, taxonomy, corrections)
        plan = _update(index_dir, scanned, known, tag, deadline, options)
        hold()  # a build that committed nothing records what it read, too
        same = scan.remembered and known is not None and previous.vocabulary == vocabulary
        saved = previous  # the memory on disk, unless this build changed it
        if not (same and plan.empty):  # otherwise the saved memory is still exact
            saved = remember(index_dir, scan, vocabulary)
        report = _build_report(scanned, plan, scan, corrections)
        _record(index_dir, Path(corpus), saved, vocabulary, report)
        memory.keep(index_dir, saved, scan)
    return report


def _record(
    index_dir: Path, corpus: Path, saved: IngestState, vocabulary: str, report: BuildReport
) -> None:
    """What this build saw and reported, for the next `gaoxin index` over the same corpus."""
    if remembered_index(index_dir, saved.toc_sha256):
        record_last_build(index_dir, corpus, saved.files, vocabulary, report)


def _build_report(
    scanned: CorpusInput, plan: Plan, scan: Scan, corrections: Overrides
) -> BuildReport:
    return replace(
        _report(scanned, plan, scan.parsed),
        overrides=len(corrections.entries),
        overrides_unmatched=unmatched_overrides(corrections, scan.kept),
    )
