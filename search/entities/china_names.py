"""Whether a paragraph names China (its places, its names for itself), and whether its trade is
foreign economies' own (round 10): such trade reports no opening-up of China's."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from search.entities.organizations import RARE_WORD
from search.entities.place_words import MUNICIPALITIES
from search.entities.taxonomy import Taxonomy

# Trade of foreign economies among themselves (美国对进口钢铝加征关税, 日本解禁战斗机出口): a
# paragraph naming a foreign economy and nothing of China reports no opening-up of China's
# (round 10). China is named by these words (华 of 对华, 在华; not of 华盛顿, 华尔街, 华府; nor a
# country's own 国内 or 全国: 美国国内, 日本国内, 法国内政部, 美国全国零售商联合会), a place
# (`china_names`: 宁波 of a firm's 对美出口), or a pair either way round (中美, 中欧 as 美中, 俄中
# in a foreign speaker's mouth): 中 alone is in 其中, 中央, and 其中美国, 中东, 中亚, 3日中午 or
# 中小企业 pair nothing with China.
TRADE = re.compile("进出口|进口|出口|关税|贸易|外贸")
_FOREIGN_ECONOMIES = re.compile(
    "美国|美方|日本|日方|德国|英国|法国|意大利|欧盟|欧方|欧洲|韩国|俄罗斯|印度|加拿大|澳大利亚|巴西|墨西哥"
)
_CHINA = re.compile(
    "中国|中方|中华|中外|我国|(?<![国本美英法德韩俄])国内|(?<!国)全国|台湾|华(?!盛顿|尔街|府)"
    r"|(?<![其当])中[美欧日德英法韩俄印意澳加巴墨非]|(?<!\d)[美欧日德英法韩俄印意澳加巴墨非]中(?![午旬小])"
)
# Beside the municipalities, the special administrative regions name China too.
_SPECIAL_REGIONS = ("香港", "澳门")
# Words that hold a city's name and name no place of China's (马里兰州, 入海口, 北海道, 美国德州).
_NOT_CHINA = re.compile("马里兰州|入海口|出海口|北海道|黑海西|大同比|大同小异|美国德州")


def china_places(provinces: Iterable[str]) -> frozenset[str]:
    """China's provinces (`Taxonomy.provinces`) with the municipalities and special regions."""
    return frozenset(provinces) | MUNICIPALITIES | frozenset(_SPECIAL_REGIONS)


def china_names(taxonomy: Taxonomy) -> frozenset[str]:
    """Places that name China: `china_places` and the cities of China's parks (宁波, 厦门 …)."""
    china = china_places(taxonomy.provinces)
    return china | {park.city for park in taxonomy.parks if park.province in china and park.city}


class ChinaNames:
    """China's places (`china_names`) where a paragraph names them: not where the character
    before one makes a word with its first that jieba's dictionary knows as no rare one
    (`frequency`: the segmenter's), so that the place starts inside another word (外长|沙伦贝格
    names no 长沙, 联大|连续 no 大连, 重大|理论 no 大理). jieba alone reads 外|长沙|伦贝格."""

    def __init__(self, names: Iterable[str], frequency: Callable[[str], int]) -> None:
        self._names = frozenset(names)
        self._frequency = frequency

    def named_in(self, text: str) -> bool:
        """Whether `text` names one of the places; the word test only where `in` finds one."""
        for place in self._names:
            start = text.find(place)
            while start != -1:
                if start == 0 or self._frequency(text[start - 1] + place[0]) < RARE_WORD:
                    return True
                start = text.find(place, start + 1)
        return False


def foreign_trade(text: str, china: ChinaNames | None, written: str) -> bool:
    """Whether `text` speaks of trade and names a foreign economy, and `written` (the paragraph
    with its names: 苏州工业园区 names China) nothing of China (`china`: its places): cheap `in`
    tests first, since few paragraphs speak of trade at all."""
    if not ("口" in text or "贸" in text or "关税" in text):  # 进口, 出口; 贸易, 外贸
        return False
    if not _FOREIGN_ECONOMIES.search(text) or _CHINA.search(written):
        return False
    return china is None or not china.named_in(_NOT_CHINA.sub(" ", written))
