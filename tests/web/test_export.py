"""The CSV export of a search (`/api/search?…&format=csv`) through Flask's test client over the
shared real index: every page, the partial matches labelled and counted, the row cap."""

from __future__ import annotations

import pytest
from web_fixtures import ok_json, read_csv

from web.app import create_app


def test_csv_export_streams_every_page_with_absolute_permalinks(client) -> None:
    park = ok_json(client.get("/api/search"))["facets"]["park"][0]["value"]
    expected = ok_json(client.get("/api/search", query_string={"park": park}))["total"]
    assert expected > 10  # more than one page of the JSON view
    response = client.get("/api/search", query_string={"park": park, "format": "csv"})
    assert "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == expected == int(response.headers["X-Total-Count"])
    assert all(park in row["parks"].split("; ") for row in rows)
    assert len({row["paragraph_id"] for row in rows}) == len(rows)
    first = rows[0]
    assert first["permalink"] == (
        f"http://localhost/articles/{first['article_id']}#{first['paragraph_id']}"
    )


def _listed(client, query: str) -> list[dict]:
    """Every result of `query` as the API's pages list them (full then partial matches)."""
    listed, page = [], 1
    while batch := ok_json(
        client.get("/api/search", query_string={"q": query, "per_page": 100, "page": page})
    )["results"]:
        listed += batch
        page += 1
    return listed


# Several words with more than one export page (100 rows) of matches, and a question (no full
# match).
@pytest.mark.parametrize(
    ("query", "pages"), [("高新区 集成电路", 2), ("高新区如何培育科技型企业", 1)]
)
def test_csv_export_holds_the_partial_matches_labelled_and_counted(
    client, query: str, pages: int
) -> None:
    # Before, the export stopped after its first 100 rows, its headers counted the full
    # matches only, and nothing told a partial row from a full one.
    body = ok_json(client.get("/api/search", query_string={"q": query}))
    assert body["partial_total"] > 0
    assert -(-(body["total"] + body["partial_total"]) // 100) == pages
    response = client.get("/api/search", query_string={"q": query, "format": "csv"})
    rows = read_csv(response)
    assert int(response.headers["X-Total-Count"]) == body["total"]
    assert int(response.headers["X-Partial-Count"]) == body["partial_total"]
    assert int(response.headers["X-Export-Rows"]) == len(rows)
    assert len(rows) == body["total"] + body["partial_total"]
    listed = _listed(client, query)
    assert [row["paragraph_id"] for row in rows] == [hit["paragraph_id"] for hit in listed]
    for row, hit in zip(rows, listed, strict=True):
        assert row["partial"] == ("true" if hit["partial"] else "false")
        assert row["missing"] == "; ".join(hit["missing"])
    assert sum(row["partial"] == "true" for row in rows) == body["partial_total"]


def test_csv_export_stops_at_the_configured_cap(web_service) -> None:
    capped = create_app(service=web_service, config={"EXPORT_MAX_ROWS": 7}).test_client()
    response = capped.get("/api/search", query_string={"q": "高新区", "format": "csv"})
    assert len(read_csv(response)) == 7
    assert int(response.headers["X-Total-Count"]) > 7
    assert response.headers["X-Export-Rows"] == "7"
    # Fewer full matches than the cap: partial ones fill it, and the headers say so.
    response = capped.get("/api/search", query_string={"q": "高新区 集成电路", "format": "csv"})
    rows = read_csv(response)
    assert response.headers["X-Export-Rows"] == "7" and len(rows) == 7
    full = int(response.headers["X-Total-Count"])
    assert full < 7 < full + int(response.headers["X-Partial-Count"])
    assert [row["partial"] for row in rows] == ["false"] * full + ["true"] * (7 - full)
