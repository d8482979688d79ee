"""Building with several cores: Whoosh's multi-process writer, with workers that tag articles.

The main process reads the corpus and hands whole articles to forked workers; each worker tags
them (jieba and the vocabularies, inherited from the parent) and writes its own segment.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import pickle
import queue
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.context import ForkProcess
from typing import Any

from whoosh import multiproc
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from search.errors import BuildFailed
from search.storage.writers import (
    ArraysOfMerges,
    LengthsOnce,
    NgramsAtCommit,
    WorkerWriter,
    write_missing,
)

# (article, content hash, corpus position) of some articles -> the Whoosh documents of each, in
# order (a serial build prepares a chunk at a time: search.indexing.writing.SERIAL_CHUNK).
Prepare = Callable[[list[tuple[Any, str, int]]], list[list[dict[str, Any]]]]
_ARTICLE = 1  # job-file code for an article; Whoosh's own code 0 is one document
_PATIENCE = 1.0  # seconds between checks that the other side is still alive
# Workers are told to stop this share of the job files apart (the last at the end): finishing
# a segment is one worker's work (~5-7 CPU s of a full build), and all finishing at the end, one
# at a time, left a core idle for ~30 s; staggered, each finishes while the others still write
# (a stop apart is about one finish of writing on the other core), the first while the others
# are still small (less memory at once). Only the last worker's last share runs alone.
STOP_SPACING = 0.03


def _exit_when_orphaned(parent: int) -> None:
    # A parent killed with SIGKILL cannot stop its workers; they would wait on the queue forever.
    while os.getppid() == parent:
        time.sleep(_PATIENCE)
    os._exit(1)


class _Worker(SubWriterTask):
    """Whoosh's sub-writer, which also tags articles and dies with its parent."""

    prepare: Prepare

    @staticmethod
    def _Popen(process: Any) -> Any:  # multiprocessing's hook: always fork
        return ForkProcess._Popen(process)

    def run(self) -> None:
        # The parent's pid as it was at the fork: a worker scheduled late may start after a
        # parent killed meanwhile, when os.getppid() already names init; it must exit too.
        parent = multiprocessing.parent_process()
        parent_pid = parent.pid if parent is not None else os.getppid()
        watchdog = threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True)
        watchdog.start()
        # Whoosh's task opens `whoosh.multiproc.SegmentWriter` by name; in this forked worker
        # that name becomes ours, which reads field lengths once per field.
        multiproc.SegmentWriter = WorkerWriter
        try:
            super().run()
        except KeyboardInterrupt:  # Ctrl+C reaches every process; the parent says "Aborted!"
            os._exit(1)
        except BaseException as error:  # one line for the user; the parent reports the failure
            sys.stderr.write(f"index build worker {os.getpid()} failed: {error!r}\n")
            sys.stderr.flush()
            os._exit(1)

    def _process_file(self, filename: str, doc_count: int) -> None:
        # One article at a time: a job file's articles prepared together (as a serial build's
        # chunks are) showed no gain in two full builds (docs/benchmarks.md, fast21).
        storage = self.writer.temp_storage()
        with storage.open_file(filename).raw_file() as job:
            for _ in range(doc_count):
                code, payload = pickle.load(job)
                documents = self.prepare([payload])[0] if code == _ARTICLE else [payload]
                for document in documents:
                    self.writer.add_document(**document)
        storage.delete_file(filename)


def early_stops(jobs: int, workers: int) -> list[int]:
    """After which of `jobs` job files one worker each is told to stop (all but the last
    worker), `STOP_SPACING` of the jobs apart before the end."""
    return [max(1, round(jobs * (1 - STOP_SPACING * rank))) for rank in range(workers - 1, 0, -1)]


def _return_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc only), so the workers do not
    inherit the freed corpus."""
    # Another C library has no malloc_trim: the pages stay, nothing breaks.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)  # the process's own symbols include the C library


class ParallelWriter(NgramsAtCommit, ArraysOfMerges, LengthsOnce, MpWriter):
    """An `MpWriter` (one segment per worker) that fails loudly instead of losing documents."""

    def __init__(
        self, index: Any, *, procs: int, prepare: Prepare, batchsize: int, **writer_args: Any
    ) -> None:
        """`batchsize`: articles per job file handed to a worker."""
        super().__init__(index, procs=procs, batchsize=batchsize, multisegment=True, **writer_args)
        self.prepare = prepare
        self.queued = 0  # articles handed over
        self._jobs: list[tuple[str, int, int]] = []  # job files not yet handed to a worker
        self._stopped = 0  # workers told to stop before the end

    def add_article(self, article: Any, content_hash: str, position: int) -> None:
        """Queue one article (in a job file); a worker will tag it and add its documents."""
        self.docbuffer.append((_ARTICLE, (article, content_hash, position)))
        self.queued += 1
        if len(self.docbuffer) >= self.batchsize:
            self._enqueue()
        self._added_sub = True

    def start_workers(self, on_article: Callable[[int], None] | None = None) -> None:
        """Fork the workers and hand them every job file; `on_article(n)` after the n-th
        article's file is handed over.

        Forking only now, with every article in a job file, keeps the corpus out of the
        workers: forked while the parent held it, they kept its pages once the parent's
        pickling touched them, and the build held the corpus twice.
        """
        if self.docbuffer:
            self._enqueue()
        jobs, self._jobs = self._jobs, []
        if not jobs:
            return
        gc.collect()
        _return_free_memory()
        for _ in range(min(self.procs, len(jobs)) - len(self.tasks)):
            self._new_task()
        handed = 0
        stops = early_stops(len(jobs), len(self.tasks))
        for number, (filename, documents, articles) in enumerate(jobs, start=1):
            self._put((filename, documents))
            for _ in range(stops.count(number)):
                self._put(None)  # the worker taking it finishes its segment now
                self._stopped += 1
            for _ in range(articles):
                handed += 1
                if on_article is not None:
                    on_article(handed)

    def _new_task(self) -> _Worker:
        task = _Worker(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.prepare = self.prepare
        task.daemon = True
        self.tasks.append(task)
        # A worker's garbage collector would otherwise write to every object it inherited
        # (the corpus, jieba's dictionary), copying their pages into the worker. What was frozen
        # already (the build's ingest memory, `search.ingest.resident`) stays frozen: whoever
        # froze it unfreezes it.
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        try:
            task.start()
        finally:
            if not frozen_before:
                gc.unfreeze()
        return task

    def _put(self, job: Any) -> None:
        while True:
            try:
                self.jobqueue.put(job, timeout=_PATIENCE)
                return
            except queue.Full:
                self._check_workers()

    def _check_workers(self) -> None:
        failed = [task.exitcode for task in self.tasks if task.exitcode not in (None, 0)]
        if failed:
            raise BuildFailed(
                f"an index build worker failed (exit code {failed[0]}); the index was not changed"
            )

    def _worker_segments(self) -> list[Any]:
        """Every worker's segment, in the order they finish. Once at most one worker still
        writes, the n-gram files of the finished segments are written here, while it writes
        (one core would idle otherwise, and the commit wrote them all after the last one);
        not earlier, when the n-gram arrays would add to the memory of several workers."""
        segments: list[Any] = []
        waiting: list[Any] = []  # finished segments without their n-gram file yet
        while len(segments) < len(self.tasks):
            segment = self._next_segment()
            segments.append(segment)
            waiting.append(segment)
            if len(self.tasks) - len(segments) <= 1:
                write_missing(self.storage, self.schema, waiting)
                waiting = []
        return segments

    def _next_segment(self) -> Any:
        """The next segment a worker finished; fails once a worker failed or every worker
        ended without it."""
        while True:
            ended = all(task.exitcode is not None for task in self.tasks)
            try:
                _, _, segment = self.resultqueue.get(timeout=(10 if ended else 1) * _PATIENCE)
                return segment
            except queue.Empty:
                self._check_workers()
                if ended:
                    raise BuildFailed("an index build worker ended without its segment") from None

    def _enqueue(self) -> None:
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as job:
            for item in self.docbuffer:
                pickle.dump(item, job, pickle.HIGHEST_PROTOCOL)
        articles = sum(1 for code, _ in self.docbuffer if code == _ARTICLE)
        self._jobs.append((filename, len(self.docbuffer), articles))
        self.docbuffer = []

    def cancel(self) -> None:
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
            task.join()
        self.discard_records()
        SegmentWriter.cancel(self)

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        try:
            self._commit_segments(mergetype, optimize, merge)
        except BaseException:
            self.cancel()
            raise

    def _commit_segments(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        # Whoosh's version drops a worker's segment silently when the worker died; ours raises.
        self.start_workers()
        for _ in range(len(self.tasks) - self._stopped):
            self._put(None)
        segments = self._merge_segments(mergetype, optimize, merge)
        results = self._worker_segments()
        for task in self.tasks:
            task.join()
        self._check_workers()
        # A worker that got no job wrote an empty segment; the next commit deletes its files.
        segments += [segment for segment in results if segment.doc_count_all()]
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()
