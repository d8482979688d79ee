"""A real Chromium (Playwright) against the real app under waitress: search, two parks, open a
hit; the facet sidebar and pager by keyboard alone; an axe-core audit of every page.

Screenshots of the search and article pages (desktop 1280×900, phone 390×844) go to
tests/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import waitress

from web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TARGET_BACKGROUND = "rgb(255, 247, 214)"  # --target in web/static/style.css
# axe-core 4, vendored for tests only (tests/vendor/README.md): evaluated in the page by the
# test, never served by the app.
AXE_SCRIPT = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
# Every page the audit opens, one line each; `{name}` fields come from the `ids` fixture.
AUDITED_PAGES = (
    "/",
    "/?q=高新区",
    "/?q=高新区&park={park}",
    "/?q=高新区&page={last_page}",
    "/?q=没有这样的词语组合xyz",
    "/articles/{article_id}?q=高新区",
    "/articles/{article_id}/source?paragraph={paragraph_id}",
    "/articles/{record_article_id}/source?paragraph={record_paragraph_id}",
    "/no/such/page",
    "/?page=abc",
    "/?q=高新区&park={park}&date_from=2023-13",
    "/trends?q=芯片&q=集成电路",
    "/parks",
    "/parks/{park}",
    "/organizations/{organization}",
    "/policy-documents/{policy_document}",
)


@pytest.fixture(scope="module")
def base_url(web_service) -> Iterator[str]:
    app = create_app(service=web_service)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)
    # waitress's close leaves its request threads running: other modules of this test process
    # (a split .jsonl read forks only without other threads) must not inherit them.
    server.task_dispatcher.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def ids(browser, base_url) -> dict[str, str]:
    """Ids of real articles and paragraphs for the audited page URLs, read from the API."""
    page = browser.new_page()
    try:

        def api(path: str) -> dict:
            return page.request.get(base_url + path).json()

        hits = api("/api/search?q=高新区&per_page=10")
        text_hit = next(hit for hit in hits["results"] if hit["source"]["file"].endswith(".txt"))
        record_hit = api("/api/search?q=光谷激光")["results"][0]
        return {
            "park": hits["facets"]["park"][0]["value"],
            "organization": hits["facets"]["organization"][0]["value"],
            "policy_document": hits["facets"]["policy_document"][0]["value"],
            "last_page": str(-(-hits["total"] // 10)),
            "article_id": text_hit["article_id"],
            "paragraph_id": text_hit["paragraph_id"],
            "record_article_id": record_hit["article_id"],
            "record_paragraph_id": record_hit["paragraph_id"],
        }
    finally:
        page.close()


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the open page: rule id, impact, help and a few elements."""
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(rule => ({
                id: rule.id, impact: rule.impact, help: rule.help,
                elements: rule.nodes.slice(0, 3).map(node => node.target.join(" ")),
            }));
        }"""
    )


def assert_accessible(page, url: str) -> None:
    """Open `url` and fail on any axe-core violation of impact serious or critical."""
    page.goto(url)
    blocking = [rule for rule in axe_violations(page) if rule["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n".join(
        f"{rule['impact']} {rule['id']}: {rule['help']} at {rule['elements']}" for rule in blocking
    )


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


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


def test_trends_page_draws_two_lines_and_a_click_lists_that_year(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto(base_url + "/trends?q=芯片&q=集成电路")
    assert page.locator("svg.trend-chart polyline.series-line").count() == 2
    assert page.locator("svg.trend-chart polyline.series-line").first.is_visible()
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


@pytest.mark.parametrize("path", AUDITED_PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_or_critical_violation(
    browser, base_url, ids, path: str, viewport: dict
) -> None:
    page = browser.new_page(viewport=viewport, locale="zh-CN")
    try:
        assert_accessible(page, base_url + path.format(**ids))
        assert page.locator("h1").count() == 1
    finally:
        page.close()


def test_axe_is_not_served_by_the_app(browser, base_url) -> None:
    page = browser.new_page()
    for path in ("/static/axe.min.js", "/tests/vendor/axe.min.js", "/axe.min.js"):
        assert page.request.get(base_url + path).status == 404
    page.close()


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector` (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_facets_and_pager_work_by_keyboard_alone(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(base_url + "/?q=高新区")
    tab_to(page, ".facet-park input[type=checkbox]")
    park = page.evaluate("document.activeElement.value")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert parse_qs(urlsplit(page.url).query)["park"] == [park]

    # A collapsed facet opens with Enter on its summary; its values are then reachable.
    page.goto(base_url + "/?q=高新区")
    tab_to(page, ".facet-organization > summary")
    page.keyboard.press("Enter")
    assert page.locator(".facet-organization").evaluate("element => element.open")
    tab_to(page, ".facet-organization input[type=checkbox]")

    page.goto(base_url + "/?q=高新区")
    tab_to(page, '.pagination a[rel="next"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["page"] == ["2"]
    tab_to(page, '.pagination a[rel="prev"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "page" not in parse_qs(urlsplit(page.url).query)
    page.close()


def test_skip_link_takes_the_keyboard_past_the_filters(browser, base_url) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(base_url + "/?q=高新区")
    tab_to(page, ".skip-link")
    assert page.locator(".skip-link").is_visible()  # hidden only until focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.results') !== null")
    page.close()
