"""An independent plain-Python oracle of docs/search.md's ranking rules, for
tests/engine/test_scoring_oracle.py: it shares only jieba's cut with the engine."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from whoosh.util.numeric import byte_to_length, length_to_byte

from search.text.normalize import normalize
from search.text.tokens import word_tokens

# docs/search.md: BM25F (B 0.5, K1 1.2); boosts of search.storage.schema.FIELD_BOOSTS, the
# phrase and bigram bonuses of docs/ranking.md; a partial match keeps half the IDF weight.
K1, B = 1.2, 0.5
BOOSTS = {"text": 1.0, "title": 2.0, "heading": 1.5, "exact": 0.3}
PHRASE_BOOST, BIGRAM_BOOST, PARTIAL_SHARE = 2.0, 0.2, 0.5
MISSING_PENALTY = 4.0  # partial matches with the rarest word: by score less 4 × missing IDF
FILL = 10  # full + partial matches below a first page: the decisive word alone is enough
CUT_EXACT = 3  # a word cut from a keyword matches inside longer words from this length on
SHORT_WORDS, SHORT_EXPONENT = 16, 0.5  # a shorter paragraph: score × (words / 16) ** 0.5
TITLE_RARITY = 0.75  # several keywords: title bonus × (idf / the rarest word's idf) ** 0.75
# Score × (1 − 0.2 × the share of the IDF weight present named only as list items).
LIST_FACTOR = 0.2
ROOT = Path(__file__).resolve().parents[1]
STOP_WORDS = ROOT / "search/text/vocabulary/stop_words.yaml"
PARK_WORDS = ROOT / "search/entities/taxonomy/park_words.yaml"


@dataclass(frozen=True)
class Document:
    """One searchable paragraph as the oracle sees it."""

    number: int  # corpus order: ties rank in it
    text: str
    title: str
    heading: str


def _compact(text: str) -> str:
    return "".join(char for char in normalize(text) if not char.isspace())


def _grams(text: str) -> list[str]:
    """The exact field's terms of a paragraph: each character and each pair of neighbours."""
    compact = _compact(text)
    return [*compact, *(compact[i : i + 2] for i in range(len(compact) - 1))]


def _query_grams(text: str) -> list[str]:
    """The n-grams a query text must have: its character pairs (its character when alone)."""
    compact = _compact(text)
    return (
        list(compact)
        if len(compact) == 1
        else [compact[i : i + 2] for i in range(len(compact) - 1)]
    )


def _stored_length(length: int) -> int:
    """A document's field length as Whoosh keeps it: in one byte, rounded above 10 or so
    (the average length is exact)."""
    return byte_to_length(length_to_byte(length))


def _words(text: str) -> list[str]:
    return [token.text for token in word_tokens(text, mode="query")]


def _add(total: dict[int, float], part: dict[int, float]) -> dict[int, float]:
    for number, score in part.items():
        total[number] = total.get(number, 0.0) + score
    return total


class Oracle:
    """BM25F per term over dictionaries of counts; N counts every paragraph and each article's
    own document, as Whoosh does.

    The documented formulas: BM25F on words and on character n-grams (Whoosh's idf and K1,
    B 0.5), title and heading hits for paragraphs that have the word (times the share of the
    query's IDF weight the paragraph has and, unless the query is a sentence, times (the word's
    IDF / the rarest word's) ** 0.75), the phrase and bigram bonuses of a keyword cut into
    words, a paragraph of fewer than 16 words scoring times (words / 16) ** 0.5, a paragraph
    naming query words only as list items (、 or 等 beside them) scoring less, the tiers (full
    matches, then partial ones by the decisive word — the rarest zone named, else the rarest
    word not naming a kind of park — then score less a missing-IDF penalty; below a first page,
    every paragraph with the decisive word after them) and a sentence's flat order."""

    def __init__(self, documents: list[Document], articles: int) -> None:
        """`articles`: how many articles the paragraphs come from (each is a document too)."""
        self.documents = documents
        self.count = len(documents) + articles
        self.fields = {
            "text": [Counter(word_tokens(d.text)) for d in documents],
            "title": [Counter(word_tokens(d.title)) for d in documents],
            "heading": [Counter(word_tokens(d.heading)) for d in documents],
            "exact": [Counter(_grams(d.text)) for d in documents],
        }
        for field in ("text", "title", "heading"):  # Counter of Token → of word texts
            self.fields[field] = [Counter(t.text for t in c.elements()) for c in self.fields[field]]
        self.stop_words = frozenset(yaml.safe_load(STOP_WORDS.read_text(encoding="utf-8"))["words"])
        # A strong park-word suffix alone names a class of zone (decisive first); a weak one or
        # a bare reference names a kind of park (never decisive). Park names and the gazetteer's
        # cities and provinces are zones too; none is in these queries.
        park_words = yaml.safe_load(PARK_WORDS.read_text(encoding="utf-8"))
        self.places = dict.fromkeys(park_words["bare_references"], "kind")
        for item in park_words["suffixes"]:
            self.places[item["suffix"]] = "zone" if item["strong"] else "kind"

    def idf(self, frequency: int) -> float:
        return math.log(self.count / (frequency + 1)) + 1

    def bm25(self, field: str, term: str) -> dict[int, float]:
        counters = self.fields[field]
        having = [n for n, counter in enumerate(counters) if counter[term]]
        average = sum(sum(counter.values()) for counter in counters) / self.count
        scores = {}
        for n in having:
            tf, length = counters[n][term], _stored_length(sum(counters[n].values()))
            norm = tf + K1 * (1 - B + B * length / average)
            scores[n] = self.idf(len(having)) * tf * (K1 + 1) / norm
        return scores

    def all_terms(self, field: str, terms: list[str]) -> dict[int, float]:
        """Paragraphs having every term, with the terms' summed scores (boosted)."""
        parts = [self.bm25(field, term) for term in terms]
        having = set.intersection(*(set(part) for part in parts)) if parts else set()
        return {n: BOOSTS[field] * sum(part[n] for part in parts) for n in having}

    def exact(self, text: str) -> dict[int, float]:
        """Paragraphs containing `text` (like Ctrl+F), scored on their n-grams."""
        found = self.all_terms("exact", _query_grams(text))
        return {
            n: s for n, s in found.items() if _compact(text) in _compact(self.documents[n].text)
        }

    def unit(
        self, word: str, keyword: str | None
    ) -> tuple[set[int], dict[int, float], dict[int, float]]:
        """Who has a meaningful word, what it adds to every paragraph's score, and its title and
        heading bonus."""
        as_words, as_text = self.all_terms("text", _words(word)), self.exact(word)
        whole = keyword is None or len(word) >= CUT_EXACT
        having = set(as_words) | (set(as_text) if whole else set())
        if keyword is not None:
            having |= set(self.exact(keyword))  # the keyword's own text holds its words
        # Title and heading hits count only for paragraphs that have the word themselves.
        bonus = {}
        for field in ("title", "heading"):
            _add(
                bonus, {n: s for n, s in self.all_terms(field, _words(word)).items() if n in having}
            )
        # A fragment inside a longer word adds score without being a match.
        return having, _add(dict(as_words), as_text), bonus

    def keyword_bonus(self, keyword: str, candidates: set[int]) -> dict[int, float]:
        tokens = _words(keyword)
        bonus: dict[int, float] = {}
        runs = "".join(" " if token in self.stop_words else token for token in tokens).split()
        # The words side by side (the text as exact text): the keyword's, or with question
        # words only at its ends, those of the rest.
        for phrase in runs if len(runs) == 1 else [keyword]:
            words = _words(phrase)
            if len(words) > 1:
                placed = set(self.exact(phrase))
                found = self.all_terms("text", words)
                _add(bonus, {n: PHRASE_BOOST * s for n, s in found.items() if n in placed})
        grams = [gram for run in runs for gram in _query_grams(run) if gram.isalnum()]
        if len(grams) > 1:
            for gram in dict.fromkeys(grams):
                _add(bonus, {n: BIGRAM_BOOST * s for n, s in self.bm25("exact", gram).items()})
        return {n: s for n, s in bonus.items() if n in candidates}

    def units(self, query: str) -> list[tuple[str, str | None]]:
        """(word, keyword it was cut from or None); question words dropped."""
        found: dict[str, str | None] = {}
        for keyword in query.split():
            words = list(dict.fromkeys(_words(keyword)))
            # A keyword of one word, or of single characters only (an unknown name), stays whole.
            if len(words) <= 1 or all(len(word) == 1 for word in words):
                found.setdefault(normalize(keyword), None)
            else:
                for word in words:
                    found.setdefault(normalize(word), keyword)
        return [(word, keyword) for word, keyword in found.items() if word not in self.stop_words]

    def listed(self, n: int, units: list[tuple[str, str | None]], weights: list[float]) -> float:
        """The share of the IDF weight paragraph `n` names whose every mention is a list item.
        A typed keyword is one word here: its text or any word cut from it, touching
        mentions (新能源 汽车) being one mention."""
        text = _compact(self.documents[n].text)
        typed: dict[str, tuple[set[str], float]] = {}
        for (word, keyword), weight in zip(units, weights, strict=True):
            forms, total = typed.get(keyword or word, ({_compact(keyword or word)}, 0.0))
            typed[keyword or word] = (forms | {word}, total + weight)
        present = listed = 0.0
        for forms, weight in typed.values():
            covered = [False] * (len(text) + 1)  # a sentinel at the end
            for form in forms:
                for start in range(len(text)):
                    if text.startswith(form, start):
                        covered[start : start + len(form)] = [True] * len(form)
            runs, start = [], None
            for i, inside in enumerate(covered):
                if inside and start is None:
                    start = i
                elif not inside and start is not None:
                    runs.append((start, i))
                    start = None
            if runs:
                present += weight
                listed += weight if all(self._list_item(text, *run) for run in runs) else 0.0
        return listed / present if present else 0.0

    @staticmethod
    def _list_item(text: str, start: int, end: int) -> bool:
        """A mention with 、 before or after it, or 等 after it (quotes skipped)."""
        before = text[:start].rstrip('"“‘《(「『')
        after = text[end:].lstrip('"”’》)」』')
        return before.endswith("、") or after[:1] in ("、", "等")

    @staticmethod
    def share(n: int, found: list, weights: list[float], total: float) -> float:
        """The share of the query's IDF weight paragraph `n` has (1 for a one-word query)."""
        if len(found) == 1:
            return 1.0
        having = sum(w for w, (h, _, _) in zip(weights, found, strict=True) if n in h)
        return min(having / total, 1.0)

    def rank(self, query: str) -> list[tuple[int, float]]:
        """(paragraph number, score) in result order."""
        units = self.units(query)
        found = [self.unit(word, keyword) for word, keyword in units]
        scores: dict[int, float] = {}
        for _, unit_scores, _ in found:
            _add(scores, unit_scores)
        candidates = set().union(*(having for having, _, _ in found))
        for keyword in dict.fromkeys(keyword for _, keyword in units if keyword):
            _add(scores, self.keyword_bonus(keyword, candidates))
        weights = [self.idf(len(having)) for having, _, _ in found]
        total = sum(w for w, (having, _, _) in zip(weights, found, strict=True) if having)
        sentence = len({keyword for _, keyword in units} - {None}) == 1 and all(
            keyword for _, keyword in units
        )
        sentence = sentence or len({keyword or word for word, keyword in units}) >= 5
        rarest_weight = max(w for w, (having, _, _) in zip(weights, found, strict=True) if having)
        for weight, (_, _, bonus) in zip(weights, found, strict=True):
            # Several words: the bonus times the share of the IDF weight the paragraph has, and
            # (not in a sentence) times the word's IDF relative to the rarest word's.
            rarity = 1.0 if sentence else min(weight / rarest_weight, 1.0) ** TITLE_RARITY
            _add(
                scores,
                {n: s * rarity * self.share(n, found, weights, total) for n, s in bonus.items()},
            )
        for n in scores:  # short paragraphs (a bare subheading) score less
            words = _stored_length(sum(self.fields["text"][n].values()))
            scores[n] *= (min(words, SHORT_WORDS) / SHORT_WORDS) ** SHORT_EXPONENT
            scores[n] *= 1 - LIST_FACTOR * self.listed(n, units, weights)
        present = [i for i, (having, _, _) in enumerate(found) if having]
        roles = [self.places.get(word, "") for word, _ in units]
        zones = [i for i in present if roles[i] == "zone"]
        decisive = zones or [i for i in present if roles[i] != "kind"] or present
        rarest = min((len(found[i][0]), i) for i in decisive)[1]
        full, partial, stretched = [], [], []
        for n in sorted(candidates):
            has = [n in having for having, _, _ in found]
            missing = sum(w for w, present in zip(weights, has, strict=True) if not present)
            score = scores.get(n, 0.0)
            key = (not has[rarest], round(MISSING_PENALTY * missing - score, 9), n)
            if all(has) or sentence:
                full.append((-round(score, 9), n))
            elif sum(has) >= len(units) - 1 or missing <= (1 - PARTIAL_SHARE) * total:
                partial.append(key)
            elif has[rarest]:
                stretched.append(key)
        # Fewer than a first page: every paragraph with the decisive word follows, after them.
        stretched = stretched if len(full) + len(partial) < FILL else []
        order = [item[-1] for item in sorted(full) + sorted(partial) + sorted(stretched)]
        return [(n, scores.get(n, 0.0)) for n in order]
