"""What tagging needs in a build: the tagger loaded on first use, the user's tag corrections,
and the corrections that match nothing in the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from search.entities.overrides import Overrides, load_overrides
from search.ingest.incremental import Kept
from search.models import Article

if TYPE_CHECKING:
    from search.entities.tagger import Tagger


# The tagger of the vocabulary last used in this process: `gaoxin index --watch` loads it once
# (about 3 s of CPU with jieba), not once per change.
_loaded: dict[tuple[str, str], Tagger] = {}


def lazy_tagger(
    taxonomy_dir: Path | None, vocabulary: str, corrections: Overrides
) -> Callable[[Article], Article]:
    """Tag an article, then apply the corrections. The tagger loads on the first call and is
    kept for the next build of the same vocabulary (`vocabulary`: its fingerprint)."""

    def tag(article: Article) -> Article:
        key = (str(taxonomy_dir), vocabulary)
        tagger = _loaded.get(key)
        if tagger is None:  # loading the vocabulary costs time; a no-op build never needs it
            from search.entities.tagger import Tagger

            _loaded.clear()  # an edited vocabulary replaces the old one
            tagger = _loaded[key] = Tagger.load(taxonomy_dir)
        return corrections.for_article(tagger.tag_article(article))

    return tag


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
