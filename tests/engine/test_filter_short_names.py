"""A park's short name that the tagger never reads in text (两江: also the rivers of 两江四岸; 贵安,
湘江) still resolves as a filter: `gaoxin search --park 两江` finds what `--park 两江新区` finds
(parks.yaml `short_names`; search/engine/filter_names.py); a stem of several zones (天府) none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_fixtures import build

from search.cli import cli

RECORDS = [
    {
        "id": "lj-1",
        "title": "重庆两江新区集成电路项目签约",
        "date": "2024-03-01",
        "paragraphs": ["重庆两江新区集成电路项目集中签约，总投资超过50亿元。"],
    },
    {
        "id": "ga-1",
        "title": "贵州贵安新区数据中心集群",
        "date": "2024-04-01",
        "paragraphs": ["贵州贵安新区新建数据中心项目投产，服务器规模达到百万台。"],
    },
    {
        "id": "xj-1",
        "title": "湖南湘江新区智能网联汽车",
        "date": "2024-04-02",
        "paragraphs": ["湖南湘江新区智能网联汽车测试区开放道路里程再增加。"],
    },
    {
        "id": "tf-1",
        "title": "四川天府新区招商",
        "date": "2024-04-03",
        "paragraphs": ["四川天府新区今年签约重大项目四十个。"],
    },
    {
        "id": "lj-2",
        "title": "重庆夜景",
        "date": "2024-05-01",
        "paragraphs": ["五月以来，重庆两江四岸无人机灯光秀吸引了大批市民。"],
    },
]


@pytest.fixture(scope="module")
def liangjiang_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("liangjiang")
    (root / "corpus").mkdir()
    lines = [json.dumps(record, ensure_ascii=False) for record in RECORDS]
    (root / "corpus" / "parks.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(root / "corpus", root / "index")
    return root / "index"


def _search(index_dir: Path, park: str) -> dict:
    arguments = ["search", "--park", park, "--json", "--index", str(index_dir)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_short_name_finds_what_the_canonical_value_finds(liangjiang_index: Path) -> None:
    canonical = _search(liangjiang_index, "两江新区")
    short = _search(liangjiang_index, "两江")
    hits = [hit["paragraph_id"] for hit in short["results"]]
    assert short["total"] == canonical["total"] == 1
    assert hits == [hit["paragraph_id"] for hit in canonical["results"]]
    assert [b["value"] for b in short["facets"]["park"] if b["selected"]] == ["两江新区"]


@pytest.mark.parametrize(("short_name", "canonical"), [("贵安", "贵安新区"), ("湘江", "湘江新区")])
def test_a_new_area_is_found_by_its_stem(
    liangjiang_index: Path, short_name: str, canonical: str
) -> None:
    wanted = _search(liangjiang_index, canonical)
    found = _search(liangjiang_index, short_name)
    assert found["total"] == wanted["total"] == 1
    assert found["filters"] == {"park": [canonical]}


def test_a_stem_of_several_zones_resolves_to_none(liangjiang_index: Path) -> None:
    # 天府 is in 天府新区, its free-trade area 四川自贸试验区天府新区片区 and 成都天府国际生物城
    assert _search(liangjiang_index, "天府新区")["total"] == 1
    assert _search(liangjiang_index, "天府")["total"] == 0
