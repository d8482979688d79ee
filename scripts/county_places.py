"""Print the county-level places missing from places.yaml, as its `counties:` key.

`python scripts/county_places.py ADCODES_CSV`: the CSV is cpca's `resources/adcodes.csv`
(`pip download cpca==0.5.5`; the Ministry of Civil Affairs' division codes, column `name`).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import jieba
import jieba.posseg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.entities.taxonomy import load_taxonomy  # noqa: E402

# A 县, a county-level 市 or a district's 区 goes (福清市 -> 福清, 康巴什区 -> 康巴什), as the
# tagger drops it too; 准格尔旗 keeps its ending (zones are named so). One-character stems
# stay whole.
_DIVISION = re.compile(
    r"^(.*?)((?:[\u4e00-\u9fff]{1,8}族)*自治[县旗州]|林区|特区|地区|新区|盟|市|县|区|旗)$"
)
_NOT_PLACES = {"市辖区", "城区", "郊区", "矿区", "新区", "市中区", "东区", "西区", "南区", "北区"}
# Stems that are zone or region words, not places: 高新区 and 新城区 are also district names.
_NOT_STEMS = {"高新", "新城", "中原", "经开", "开发", "城关", "中心", "工业", "港口"}
COMMON_WORD_FREQUENCY = 300  # a stem this frequent in jieba, not tagged as a place, is a word


def county_places(csv_path: Path) -> list[str]:
    taxonomy = load_taxonomy()
    jieba.initialize()
    frequency, flags = jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab
    # County level: the fifth and sixth digits of the code are not 00 (those are prefectures).
    rows = csv.DictReader(csv_path.open(encoding="utf-8"))
    names = {row["name"] for row in rows if row["adcode"][4:6] != "00"}
    places: list[str] = []
    for name in sorted(names):
        match = _DIVISION.match(name)
        if name in _NOT_PLACES or not match or "群岛" in name:
            continue
        stem, ending = match.groups()
        if ending in ("市", "县", "区", "新区") and len(stem) >= 2:
            candidate = stem
        elif "自治" in ending:
            candidate = stem if len(stem) >= 2 else name
        else:
            candidate = name
        known = taxonomy.places | taxonomy.provinces
        zone_words = {suffix.suffix for suffix in taxonomy.park_suffixes}
        if candidate in _NOT_STEMS or any(candidate in word for word in zone_words):
            continue
        if candidate in known or stem in known or candidate in places:
            continue
        if frequency.get(candidate, 0) > COMMON_WORD_FREQUENCY and flags.get(candidate) != "ns":
            continue  # 合作市, 公安县, 资源县: the stem is a common word
        places.append(candidate)
    return places


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("adcodes", type=Path)
    places = county_places(parser.parse_args().adcodes)
    print("# County-level divisions not listed above (scripts/county_places.py, from the")
    print("# division codes in cpca 0.5.5; stems that are common words — 合作, 公安, 资源, 和平 —")
    print("# left out).")
    print("# Places too; but written before another place they are part of a zone's name")
    print("# (阳高县龙泉工业园区 keeps 阳高), where a city is only its address (苏州太仓高新区).")
    print("counties:")
    for start in range(0, len(places), 20):
        print(f"  - [{', '.join(places[start : start + 20])}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
