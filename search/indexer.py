"""Build and incrementally update the Whoosh index of a corpus: one writer, atomic commits.

The manifest `gaoxin-index.json` marks a directory as ours and pins its TOC file's sha256,
so we never unpickle a foreign directory (Whoosh pickles its TOC).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex, LockError

from search.errors import IndexLocked, IndexUnavailable
from search.models import Article, Corpus, SkippedFile
from search.schema import FACET_SEPARATOR, build_schema
from search.serialize import article_metadata_json, paragraph_json

MANIFEST_NAME = "gaoxin-index.json"
FORMAT_VERSION = 1
INDEX_NAME = "MAIN"
BUILD_LOCK = "gaoxin-build.lock"
SOURCE_PREFIX = "source:"
ARTICLE_PREFIX = "article:"
_LOCK_POLL_SECONDS = 0.1


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


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(index_dir: Path) -> dict[str, Any]:
    """The manifest of a Gaoxin index; IndexUnavailable for anything else."""
    path = Path(index_dir) / MANIFEST_NAME
    if not Path(index_dir).is_dir():
        raise IndexUnavailable(f"No index at {index_dir}: run `gaoxin index` first")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise IndexUnavailable(
            f"{index_dir} is not a Gaoxin index (no readable {MANIFEST_NAME}); "
            "build one with `gaoxin index --index DIR` into a new or empty directory"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise IndexUnavailable(
            f"{index_dir} is not a Gaoxin index of format {FORMAT_VERSION}; rebuild it "
            "with `gaoxin index` into a new directory"
        )
    return manifest


def _write_manifest(index_dir: Path, manifest: dict[str, Any]) -> None:
    # Write then rename, so readers never see half a manifest.
    temporary = index_dir / f"{MANIFEST_NAME}.tmp"
    temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(index_dir / MANIFEST_NAME)


def _latest_toc(storage: FileStorage) -> tuple[int, Path]:
    generation = TOC._latest_generation(storage, INDEX_NAME)
    return generation, Path(storage.folder) / TOC._filename(INDEX_NAME, generation)


def _trusted(storage: FileStorage, manifest: dict[str, Any]) -> bool:
    generation, toc_path = _latest_toc(storage)
    if generation < 0:
        return False
    if manifest.get("pending_generation") == generation:
        return True  # our own writer committed and is about to record the TOC's hash
    try:
        return manifest.get("toc", {}).get("sha256") == _sha256_file(toc_path)
    except OSError:
        return False


def open_index(index_dir: Path, *, patience: float = 2.0) -> FileIndex:
    """Open a verified Gaoxin index (IndexUnavailable when missing, foreign or damaged)."""
    index_dir = Path(index_dir)
    deadline = time.monotonic() + patience
    while True:
        manifest = read_manifest(index_dir)
        storage = FileStorage(str(index_dir))
        if _trusted(storage, manifest):
            break
        if time.monotonic() > deadline:
            raise IndexUnavailable(
                f"{index_dir} does not match its {MANIFEST_NAME} (changed outside Gaoxin or "
                "damaged); rebuild it with `gaoxin index` into a new directory"
            )
        time.sleep(0.05)  # a build may be between its commit and its manifest update
    try:
        return FileIndex(storage, schema=build_schema(), indexname=INDEX_NAME)
    except Exception as error:  # Whoosh raises many types for damaged files
        raise IndexUnavailable(
            f"The index at {index_dir} is damaged ({error}); rebuild it"
        ) from None


def _acquire(acquire: Callable[[], Any], deadline: float, index_dir: Path) -> Any:
    while True:
        try:
            result = acquire()
        except LockError:
            result = None
        if result:
            return result
        if time.monotonic() >= deadline:
            raise IndexLocked(
                f"Another `gaoxin index` is writing {index_dir}; it did not finish in time. "
                "Try again when it is done."
            )
        time.sleep(_LOCK_POLL_SECONDS)


def _prepare_directory(index_dir: Path) -> FileIndex:
    """Open the index in `index_dir`, creating it when the directory is new or empty."""
    others = [path.name for path in index_dir.iterdir() if path.name != BUILD_LOCK]
    storage = FileStorage(str(index_dir))
    if not others or (MANIFEST_NAME in others and _latest_toc(storage)[0] < 0):
        index = FileIndex.create(storage, build_schema(), indexname=INDEX_NAME)
        _record_generation(index_dir, storage, {"articles": 0, "paragraphs": 0, "sources": 0})
        return index
    return open_index(index_dir)


def _record_generation(index_dir: Path, storage: FileStorage, counts: dict[str, int]) -> None:
    generation, toc_path = _latest_toc(storage)
    manifest = {
        "format": "gaoxin-index",
        "format_version": FORMAT_VERSION,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generation": generation,
        "toc": {"file": toc_path.name, "sha256": _sha256_file(toc_path)},
        "pending_generation": None,
        **counts,
    }
    _write_manifest(index_dir, manifest)


def _fingerprint(article: Article, taxonomy_fingerprint: str) -> str:
    # The untagged article plus the vocabulary: tagging reruns only when either changes.
    payload = json.dumps(asdict(article), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256((taxonomy_fingerprint + payload).encode("utf-8")).hexdigest()[:24]


def taxonomy_fingerprint(taxonomy_dir: Path | None) -> str:
    """A hash of the vocabulary YAML files, so a changed vocabulary retags every article."""
    directory = taxonomy_dir or Path(__file__).resolve().parent / "taxonomy"
    digest = hashlib.sha256()
    for path in sorted(Path(directory).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _paragraph_documents(article: Article, content_hash: str) -> Iterator[dict[str, Any]]:
    title = " ".join(part for part in (article.title, article.kicker, article.subtitle) if part)
    heading = ""
    for paragraph in article.paragraphs:
        document: dict[str, Any] = {
            "doctype": "paragraph",
            "paragraph_id": paragraph.paragraph_id,
            "article_id": article.article_id,
            "ordinal": paragraph.ordinal,
            "kind": paragraph.kind,
            "record": json.dumps(paragraph_json(paragraph, article), ensure_ascii=False),
            "content_hash": content_hash,
            "date": article.date,
        }
        if paragraph.kind == "heading":
            heading = paragraph.text
        if paragraph.searchable:
            document.update(text=paragraph.text, exact=paragraph.text, title=title)
            if heading:
                document["heading"] = heading
        facet_values = {
            "park": paragraph.parks,
            "industry": paragraph.industries,
            "policy_type": paragraph.policy_types,
            "organization": paragraph.organizations,
            "policy_document": paragraph.policy_documents,
            "year": (article.year,) if article.year else (),
        }
        for name, values in facet_values.items():
            if values:
                document[name] = FACET_SEPARATOR.join(values)
        yield document


def _article_document(article: Article, content_hash: str, position: int) -> dict[str, Any]:
    return {
        "doctype": "article",
        "paragraph_id": ARTICLE_PREFIX + article.article_id,
        "article_id": article.article_id,
        "ordinal": position,
        "record": json.dumps(article_metadata_json(article), ensure_ascii=False),
        "content_hash": content_hash,
        "date": article.date,
    }


def _existing_hashes(index: FileIndex, doctype: str) -> dict[str, str]:
    with index.searcher() as searcher:
        return {
            fields["paragraph_id"]: fields.get("content_hash", "")
            for fields in searcher.documents(doctype=doctype)
        }


@dataclass
class _Plan:
    """Which articles and source files a build writes or deletes."""

    write: list[tuple[Article, str]]
    delete_articles: list[str]
    write_sources: list[str]
    delete_sources: list[str]
    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.write or self.delete_articles or self.write_sources or self.delete_sources)


def _plan(index: FileIndex, corpus: Corpus, vocabulary: str) -> _Plan:
    old_articles = _existing_hashes(index, "article")
    old_sources = _existing_hashes(index, "source")
    plan = _Plan([], [], [], [])
    seen: set[str] = set()
    for article in corpus.articles:
        key = ARTICLE_PREFIX + article.article_id
        seen.add(key)
        content_hash = _fingerprint(article, vocabulary)
        if old_articles.get(key) == content_hash:
            plan.unchanged += 1
            continue
        if key in old_articles:
            plan.replaced += 1
            plan.delete_articles.append(article.article_id)
        else:
            plan.added += 1
        plan.write.append((article, content_hash))
    plan.delete_articles += [key[len(ARTICLE_PREFIX) :] for key in old_articles if key not in seen]
    wanted = {SOURCE_PREFIX + name: corpus.files.get(name, "") for name in corpus.source_texts}
    plan.write_sources = [key for key, value in wanted.items() if old_sources.get(key) != value]
    plan.delete_sources = [
        key for key in old_sources if key not in wanted or key in plan.write_sources
    ]
    return plan


def _write(
    index: FileIndex,
    corpus: Corpus,
    plan: _Plan,
    tag: Callable[[Article], Article],
    deadline: float,
    on_write: Callable[[int], None] | None,
) -> None:
    positions = {article.article_id: number for number, article in enumerate(corpus.articles)}
    writer = _acquire(lambda: index.writer(limitmb=256), deadline, Path(index.storage.folder))
    try:
        for article_id in plan.delete_articles:
            writer.delete_by_term("article_id", article_id)
        for key in plan.delete_sources:
            writer.delete_by_term("paragraph_id", key)
        for key in plan.write_sources:
            name = key[len(SOURCE_PREFIX) :]
            record = json.dumps(
                {"file": name, "text": corpus.source_texts[name]}, ensure_ascii=False
            )
            writer.add_document(
                doctype="source",
                paragraph_id=key,
                record=record,
                content_hash=corpus.files.get(name, ""),
            )
        for count, (article, content_hash) in enumerate(plan.write, start=1):
            tagged = tag(article)
            for document in _paragraph_documents(tagged, content_hash):
                writer.add_document(**document)
            writer.add_document(
                **_article_document(tagged, content_hash, positions[article.article_id])
            )
            if on_write is not None:
                on_write(count)
    except BaseException:
        writer.cancel()
        raise
    _commit(index, writer, corpus)


def _commit(index: FileIndex, writer: Any, corpus: Corpus) -> None:
    index_dir = Path(index.storage.folder)
    manifest = read_manifest(index_dir)
    # Readers trust the next generation while we record its hash (see `_trusted`).
    manifest["pending_generation"] = index.latest_generation() + 1
    _write_manifest(index_dir, manifest)
    writer.commit()
    _record_generation(index_dir, index.storage, _counts(corpus))


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
) -> BuildReport:
    """Bring the index in `index_dir` in line with `corpus`: add, replace, remove what changed.

    `tag` fills entity tags (only called for new or changed articles); `vocabulary` is a
    fingerprint of what tagging depends on; `on_write(n)` is called after each written article.
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout
    build_lock = FileStorage(str(index_dir)).lock(BUILD_LOCK)
    _acquire(build_lock.acquire, deadline, index_dir)
    try:
        index = _prepare_directory(index_dir)
        plan = _plan(index, corpus, vocabulary)
        if not plan.empty:
            _write(index, corpus, plan, tag or (lambda article: article), deadline, on_write)
        elif not _trusted(index.storage, read_manifest(index_dir)):
            _record_generation(index_dir, index.storage, _counts(corpus))
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
) -> BuildReport:
    """Ingest `corpus`, tag new or changed articles and update the index in `index_dir`."""
    from search.ingest import load_corpus

    loaded = load_corpus(corpus, on_file=on_file)
    tagger = None

    def tag(article: Article) -> Article:
        nonlocal tagger
        if tagger is None:  # loading the vocabulary costs time; a no-op build never needs it
            from search.entities import Tagger

            tagger = Tagger.load(taxonomy_dir)
        return tagger.tag_article(article)

    return index_corpus(
        loaded,
        index_dir,
        tag=tag,
        vocabulary=taxonomy_fingerprint(taxonomy_dir),
        lock_timeout=lock_timeout,
        on_write=on_write,
    )
