"""Part-of-speech tags for short windows of text, cached: entity rules look at a few words only.

Uses the shared jieba tokenizer (search.text.tokens), never jieba's global default.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO

from search.entities.viterbi import viterbi
from search.text import tokens
from search.text.dictionary_cache import import_posseg, tag_table

posseg = import_posseg()

# jieba tags that mark a proper name: place, person, other proper noun, organisation, abbreviation.
PROPER_FLAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng"})


class _POSTokenizer(posseg.POSTokenizer):
    """jieba's POS tokenizer on the mapped tag table (`tag_table`), not a dict read per process,
    decoding unknown characters with the faster, identical `viterbi`."""

    def load_word_tag(self, f: IO[bytes]) -> None:
        f.close()
        self.word_tag_tab = tag_table()

    def _cut_unknown(self, sentence: str) -> Iterator[posseg.pair]:
        """jieba's `POSTokenizer.__cut` (a run of characters its dictionary does not cut, about
        half of the tagger's part-of-speech CPU), calling `viterbi` instead of jieba's."""
        yield from _unknown_words(sentence)


@lru_cache(maxsize=50_000)
def _unknown_words(sentence: str) -> tuple[posseg.pair, ...]:
    """The words and tags of an unknown run, remembered: the same name comes back in many
    windows (a third of the runs of a tenth of xwlb), and decoding is the costly part."""
    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    _, states = viterbi(sentence, *tables)
    words = []
    begin, after = 0, 0
    for index, character in enumerate(sentence):
        position, flag = states[index]
        if position == "B":
            begin = index
        elif position == "E":
            words.append(posseg.pair(sentence[begin : index + 1], flag))
            after = index + 1
        elif position == "S":
            words.append(posseg.pair(character, flag))
            after = index + 1
    if after < len(sentence):
        words.append(posseg.pair(sentence[after:], states[after][1]))
    return tuple(words)


# jieba calls `self.__cut`, name-mangled to this attribute: the override has to be set by name.
_POSTokenizer._POSTokenizer__cut = _POSTokenizer._cut_unknown  # type: ignore[attr-defined]


class WindowSegmenter:
    """Segments short strings with jieba.posseg; results are cached (names repeat a lot)."""

    def __init__(self, tagged_words: Iterable[tuple[str, int | None, str | None]] = ()) -> None:
        # The shared tokenizer: its dictionary turns into a plain dict once enough text was
        # cut (`tokens.cutting_tokenizer`), not for the few windows of a one-article build.
        self._tokenizer = _POSTokenizer(tokens.tokenizer())
        # jieba hands user-word tags to whichever POSTokenizer asks first, so another instance
        # may already have taken them: set the vocabulary's tags on this one explicitly.
        self._tokenizer.word_tag_tab.update({word: tag for word, _, tag in tagged_words if tag})
        self.words = lru_cache(maxsize=200_000)(self._words)

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary has seen `word` (0 when unknown)."""
        return self._tokenizer.tokenizer.FREQ.get(word) or 0

    def _words(self, text: str) -> tuple[tuple[str, str], ...]:
        tokens.cutting_tokenizer(len(text))  # the same tokenizer object, maybe a dict now
        return tuple((pair.word, pair.flag) for pair in self._tokenizer.cut(text, HMM=True))
