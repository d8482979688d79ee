"""An independent plain-Python oracle of docs/search.md's ranking rules (tests/scoring_oracle.py)
agrees with the engine: both the order and every score."""

from __future__ import annotations

import pytest
from scoring_oracle import Document, Oracle

from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.service import SearchService

# (title, [(kind, text), …]); at most two paragraphs an article, all texts distinct, so neither
# the per-article cap nor reprint collapsing changes the order.
ARTICLES = [
    ("港口物流发展报告", [("heading", "港口建设"), ("body", "港口物流园区吸引航运企业集聚。")]),
    ("冷链动态", [("body", "冷链物流企业在园区建设仓储中心。")]),
    ("跨境电商", [("body", "跨境电商企业借助港口拓展海外市场，物流成本下降。")]),
    ("航运服务", [("body", "园区引进一批航运服务企业。")]),
    ("临港产业", [("heading", "物流枢纽"), ("body", "港口城市发展临港产业，港口港口相互协同。")]),
    ("数字物流", [("body", "物流行业数字化转型，智慧物流平台上线。")]),
    ("航运金融", [("body", "航运金融服务创新，港口航运企业融资更便利。")]),
    ("农业新闻", [("body", "农业合作社发展特色种植，带动农民增收。")]),
    ("港口物流企业名录", [("body", "港口物流企业加快数字化转型。")]),
    ("协同发展", [("body", "企业物流与港口协同发展。")]),
    ("冷链专线", [("body", "冷链航运企业开通港口专线。")]),
    ("冷链运输", [("heading", "冷链运输"), ("body", "冷链运输与航运服务协同。")]),
    ("园区动态", [("body", "航运产业园扩建码头。")]),
    ("冷链基地", [("body", "冷链产业园建成冷库。")]),
    ("园区快讯", [("body", "保税区企业扩大产能。")]),
    ("园区服务", [("body", "保税区完善人才服务。")]),
    ("物流规划", [("body", "港口、“物流”、航运等产业协同发展，园区企业数量持续增长。")]),
]
QUERIES = [
    "港口 物流",  # two keywords: full matches, then partial ones; title and heading hits
    "航运 港口 冷链",  # partial tiers: rarest word first, missing IDF weight
    "港口物流企业",  # one keyword cut into words: a sentence, phrase and bigram bonuses
    "如何发展港口物流",  # a question word ignored (and left out of the bigrams)
    "物流",  # one word, typed alone: words and exact text inside longer words
    "冷链 航运 港口 物流",  # partial matches of four words
    "什么是港口物流",  # question words at the start: the phrase bonus is the rest's
    "港口物流 航运企业 冷链",  # three keywords cut into five words: tiers, not a sentence
    "冷链 产业园",  # 产业园 is rarer but names a kind of park: 冷链 decides among partial ones
    "保税区 码头",  # 码头 is rarer, but 保税区 names a class of zone: it decides
]


def _documents() -> list[Document]:
    documents = []
    for title, paragraphs in ARTICLES:
        heading = ""
        for kind, text in paragraphs:
            heading = text if kind == "heading" else heading
            documents.append(Document(len(documents), text, title, heading))
    return documents


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    articles = []
    for number, (title, paragraphs) in enumerate(ARTICLES):
        article_id = f"{number:012x}"
        blocks = tuple(
            Paragraph(f"{article_id}-{o}", article_id, o, kind, text, SourceSpan("o", o, o))
            for o, (kind, text) in enumerate(paragraphs, start=1)
        )
        articles.append(Article(article_id, title, blocks, ("o",)))
    index_dir = tmp_path_factory.mktemp("oracle-index")
    index_corpus(Corpus(tuple(articles)), index_dir)
    with SearchService(index_dir) as opened:
        yield opened


@pytest.mark.parametrize("query", QUERIES)
def test_the_engine_orders_and_scores_paragraphs_as_the_oracle_does(service, query: str) -> None:
    documents = _documents()
    results = service.search(SearchRequest(query=query, per_page=50))
    assert results.expansions == {}, "the oracle knows no equivalents: pick other words"
    texts = {d.text: d.number for d in documents}
    engine = [(texts[hit.paragraph.text], hit.score) for hit in results.results]
    expected = Oracle(documents, len(ARTICLES)).rank(query)
    assert [n for n, _ in engine] == [n for n, _ in expected]
    assert [s for _, s in engine] == pytest.approx([s for _, s in expected], rel=1e-9)
    assert len(engine) >= 3
    if "冷链" in query:
        assert results.partial_total >= 2  # the partial tiers are exercised
