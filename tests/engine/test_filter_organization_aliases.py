"""An organisation filter named by an alias of organizations.yaml (`--organization 中科院`)
filters on the organisation's canonical name (中国科学院), as park short names do; a name the
gazetteer does not know matches nothing, as before (search/engine/filter_names.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_fixtures import build

from search.cli import cli

RECORDS = [
    {
        "id": "cas-1",
        "title": "中科院发布量子计算成果",
        "date": "2024-03-01",
        "paragraphs": ["中科院与合肥高新区签署合作协议，共建量子信息研究平台。"],
    },
    {
        "id": "ndrc-1",
        "title": "国家发改委部署重大项目",
        "date": "2024-05-01",
        "paragraphs": ["国家发改委印发通知，部署今年重大项目建设。"],
    },
]


@pytest.fixture(scope="module")
def organization_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("organizations")
    (root / "corpus").mkdir()
    lines = [json.dumps(record, ensure_ascii=False) for record in RECORDS]
    (root / "corpus" / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(root / "corpus", root / "index")
    return root / "index"


def _search(index_dir: Path, organization: str) -> dict:
    arguments = ["search", "--organization", organization, "--json", "--index", str(index_dir)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("alias", "canonical"), [("中科院", "中国科学院"), ("国家发改委", "国家发展改革委")]
)
def test_an_alias_finds_what_the_canonical_name_finds(
    organization_index: Path, alias: str, canonical: str
) -> None:
    wanted = _search(organization_index, canonical)
    found = _search(organization_index, alias)
    assert found["total"] == wanted["total"] == 1
    assert [hit["paragraph_id"] for hit in found["results"]] == [
        hit["paragraph_id"] for hit in wanted["results"]
    ]
    selected = [b["value"] for b in found["facets"]["organization"] if b["selected"]]
    assert selected == [canonical]
    assert found["filters"] == {"organization": [canonical]}


def test_an_unknown_organisation_still_matches_nothing(organization_index: Path) -> None:
    found = _search(organization_index, "不存在研究院")
    assert found["total"] == 0
    assert found["filters"] == {"organization": ["不存在研究院"]}
