"""What the last build saw (corpus files' sizes and times, vocabulary, index generation) and
reported, so `gaoxin index` over an unchanged corpus answers before loading the ingest memory,
Whoosh or jieba.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from search.errors import GaoxinError
from search.indexing.report import BuildReport
from search.ingest.corpus import corpus_files, corpus_root
from search.ingest.decode import is_jsonl
from search.ingest.state import FileState, code_version
from search.models import SkippedFile
from search.storage.format_version import FORMAT_VERSION

SUMMARY_NAME = "gaoxin-last-build.json"
_SCHEMA = 3  # bumped whenever the summary or what it compares changes
_PACKAGE = Path(__file__).resolve().parent.parent
_TAXONOMY_DIRECTORY = _PACKAGE / "entities" / "taxonomy"


def taxonomy_fingerprint(taxonomy_dir: Path | None, code_root: Path = _PACKAGE) -> str:
    """A hash of the vocabulary YAML files and of the code that tags and cuts text (the
    entities and text packages), so a changed vocabulary or a release that tags differently
    retags every article instead of leaving the unchanged ones with the old tags; and of the
    versions of jieba and OpenCC, whose dictionaries cut and fold the text."""
    directory = taxonomy_dir or _TAXONOMY_DIRECTORY
    digest = hashlib.sha256(" ".join(text_library_versions()).encode())
    for path in sorted(Path(directory).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for package in ("entities", "text"):
        for path in sorted((code_root / package).glob("*.py")):
            digest.update(f"{package}/{path.name}".encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def text_library_versions() -> list[str]:
    """`name==version` of the libraries that cut and fold text (read from their installed
    metadata, without importing them: the unchanged-corpus answer loads neither)."""
    found = []
    for name in ("jieba", "opencc"):
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}==?")
    return found


def _builder_code() -> str:
    """A hash of the index-writing code: a release that writes another index format (or builds
    differently) lets the build look, which rebuilds an index of an older format."""
    digest = hashlib.sha256()
    for package in ("indexing", "storage"):
        for path in sorted((_PACKAGE / package).glob("*.py")):
            digest.update(f"{package}/{path.name}".encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _stat(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def _index_identity(index_dir: Path) -> list[list[Any]]:
    """Name, size and time of every file of the index directory (the manifest, each generation's
    TOC and segments, the ingest memory): a commit or a new memory changes some of them."""
    return sorted(
        [entry.name, *_stat(Path(entry.path))]
        for entry in os.scandir(index_dir)
        if entry.is_file() and not entry.name.startswith(SUMMARY_NAME)
    )


def _signature(
    index_dir: Path, corpus: Path, files: list[list[Any]], vocabulary: str
) -> dict[str, Any]:
    return {
        "schema": _SCHEMA,
        "code": code_version(),
        "builder": _builder_code(),
        "format": FORMAT_VERSION,  # an index of an older format is rebuilt, not answered for
        "root": corpus_root(corpus),
        "files": files,
        "vocabulary": vocabulary,
        "index": _index_identity(index_dir),
    }


def _current_files(corpus: Path) -> list[list[Any]] | None:
    """(name, kind, size, mtime) of each corpus file as a build would list it; None when one
    cannot be looked at (the build then says why)."""
    rows = []
    for path, name, listed in corpus_files(corpus, str(corpus)):
        if listed is None:
            return None
        kind = "jsonl" if is_jsonl(path) else "txt"
        rows.append([name, kind, listed.st_size, listed.st_mtime_ns])
    return rows


def record_last_build(
    index_dir: Path,
    corpus: Path,
    files: dict[str, FileState],
    vocabulary: str,
    report: BuildReport,
) -> None:
    """After a build (under its lock): what it read and reported, unless already recorded (a
    build that changed nothing writes no file)."""
    rows = [[name, state.kind, state.size, state.mtime_ns] for name, state in files.items()]
    summary = {
        "signature": _signature(index_dir, corpus, rows, vocabulary),
        "report": {
            "articles": report.articles,
            "paragraphs": report.paragraphs,
            "duplicates": report.duplicates,
            "skipped": [[item.file, item.reason, item.line] for item in report.skipped],
            "undated": report.undated,
            "overrides": report.overrides,
            "overrides_unmatched": list(report.overrides_unmatched),
        },
    }
    path = index_dir / SUMMARY_NAME
    text = json.dumps(summary, ensure_ascii=False, separators=(",", ":"))
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    temporary = path.with_name(SUMMARY_NAME + ".tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # only a shortcut: without it the next build looks at the corpus and index itself


def unchanged_report(
    corpus: Path,
    index_dir: Path,
    *,
    taxonomy_dir: Path | None = None,
    overrides: Path | None = None,
) -> BuildReport | None:
    """The report of a build that would change nothing — every corpus file, the vocabulary, the
    overrides and the index as the last build left them — or None when a build must look."""
    corpus, index_dir = Path(corpus), Path(index_dir)
    try:
        summary = json.loads((index_dir / SUMMARY_NAME).read_text(encoding="utf-8"))
        files = _current_files(corpus)
        if files is None:
            return None
        # The overrides' digest as `load_overrides` computes it, from the same bytes.
        corrections = hashlib.sha256(overrides.read_bytes()).hexdigest() if overrides else ""
        vocabulary = taxonomy_fingerprint(taxonomy_dir) + corrections
        if summary["signature"] != _signature(index_dir, corpus, files, vocabulary):
            return None
        return _no_op_report(summary["report"])
    except (OSError, ValueError, KeyError, TypeError, GaoxinError):
        return None  # no usable summary, or an input a build reports better


def grown_files(corpus: Path, index_dir: Path) -> list[tuple[Path, int]]:
    """Each plain `.jsonl` file of the corpus now larger than the last build saw it, with the size
    it had then: the part whose hash tells an append from an edit (`PrefixHashes`)."""
    try:
        summary = json.loads((Path(index_dir) / SUMMARY_NAME).read_text(encoding="utf-8"))
        sizes = {name: size for name, kind, size, _ in summary["signature"]["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return []
    try:
        files = corpus_files(Path(corpus), str(corpus))
    except GaoxinError:
        return []  # the build reports it, in its own order
    return [
        (path, sizes[name])
        for path, name, listed in files
        if path.name.lower().endswith(".jsonl")
        and listed is not None
        and listed.st_size > sizes.get(name, listed.st_size)
    ]


def _no_op_report(row: dict[str, Any]) -> BuildReport:
    return BuildReport(
        articles=row["articles"],
        paragraphs=row["paragraphs"],
        duplicates=row["duplicates"],
        skipped=tuple(SkippedFile(file, reason, line) for file, reason, line in row["skipped"]),
        added=0,
        replaced=0,
        removed=0,
        unchanged=row["articles"],
        undated=row["undated"],
        parsed=0,
        overrides=row["overrides"],
        overrides_unmatched=tuple(row["overrides_unmatched"]),
    )
