"""Which lines of a corpus file the source view shows: shared by the page and its JSON twin."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from search.errors import NotFound
from search.ingest.decode import JSONL_SUFFIXES
from search.models import Article, SourceSpan


@dataclass(frozen=True)
class SourceSelection:
    """Which source file and line range the source view shows and marks."""

    file: str
    line_start: int
    line_end: int
    paragraph_id: str = ""


def has_source_view(file: str) -> bool:
    """Whether the index keeps `file`'s text: .txt files yes, JSON Lines archives no (too big)."""
    return not PurePosixPath(file).name.lower().endswith(JSONL_SUFFIXES)


def source_selection(article: Article, paragraph_id: str | None) -> SourceSelection:
    """The selected paragraph's span, or the whole article's span in its first source file."""
    if paragraph_id:
        for item in article.paragraphs:
            if item.paragraph_id == paragraph_id:
                span = _viewable(item.source)
                return SourceSelection(span.file, span.line_start, span.line_end, paragraph_id)
        raise NotFound(f"本文没有段落 {paragraph_id[:40]} / no such paragraph in this article")
    if not article.paragraphs:
        raise NotFound("这篇文章没有可显示的原文 / this article has no source text")
    file = _viewable(article.paragraphs[0].source).file
    spans = [item.source for item in article.paragraphs if item.source.file == file]
    return SourceSelection(
        file, min(span.line_start for span in spans), max(span.line_end for span in spans)
    )


def _viewable(span: SourceSpan) -> SourceSpan:
    if not has_source_view(span.file):
        raise NotFound(
            "这篇文章来自 JSON Lines 语料，索引不保存其原文文件 / "
            "articles from a JSON Lines corpus have no stored source file"
        )
    return span
