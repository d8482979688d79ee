"""An independent plain-Python oracle of docs/search.md's ranking rules (BM25F on words and on
character n-grams, full matches first, partial ones by rarest word, missing IDF weight and score)
agrees with the engine's order on a small corpus."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.service import SearchService
from search.text.normalize import normalize
from search.text.tokens import word_tokens

K1, B = 1.2, 0.75
TEXT_BOOST, EXACT_BOOST = 1.0, 0.3
# One paragraph per article (no per-article cap), titles without any query word.
TEXTS = [
    "港口物流园区吸引航运企业集聚，港口吞吐量稳步增长。",
    "冷链物流企业在园区建设仓储中心。",
    "跨境电商企业借助港口拓展海外市场，物流成本下降。",
    "园区引进一批航运服务企业。",
    "港口城市发展临港产业，港口港口相互协同。",
    "物流行业数字化转型，智慧物流平台上线。",
    "航运金融服务创新，港口航运企业融资更便利。",
    "农业合作社发展特色种植，带动农民增收。",
]
QUERIES = ["港口 物流", "航运 港口", "物流 企业", "港口 冷链"]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    articles = []
    for number, text in enumerate(TEXTS):
        article_id = f"{number:012x}"
        paragraph = Paragraph(f"{article_id}-1", article_id, 1, "body", text, SourceSpan("o", 1, 1))
        articles.append(Article(article_id, f"第{number}期", (paragraph,), ("o",)))
    index_dir = tmp_path_factory.mktemp("oracle-index")
    index_corpus(Corpus(tuple(articles)), index_dir)
    with SearchService(index_dir) as opened:
        yield opened


def _compact(text: str) -> str:
    return "".join(char for char in normalize(text) if not char.isspace())


def _ngrams(text: str) -> list[str]:
    """Each character and each pair of neighbours: the exact field's terms."""
    compact = _compact(text)
    return [*compact, *(compact[i : i + 2] for i in range(len(compact) - 1))]


def _summed(columns: list[list[float]]) -> list[float]:
    """Per paragraph, the sum of the terms' scores."""
    return [sum(parts) for parts in zip(*columns, strict=True)]


class Oracle:
    """BM25F as docs/search.md describes it, over the paragraphs only (plus one article
    document each, which Whoosh counts in N and in the average lengths)."""

    def __init__(self, texts: list[str]) -> None:
        self.count = 2 * len(texts)  # paragraph and article documents
        self.words = [Counter(token.text for token in word_tokens(text)) for text in texts]
        self.grams = [Counter(_ngrams(text)) for text in texts]
        self.plain = [_compact(text) for text in texts]

    def _bm25(self, fields: list[Counter], term: str) -> list[float]:
        frequency = sum(1 for field in fields if term in field)
        idf = math.log(self.count / (frequency + 1)) + 1
        average = sum(sum(field.values()) for field in fields) / self.count
        scores = []
        for field in fields:
            tf, length = field[term], sum(field.values())
            scores.append(idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average)))
        return scores

    def keyword(self, word: str) -> tuple[list[bool], list[float]]:
        """Which paragraphs have a typed keyword (as a word or as exact text), and its score."""
        tokens = [token.text for token in word_tokens(word)]
        as_word = [all(token in words for token in tokens) for words in self.words]
        as_text = [_compact(word) in plain for plain in self.plain]
        word_scores = _summed([self._bm25(self.words, token) for token in tokens])
        grams = [word] if len(word) == 1 else [word[i : i + 2] for i in range(len(word) - 1)]
        gram_scores = _summed([self._bm25(self.grams, gram) for gram in grams])
        scores = [
            TEXT_BOOST * w * has_word + EXACT_BOOST * g * has_text
            for w, g, has_word, has_text in zip(
                word_scores, gram_scores, as_word, as_text, strict=True
            )
        ]
        return [a or b for a, b in zip(as_word, as_text, strict=True)], scores

    def rank(self, query: str) -> list[int]:
        """Paragraph numbers: full matches by score, then qualifying partial ones."""
        units = [self.keyword(word) for word in query.split()]
        frequencies = [sum(present) for present, _ in units]
        weights = [math.log(self.count / (f + 1)) + 1 for f in frequencies]
        rarest = min(range(len(units)), key=lambda i: frequencies[i])
        full, partial = [], []
        for number in range(len(self.plain)):
            present = [unit[0][number] for unit in units]
            score = sum(unit[1][number] for unit in units)
            missing = sum(w for w, has in zip(weights, present, strict=True) if not has)
            if all(present):
                full.append((-score, number))
            elif any(present) and (sum(present) >= len(units) - 1 or missing <= 0.5 * sum(weights)):
                partial.append((not present[rarest], round(missing, 6), -score, number))
        return [item[-1] for item in sorted(full) + sorted(partial)]


@pytest.mark.parametrize("query", QUERIES)
def test_the_engine_orders_paragraphs_as_the_oracle_does(service, query: str) -> None:
    results = service.search(SearchRequest(query=query, per_page=20))
    engine = [int(hit.paragraph.article_id, 16) for hit in results.results]
    assert engine == Oracle(TEXTS).rank(query) and len(engine) >= 3
