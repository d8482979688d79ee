"""What a build changes: the corpus compared with the index, article by article.

An article whose fingerprint (text plus vocabulary) is already indexed is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from search.indexing.documents import ARTICLE_PREFIX


@dataclass
class Plan:
    """Which articles (by corpus position) and source files a build writes or deletes."""

    write: list[tuple[int, str]]  # (position in the corpus, fingerprint)
    delete_articles: list[str]
    write_sources: list[str]
    delete_sources: list[str]
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    # article id -> Unix seconds it first entered the index, for the replaced articles (filled
    # by the builder from the index): a changed article keeps its place in `indexed_since`.
    first_indexed: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.write or self.delete_articles or self.write_sources or self.delete_sources)

    @property
    def replaced_keys(self) -> list[str]:
        """The article documents a replaced article had (their first-indexed time is kept)."""
        count = self.replaced
        return [ARTICLE_PREFIX + article_id for article_id in self.delete_articles[:count]]


def plan_changes(
    old_articles: dict[str, str],
    old_sources: dict[str, str],
    current: list[tuple[str, str]],
    wanted_sources: dict[str, str],
) -> Plan:
    """Compare the corpus — (article id, fingerprint) in corpus order and source key → hash —
    with what the index holds: what to add, replace, remove and leave alone."""
    plan = Plan([], [], [], [])
    # Whole-list passes: every build compares all 65k xwlb articles, most of them unchanged.
    keys = [ARTICLE_PREFIX + article_id for article_id, _ in current]
    indexed = list(map(old_articles.get, keys))
    changed = [
        position
        for position, (old, (_, content_hash)) in enumerate(zip(indexed, current, strict=True))
        if old != content_hash
    ]
    plan.unchanged = len(current) - len(changed)
    for position in changed:
        article_id, content_hash = current[position]
        if indexed[position] is not None:
            plan.replaced += 1
            plan.delete_articles.append(article_id)
        else:
            plan.added += 1
        plan.write.append((position, content_hash))
    seen = set(keys)
    plan.delete_articles += [key[len(ARTICLE_PREFIX) :] for key in old_articles if key not in seen]
    plan.write_sources = [
        key for key, value in wanted_sources.items() if old_sources.get(key) != value
    ]
    plan.delete_sources = [
        key for key in old_sources if key not in wanted_sources or key in plan.write_sources
    ]
    return plan
