"""What a build changes: the corpus compared with the index, article by article.

An article whose fingerprint (text plus vocabulary) is already indexed is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from search.indexing.documents import ARTICLE_PREFIX, fingerprint, source_files
from search.models import Article, Corpus
from search.storage.index import first_indexed_times, stored_hashes


@dataclass
class Plan:
    """Which articles and source files a build writes or deletes."""

    write: list[tuple[Article, str]]
    delete_articles: list[str]
    write_sources: list[str]
    delete_sources: list[str]
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    # article id -> Unix seconds it first entered the index, for the replaced articles: a
    # changed article keeps its place in `indexed_since` and the feed.
    first_indexed: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.write or self.delete_articles or self.write_sources or self.delete_sources)


def plan_changes(index: Any, corpus: Corpus, vocabulary: str) -> Plan:
    """Compare the corpus with the index: what to add, replace, remove and leave alone."""
    old_articles = stored_hashes(index, "article")
    old_sources = stored_hashes(index, "source")
    first_indexed = first_indexed_times(index)
    plan = Plan([], [], [], [])
    seen: set[str] = set()
    for article in corpus.articles:
        key = ARTICLE_PREFIX + article.article_id
        seen.add(key)
        content_hash = fingerprint(article, vocabulary)
        if old_articles.get(key) == content_hash:
            plan.unchanged += 1
            continue
        if key in old_articles:
            plan.replaced += 1
            plan.delete_articles.append(article.article_id)
            if key in first_indexed:
                plan.first_indexed[article.article_id] = first_indexed[key]
        else:
            plan.added += 1
        plan.write.append((article, content_hash))
    plan.delete_articles += [key[len(ARTICLE_PREFIX) :] for key in old_articles if key not in seen]
    wanted = source_files(corpus)
    plan.write_sources = [key for key, value in wanted.items() if old_sources.get(key) != value]
    plan.delete_sources = [
        key for key in old_sources if key not in wanted or key in plan.write_sources
    ]
    return plan
