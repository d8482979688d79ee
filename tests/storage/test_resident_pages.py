"""A serving process keeps no page of the index's plain text or per-document arrays mapped
after reading them (`search/storage/reader.py`): on the whole xwlb corpus they were a quarter of
a server process's memory. Results are unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.models import SearchRequest
from search.service import SearchService

SMAPS = Path("/proc/self/smaps")
# Two jieba words: the n-gram candidates are checked on the plain text.
PHRASE = '"生物医药项目"'


def _resident_kb(suffix: str) -> int | None:
    """The RSS of this process's mappings of files ending in `suffix` (None: none mapped)."""
    total, mapped, current = 0, False, False
    for line in SMAPS.read_text().splitlines():
        if re.match(r"[0-9a-f]+-[0-9a-f]+ ", line):
            current = line.endswith(suffix)
            mapped |= current
        elif current and line.startswith("Rss:"):
            total += int(line.split()[1])
    return total if mapped else None


@pytest.mark.skipif(not SMAPS.is_file(), reason="/proc/self/smaps lists mappings (Linux)")
def test_a_phrase_search_leaves_no_plain_text_or_array_pages_mapped(
    search_index_dir: Path, search_service: SearchService
) -> None:
    expected = search_service.search(SearchRequest(query=PHRASE))
    assert expected.total > 0  # the phrase is in the corpus: its candidates were checked
    with SearchService(search_index_dir) as service:
        found = service.search(SearchRequest(query=PHRASE))
        assert _resident_kb(".plain.col") == 0
        # Opened from the generation's table, the segments' arrays are not even mapped.
        assert not _resident_kb(".docs")
    assert [hit.paragraph.paragraph_id for hit in found.results] == [
        hit.paragraph.paragraph_id for hit in expected.results
    ]
