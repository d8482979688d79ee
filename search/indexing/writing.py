"""Writing one build's plan into the index: documents of the changed articles and sources,
in this process or in worker processes, then the commit and what follows it (the generation
table).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search.indexing import parallel, tables
from search.indexing.documents import (
    ARTICLE_PREFIX,
    SOURCE_PREFIX,
    article_document,
    paragraph_documents,
    paragraph_words,
    source_document,
)
from search.indexing.inputs import CorpusInput
from search.indexing.planning import Plan
from search.indexing.tagging import ArticleTag
from search.models import Article
from search.storage import index as storage
from search.text import tokens


@dataclass(frozen=True)
class WriteOptions:
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


# A serial build hands this many articles at a time to each step (cut, tag, documents): the
# tagger's tries and tables stay in the processor's cache from one article to the next, where
# the word cut and the writer between two articles pushed them out (docs/entities.md, "Speed").
# Workers still prepare one article at a time (`search.storage.parallel`).
SERIAL_CHUNK = 64


def _documents(
    tag: ArticleTag,
    first_indexed: Mapping[str, int],
    now: int,
    chunk: Sequence[Write],
) -> list[list[dict[str, Any]]]:
    """Each article's documents, for a chunk of articles. Their paragraphs are cut once, before
    tagging (jieba taught the vocabulary first), and the same words go to the tagger and the
    writer; each step runs over the whole chunk before the next."""
    tag.ready()
    words = [paragraph_words(article) for article, _, _ in chunk]
    tagged = [tag(article, cut) for (article, _, _), cut in zip(chunk, words, strict=True)]
    documents = []
    for (article, content_hash, position), cut, done in zip(chunk, words, tagged, strict=True):
        indexed_at = first_indexed.get(article.article_id, now)
        documents.append(
            [
                *paragraph_documents(done, content_hash, indexed_at, cut),
                article_document(done, content_hash, position, indexed_at),
            ]
        )
    return documents


def _open_writer(
    index: Any,
    sizes: list[int],
    plan: Plan,
    tag: ArticleTag,
    options: WriteOptions,
    deadline: float,
) -> tuple[Any, Callable[[Article, str, int], None], Callable[[], None]]:
    """A writer for the plan, how to hand it one (article, hash, position), and what to call
    once every article was handed over (before the commit: the last chunk's documents, or
    starting the workers).

    New articles enter the index at one time for the whole build (`options.clock`).
    """
    prepare = functools.partial(_documents, tag, plan.first_indexed, int(options.clock()))
    if not parallel.use_workers(len(plan.write), sum(sizes), options.processes):
        return _serial_writer(storage.serial_writer(index, deadline), prepare, options)
    # Enough job files that every worker gets some, few enough to keep them cheap.
    batchsize = max(1, min(20, len(plan.write) // (4 * options.processes)))
    writer = storage.parallel_writer(index, options.processes, prepare, batchsize, deadline)

    def queue_article(article: Article, content_hash: str, position: int) -> None:
        if not writer.queued:
            # The tagger loads the vocabularies (and teaches jieba their words) before the
            # workers fork, so every worker tokenizes with the same dictionary, made a plain
            # dict once here rather than in every worker.
            tag.ready()
            tokens.bulk_tokenizer()
        writer.add_article(article, content_hash, position)

    # The workers fork once every article is in a job file and out of this process's memory.
    return writer, queue_article, functools.partial(writer.start_workers, options.on_write)


def _serial_writer(
    writer: Any, prepare: Callable[[list[Write]], list[list[dict[str, Any]]]], options: WriteOptions
) -> tuple[Any, Callable[[Article, str, int], None], Callable[[], None]]:
    """`_open_writer` in this process: articles are prepared `SERIAL_CHUNK` at a time, the last
    ones once every article was handed over."""
    pending: list[Write] = []
    written = itertools.count(1)

    def write_pending() -> None:
        if not pending:  # a build writing no article never loads the tagger
            return
        for documents in prepare(pending):
            for document in documents:
                writer.add_document(**document)
            if options.on_write is not None:
                options.on_write(next(written))
        pending.clear()

    def add_article(article: Article, content_hash: str, position: int) -> None:
        pending.append((article, content_hash, position))
        if len(pending) >= SERIAL_CHUNK:
            write_pending()

    return writer, add_article, write_pending


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


def write_plan(
    index: Any,
    corpus: CorpusInput,
    plan: Plan,
    tag: ArticleTag,
    deadline: float,
    options: WriteOptions,
) -> None:
    """Delete, write and commit what `plan` changes (the index's writer cancelled on error)."""
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
