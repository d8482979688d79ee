"""What SearchService reads from the taxonomy once, at start: the equivalents queries expand to
(park aliases, park-word suffixes, synonyms) and the gazetteers of the facets that resolve aliases.
"""

from __future__ import annotations

from search.engine.equivalents import Equivalents, place_roles
from search.engine.query import alias_table
from search.entities.taxonomy import Taxonomy
from search.fields import ALIAS_FACETS
from search.text.query_words import QueryWords
from search.text.tokens import add_words


def alias_gazetteers(
    taxonomy: Taxonomy, alias_facets: tuple[str, ...] = ALIAS_FACETS
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Each facet the registry marks `resolves_aliases` -> its canonical values and their
    aliases and short names; a facet marked so with no gazetteer here stops the service at
    start, by name."""
    sources = {
        "park": taxonomy.park_filter_names,
        "organization": taxonomy.organization_filter_names,
    }
    missing = [facet for facet in alias_facets if facet not in sources]
    if missing:
        raise ValueError(
            f"search/fields.py marks {', '.join(missing)} resolves_aliases but no gazetteer"
            f" names its values (search.service_vocabulary.alias_gazetteers knows"
            f" {', '.join(sources)})"
        )
    return {facet: sources[facet]() for facet in alias_facets}


def load_equivalents(taxonomy: Taxonomy, words: QueryWords) -> Equivalents:
    """Park aliases and park-word suffixes of the vocabulary plus the synonym file; teaches
    jieba the vocabulary words, to cut queries like the index."""
    add_words(taxonomy.dictionary_words())
    aliases = alias_table(taxonomy.park_aliases())
    zones = [*aliases, *taxonomy.places, *taxonomy.provinces]
    places = place_roles(zones, taxonomy.park_suffixes, taxonomy.bare_references)
    suffixes = [(suffix.suffix, suffix.canonical) for suffix in taxonomy.park_suffixes]
    return Equivalents(aliases, suffixes, words, places)
