"""Park, organisation and policy-document pages and the park directory over the shared index:
every facet value has a page whose figures are the filtered search's; a timeline of many years.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from corpus_fixtures import build
from web_fixtures import hrefs, page_text

from search.models import ENTITY_FACETS

LISTS = {
    "park": "parks",
    "industry": "industries",
    "policy_type": "policy_types",
    "organization": "organizations",
    "policy_document": "policy_documents",
}


def ok_json(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def entity_path(facet: str, name: str) -> str:
    return f"/{ENTITY_FACETS[facet]}/{quote(name, safe='')}"


def every_result(client, facet: str, value: str) -> list[dict]:
    """All paragraphs of the search filtered by `value`, newest first."""
    results, page = [], 1
    while True:
        body = ok_json(
            client.get(
                "/api/search",
                query_string={facet: value, "sort": "date", "per_page": 100, "page": page},
            )
        )
        results += body["results"]
        if len(results) >= body["total"]:
            return results
        page += 1


def check_profile_against_search(client, facet: str, value: str) -> None:
    profile = ok_json(client.get("/api" + entity_path(facet, value)))
    search = ok_json(client.get("/api/search", query_string={facet: value, "sort": "date"}))
    grouped = ok_json(client.get("/api/search", query_string={facet: value, "group": "article"}))
    assert profile["name"] == value
    assert profile["paragraphs"] == search["total"] > 0
    assert profile["articles"] == grouped["total"]
    for other, key in LISTS.items():
        if other == facet:
            continue
        expected = [{"value": b["value"], "count": b["count"]} for b in search["facets"][other]]
        if facet == "park" and other == "park":
            assert key not in profile
        else:
            assert profile[key] == expected, (facet, value, key)
    years = {bucket["value"]: bucket["count"] for bucket in search["facets"]["year"]}
    assert {point["period"]: point["count"] for point in profile["timeline"] if point["count"]} == (
        years
    )
    assert [hit["paragraph_id"] for hit in profile["latest"]] == [
        hit["paragraph_id"] for hit in search["results"]
    ]
    # Co-mentions of the same kind: how many of the entity's paragraphs also carry each value.
    everything = every_result(client, facet, value)
    for bucket in profile[LISTS[facet]] if facet != "park" else []:
        tagged = [hit for hit in everything if bucket["value"] in hit[LISTS[facet]]]
        assert bucket["count"] == len(tagged) and bucket["value"] != value
    html = page_text(client.get(entity_path(facet, value)))
    assert f'<strong class="entity-paragraphs">{profile["paragraphs"]}</strong>' in html
    assert f'<strong class="entity-articles">{profile["articles"]}</strong>' in html


@pytest.mark.parametrize("facet", list(ENTITY_FACETS))
def test_every_facet_value_has_a_page_with_the_filtered_search_figures(client, facet) -> None:
    values = [bucket["value"] for bucket in ok_json(client.get("/api/facets"))[facet]]
    assert values
    for value in values:
        check_profile_against_search(client, facet, value)


def test_park_json_has_the_documented_shape_and_gazetteer_metadata(client) -> None:
    profile = ok_json(client.get("/api" + entity_path("park", "青岛高新区")))
    assert list(profile) == [
        "name", "kind", "aliases", "city", "province", "parent", "paragraphs", "articles",
        "first_date", "last_date", "industries", "policy_types", "organizations",
        "policy_documents", "timeline", "latest",
    ]  # fmt: skip
    assert profile["kind"] == "国家高新区" and profile["city"] == "青岛"
    assert profile["province"] == "山东" and "青岛高新技术产业开发区" in profile["aliases"]
    assert len(profile["latest"]) == 10 and "highlight" in profile["latest"][0]
    child = ok_json(client.get("/api" + entity_path("park", "蓝贝创新园")))
    assert child["parent"] == "青岛高新区"


def test_an_alias_redirects_to_the_canonical_page(client) -> None:
    for prefix in ("", "/api"):
        response = client.get(prefix + entity_path("park", "青岛高新技术产业开发区"))
        assert response.status_code == 302
        assert unquote(urlsplit(response.headers["Location"]).path) == f"{prefix}/parks/青岛高新区"
    bracketed = "《关于聚焦创新引领 加快企业雁阵培育推动高质量发展的试行意见》"
    response = client.get(entity_path("policy_document", bracketed))
    assert response.status_code == 302
    assert unquote(response.headers["Location"]).endswith(
        "/关于聚焦创新引领加快企业雁阵培育推动高质量发展的试行意见"
    )


def test_a_gazetteer_park_without_paragraphs_has_an_empty_page(client) -> None:
    profile = ok_json(client.get("/api" + entity_path("park", "北京经开区")))
    assert profile["paragraphs"] == 0 and profile["latest"] == [] and profile["kind"]
    assert "还没有提及它的段落" in page_text(client.get(entity_path("park", "北京经开区")))


@pytest.mark.parametrize("facet", list(ENTITY_FACETS))
def test_an_unknown_name_is_404_in_chinese(client, facet) -> None:
    page = client.get(entity_path(facet, "不存在的名字"))
    assert page.status_code == 404 and "没有这个" in page.get_data(as_text=True)
    api = client.get("/api" + entity_path(facet, "不存在的名字"))
    assert api.status_code == 404 and "没有这个" in api.get_json()["error"]["message"]
    assert client.get("/api" + entity_path(facet, "名" * 300)).status_code == 404


def test_entity_page_links_tags_to_pages_and_offers_the_filter(client) -> None:
    html = page_text(client.get(entity_path("park", "青岛高新区")))
    assert "/?park=青岛高新区" in [unquote(link) for link in hrefs(html)]  # 筛选
    organizations = hrefs(html, "/organizations/")
    documents = hrefs(html, "/policy-documents/")
    assert organizations and documents
    assert client.get(organizations[0]).status_code == 200


def test_result_tags_open_entity_pages_and_industries_stay_filters(client) -> None:
    html = page_text(client.get("/", query_string={"q": "高新区"}))
    assert hrefs(html, "/parks/")
    industry_links = [link for link in hrefs(html, "industry=") if link.startswith("/?")]
    assert industry_links  # an industry has no page: its tag still adds the filter


def test_directory_lists_every_park_with_its_search_count(client) -> None:
    body = ok_json(client.get("/api/parks"))
    names = [row["name"] for row in body["parks"]]
    assert body["total"] == len(names) == len(set(names))
    facet_parks = [bucket["value"] for bucket in ok_json(client.get("/api/facets"))["park"]]
    assert set(facet_parks) <= set(names)
    counts = [row["paragraphs"] for row in body["parks"]]
    assert counts == sorted(counts, reverse=True)
    first = body["parks"][0]
    search = ok_json(client.get("/api/search", query_string={"park": first["name"]}))
    assert first["paragraphs"] == search["total"]


def test_directory_filters_by_province_and_kind_and_sorts_by_name(client) -> None:
    shandong = ok_json(client.get("/api/parks", query_string={"province": "山东"}))["parks"]
    assert shandong and all(row["province"] == "山东" for row in shandong)
    assert "青岛高新区" in [row["name"] for row in shandong]
    kind = ok_json(client.get("/api/parks", query_string={"kind": "园中园", "sort": "name"}))
    names = [row["name"] for row in kind["parks"]]
    assert names == sorted(names) and all(row["kind"] == "园中园" for row in kind["parks"])
    html = page_text(client.get("/parks", query_string={"province": "山东"}))
    assert f"共 <strong>{len(shandong)}</strong> 个园区" in html


def test_directory_lists_countries_apart_from_provinces(client) -> None:
    """QA L5: the 省份 select lists China's provinces; the countries of zones abroad (吉布提,
    匈牙利) come in a group of their own, and still filter."""
    html = page_text(client.get("/parks"))
    select = html[html.index('<select name="province">') :]
    select = select[: select.index("</select>")]
    home = select[select.index('<optgroup label="国内">') : select.index("</optgroup>")]
    abroad = select[select.index('<optgroup label="国外') :]
    assert ">山东<" in home and ">北京<" in home
    assert ">吉布提<" in abroad and ">匈牙利<" in abroad
    assert ">吉布提<" not in home and ">山东<" not in abroad
    rows = ok_json(client.get("/api/parks", query_string={"province": "吉布提"}))["parks"]
    assert [row["name"] for row in rows] == ["吉布提国际自贸区"]


def test_directory_csv_has_a_row_per_park(client) -> None:
    response = client.get("/api/parks", query_string={"province": "山东", "format": "csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    expected = ok_json(client.get("/api/parks", query_string={"province": "山东"}))["parks"]
    assert [row["name"] for row in rows] == [row["name"] for row in expected]
    assert rows[0]["url"].startswith("http://localhost/parks/")


@pytest.mark.parametrize(
    "query",
    [{"kind": "大学城"}, {"sort": "size"}, {"format": "xml"}, {"color": "red"}],
)
def test_directory_rejects_bad_parameters_with_400(client, query) -> None:
    assert client.get("/api/parks", query_string=query).status_code == 400
    page = client.get("/parks", query_string=query)
    assert page.status_code == 400 and "参数" in page.get_data(as_text=True)


def test_the_timeline_counts_every_year_of_a_park_mentioned_in_many_years(
    serve, tmp_path: Path
) -> None:
    # More years than a result facet lists (50): the timeline counted only the 50 listed and
    # drew the others as 0 or not at all (here it ended in 2009).
    years = [year for year in range(1960, 2020) if year != 1990]
    records = [
        {
            "id": f"qd{year}",
            "title": f"青岛高新区{year}年度综述",
            "date": f"{year}-06-01",
            "paragraphs": [f"青岛高新区{year}年新增科技企业{year - 1900}家。"],
        }
        for year in years
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    (corpus / "years.jsonl").write_text("".join(lines), encoding="utf-8")
    build(corpus, tmp_path / "index")
    profile = ok_json(serve(tmp_path / "index").get("/api" + entity_path("park", "青岛高新区")))
    assert profile["paragraphs"] == len(years)
    assert profile["timeline"] == [
        {"period": str(year), "count": 0 if year == 1990 else 1} for year in range(1960, 2020)
    ]
