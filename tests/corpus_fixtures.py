"""Small corpora built in code and session-scoped index fixtures (a pytest plugin module).

Register with `pytest_plugins = ["corpus_fixtures"]` in tests/conftest.py. Fixtures:
`small_corpus_dir` (the in-code articles), `search_corpus_dir` (seeds + in-code articles),
`search_index_dir` (that corpus indexed once), `search_service` (a SearchService on it),
`tagger` (the loaded Tagger).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from search.entities.tagger import Tagger
from search.indexing.builder import BuildReport, build_index
from search.models import Article, Paragraph, SourceSpan
from search.service import SearchService

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Texts on which jieba's bundled ChineseAnalyzer fails (issue 4); tests pin each trap.
ANALYZER_TRAPS: dict[str, str] = {
    "marx": "马克思主义者认为马克思是伟大的思想家。",
    "formula": "国发〔2020〕7号文件提出构建“1+2+1”产业格局。",
    "fullwidth": "ＡＩ芯片产业园于２０２３年开园，5G基站与COP15会议同步推进。",
    "gene": "研究团队发现ABL5-3基因与新技术开发区的生物医药企业合作。",
    "zhangjiang": "张江高科技园区今年新增企业数百家。",
    # Not a park of the taxonomy: once it is loaded, 青岛高新区 is one dictionary word.
    "simplified": "某市高新区管委会发布新政策。",
}

# Plain clean files: title line, blank line, paragraphs separated by blank lines.
SMALL_ARTICLES: dict[str, str] = {
    "zz_qingdao.txt": """青岛高新区生物医药产业加速集聚

青岛高新区聚焦生物医药产业，今年新引进生物医药项目12个，总投资30亿元。

区内众创空间为初创企业提供研发场地和融资服务。

上海张江的经验值得借鉴，园区将加快建设公共技术平台。
""",
    "zz_changchun.txt": """长春新区发布人工智能扶持政策

长春高新技术产业开发区出台人工智能产业扶持政策，对新落户企业给予资金奖励。

政策还涵盖人才引进和住房保障，最高奖励500万元。
""",
    "zz_xian.txt": """西安高新区集成电路项目集中签约

西安高新区集成电路项目集中签约，总投资超过80亿元。

一批生物医药企业也选择在西安高新区落户发展。
""",
    "zz_qingdao_full.txt": """青岛高新技术产业开发区新增三家众创空间

青岛高新技术产业开发区近日新认定三家市级众创空间，服务科技型中小企业。

这些众创空间重点服务人工智能和生物医药方向的创业团队。
""",
}


# Dated articles for the time features: the two compared words over 2019-2024, one undated
# record, a `.txt` dated by its file name and one dated by its page header.
DATED_WORDS = ("芯片", "集成电路")
DATED_TEXT_FILES: dict[str, str] = {
    "2023-05-08_page5.txt": "芯片设计企业落户\n\n芯片设计企业集中落户高新区，带动上下游协同。\n",
    "zz_header_dated.txt": (
        "科技日报 2022年7月12日 星期二\n\n集成电路人才公寓交付\n\n"
        "集成电路产业园人才公寓正式交付使用。\n"
    ),
}


def article_of(title: str, *texts: str, article_id: str = "a") -> Article:
    """An untagged article of body paragraphs, as the ingest makes one (for tagger tests)."""
    paragraphs = tuple(
        Paragraph(f"{article_id}-{n}", article_id, n, "body", text, SourceSpan("x.txt", n, n))
        for n, text in enumerate(texts, start=1)
    )
    return Article(article_id, title, paragraphs, ("x.txt",))


# A lead that names no label, park or organisation: the paragraph after it is judged under the
# title alone.
NEUTRAL_LEAD = "央视网消息（新闻联播）：记者今天从有关方面了解到以下情况。"


def tagged_under_title(tagger: Tagger, title: str, text: str) -> Paragraph:
    """`text` tagged as the second paragraph of an article titled `title`, after a neutral lead."""
    return tagger.tag_article(article_of(title, NEUTRAL_LEAD, text)).paragraphs[-1]


def label_evidence(paragraph: Paragraph) -> dict[str, tuple[str, ...]]:
    """A tagged paragraph's evidence by label value (industries and policy types; no parks)."""
    return {value: words for facet, value, words in paragraph.tag_evidence if facet != "parks"}


def dated_records() -> list[dict[str, object]]:
    """JSON Lines records over 2019-2024 and one without a date: 芯片 in more articles each
    year (1 to 11), 集成电路 in fewer (7 to 2). A 芯片 search also finds 集成电路 (a broader
    term, synonyms.yaml), so its line rises (8 to 13) while 集成电路's falls; every paragraph
    names its year, so none is a reprint of another year's (a reprint would count once in
    each period with a copy)."""
    records: list[dict[str, object]] = []
    for offset in range(6):
        for word, count in (("芯片", 2 * offset + 1), ("集成电路", 7 - offset)):
            for number in range(count):
                records.append(
                    {
                        "id": f"{word}{offset}-{number}",
                        "title": f"{word}园区动态{2019 + offset}年第{number + 1}期",
                        "date": f"{2019 + offset}-{1 + number * 5 % 12:02d}-{1 + number:02d}",
                        "paragraphs": [
                            f"{word}项目{2019 + offset}年第{number + 1}批签约。",
                            "园区营商环境持续优化。",
                        ],
                    }
                )
    records.append({"id": "undated", "title": "无日期的芯片报道", "paragraphs": ["芯片无日期。"]})
    return records


def write_dated_corpus(directory: Path) -> Path:
    """Write the dated articles (a `.jsonl` and two `.txt` files) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(record, ensure_ascii=False) for record in dated_records()]
    (directory / "zz_dated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, text in DATED_TEXT_FILES.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def write_small_corpus(directory: Path) -> Path:
    """Write the in-code articles into `directory` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in SMALL_ARTICLES.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def add_articles(corpus_dir: Path, count: int, word: str, prefix: str = "zz_") -> None:
    """Add `count` files, each one article 第N篇新增文章 with one paragraph containing `word`."""
    for number in range(count):
        (corpus_dir / f"{prefix}{number:02}.txt").write_text(
            f"第{number}篇新增文章\n\n{word}第{number}次扩容。\n", encoding="utf-8"
        )


def run_script(script: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `script` in a fresh Python with the project and tests/ importable."""
    return subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": f"{PROJECT_ROOT}:{PROJECT_ROOT / 'tests'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def build(corpus_dir: Path, index_dir: Path, **options: object) -> BuildReport:
    """Ingest, tag and index `corpus_dir` into `index_dir` (the real pipeline)."""
    return build_index(corpus_dir, index_dir, **options)


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    """The tagger of the shipped vocabularies: costly to load, only read once loaded."""
    return Tagger.load()


@pytest.fixture(scope="session")
def small_corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_corpus(tmp_path_factory.mktemp("small-corpus"))


@pytest.fixture(scope="session")
def search_corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = write_small_corpus(tmp_path_factory.mktemp("search-corpus"))
    for seed in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, directory / seed.name)
    return directory


@pytest.fixture(scope="session")
def search_index_dir(search_corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("search-index") / "index"
    build(search_corpus_dir, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def search_service(search_index_dir: Path) -> Iterator[SearchService]:
    with SearchService(search_index_dir) as service:
        yield service


# Dated JSON Lines records for entity pages and related paragraphs: a policy document cited in
# three spellings, a reprint of a paragraph in another article, and a paragraph like it.
CITED = "生物医药产业发展若干政策"
REPRINTED = (
    "青岛高新区发布《生物医药产业发展若干政策（2021年版）》，重点支持创新药研发、"
    "临床试验平台建设和高端医疗器械产业化。"
)
ENTITY_RECORDS: list[dict] = [
    {
        "id": "qd-1",
        "title": "青岛高新区出台生物医药新政",
        "date": "2021-03-02",
        "paragraphs": [REPRINTED, "阿斯利康与青岛高新区签署合作协议，建设吸入气雾剂生产基地。"],
    },
    {
        "id": "qd-2",
        "title": "青岛高新区生物医药企业集聚",
        "date": "2023-06-01",
        "paragraphs": ["青岛高新区今年新增生物医药企业三十家。", REPRINTED],
    },
    {
        "id": "hf-1",
        "title": "合肥高新区推进创新药研发",
        "date": "2024-08-08",
        "paragraphs": [
            "合肥高新区加快创新药研发和临床试验平台建设，引导高端医疗器械产业化，"
            f"并参照《{CITED}（2021—2023年）》制定配套措施。"
        ],
    },
    {
        "id": "xa-1",
        "title": "西安高新区集成电路项目签约",
        "date": "",
        "paragraphs": ["西安高新区集成电路项目集中签约，总投资超过80亿元。"],
    },
]


def write_entity_corpus(directory: Path) -> Path:
    """Write ENTITY_RECORDS as one JSON Lines file into `directory` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(record, ensure_ascii=False) for record in ENTITY_RECORDS]
    (directory / "entities.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def entity_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("entity-index")
    build(write_entity_corpus(root / "corpus"), root / "index")
    return root / "index"
