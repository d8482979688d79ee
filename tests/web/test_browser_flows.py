"""A real Chromium (Playwright) against the real app under waitress (tests/browser_fixtures.py):
what a user does — search, two parks, open a hit; the phone layout; trends; tag explanations;
suggestions; from a hit through entity pages back to a filtered search.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from browser_fixtures import DESKTOP, PHONE, shoot

pytestmark = pytest.mark.browser

TARGET_BACKGROUND = "rgb(255, 247, 214)"  # --target in web/static/style.css


def test_search_two_parks_open_hit_lands_on_highlighted_paragraph(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(base_url + "/")
    page.fill("#q", "高新区")
    with page.expect_navigation():
        page.press("#q", "Enter")
    assert "共" in page.inner_text(".result-count")

    boxes = page.locator(".facet-park input[type=checkbox]")
    parks = [boxes.nth(0).get_attribute("value"), boxes.nth(1).get_attribute("value")]
    for value in parks:
        with page.expect_navigation():  # app.js submits the facet form on change
            page.check(f'.facet-park input[value="{value}"]')
    assert parse_qs(urlsplit(page.url).query)["park"] == parks
    assert page.locator(".chip").count() == 2
    shoot(page, "search-desktop")

    title = page.locator(".hit-title a").first
    href = title.get_attribute("href")
    paragraph_id = href.split("#", 1)[1]
    with page.expect_navigation():
        title.click()
    target = page.locator(f'[id="{paragraph_id}"]')
    assert target.evaluate("element => element.matches(':target')")
    assert target.evaluate("element => getComputedStyle(element).backgroundColor") == (
        TARGET_BACKGROUND
    )
    assert target.locator(".para-text mark").count() > 0  # the query's terms, marked server-side
    assert target.is_visible()
    assert target.locator(".related .related-title").inner_text() == "相关段落"
    shoot(page, "article-desktop")

    page.go_back()
    assert parse_qs(urlsplit(page.url).query)["park"] == parks
    page.close()


def test_phone_layout_stacks_and_screenshots(browser, base_url) -> None:
    page = browser.new_page(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    page.goto(base_url + "/?q=生物医药")
    # No horizontal scrolling on a phone; the filters start closed above the results.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".sidebar-toggle").evaluate("element => element.open") is False
    shoot(page, "search-phone")
    href = page.locator(".hit-title a").first.get_attribute("href")
    page.goto(base_url + href)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "article-phone")
    page.close()


# Each chart label's size on screen (its CSS size times the SVG's scale) and box, and the page's
# width: a chart scaled to fit a phone drew its labels 5 pixels high (QA s11 L6).
CHART_LABELS = """() => [...document.querySelectorAll("svg.trend-chart .chart-label")]
    .filter(label => label.getBoundingClientRect().width > 0)
    .map(label => ({
        size: parseFloat(getComputedStyle(label).fontSize) * label.getScreenCTM().a,
        box: label.getBoundingClientRect().toJSON(), across: label.closest(".chart-axis") !== null,
    }))"""


@pytest.mark.parametrize(
    "path", ["/?q=芯片", "/?q=芯片&date_from=2021-01&date_to=2022-12", "/trends?q=芯片&q=集成电路"]
)
def test_chart_labels_are_readable_and_apart_on_a_phone(browser, base_url, path: str) -> None:
    page = browser.new_page(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    page.goto(base_url + path)
    labels = page.evaluate(CHART_LABELS)
    across = sorted((label["box"] for label in labels if label["across"]), key=lambda b: b["x"])
    assert len(across) >= 2 and len(labels) > len(across)  # years or months, and counts
    assert all(label["size"] >= 12 for label in labels), labels
    assert all(
        left["right"] <= right["left"] for left, right in zip(across, across[1:], strict=False)
    )
    assert all(
        label["box"]["left"] >= 0 and label["box"]["right"] <= PHONE["width"] for label in labels
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "chart-phone" if path.startswith("/?") else "trends-phone")
    page.close()


# The x labels a chart frame of `width` CSS pixels (its content box) shows, with their classes.
SHOWN_AT_WIDTH = """width => {
    const frame = document.querySelector(".chart-frame");
    frame.style.boxSizing = "content-box";
    frame.style.width = width + "px";
    return [...frame.querySelectorAll(".x-label")]
        .filter(label => getComputedStyle(label).display !== "none")
        .map(label => label.getAttribute("class"));
}"""


@pytest.mark.parametrize(("width", "kept"), [(420, "keep-3"), (420.5, "keep-2"), (640, "keep-2")])
def test_a_narrow_chart_thins_its_labels_at_any_width(browser, base_url, width, kept) -> None:
    # Under zoom a frame can be 420.5 px wide: it fell between (max-width: 420px) and
    # (min-width: 421px) and showed every label.
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(base_url + "/?q=芯片")
    everything = page.locator(".chart-frame .x-label").count()
    shown = page.evaluate(SHOWN_AT_WIDTH, width)
    assert 0 < len(shown) < everything
    assert all(kept in classes.split() for classes in shown), shown
    page.close()


def test_the_trend_line_segments_have_round_caps(browser, base_url) -> None:
    # The line is drawn as segments: butt caps left notches at sharp turns.
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(base_url + "/trends?q=芯片&q=集成电路")
    segment = page.locator("svg.trend-chart .series-line line").first
    assert segment.evaluate("line => getComputedStyle(line).strokeLinecap") == "round"
    page.close()


def test_trends_page_draws_two_lines_and_a_click_lists_that_year(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto(base_url + "/trends?q=芯片&q=集成电路")
    assert page.locator("svg.trend-chart .series-line").count() == 2
    assert page.locator("svg.trend-chart .series-line line").first.is_visible()
    share_link = page.get_by_role("link", name="占比")
    shoot(page, "trends-desktop")
    point = page.locator('a.trend-point[data-query="芯片"][data-period="2023"]')
    with page.expect_navigation():
        point.click()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["芯片"], "date_from": ["2023"], "date_to": ["2023"]}
    dates = page.locator(".hit-meta span:first-child").all_inner_texts()
    assert dates and all(date.startswith("2023-") for date in dates)
    assert page.locator(".chip-date").is_visible()
    page.go_back()
    with page.expect_navigation():
        share_link.click()
    assert "measure=share" in page.url
    assert page.locator("svg.trend-chart .chart-label", has_text="%").count() > 0
    assert not [text for text in violations if "Content Security Policy" in text]
    page.close()


def test_a_tag_says_why_on_hover_and_keyboard_focus(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(base_url + "/?q=生物医药")
    tag = page.locator(".hit .tag-industry").first
    reason = tag.locator(".tag-why")
    assert not reason.is_visible()
    tag.focus()  # keyboard users see the same explanation as mouse users
    assert reason.is_visible()
    assert reason.inner_text().startswith("标为 ")
    page.locator("#q").focus()
    assert not reason.is_visible()
    tag.hover()
    assert reason.is_visible()
    href = page.locator(".hit-title a").first.get_attribute("href")
    page.goto(base_url + href)
    # the phrases that decided the tags are marked in the paragraph text
    assert page.locator(".para-text .evidence").count() > 0
    page.close()


def test_suggestions_are_offered_and_chosen_with_the_keyboard(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(base_url + "/")
    page.type("#q", "青岛")
    options = page.locator("#suggestions [role=option]")
    options.first.wait_for()
    assert page.get_attribute("#q", "aria-expanded") == "true"
    first = options.first.locator("span").first.inner_text()
    assert first.startswith("青岛")
    page.press("#q", "ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        page.press("#q", "Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == [first]
    assert not errors  # no CSP violation, no script error
    page.close()


def test_escape_closes_the_suggestions_and_keeps_the_query(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(base_url + "/?q=集成电路")
    page.click("#q")
    page.press("#q", "End")
    page.type("#q", " 青岛")
    page.locator("#suggestions [role=option]").first.wait_for()
    page.press("#q", "Escape")
    assert page.locator("#suggestions").is_hidden()
    assert page.get_attribute("#q", "aria-expanded") == "false"
    # The list was open: Escape only closes it (Chromium's own Escape clears a search field).
    assert page.input_value("#q") == "集成电路 青岛"
    page.close()


def click_through(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_from_a_hit_through_entity_pages_back_to_a_filtered_search(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(base_url + "/?q=雁阵")
    tag = page.locator(".hit .tag-park").first
    park = unquote(tag.get_attribute("href").rsplit("/", 1)[1])
    click_through(page, tag)
    assert unquote(urlsplit(page.url).path) == f"/parks/{park}"
    assert page.locator("h1").inner_text() == park
    assert page.locator(".bars .bar-fill").count() > 0  # industry and policy-type bars
    shoot(page, "park-desktop")

    # A co-mentioned organisation whose own page lists a cited policy document.
    profile = page.request.get(f"{base_url}/api{urlsplit(page.url).path}").json()
    for candidate in profile["organizations"]:
        found = page.request.get(f"{base_url}/api/organizations/{candidate['value']}").json()
        if found["policy_documents"]:
            organization = candidate["value"]
            break
    else:
        pytest.fail(f"no organisation on the page of {park} cites a policy document")
    links = page.locator(".entity-links-organization a", has_text=organization)
    click_through(page, links.first)
    assert page.locator("h1").inner_text() == organization

    click_through(page, page.locator(".entity-links-policy_document a").first)
    title = page.locator("h1").inner_text().strip("《》")
    assert unquote(urlsplit(page.url).path) == f"/policy-documents/{title}"
    paragraphs = page.locator(".entity-paragraphs").inner_text()
    shoot(page, "policy-document-desktop")

    click_through(page, page.locator(".entity-filter").first)  # 筛选
    assert parse_qs(urlsplit(page.url).query)["policy_document"] == [title]
    assert page.locator(".result-count strong").inner_text() == paragraphs
    assert page.locator(".chip").count() == 1
    page.close()
