"""Organisation names: the dictionary, legal/institutional suffixes (…有限公司, …大学, …银行 …)
with a clean left edge (no leading verbs or fragments), and quoted names (“…研究中心”).
"""

from __future__ import annotations

import re

from search.entities.phrases import PhraseMatch, PhraseUnion
from search.entities.pos import PROPER_FLAGS, WindowSegmenter
from search.entities.taxonomy import Taxonomy

WINDOW = 20
MIN_SHORT_NAME = 3  # dictionary names shorter than this must be a whole jieba word in context
_NAME_CHARACTER = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()·]")
_STOP_FLAGS = ("v", "p", "c", "u", "d", "r", "f", "y", "e", "o", "t", "w")
COMPANY_PREFIXES = ("集团", "控股")
# A numeral ending in a measure word is a quantity (好几个银行, 多家医院), never part of a name.
_MEASURE_WORDS = "个家所名位批些种类座项"
# A date (2025年, 5月30日, 百年: jieba cuts 2025|年) is when, never part of a name; 少年 is a word.
_DATE = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万两几]*[年月日]")
# A company's brand word may be one jieba has rarely seen, tagged a common noun (太钢, 国铁, 国机).
BRAND_SUFFIXES = ("集团",)
RARE_WORD = 50
_BEFORE_KNOWN_FLAGS = frozenset({"ns", "nt", "nr", "nrt", "j", "eng"})
KNOWN_NAME = 5  # characters of a name jieba knows (nt) whose first part is a proper name
# Characters that make a suffix the head of another word: 大学生, 大学城, 学子, 银行业, 银行卡,
# 银行家, 银行间, 集团军.
_WORD_TAILS = "生城子业卡家间军"
# 基金 before one of these heads is part of a longer name: a place (基金小镇, 基金工场) or the
# body that runs the fund (…科学基金委员会, …保障基金理事会, …基金管理中心).
_CONTINUATIONS = ("小镇", "工场", "大厦", "广场", "园", "委员会", "理事会", "管理中心")


class OrganizationRecognizer:
    """Finds organisation names in a text, in order of first mention."""

    def __init__(
        self, taxonomy: Taxonomy, segmenter: WindowSegmenter, names: PhraseUnion | None = None
    ) -> None:
        """`names`: the organisations' spellings are searched with its other lists (the parks':
        one read of a paragraph for both)."""
        self._taxonomy = taxonomy
        self._segmenter = segmenter
        self._canonical = {}
        for entry in taxonomy.organizations:
            for spelling in (entry.name, *entry.aliases):
                self._canonical[spelling] = entry.name
        self._dictionary = (names or PhraseUnion("organizations")).member(self._canonical)
        self._reporting_verbs = tuple(taxonomy.organization_reporting_verbs)
        self._proper = {item.suffix: item.proper for item in taxonomy.organization_suffixes}
        self._suffixes = tuple(self._proper)
        # Longest first, so that 基金会 is read before 基金.
        suffixes = "|".join(re.escape(s) for s in sorted(self._proper, key=len, reverse=True))
        self._suffix = re.compile(_prefixed(suffixes))
        branches = "|".join(re.escape(s) for s in taxonomy.branch_suffixes)
        self._branch = re.compile(rf"[\u4e00-\u9fff]{{1,8}}?(?:{branches})") if branches else None
        self._quoted = re.compile(rf"“([^“”，。；、\s]{{3,30}}(?:{suffixes}))”")

    def find(self, text: str) -> list[str]:
        """Organisation names in `text`, each once, in order of first mention."""
        names: list[str] = []
        for _, _, name in self.mentions(text):
            if name not in names:
                names.append(name)
        return names

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every organisation mention, outermost only, in text order."""
        spans: list[tuple[int, int, str]] = []
        for match in self._quoted.finditer(text):
            spans.append((match.start(1), match.end(1), match.group(1)))
        # Listed names first: a suffix inside one (国际货币基金组织, 二十国集团) adds nothing to it.
        # They do not overlap each other: only the quoted names can hold one (a check per name
        # against all found so far made a long list of companies cost the square of its length).
        quoted = list(spans)
        for match in self._dictionary.finditer(text):
            if not _inside(quoted, match.start()) and self._is_whole_word(text, match):
                spans.append((match.start(), match.end(), self._canonical[match.group()]))
        for match in self._suffix.finditer(text):
            if not _inside(spans, match.start()):
                spans += self._suffix_name(text, match)
        return _outermost(spans)

    def _suffix_name(self, text: str, match: re.Match[str]) -> list[tuple[int, int, str]]:
        start = match.start()
        while start > max(0, match.start() - WINDOW) and _NAME_CHARACTER.match(text[start - 1]):
            start -= 1
        end = match.end()
        if not self._ends_word(text, match) or self._continues(text, end):
            return []
        window = self._segmenter.words(text[start:end])
        words_before, known = _before(window, match.start() - start, self._segmenter)
        body = self._body_words(words_before, known)
        words = [word for word, _ in body]
        suffix = match.group() if match.group() in self._proper else _bare_suffix(match.group())
        if not words or not self._acceptable(body, self._proper[suffix], suffix):
            return []
        begin = match.start() - len("".join(words))
        if match.group().endswith("银行") and self._branch:
            branch = self._branch.match(text, end)
            end = branch.end() if branch else end
        return [(begin, end, text[begin:end])]

    def _ends_word(self, text: str, match: re.Match[str]) -> bool:
        """The suffix is not the head of another word (大学生, 银行业, 银行卡, 银行间, 集团军,
        广大|学子): one of `_WORD_TAILS` follows and jieba puts no word boundary after it."""
        if not text.startswith(tuple(_WORD_TAILS), match.end()):
            return True
        start = max(0, match.start() - 1)
        offset = start
        for word, _ in self._segmenter.words(text[start : match.end() + 2]):
            offset += len(word)
            if offset >= match.end():
                return offset == match.end()
        return True

    def _continues(self, text: str, end: int) -> bool:
        """基金 followed by a place's or a body's head is part of a longer name (青岛蓝海基金工场,
        基金小镇, 某某基金理事会)."""
        return text[end - 2 : end] == "基金" and text.startswith(_CONTINUATIONS, end)

    def _body_words(self, words: list[tuple[str, str]], known: bool) -> list[tuple[str, str]]:
        """Words directly left of the suffix that can belong to a name, parentheses included.
        Before a long name jieba knows (`known`: 审议|最高人民法院, 落实|国际货币基金…) only
        proper names and places (中华人民共和国|最高人民法院, 美国约翰斯·霍普金斯大学) join it."""
        body: list[tuple[str, str]] = []
        depth = 0
        for number, (word, flag) in enumerate(reversed(words)):
            if known and number and depth == 0 and not self._joins_known_name(word, flag):
                break
            if word in ("）", ")"):
                depth += 1
            elif word in ("（", "("):
                depth -= 1
                if depth < 0:
                    break
            elif depth == 0 and not self._is_body_word(word, flag):
                break
            body.insert(0, (word, flag))
        body = body[_clause_start(body) :]
        # A name does not start with a verb or a bracket (落户/成立 are stop words already).
        while body and (body[0][0] in "（()）" or body[0][1] in ("v", "vn")):
            body.pop(0)
        return self._from_place(body)

    def _is_body_word(self, word: str, flag: str) -> bool:
        if word in self._canonical:
            return True
        if word in self._taxonomy.organization_stop_tokens:
            return False
        # 会见, 考察 …: the reporter's clause ends there, whatever jieba tags the verb.
        # 实地考察, 深入调研: jieba glues a manner to the verb; 就读于, 任教于: a verb and 于.
        if word.endswith(self._reporting_verbs) or (len(word) > 1 and word.endswith("于")):
            return False
        if flag.startswith("m") and word.endswith(tuple(_MEASURE_WORDS)):
            return False
        if flag.startswith("m") and _DATE.fullmatch(word):
            return False
        return not flag.startswith(_STOP_FLAGS) or flag in ("v", "vn")

    def _joins_known_name(self, word: str, flag: str) -> bool:
        """A place or person (jieba tags 莫斯科 `nr`), 附属 or an organisation itself
        (华中科技大学|附属|…) may come before a name jieba knows; its other tags there are
        unreliable (主办 `b`, 充分肯定 `nz`)."""
        if flag in _BEFORE_KNOWN_FLAGS or word in ("·", "（", "(", "）", ")", "附属"):
            return True
        return word.rstrip("市省") in self._taxonomy.places or word.endswith(self._suffixes)

    def _from_place(self, body: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Start at a place word when only common nouns precede it (孵化器青岛市… -> 青岛市…)."""
        for index, (word, flag) in enumerate(body):
            if index and (flag == "ns" or word.rstrip("市省") in self._taxonomy.places):
                return body[index:]
            common = flag == "n" or word in self._taxonomy.organization_generic_words
            if not common or word in self._canonical:
                return body
        return body

    def _acceptable(self, body: list[tuple[str, str]], needs_proper: bool, suffix: str) -> bool:
        generic = self._taxonomy.organization_generic_words
        words = [word for word, _ in body]
        if all(word in generic for word in words):
            return False
        if not needs_proper:
            return len("".join(words)) >= 2
        if suffix in BRAND_SUFFIXES and len(body) == 1 and self._is_brand(*body[0]):
            return True
        return any(
            flag in PROPER_FLAGS or self._is_proper(word)
            for word, flag in body
            if word not in generic
        )

    def _is_brand(self, word: str, flag: str) -> bool:
        """A two-character noun jieba rarely saw: a company's short name (太钢, 国铁)."""
        return len(word) == 2 and flag == "n" and self._segmenter.frequency(word) < RARE_WORD

    def _is_proper(self, word: str) -> bool:
        if word in self._canonical or word in self._taxonomy.places:
            return True
        return any(flag in PROPER_FLAGS for _, flag in self._segmenter.words(word))

    def _is_whole_word(self, text: str, match: PhraseMatch) -> bool:
        if len(match.group()) >= MIN_SHORT_NAME:
            return not _department(text, match.group(), match.end())
        window_start = max(0, match.start() - 4)
        offset = window_start
        for word, _ in self._segmenter.words(text[window_start : match.end() + 4]):
            if offset == match.start():
                return word == match.group()
            offset += len(word)
        return False


def _department(text: str, name: str, end: int) -> bool:
    """A ministry's name that runs on into 部门 names a local department (各地应急管理部门, 省人社
    部门), not the ministry; jieba cannot tell, as the name is in its dictionary. 部门户网站 is
    the ministry's own portal."""
    return name.endswith("部") and text.startswith("门", end) and not text.startswith("门户", end)


def _clause_start(body: list[tuple[str, str]]) -> int:
    """Where the name starts when the words before the suffix hold a clause: after a verb
    followed by a proper name (新方重视|亚洲…银行, 确认愿意成为|亚洲…), and nowhere when they are
    only a person and a verb (易某拖欠|银行). A verb inside a name names its trade
    (国家开发银行)."""
    if [flag for _, flag in body] == ["nr", "v"]:
        return len(body)
    start = 0
    for index, (_, flag) in enumerate(body[:-1]):
        if flag == "v" and body[index + 1][1] in PROPER_FLAGS:
            start = index + 1
    return start


def _before(
    words: tuple[tuple[str, str], ...], length: int, segmenter: WindowSegmenter
) -> tuple[list[tuple[str, str]], bool]:
    """The words of the first `length` characters, and whether the last runs into the suffix
    as a long name jieba knows (`nt`: 最高|人民法院 of 最高人民法院, 中央人民政府), whose first
    part is then a proper name. A short one may be a kind (公立医院, 儿童医院): its first part
    is read alone (北京 of 北京大学 is a place)."""
    kept: list[tuple[str, str]] = []
    offset = 0
    for word, flag in words:
        if offset >= length:
            break
        offset += len(word)
        if offset <= length:
            kept.append((word, flag))
            continue
        part = word[: len(word) - offset + length]
        if flag == "nt" and len(word) >= KNOWN_NAME:
            return [*kept, (part, flag)], True
        return [*kept, *segmenter.words(part)], False
    return kept, False


def _prefixed(suffixes: str) -> str:
    """A suffix, maybe after 集团/控股: `(?:集团|控股)?(?:suffixes)` spelt so that every branch
    starts with a character. `re` then jumps to the characters a match can start with instead
    of trying the pattern at every character (the same matches, a fifth of the CPU)."""
    prefixed = [f"{re.escape(prefix)}(?:{suffixes})" for prefix in COMPANY_PREFIXES]
    return "|".join((*prefixed, suffixes))


def _bare_suffix(suffix: str) -> str:
    for prefix in COMPANY_PREFIXES:
        if suffix.startswith(prefix) and len(suffix) > len(prefix):
            return suffix[len(prefix) :]
    return suffix


def _inside(spans: list[tuple[int, int, str]], position: int) -> bool:
    return any(start <= position < end for start, end, _ in spans)


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans in text order, without those inside a longer one (中国医学科学院 in …研究所)."""
    ordered = sorted(spans, key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int, str]] = []
    # Every kept span starts at or before this one, so it lies inside one unless it ends past
    # the furthest end kept so far (one pass, not a check against every kept span).
    reach = -1
    for span in ordered:
        if span[1] > reach:
            kept.append(span)
            reach = span[1]
    return kept
