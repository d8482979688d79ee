"""Plain frozen dataclasses that cross module boundaries: articles, paragraphs, hits, facets.

Nothing here imports Whoosh, jieba or Flask, so every layer can share these shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

BLOCK_KINDS = ("body", "heading", "caption", "byline", "other")
SEARCHABLE_KINDS = ("body", "heading")

SORTS = ("relevance", "article", "date", "indexed")
SEARCH_FIELDS = ("text", "title")  # field=title: match article titles only
GROUPS = (None, "article")
# A build's jieba cut of an article's searchable paragraphs (paragraph id -> the words its text
# field stores), made once and read by both the tagger and the index writer.
ParagraphWords = Mapping[str, list[str]]


@dataclass(frozen=True)
class SourceSpan:
    """Where a paragraph came from: a corpus file and its 1-based inclusive line range."""

    file: str
    line_start: int
    line_end: int


@dataclass(frozen=True)
class SourceRecord:
    """Where a JSON Lines record sits in its corpus file, so the source view can show it.

    `offset` and `length` are bytes of the (decompressed) line without its line break and
    `digest` their sha256, to tell whether a plain `.jsonl` still holds that record. A
    compressed archive cannot be read from the middle: its record's `raw` line is kept.
    """

    file: str
    line: int
    record_id: str
    offset: int
    length: int
    digest: str
    raw: str = ""


@dataclass(frozen=True)
class Amount:
    """A money amount found in a paragraph, normalized to 亿元 (100 million yuan)."""

    text: str
    value_yi_yuan: float


@dataclass(frozen=True, kw_only=True)
class Tagged:
    """Entity tags, always given by name: one attribute per `search.fields.TAG_FIELDS` entry
    (tests/test_fields.py checks). A paragraph has them, and so has what the tagger returns."""

    parks: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    policy_types: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    policy_documents: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()


@dataclass(frozen=True)
class Paragraph(Tagged):
    """One block of an article with its provenance and extracted entity tags."""

    paragraph_id: str
    article_id: str
    ordinal: int  # 1-based position among the article's paragraphs (all kinds)
    kind: str  # one of BLOCK_KINDS
    text: str
    source: SourceSpan
    # Why each park/industry/policy-type tag is there: (facet, value, phrases that decided it).
    tag_evidence: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def url(self) -> str:
        """Permalink path of the paragraph inside its article page."""
        return f"/articles/{self.article_id}#{self.paragraph_id}"

    @property
    def searchable(self) -> bool:
        return self.kind in SEARCHABLE_KINDS


@dataclass(frozen=True)
class Article:
    """A clean article: title, byline, paragraphs (all kinds, in reading order) and its sources."""

    article_id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    sources: tuple[str, ...]  # every corpus file the article was found in (reprints)
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""  # ISO YYYY-MM-DD when known
    url: str = ""  # original URL when the corpus gives one
    subject_parks: tuple[str, ...] = ()
    records: tuple[SourceRecord, ...] = ()  # the JSON Lines records it was read from

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass(frozen=True)
class StoredParagraph:
    """A paragraph as the index stores it: the paragraph and its article's title and date."""

    paragraph: Paragraph
    article_title: str
    date: str


@dataclass(frozen=True)
class SkippedFile:
    """A corpus file (or JSON Lines record) that could not be used, with a reason for the user."""

    file: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class Corpus:
    """The result of ingesting a corpus directory or JSON Lines file."""

    articles: tuple[Article, ...]
    skipped: tuple[SkippedFile, ...] = ()
    duplicates: int = 0  # reprints merged into an earlier article
    files: Mapping[str, str] = field(default_factory=dict)  # source.file -> sha256 of its bytes
    source_texts: Mapping[str, str] = field(default_factory=dict)  # source.file -> decoded text
    root: str = ""  # absolute directory `source.file` is relative to (never shown to users)


@dataclass(frozen=True)
class SearchRequest:
    """What a user asked for: query text, facet filters (OR within a facet, AND across), paging."""

    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"
    group: str | None = None
    field: str = "text"  # one of SEARCH_FIELDS
    date_from: str = ""  # inclusive, YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str = ""
    indexed_since: str = ""  # ISO date-time: articles that first entered the index after it


@dataclass(frozen=True)
class FacetBucket:
    """One facet value with its (disjunctive) count and whether the request filters on it."""

    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Hit:
    """One result: the paragraph, its article title, an HTML snippet with <mark>, and its score."""

    paragraph: Paragraph
    article_title: str
    highlight: str  # HTML-escaped snippet; the only markup is <mark>…</mark>
    score: float
    text_html: str = ""  # the whole paragraph, escaped, with <mark>
    matches_in_article: int = 1  # with group=article: matching paragraphs of this article
    date: str = ""  # the article's ISO date, when known
    indexed_at: str = ""  # when the article first entered the index (ISO, UTC)
    missing: tuple[str, ...] = ()  # a partial match: the query words it lacks
    more_in_article: int = 0  # its article's other matching paragraphs, left out of the top 10
    duplicates: int = 0  # near-identical paragraphs (reprints) collapsed into this hit


@dataclass(frozen=True)
class SearchResults:
    """A page of hits plus facets over the whole result set, and how the query was understood."""

    query: str
    parsed: str
    relaxed: bool
    total: int
    page: int
    per_page: int
    results: tuple[Hit, ...]
    facets: Mapping[str, tuple[FacetBucket, ...]]
    sort: str = "relevance"
    group: str | None = None
    terms: tuple[str, ...] = ()  # normalized terms to mark on an article page
    partial_total: int = 0  # partial matches, listed after the `total` full ones
    ignored: tuple[str, ...] = ()  # question and function words left out
    expansions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # word -> forms
    # The facet filters applied (aliases resolved): the JSON's selected values, the page's chips.
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    field: str = "text"

    @property
    def listed_total(self) -> int:
        """The hits the pages list, full matches then partial ones: what a pager spans."""
        return self.total + self.partial_total


# -- entity pages (parks, organisations, cited policy documents) and related paragraphs --------

# The facets that have entity pages, with the public route segment of each.
ENTITY_FACETS: Mapping[str, str] = {
    "park": "parks",
    "organization": "organizations",
    "policy_document": "policy-documents",
}


@dataclass(frozen=True)
class ParkEntry:
    """A park of the gazetteer (or one found in text only: no kind, city or province)."""

    name: str
    kind: str | None = None
    city: str | None = None
    province: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    paragraphs: int = 0
    articles: int = 0


@dataclass(frozen=True)
class CitingArticle:
    """An article citing a policy document (or the article of a first/last citation)."""

    article_id: str
    title: str
    date: str
    paragraphs: int  # its paragraphs citing the document
    url: str  # permalink of its first citing paragraph


@dataclass(frozen=True)
class CitingGroup:
    """The citing articles tagged with one park (park None: articles tagged with no park)."""

    park: str | None
    count: int  # citing articles in this group; `articles` shows the newest few
    articles: tuple[CitingArticle, ...]


@dataclass(frozen=True)
class Citations:
    """Where a policy document is cited, and the spellings merged into its title."""

    groups: tuple[CitingGroup, ...]
    first: CitingArticle | None
    last: CitingArticle | None
    variants: tuple[FacetBucket, ...]


@dataclass(frozen=True)
class EntityProfile:
    """What the index knows about one park, organisation or policy document."""

    facet: str  # one of ENTITY_FACETS
    name: str
    aliases: tuple[str, ...]
    paragraphs: int
    articles: int
    first_date: str | None
    last_date: str | None
    facets: Mapping[str, tuple[FacetBucket, ...]]  # co-mentioned values per facet
    timeline: tuple[tuple[str, int], ...]  # (year, paragraphs), every year first..last
    latest: tuple[Hit, ...]
    park: ParkEntry | None = None
    citations: Citations | None = None


@dataclass(frozen=True)
class RelatedParagraph:
    """A paragraph of another article like the asked one, and what the two share."""

    hit: Hit
    shared_terms: tuple[str, ...]
    shared_entities: tuple[tuple[str, str], ...]  # (facet, value)


@dataclass(frozen=True)
class RelatedParagraphs:
    """Up to 5 paragraphs of other articles sharing a paragraph's entities and rare words."""

    paragraph: Paragraph
    terms: tuple[str, ...]  # the paragraph's distinctive words that were looked for
    results: tuple[RelatedParagraph, ...]
