"""What tagging needs in a build: the tagger loaded on first use, the user's tag corrections,
and the corrections that match nothing in the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from search.entities.overrides import Overrides, load_overrides
from search.ingest.incremental import Kept
from search.models import Article, ParagraphWords

if TYPE_CHECKING:
    from search.entities.tagger import Tagger


# The tagger of the vocabulary last used in this process: `gaoxin index --watch` loads it once
# (about 3 s of CPU with jieba), not once per change.
_loaded: dict[tuple[str, str], Tagger] = {}


class ArticleTag(Protocol):
    """What a build tags articles with: `ready()` teaches jieba what tagging teaches it (the
    vocabulary's words), so paragraphs cut after it are cut as the tagger and index expect;
    the call tags one article, given its paragraphs' words (`ParagraphWords`)."""

    def ready(self) -> None: ...

    def __call__(self, article: Article, words: ParagraphWords | None = None) -> Article: ...


class LazyTagger:
    """Tag an article, then apply the corrections. The tagger loads on first use and is kept
    for the next build of the same vocabulary (`vocabulary`: its fingerprint)."""

    def __init__(self, taxonomy_dir: Path | None, vocabulary: str, corrections: Overrides):
        self._taxonomy_dir = taxonomy_dir
        self._key = (str(taxonomy_dir), vocabulary)
        self._corrections = corrections

    def ready(self) -> None:
        self._tagger().ready()

    def _tagger(self) -> Tagger:
        tagger = _loaded.get(self._key)
        if tagger is None:  # loading the vocabulary costs time; a no-op build never needs it
            from search.entities.tagger import Tagger

            _loaded.clear()  # an edited vocabulary replaces the old one
            tagger = _loaded[self._key] = Tagger.load(self._taxonomy_dir)
        return tagger

    def __call__(self, article: Article, words: ParagraphWords | None = None) -> Article:
        return self._corrections.for_article(self._tagger().tag_article(article, words))


class PlainTag:
    """A caller's own `tag(article)` (`index_corpus(tag=...)`): it reads no words and teaches
    jieba nothing."""

    def __init__(self, tag: Callable[[Article], Article]) -> None:
        self._tag = tag

    def ready(self) -> None:
        pass

    def __call__(self, article: Article, words: ParagraphWords | None = None) -> Article:
        return self._tag(article)


def load_corrections(path: Path | None, taxonomy_dir: Path | None) -> Overrides:
    """The tag corrections file checked against the vocabularies (none without a file)."""
    if path is None:
        return Overrides()
    from search.entities.taxonomy import load_taxonomy

    return load_overrides(path, load_taxonomy(taxonomy_dir))


def unmatched_overrides(corrections: Overrides, kept: list[Kept]) -> tuple[str, ...]:
    """ "line N: id" of each correction naming no article or paragraph of the corpus."""
    if not corrections.entries:
        return ()
    article_ids = {item.article_id for item in kept}
    # Paragraph ids are "<article id>-<ordinal>", ordinals from 1 (search.ingest.corpus).
    paragraph_ids = {
        f"{item.article_id}-{ordinal}"
        for item in kept
        for ordinal in range(1, item.entry.paragraphs + 1)
    }
    return tuple(
        f"line {entry.line}: {entry.target}"
        for entry in corrections.unmatched(article_ids, paragraph_ids)
    )
