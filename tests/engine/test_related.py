"""The distinctive words a related-paragraphs query looks for: the rarest words of a paragraph by
the index's own document counts (recounted here from the stored paragraphs, independently of
the engine)."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from search.engine.generation import Generation
from search.engine.related import COMMON_FLOOR, MAX_DOCUMENT_SHARE, MAX_TERMS, distinctive_terms
from search.service import SearchService
from search.text.tokens import word_tokens


@pytest.fixture(scope="module")
def generation(search_index_dir: Path):
    opened = Generation(search_index_dir)
    yield opened
    opened.close()


def expected_terms(document_counts: Counter, size: int, text: str) -> tuple[str, ...]:
    words = [token.text for token in word_tokens(text)]
    counts = Counter(word for word in words if len(word) > 1 and not word.isdigit())
    common = max(size * MAX_DOCUMENT_SHARE, COMMON_FLOOR)
    weighted = []
    for term, frequency in counts.items():
        documents = document_counts[term]
        if 2 <= documents <= common:
            weighted.append((term, frequency * (math.log(size / documents) + 1)))
    weighted.sort(key=lambda item: (-item[1], item[0]))
    return tuple(term for term, _ in weighted[:MAX_TERMS])


def test_distinctive_words_follow_the_index_document_counts(
    generation, search_index_dir: Path
) -> None:
    with SearchService(search_index_dir) as service:
        paragraphs = [stored.paragraph for stored in service.export()]
    texts = [paragraph.text for paragraph in paragraphs]
    assert len(texts) > 20
    document_counts: Counter = Counter()  # only searchable paragraphs have a text field
    for paragraph in paragraphs:
        if paragraph.searchable:
            document_counts.update({token.text for token in word_tokens(paragraph.text)})
    for text in texts:
        assert distinctive_terms(generation, text) == expected_terms(
            document_counts, generation.table.size, text
        ), text
