"""Entry point of the ingest: a corpus directory or file → `Corpus` of clean articles with
stable ids, provenance, merged reprints and the files that had to be skipped (with reasons).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from search.errors import CorpusError
from search.ingest.articles import ArticleDraft, split_articles
from search.ingest.dates import text_file_date
from search.ingest.decode import (
    BrokenRecord,
    JsonRecord,
    NotText,
    decode_text,
    is_jsonl,
    read_jsonl,
)
from search.ingest.lines import FULL_WIDTH_ALNUM, FULL_WIDTH_SEARCH, clean_line
from search.ingest.regular_files import NOT_REGULAR, is_regular
from search.ingest.reprints import ReprintIndex, nearly_same, shingles_of
from search.models import Article, Corpus, Paragraph, SkippedFile, SourceRecord, SourceSpan
from search.text.surrogates import printable_name

T = TypeVar("T")

_NOT_WORD = re.compile(r"[\W_]+")


def load_corpus(path: Path | str, *, on_file: Callable[[str], None] | None = None) -> Corpus:
    """Ingest every `*.txt` / `*.jsonl[.gz|.xz]` of a directory (sorted by name), or one file.

    `source.file` is the file's name relative to the corpus root (the directory, or the
    archive's own folder), so no server path reaches a user and a moved corpus is unchanged.
    `on_file(source_file)` is called once per file before it is read. Unusable files and
    broken JSON Lines records are reported in `Corpus.skipped`; only an unusable `path`
    raises CorpusError.
    """
    root = Path(path)
    builder = _CorpusBuilder()
    for file_path, source_file, listed in corpus_files(root, str(path)):
        if on_file is not None:
            on_file(source_file)
        if is_jsonl(file_path):
            builder.add_jsonl(file_path, source_file, listed)
        else:
            builder.add_text(file_path, source_file, listed)
    return replace(builder.corpus(), root=corpus_root(root))


def corpus_root(path: Path) -> str:
    """The folder `source.file` names are relative to: the directory, or the file's folder."""
    return str((path if path.is_dir() else path.parent).resolve())


def corpus_files(root: Path, given: str) -> list[tuple[Path, str, os.stat_result | None]]:
    """(path, source.file, stat at listing time) for each corpus file, sorted by name."""
    root_text = corpus_root(root)
    if printable_name(root_text) != root_text:  # recorded in the index as text
        raise CorpusError(f"{printable_name(given)}: the path is not valid UTF-8; rename it")
    if root.is_file():
        if not (is_jsonl(root) or root.name.lower().endswith(".txt")):
            raise CorpusError(f"{given}: not a corpus (expected a directory, .txt or .jsonl file)")
        return [(root, printable_name(root.name), _stat(root))]
    if not root.is_dir():
        raise CorpusError(f"{given}: no such corpus directory or file")
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as error:
        raise CorpusError(f"{given}: cannot list the directory ({error.strerror})") from None
    return [
        (Path(entry.path), printable_name(entry.name), _stat(Path(entry.path)))
        for entry in entries
        if not entry.name.startswith(".")
        and (entry.name.lower().endswith(".txt") or is_jsonl(Path(entry.name)))
    ]


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def unchanged_since(path: Path, listed: os.stat_result | None) -> bool:
    now = _stat(path)
    if listed is None or now is None:
        return False
    return (now.st_size, now.st_mtime_ns) == (listed.st_size, listed.st_mtime_ns)


def read_unless_skipped(
    path: Path, listed: os.stat_result | None, read: Callable[[], T]
) -> tuple[T | None, str | None]:
    """`read()` of a corpus file, or why the file is skipped: not a regular file (a pipe would
    block the build, a device never end), a name that is not UTF-8, gone, unreadable, or changed
    since it was listed (its content may be half old, half new)."""
    if listed is not None and not is_regular(listed):
        return None, NOT_REGULAR
    if printable_name(path.name) != path.name:
        return None, "the file name is not valid UTF-8: rename the file to index it"
    try:
        value = read()
    except FileNotFoundError:
        return None, "file disappeared before it could be read"
    except OSError as error:
        return None, f"cannot read the file ({error.strerror or error})"
    if not unchanged_since(path, listed):
        return None, "file changed while the corpus was read; index again"
    return value, None


def normalized_text(text: str) -> str:
    """Text reduced to its letters, digits and Han characters (width- and case-folded), so a
    reprint with other punctuation or spacing hashes the same."""
    folded = text.translate(FULL_WIDTH_ALNUM) if FULL_WIDTH_SEARCH.search(text) else text
    return _NOT_WORD.sub("", folded.casefold())


def _short_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class _CorpusBuilder:
    """Collects articles in order, merging reprints into the first copy."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    source_texts: dict[str, str] = field(default_factory=dict)
    duplicates: int = 0
    reprints: ReprintIndex = field(default_factory=ReprintIndex)

    def corpus(self) -> Corpus:
        return Corpus(
            articles=tuple(self.articles),
            skipped=tuple(self.skipped),
            duplicates=self.duplicates,
            files=dict(self.files),
            source_texts=dict(self.source_texts),
        )

    def skip(self, source_file: str, reason: str, line: int | None = None) -> None:
        self.skipped.append(SkippedFile(source_file, reason, line))

    def add_text(self, path: Path, source_file: str, listed: os.stat_result | None) -> None:
        data, reason = read_unless_skipped(path, listed, path.read_bytes)
        if data is None:
            return self.skip(source_file, str(reason))
        self.files[source_file] = hashlib.sha256(data).hexdigest()
        if not data.strip():
            return self.skip(source_file, "empty file" if not data else "only whitespace")
        try:
            text, _encoding = decode_text(data)
        except NotText as error:
            return self.skip(source_file, str(error))
        drafts = split_articles(text)
        if not drafts:
            return self.skip(source_file, "no article text found")
        self.source_texts[source_file] = text
        article_date = text_file_date(path.name, text)
        for draft in drafts:
            self.add(article_from_draft(draft, source_file, article_date))

    def add_jsonl(self, path: Path, source_file: str, listed: os.stat_result | None) -> None:
        def read() -> tuple[str, list[Article]]:
            return file_sha256(path), list(self._jsonl_articles(path, source_file))

        found, reason = read_unless_skipped(path, listed, read)
        if found is None:
            return self.skip(source_file, str(reason))
        digest, records = found
        self.files[source_file] = digest
        for article in records:
            self.add(article)

    def _jsonl_articles(self, path: Path, source_file: str) -> Iterable[Article]:
        for item in read_jsonl(path):
            if isinstance(item, BrokenRecord):
                self.skip(source_file, item.reason, item.line)
                continue
            article = article_from_record(item, path.name, source_file)
            if article is None:
                self.skip(source_file, "record has no text", item.line)
            else:
                yield article

    def add(self, article: Article) -> None:
        """Append the article, or merge it into an earlier copy (same text, or same title and
        nearly the same body)."""
        body = body_text(article)
        title = normalized_text(article.title)
        body_key = hashlib.sha1(body.encode("utf-8")).digest()
        shingles: list[set[str]] = []  # this body's, made once and only if a title matches

        def near(index: int) -> bool:
            shingles[:] = shingles or [shingles_of(body)]
            return nearly_same(shingles[0], shingles_of(body_text(self.articles[index])))

        earlier = self.reprints.earlier(article.article_id, body_key, len(body), title, near)
        if earlier is not None:
            return self._merge(earlier, article)
        self.reprints.keep(len(self.articles), article.article_id, body_key, len(body), title)
        self.articles.append(article)

    def _merge(self, index: int, reprint: Article) -> None:
        self.duplicates += 1
        kept = self.articles[index]
        sources = tuple(dict.fromkeys(kept.sources + reprint.sources))
        records = tuple(dict.fromkeys(kept.records + reprint.records))
        if sources != kept.sources or records != kept.records:
            self.articles[index] = replace(kept, sources=sources, records=records)


def body_text(article: Article) -> str:
    return normalized_text("".join(p.text for p in article.paragraphs if p.kind == "body"))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def article_from_draft(draft: ArticleDraft, source_file: str, article_date: str) -> Article:
    body = "\n".join(block.text for block in draft.blocks if block.kind == "body")
    article_id = _short_sha1(normalized_text(draft.title) + "\n" + normalized_text(body))
    paragraphs = tuple(
        Paragraph(
            paragraph_id=f"{article_id}-{ordinal}",
            article_id=article_id,
            ordinal=ordinal,
            kind=block.kind,
            text=block.text,
            source=SourceSpan(source_file, block.line_start, block.line_end),
        )
        for ordinal, block in enumerate(draft.blocks, start=1)
    )
    return Article(
        article_id=article_id,
        title=draft.title,
        paragraphs=paragraphs,
        sources=(source_file,),
        kicker=draft.kicker,
        subtitle=draft.subtitle,
        byline=draft.byline,
        authors=draft.authors,
        date=article_date,
    )


def article_from_record(record: JsonRecord, file_name: str, source_file: str) -> Article | None:
    """One JSON Lines record as an article: each non-empty paragraph string a body paragraph."""
    texts = [text for text in (clean_line(raw) for raw in record.paragraphs) if text]
    title = clean_line(record.title)
    if not texts and not title:
        return None
    if record.record_id:
        article_id = _short_sha1(f"{file_name}:{record.record_id}")
    else:
        article_id = _short_sha1(normalized_text(title) + "\n" + normalized_text("\n".join(texts)))
    source = SourceSpan(source_file, record.line, record.line)
    paragraphs = tuple(
        Paragraph(f"{article_id}-{ordinal}", article_id, ordinal, "body", text, source)
        for ordinal, text in enumerate(texts, start=1)
    )
    where = SourceRecord(
        file=source_file,
        line=record.line,
        record_id=record.record_id,
        offset=record.offset,
        length=record.length,
        digest=record.digest,
        raw=record.raw,
    )
    return Article(
        article_id=article_id,
        title=title or texts[0][:30],
        paragraphs=paragraphs,
        sources=(source_file,),
        date=record.date,
        url=record.url,
        records=(where,),
    )
