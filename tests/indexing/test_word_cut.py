"""The build cuts each searchable paragraph once, before tagging: the index stores exactly the
words `word_terms` gives once the tagger has taught jieba its vocabulary."""

from __future__ import annotations

import json

from corpus_fixtures import article_of, run_script

from search.indexing.documents import paragraph_words
from search.models import Article, Paragraph, SourceSpan
from search.text.tokens import word_terms

# Parks jieba's own dictionary cuts apart (张/江/高/科技园区, 中关村/科学城): only a jieba taught
# the vocabulary keeps them whole, so a cut made before the tagger loaded would differ.
ARTICLE = (
    "张江高科技园区建设提速\n\n"
    "张江高科技园区和中关村科学城推进人工智能产业。\n\n"
    "苏州工业园区发展集成电路。\n"
)

# In a fresh Python (jieba not yet taught by another test): build, then read every paragraph's
# stored text words (in the segment's postings) and compare them with `word_terms` now.
_BUILD_AND_READ = """
import collections, json, sys, tempfile
from pathlib import Path
from search.indexing.builder import build_index
from search.storage import stored, word_postings
from search.storage.records import paragraph_id_of
from search.text.tokens import word_terms

work = Path(tempfile.mkdtemp())
(work / "corpus").mkdir()
(work / "corpus" / "parks.txt").write_text(sys.argv[1], encoding="utf-8")
build_index(work / "corpus", work / "index", processes=1)
result = {}
for path in (work / "index").glob("*" + word_postings.SUFFIX):
    records = stored.StoredRecords(path.with_suffix(stored.SUFFIX))
    arrays = word_postings.WordPostings(path).arrays()
    counts = collections.defaultdict(collections.Counter)
    for index, key in enumerate(arrays.keys):
        if key[0] != chr(1):  # the text field's keys (search.storage.words)
            continue
        part = slice(arrays.starts[index], arrays.starts[index + 1])
        for document, frequency in zip(arrays.documents[part], arrays.frequencies[part]):
            counts[int(document)][key[1:]] = int(frequency)
    for document, terms in counts.items():
        record = records.record(document)
        text = json.loads(record)["text"]
        expected = collections.Counter(word_terms(text))
        result[paragraph_id_of(record)] = [dict(terms), dict(expected)]
    records.close()
print(json.dumps(result, ensure_ascii=False))
"""


def test_the_index_stores_the_words_of_a_jieba_taught_the_vocabulary() -> None:
    finished = run_script(_BUILD_AND_READ, ARTICLE)
    assert finished.returncode == 0, finished.stderr
    stored = json.loads(finished.stdout)
    assert len(stored) == 2  # the two body paragraphs (the title is no paragraph)
    for stored_terms, expected in stored.values():
        assert stored_terms == expected
    assert any("中关村科学城" in terms for terms, _ in stored.values())


def test_paragraph_words_cut_only_the_searchable_paragraphs() -> None:
    article = article_of("标题", "苏州工业园区发展集成电路。", "记者 张三")
    byline = Paragraph("a-3", "a", 3, "byline", "图片来源：新华社", SourceSpan("x.txt", 3, 3))
    article = Article(article.article_id, article.title, (*article.paragraphs, byline), ("x.txt",))
    assert paragraph_words(article) == {
        "a-1": word_terms("苏州工业园区发展集成电路。"),
        "a-2": word_terms("记者 张三"),
    }
