"""The report in a real browser (Debian's chromium through Playwright): it renders, its
plots load from the page itself, and axe-core finds no accessibility violation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.insights.report import write
from tests.bot.insights import known
from tests.helpers import ROOT

pytestmark = pytest.mark.integration

AXE = ROOT / "tests" / "vendor" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def page_factory():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("chromium is missing: run `make browser` (scripts/install_browser.sh).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("http*://**", lambda route: route.abort())  # self-contained: no network
        yield context.new_page
        context.close()
        browser.close()


def axe_violations(page) -> list:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")
    return result


@pytest.mark.parametrize("lang", ["de", "fr", "en"])
def test_report_renders_and_has_no_axe_violations(sqlite_report, tmp_path, page_factory, lang):
    html = write(sqlite_report, lang, tmp_path)["html"]
    page = page_factory()
    page.goto(html.as_uri())
    assert page.evaluate("document.documentElement.lang") == lang
    images = page.locator("img")
    assert images.count() == 4
    for i in range(4):  # every plot decoded from its data URI
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 300")
        assert images.nth(i).get_attribute("alt")
    assert page.locator("h2").count() == 8
    body = page.inner_text("body")
    assert known.EMAIL not in body and known.IBAN not in body and known.PHONE not in body
    if lang == "de":
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "insights.png"), full_page=True)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)
    page.close()


def test_axe_finds_a_planted_violation(tmp_path, page_factory):
    """The check above can fail: a page without lang and a plot without alt text."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    page = page_factory()
    page.goto(bad.as_uri())
    ids = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "html-has-lang"} <= ids
    page.close()
