"""The HTML pages through Flask's test client over the shared web index (tests/web_fixtures.py):
search, article, source, errors; where the search page's links lead is in test_page_links.py.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from web_fixtures import (
    HOSTILE_TITLE,
    page_text,
    search_json,
)


def test_search_page_keeps_query_and_shows_count_parsed_query_and_hits(client) -> None:
    expected = search_json(client, q="生物医药 产业")
    html = page_text(client.get("/", query_string={"q": "生物医药 产业"}))
    assert '<html lang="zh-CN">' in html
    assert 'value="生物医药 产业"' in html
    assert f"共 <strong>{expected['total']}</strong> 条结果" in html
    assert f"已搜索：{expected['parsed']}" in html
    first = expected["results"][0]
    assert first["highlight"] in html and "<mark>" in first["highlight"]
    assert f"/articles/{first['article_id']}?q=" in html
    assert f'href="{first["url"]}"' in html  # the paragraph permalink


def test_industry_tags_add_their_filter_and_park_tags_open_the_park_page(client) -> None:
    body = search_json(client, q="高新区")
    tagged = next(hit for hit in body["results"] if hit["industries"] and hit["parks"])
    industry, park = tagged["industries"][0], tagged["parks"][0]
    html = page_text(client.get("/", query_string={"q": "高新区"}))
    tags = re.findall(r'<a class="tag tag-(\w+)[^"]*"\s+href="([^"]*)"', html)
    industry_links = [
        parse_qs(urlsplit(unescape(href)).query) for kind, href in tags if kind == "industry"
    ]
    assert {"q": ["高新区"], "industry": [industry]} in industry_links
    park_links = [unquote(href) for kind, href in tags if kind == "park"]
    assert f"/parks/{park}" in park_links


def test_facet_sidebar_has_counts_checkboxes_and_chips(client) -> None:
    facets = search_json(client)["facets"]
    park = facets["park"][0]
    html = page_text(client.get("/"))
    assert "园区" in html and "产业" in html and "政策类型" in html
    assert f'name="park" value="{park["value"]}"' in html
    assert f'<span class="count">{park["count"]}</span>' in html
    assert 'class="chips"' not in html

    filtered = page_text(client.get("/", query_string={"park": park["value"]}))
    assert f'name="park" value="{park["value"]}" checked' in filtered
    chip = re.search(r'<a class="chip" href="([^"]*)"', filtered)
    assert chip is not None and "park=" not in chip.group(1)
    assert "清除全部" in filtered


def test_two_parks_are_or_and_counts_are_disjunctive(client) -> None:
    first, second = (bucket["value"] for bucket in search_json(client)["facets"]["park"][:2])
    both = client.get("/api/search", query_string=[("park", first), ("park", second)]).get_json()
    one = search_json(client, park=first)
    assert both["total"] > one["total"]
    # Disjunctive: the park facet still counts the unselected park while filtering by one.
    counts = {bucket["value"]: bucket["count"] for bucket in one["facets"]["park"]}
    assert counts[second] > 0
    html = page_text(client.get("/", query_string=[("park", first), ("park", second)]))
    assert html.count('<a class="chip"') == 2


def test_empty_state_offers_help_and_a_way_to_drop_the_filter(client) -> None:
    park = search_json(client)["facets"]["park"][0]["value"]
    html = page_text(client.get("/", query_string={"q": "量子引力弦论", "park": park}))
    assert "没有找到匹配的段落" in html
    assert "减少关键词" in html
    assert f"去掉“{park}”" in html


def test_relaxed_match_is_announced(client) -> None:
    query = "高新区 zzqqxxyy"
    assert search_json(client, q=query)["relaxed"] is True
    assert "没有段落同时包含全部关键词" in page_text(client.get("/", query_string={"q": query}))


def test_article_page_has_anchors_tags_source_links_and_marks_query(client) -> None:
    hit = search_json(client, q="生物医药")["results"][0]
    article = client.get(f"/api/articles/{hit['article_id']}").get_json()
    html = page_text(client.get(f"/articles/{hit['article_id']}", query_string={"q": "生物医药"}))
    assert f"<h1>{article['title']}</h1>" in html
    for paragraph in article["paragraphs"]:
        assert f'id="{paragraph["paragraph_id"]}"' in html
    assert "<mark>生物医药</mark>" in html
    span = hit["source"]
    source_link = f"/source?paragraph={hit['paragraph_id']}#L{span['line_start']}"
    assert source_link in html
    plain = page_text(client.get(f"/articles/{hit['article_id']}"))
    assert "<mark>" not in plain


def test_source_view_numbers_lines_and_marks_the_paragraph(client) -> None:
    hit = search_json(client, q="生物医药")["results"][0]
    span = hit["source"]
    html = page_text(
        client.get(
            f"/articles/{hit['article_id']}/source", query_string={"paragraph": hit["paragraph_id"]}
        )
    )
    marked = [int(number) for number in re.findall(r'<tr id="L(\d+)" class="is-marked"', html)]
    assert marked == list(range(span["line_start"], span["line_end"] + 1))
    assert 'href="#L1"' in html
    assert span["file"] in html
    whole = page_text(client.get(f"/articles/{hit['article_id']}/source"))
    assert whole.count('class="is-marked"') >= len(marked)


def test_unknown_paragraph_in_source_view_is_a_friendly_404(client) -> None:
    article_id = search_json(client)["results"][0]["article_id"]
    response = client.get(
        f"/articles/{article_id}/source", query_string={"paragraph": f"{article_id}-999"}
    )
    assert response.status_code == 404
    assert "没有段落" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/articles/ffffffffffff", 404, "没有找到"),
        ("/no/such/page", 404, "没有找到这个页面"),
        ("/?per_page=500", 400, "per_page"),
        ("/?page=abc", 400, "正整数"),
    ],
)
def test_error_pages_are_friendly_chinese_html(client, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert words in html and '<html lang="zh-CN">' in html and "Traceback" not in html
    assert 'name="q"' in html  # a search box to carry on from


def test_hostile_article_is_shown_as_text_everywhere(client) -> None:
    body = search_json(client, q="张江 扶持政策")
    hit = next(hit for hit in body["results"] if hit["article_title"] == HOSTILE_TITLE)
    pages = [
        page_text(client.get("/", query_string={"q": "张江 扶持政策"})),
        page_text(client.get(f"/articles/{hit['article_id']}", query_string={"q": "张江"})),
        page_text(client.get(f"/articles/{hit['article_id']}/source")),
    ]
    for html in pages:
        assert "<script>alert" not in html and "<b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;b&gt;" in html


@pytest.mark.parametrize(
    "mode",
    [
        {"q": "高新区", "group": "article"},
        {"q": "生物医药", "group": "article", "sort": "date"},
        {"q": "企业", "field": "title"},
        {"q": "园区", "field": "title", "industry": "新一代信息技术"},
    ],
    ids=["grouped", "grouped-by-date", "title-only", "title-only-filtered"],
)
def test_facet_counts_of_a_search_listing_articles_are_what_each_tick_gives(
    client, mode: dict
) -> None:
    # The search lists articles, so a value's count is its articles (QA M2: 10 paragraphs of
    # 2 articles said 10, a tick gave 1), on the page as in the JSON.
    shown = search_json(client, **mode)
    html = page_text(client.get("/", query_string=mode))
    ticked = 0
    for facet, buckets in shown["facets"].items():
        for bucket in buckets[:3]:
            value, count = bucket["value"], bucket["count"]
            total = search_json(client, **(mode | {facet: value}))["total"]  # that value alone
            assert total == count, (facet, value)
            if facet not in mode:
                on_page = rf'>{re.escape(value)}</a>\s*<span class="count">(\d+)</span>'
                assert re.findall(on_page, html) == [str(count)], (facet, value)
            ticked += 1
    assert ticked >= 5


def test_article_page_marks_what_the_results_page_marked(client) -> None:
    # A pasted question is relaxed into words, and a park named by an alias matches its other
    # names: the article page marks the same words as the hit's snippet, not one long phrase.
    for query in ("青岛高新区如何引进大企业大项目", "青岛高新技术产业开发区"):
        hit = search_json(client, q=query)["results"][0]
        marked = set(re.findall(r"<mark>(.*?)</mark>", hit["highlight"]))
        assert marked, query
        html = page_text(client.get(f"/articles/{hit['article_id']}", query_string={"q": query}))
        assert all(f"<mark>{word}</mark>" in html for word in marked), (query, marked)


def test_a_tag_taken_from_the_title_says_so_where_the_paragraph_has_no_such_words(client) -> None:
    # An article's subject park goes on paragraphs that never name it: the reason must point at
    # the title, or the reader hovering the tag sees a phrase the paragraph does not hold.
    hits = search_json(client, q="高新区", per_page=50)["results"]
    from_title, park, phrases = next(
        (hit, park, phrases)
        for hit in hits
        for park, phrases in hit["tag_evidence"].get("parks", {}).items()
        if phrases and all(phrase not in hit["text"] for phrase in phrases)
    )
    assert all(phrase in from_title["article_title"] for phrase in phrases)
    html = page_text(client.get(f"/articles/{from_title['article_id']}"))
    section = html.split(f'id="{from_title["paragraph_id"]}"')[1].split("</section>")[0]
    assert f"标为 {park}：{phrases[0]}（见标题）" in section
    own, own_park, own_phrases = next(
        (hit, park, phrases)
        for hit in hits
        for park, phrases in hit["tag_evidence"].get("parks", {}).items()
        if phrases and all(phrase in hit["text"] for phrase in phrases)
    )
    results = page_text(client.get("/", query_string={"q": "高新区", "per_page": 50}))
    reasons = re.findall(rf'id="why-{own["paragraph_id"]}-park-\d+">([^<]*)<', results)
    assert f"标为 {own_park}：{'、'.join(own_phrases)}" in reasons  # no place: in the paragraph
