"""Where a build's CPU goes, stage by stage: a serial build of an xwlb slice with a CPU timer
around each stage (no profiler, whose overhead inflates jieba's many small calls).

`python bench/build_stages.py [--paragraphs 30000] [--work DIR]` prints a Markdown table.
Stages nest only where noted (tagging includes its jieba POS cuts but not the word fields' cut
of the paragraphs it is handed; Whoosh's add_document holds only the fields Whoosh still
indexes).
"""

from __future__ import annotations

import argparse
import collections
import functools
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import select_records, write_jsonl

TOTALS: collections.Counter[str] = collections.Counter()


def _timed(name: str, function):
    @functools.wraps(function)
    def wrapper(*arguments, **keywords):
        start = time.process_time()
        try:
            return function(*arguments, **keywords)
        finally:
            TOTALS[name] += time.process_time() - start

    return wrapper


def _instrument() -> None:
    from whoosh.writing import SegmentWriter

    from search.entities import tagger
    from search.indexing import builder, documents, writing
    from search.ingest import incremental
    from search.storage import ngrams, words

    # A paragraph's text is cut before tagging (`paragraph_words`), its title and heading by
    # the writer's Tokenizer: both are the word fields' cut, not tagging.
    words.Tokenizer.__call__ = _timed("jieba: word fields", words.Tokenizer.__call__)
    writing.paragraph_words = _timed("jieba: word fields", writing.paragraph_words)
    words.Collector.add = _timed("gather word postings", words.Collector.add)
    words.Collector.arrays = _timed("sort word postings", words.Collector.arrays)
    tagger.Tagger.load = _timed("tagger: load", tagger.Tagger.load)
    tagger.Tagger.tag_article = _timed("tagger: tag", tagger.Tagger.tag_article)
    # Patched where it is looked up: the writer imports it by name (the builder never calls it).
    writing.paragraph_documents = _timed(
        "paragraph documents (records, plain text)",
        lambda *arguments, **keywords: list(documents.paragraph_documents(*arguments, **keywords)),
    )
    SegmentWriter.add_document = _timed("Whoosh add_document", SegmentWriter.add_document)
    SegmentWriter._finalize_segment = _timed(
        "Whoosh segment end (postings, columns)", SegmentWriter._finalize_segment
    )
    ngrams.build = _timed("n-gram postings", ngrams.build)
    builder.scan_corpus = _timed("ingest (read, repair, reprints)", builder.scan_corpus)
    incremental.Scan.fingerprints = _timed("fingerprints", incremental.Scan.fingerprints)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paragraphs", type=int, default=30_000)
    parser.add_argument("--work", type=Path, help="keep the slice and index here")
    options = parser.parse_args()
    work = options.work or Path(tempfile.mkdtemp(prefix="gaoxin-stages-"))
    corpus = write_jsonl(select_records(options.paragraphs), work / "slice.jsonl")
    shutil.rmtree(work / "index", ignore_errors=True)
    _instrument()
    from search.indexing.builder import build_index

    wall, cpu = time.perf_counter(), time.process_time()
    report = build_index(corpus, work / "index", processes=1)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{report.paragraphs} paragraphs, serial: {wall:.1f} s wall, {cpu:.1f} s CPU\n")
    print("| stage | CPU s | share |\n|---|---|---|")
    for name, seconds in TOTALS.most_common():
        print(f"| {name} | {seconds:.2f} | {100 * seconds / cpu:.1f} % |")
    print(f"| everything else | {cpu - sum(TOTALS.values()):.2f} | |")
    if options.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
