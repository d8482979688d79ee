"""Which words a park name is built from: place and proper-name words, trade words (沈阳航空动力
产业园), and the words a name may follow (在青岛高新区, not 美丽青岛示范区).
"""

from __future__ import annotations

from collections.abc import Callable

from search.entities.place_words import PlaceWords
from search.entities.pos import PROPER_FLAGS
from search.entities.taxonomy import Taxonomy

TOPIC_FLAGS = frozenset({"n", "nz", "vn", "j", "ns", "nr", "b", "an", "s", "a"})
COMMON_WORD_FREQUENCY = 300
# Word classes that may stand right before a park name: verb, preposition, conjunction,
# particle, adverb, pronoun, numeral, measure word, direction, time word, punctuation.
BOUNDARY_FLAGS = frozenset("pvcudrmqftx")
# A zone's rank may stand between its place and its trade (湟中国家级高原冷凉蔬菜产业园).
RANKS = frozenset({"国家级", "省级"})


class NameWords:
    """Questions about one word of a would-be park name, answered from one taxonomy."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        places: PlaceWords,
        zone_spellings: set[str],
        frequency: Callable[[str], int],
    ) -> None:
        self._taxonomy = taxonomy
        self._places = places
        self._zone_spellings = zone_spellings
        self._frequency = frequency
        self._suffixes = {suffix.suffix for suffix in taxonomy.park_suffixes}
        self._organization_words = {
            name for entry in taxonomy.organizations for name in (entry.name, *entry.aliases)
        }

    def _never_in_name(self, word: str) -> bool:
        """Function words, generic words (各, 国家), bare park words (国家级新区贵安新区: 新区 is
        no part of 贵安新区), suffixes and organisations' names."""
        taxonomy = self._taxonomy
        if word in taxonomy.park_stop_tokens or word in taxonomy.generic_modifiers:
            return True
        if word in taxonomy.bare_references or word in self._suffixes:
            return True
        return word in self._organization_words

    def is_name_word(self, word: str, flag: str) -> bool:
        """A word of an unseen park's proper name: a known place, or a rare proper name."""
        if self._never_in_name(word) or len(word) < 2:
            return False
        if self._places.is_place(word):
            return True
        # jieba tags some common words as names (中断/ns); a name word outside places.yaml must
        # be rare in jieba's dictionary, like 亦庄 or 西咸.
        common = self._frequency(word) > COMMON_WORD_FREQUENCY
        return flag in PROPER_FLAGS and flag != "nt" and not common

    def is_topic_word(self, word: str, flag: str) -> bool:
        """A noun-like word naming a park's trade (沈阳航空动力产业园)."""
        if self._never_in_name(word) or flag not in TOPIC_FLAGS or len(word) < 2:
            return False
        # 建设, 发展 are verbal nouns (在青岛建设生物医药产业园), 重新, 先进 common adjectives
        # (铁岭重新规划工业园区); a rare one names the trade (射洪, 吴忠清真产业园).
        return flag not in ("vn", "a") or self._frequency(word) <= COMMON_WORD_FREQUENCY

    def names_place(self, word: str) -> bool:
        """A known place (长春市, 辽宁大连) or a zone's own spelling (郑州航空港区, 中关村)."""
        if word in self._zone_spellings or self._places.is_place(word):
            return True
        return word[:2] in self._taxonomy.provinces and self._places.is_place(word[2:])

    def is_boundary(self, before: list[tuple[str, str]]) -> bool:
        """A name must not continue a longer phrase (美丽青岛示范区, 新型慈善工业园区)."""
        if not before:
            return True
        word, flag = before[-1]
        taxonomy = self._taxonomy
        if word in taxonomy.park_stop_tokens or word in taxonomy.generic_modifiers:
            return True
        return self._places.is_province(word) or flag[:1] in BOUNDARY_FLAGS

    def place_run(self, words: list[tuple[str, str]], most: int) -> tuple[int, int] | None:
        """The first and last word of the place that starts a name's run of place, trade and
        rank words (at most `most`, back from the suffix), if the run starts at a boundary."""
        run = len(words)
        while run > 0 and len(words) - run < most:
            word, flag = words[run - 1]
            if not (self.is_topic_word(word, flag) or self.names_place(word) or word in RANKS):
                break
            run -= 1
        places = (i for i in range(run, len(words)) if self.names_place(words[i][0]))
        first = next(places, None)
        if first is None or not self.is_boundary(words[:first]):
            return None
        last = first
        while last + 1 < len(words) and self.names_place(words[last + 1][0]):
            last += 1
        return first, last
