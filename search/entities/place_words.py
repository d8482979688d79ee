"""Place words a park name is built from: known places, their administrative endings, provinces
and county-level places (a county before a town is part of a zone's name, a city its address).
"""

from __future__ import annotations

from search.entities.taxonomy import Taxonomy

# Administrative endings dropped from a place word: 长春市高新区 -> 长春高新区.
_PLACE_ENDINGS = ("市", "省", "县", "区")
# An autonomous region, prefecture or county is written with its peoples' names between the place
# and the ending: 宁夏回族自治区, 延边朝鲜族自治州, 长阳土家族自治县.
_AUTONOMOUS_ENDINGS = ("自治区", "自治州", "自治县")
# The cities that are provinces: named alone before a suffix the gazetteer does not know, they
# describe the city's parks (未来上海工业园区的发展方向), as a province does (江西新区).
MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})


class PlaceWords:
    """Questions about place words, answered from one taxonomy's places.yaml."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._places = taxonomy.places
        self.provinces = taxonomy.provinces
        self._counties = taxonomy.counties
        self._word_counties = taxonomy.word_counties
        self.foreign = taxonomy.foreign_places
        self._zones = {name for park in taxonomy.parks for name in (park.name, *park.aliases)}
        # The province of each city the gazetteer has a zone in: two such cities glued together
        # from different provinces (喀什深圳产业园, Shenzhen's aid park in Kashgar) are one name.
        self._province_of = {park.city: park.province for park in taxonomy.parks}
        # Two countries' short names (中德, 中韩): a cooperation park's prefix, not its place.
        trade_words = dict(taxonomy.trade_park_words).get("cooperation_prefixes", ())
        self.cooperation = frozenset(trade_words)

    def is_place(self, word: str) -> bool:
        return self.strip_ending(word) in self._places

    def strip_ending(self, word: str) -> str:
        if word.endswith(_PLACE_ENDINGS) and (
            word[:-1] in self._places or word[:-1] in self._word_counties
        ):
            return word[:-1]
        if word.endswith("地区") and word[:-2] in self._places:
            return word[:-2]  # 和田地区昆冈经开区 -> 和田昆冈经开区
        if word.endswith(_AUTONOMOUS_ENDINGS):
            # The place comes first: 宁夏回族自治区银川市经济开发区 -> 银川经开区, not the region's
            # long name glued before the city's zone.
            place = next((word[:n] for n in (2, 3, 4) if word[:n] in self._places), None)
            return place or word
        return word

    def is_word_county(self, word: str) -> bool:
        """A county whose name is also a common word (长子, 长子县): see `word_counties`."""
        return self.strip_ending(word) in self._word_counties

    def is_province(self, word: str) -> bool:
        return self.strip_ending(word) in self.provinces

    def without_province(self, name: list[str]) -> list[str]:
        """One spelling per park: a leading province goes (甘肃兰州新区 -> 兰州新区)."""
        if len(name) > 1 and self.is_province(name[0]):
            return name[1:]
        if name and name[0][:2] in self.provinces and self.is_place(name[0][2:]):
            return [name[0][2:], *name[1:]]  # 河北沧州 + 渤海新区 -> 沧州 + 渤海新区
        return name

    def name_words(self, written: list[str]) -> list[str]:
        """A park name's written words less a leading province; none when a province or a city
        that is one is all there is (江西新区, 上海工业园区: descriptions, not park names)."""
        name = self.without_province(written)
        if len(name) != 1:
            return name
        alone = self.strip_ending(name[0])
        described = alone in self.provinces or alone in MUNICIPALITIES
        return [] if described or alone in self.cooperation else name

    def before_province(self, before: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The words before a name's leading province: they must end where a name may start,
        or the name is a company's plant (中粮面业河南漯河产业园; round 17d)."""
        if before and self.is_province(before[-1][0]):
            return before[:-1]
        return before

    def from_first_place(self, name_words: list[str]) -> list[str]:
        """Weak suffixes (产业园, 示范区 …) need a known place to start the name."""
        while name_words and not self.is_place(name_words[0]):
            name_words = name_words[1:]
        # 中德产业园 with no place before it: which of the Sino-German parks is not said.
        return [] if len(name_words) == 1 and name_words[0] in self.cooperation else name_words

    def from_last_place(self, words: list[str]) -> list[str]:
        """A zone is named after its own place: 苏州太仓高新区 -> 太仓高新区 (无锡市无锡新区 too).

        The city written before a county-level place is its address, not part of the name; a
        county before a town is part of it (阳高县龙泉工业园区 -> 阳高龙泉工业园区), and so is a
        zone's own name (中关村贵阳科技园).
        """
        while len(words) > 1 and self.is_place(words[0]) and self.is_place(words[1]):
            if words[0] in self._counties or words[0] in self._zones:
                break
            if words[1] in self.cooperation or self._provinces_apart(words[0], words[1]):
                break  # 北京中德产业园, 喀什深圳产业园: the place is part of the name
            words = words[1:]
        return words

    def _provinces_apart(self, first: str, second: str) -> bool:
        """Two cities of different provinces (喀什, 深圳): neither is the other's address."""
        provinces = (self._province_of.get(self.strip_ending(word)) for word in (first, second))
        first_province, second_province = provinces
        return bool(first_province and second_province and first_province != second_province)

    def city_address(self, first: str, second: str) -> bool:
        """A city written with 市 before a name that is no place is the zone's address
        (鞍山市达道湾经济技术开发区); glued on without it, part of the name (唐山南堡开发区)."""
        return (
            first.endswith("市")
            and self.is_place(first)
            and first[:-1] not in self._counties
            and not self.is_place(second)
        )
