"""A real Chromium (Playwright) against the real app under waitress (tests/browser_fixtures.py):
an axe-core audit of every page, desktop and phone; the facet sidebar, pager and skip link by
keyboard alone.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_fixtures import DESKTOP, PHONE

pytestmark = pytest.mark.browser

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
