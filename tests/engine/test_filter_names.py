"""A park filter named as people name it (`park=中关村`, `--park 前海`) filters on the park's
canonical value: the service, `gaoxin search`, the JSON API (which marks the canonical value
selected) and the search and trends pages' chips alike; an unknown or ambiguous name matches
nothing, as before (search/engine/filter_names.py)."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from corpus_fixtures import PROJECT_ROOT
from web_fixtures import page_text, search_json, trends_json

from search.cli import cli
from search.entities.taxonomy import load_taxonomy
from search.models import SearchRequest
from search.service import SearchService
from search.service_vocabulary import alias_gazetteers

CANONICAL = "中关村科技园区"  # a park of the seeds, filed under its canonical name
SHORT_NAME = "中关村"  # its short name in the gazetteer (search/entities/taxonomy/parks.yaml)


def _cli_search(index_dir: Path, *arguments: str) -> dict:
    result = CliRunner().invoke(cli, ["search", *arguments, "--json", "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _hits(body: dict) -> list[str]:
    return [hit["paragraph_id"] for hit in body["results"]]


def _selected(body: dict, facet: str = "park") -> list[str]:
    return [bucket["value"] for bucket in body["facets"][facet] if bucket["selected"]]


def _park_chips(html: str) -> list[str]:
    return [unescape(value) for value in re.findall(r'chip-kind">园区</span>([^<]*)<', html)]


def test_a_short_name_on_the_command_line_finds_what_the_canonical_value_finds(
    search_index_dir: Path,
) -> None:
    canonical = _cli_search(search_index_dir, "--park", CANONICAL, "--per-page", "100")
    for name in (SHORT_NAME, "北京中关村", "中關村"):  # an alias, a traditional spelling
        short = _cli_search(search_index_dir, "--park", name, "--per-page", "100")
        assert short["total"] == canonical["total"] > 0
        assert _hits(short) == _hits(canonical)
        assert _selected(short) == [CANONICAL]
        assert short["filters"] == {"park": [CANONICAL]}


def test_the_api_shows_the_canonical_value_a_short_name_resolved_to(client) -> None:
    canonical = search_json(client, park=CANONICAL, q="高新区")
    short = search_json(client, park=SHORT_NAME, q="高新区")
    assert short["total"] == canonical["total"] > 0 and _hits(short) == _hits(canonical)
    assert _selected(short) == [CANONICAL]
    assert short["filters"] == {"park": [CANONICAL]}  # the filter as applied, as trends lists it
    # The short name and the canonical value together are one filter, shown once.
    both = search_json(client, park=[SHORT_NAME, CANONICAL])
    assert (
        _selected(both) == [CANONICAL]
        and both["filters"] == {"park": [CANONICAL]}
        and both["total"] == search_json(client, park=CANONICAL)["total"]
    )


def test_the_page_chip_shows_the_resolved_value_the_json_marks_selected(client) -> None:
    html = page_text(client.get("/", query_string={"park": SHORT_NAME}))
    assert _park_chips(html) == _selected(search_json(client, park=SHORT_NAME)) == [CANONICAL]
    assert f'name="park" value="{CANONICAL}" checked' in html  # the sidebar ticks it too


def test_trends_filter_on_the_resolved_park(client) -> None:
    short = trends_json(client, q="", park=SHORT_NAME, interval="year")
    canonical = trends_json(client, q="", park=CANONICAL, interval="year")
    assert short["series"] == canonical["series"] and canonical["series"][0]["total"] > 0


def test_the_trends_page_chip_shows_the_park_its_counts_are_of(client) -> None:
    html = page_text(client.get("/trends", query_string={"park": SHORT_NAME, "q": "高新区"}))
    assert _park_chips(html) == [CANONICAL]
    # The form and the links carry it too: comparing again or following a count keeps it.
    assert f'name="park" value="{CANONICAL}"' in html
    assert f'name="park" value="{SHORT_NAME}"' not in html
    assert "park=" + quote(CANONICAL) in html
    assert not re.search("park=" + re.escape(quote(SHORT_NAME)) + "(?!%)", html)
    unknown = page_text(client.get("/trends", query_string={"park": "没有这个园区"}))
    assert _park_chips(unknown) == ["没有这个园区"]


def test_a_resolving_facet_without_a_gazetteer_stops_the_service_by_name() -> None:
    taxonomy = load_taxonomy(None)
    assert alias_gazetteers(taxonomy)["park"][CANONICAL]  # the park's aliases, 中关村 among them
    with pytest.raises(ValueError, match="industry resolves_aliases"):
        alias_gazetteers(taxonomy, ("park", "industry"))


def test_an_unknown_park_still_matches_nothing_and_is_shown_as_given(client) -> None:
    body = search_json(client, park="没有这个园区")
    assert body["total"] == 0 and body["results"] == []
    selected = [bucket for bucket in body["facets"]["park"] if bucket["selected"]]
    assert selected == [{"value": "没有这个园区", "count": 0, "selected": True}]
    html = page_text(client.get("/", query_string={"park": "没有这个园区"}))
    assert _park_chips(html) == ["没有这个园区"]


def test_a_name_of_two_parks_resolves_to_neither(search_index_dir: Path, tmp_path: Path) -> None:
    # The gazetteer refuses a spelling twice; two spellings that fold alike (中關村, 中关村)
    # still name two parks: a filter by that name picks neither.
    taxonomy = tmp_path / "taxonomy"
    shutil.copytree(PROJECT_ROOT / "search" / "entities" / "taxonomy", taxonomy)
    with (taxonomy / "parks.yaml").open("a", encoding="utf-8") as parks:
        parks.write(
            "  - {name: 歧义测试园区, aliases: [中關村], kind: 科技园, parent: null,"
            " city: 北京, province: 北京}\n"
        )
    with SearchService(search_index_dir, taxonomy_dir=taxonomy, time_budget=30.0) as service:
        ambiguous = service.search(SearchRequest(filters={"park": (SHORT_NAME,)}))
        assert ambiguous.total == 0 and ambiguous.filters == {"park": (SHORT_NAME,)}
        assert [bucket.value for bucket in ambiguous.facets["park"] if bucket.selected] == [
            SHORT_NAME
        ]
        # An alias naming one park still resolves under the same gazetteer.
        alias = service.search(SearchRequest(filters={"park": ("北京中关村",)}))
        assert alias.filters == {"park": (CANONICAL,)} and alias.total > 0
