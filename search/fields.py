"""The one registry of tag fields and facets: names in URLs, JSON, the CLI, the index and pages.

Models, tagging, stored documents, serialization, the schema, pages and the CLI read it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.models import Article, Paragraph

# The longest tag value the tagger produces (cited documents are cut at it) and so the longest
# facet value a request may filter on: every tag link a page renders stays valid.
MAX_VALUE_CHARS = 120


@dataclass(frozen=True)
class Field:
    """One tag field or facet.

    `name` is the facet (URL parameter, JSON facet key, index field); `attribute` the
    Paragraph attribute and paragraph JSON key (None: the year comes from the article's date).
    """

    name: str
    attribute: str | None
    label: str  # shown on pages
    facet: bool = True  # a search filter with counts
    on_hits: bool = False  # shown as tags with each hit (pages and the CLI)
    # A filter value the index does not hold but the gazetteer names one entry by (an alias, a
    # short name) filters on that entry's canonical value (search/engine/filter_names.py).
    resolves_aliases: bool = False

    @property
    def cli_flag(self) -> str:
        """The `gaoxin search` option filtering on this facet (repeat for OR)."""
        return "--" + self.name.replace("_", "-")


FIELDS: tuple[Field, ...] = (
    Field("park", "parks", "园区", on_hits=True, resolves_aliases=True),
    Field("industry", "industries", "产业", on_hits=True),
    Field("policy_type", "policy_types", "政策类型", on_hits=True),
    Field("organization", "organizations", "机构", resolves_aliases=True),
    Field("policy_document", "policy_documents", "政策文件"),
    Field("year", None, "年份"),
    Field("amount", "amounts", "金额", facet=False),
)

# Facets in display order: URL parameters, JSON facet keys, index fields, CLI options.
FACET_FIELDS: tuple[Field, ...] = tuple(field for field in FIELDS if field.facet)
FACETS: tuple[str, ...] = tuple(field.name for field in FACET_FIELDS)
# The Paragraph attributes the tagger fills, in JSON order (amounts last: they are objects).
TAG_FIELDS: tuple[Field, ...] = tuple(field for field in FIELDS if field.attribute)
TAG_ATTRIBUTES: tuple[str, ...] = tuple(str(field.attribute) for field in TAG_FIELDS)
# The tag attributes holding plain strings (every facet but the year).
TEXT_TAG_FIELDS: tuple[Field, ...] = tuple(field for field in FACET_FIELDS if field.attribute)
TEXT_TAG_ATTRIBUTES: tuple[str, ...] = tuple(str(field.attribute) for field in TEXT_TAG_FIELDS)
# The facets whose filter values may be gazetteer aliases (park=中关村 -> 中关村科技园区,
# organization=中科院 -> 中国科学院).
ALIAS_FACETS: tuple[str, ...] = tuple(
    field.name for field in FACET_FIELDS if field.resolves_aliases
)
HIT_TAG_FIELDS: tuple[Field, ...] = tuple(field for field in FIELDS if field.on_hits)
LABELS: dict[str, str] = {field.name: field.label for field in FIELDS}


def facet_values(paragraph: Paragraph, article: Article) -> dict[str, tuple[str, ...]]:
    """Every facet's values for one paragraph (the year from its article's date)."""
    return {
        field.name: getattr(paragraph, field.attribute)
        if field.attribute
        else ((article.year,) if article.year else ())
        for field in FACET_FIELDS
    }
