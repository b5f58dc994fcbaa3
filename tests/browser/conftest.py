"""A real browser (Debian's chromium, driven by Playwright) on the page `make run` serves.

One stack and one browser serve every browser test (package scope: they stop once the
browser tests are done). The stack runs on its own ports (25005/25055/28080, or free ones
when those are taken) so it never clashes with tests/integration (15005/...), tests/integration/messengers
or a running `make run`. A second small web
server on another port plays a city's page that embeds the widget with the one-line tag
(another origin, allowed through QP_CORS_ORIGINS).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from bot.runtime.stack import MODEL, Stack
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]

ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"  # axe-core, vendored from npm
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
#: The retention the stack is started with; the privacy note must say it.
RETENTION_DAYS = 45


@pytest.fixture(scope="package")
def embed_port() -> int:
    return free_port(28090)


@pytest.fixture(scope="package")
def stack(tmp_path_factory, embed_port):
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` first (make test does).")
    db = tmp_path_factory.mktemp("browser-db") / "conversations.db"
    ports = dict(rasa_port=free_port(25005), actions_port=free_port(25055), web_port=free_port(28080))
    saved = os.environ.get("QP_CORS_ORIGINS")
    os.environ["QP_CORS_ORIGINS"] = f"http://localhost:{embed_port}"
    try:
        with Stack(**ports, db=db, env={"QP_RETENTION_DAYS": str(RETENTION_DAYS)}) as running:
            yield running
    finally:
        if saved is None:
            os.environ.pop("QP_CORS_ORIGINS", None)
        else:
            os.environ["QP_CORS_ORIGINS"] = saved


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="package")
def city_site(tmp_path_factory, embed_port):
    """A static web server on another origin; tests write their pages into `.folder`."""
    folder = tmp_path_factory.mktemp("city-site")
    server = http.server.ThreadingHTTPServer(
        ("", embed_port), functools.partial(_Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.folder = folder  # type: ignore[attr-defined]
    server.url = f"http://localhost:{embed_port}/"  # type: ignore[attr-defined]
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("chromium is missing: run `make browser` (scripts/install_browser.sh).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def context(browser):
    """A fresh browser profile per test: new localStorage, so a new conversation."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="de-DE")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture()
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


_RUN_AXE = """async () => {
  // Every rule axe-core has, the experimental ones included (label-content-name-mismatch).
  const rules = {};
  axe.getRules(['experimental']).forEach(r => { rules[r.ruleId] = { enabled: true }; });
  const result = await axe.run(document, { rules, resultTypes: ['violations'] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
  }));
}"""


def axe_violations(page) -> list:
    """axe-core's violations of any impact on the page as it is now."""
    if not page.evaluate("() => !!window.axe"):
        # Evaluated through the browser's debugging protocol: the page's Content-Security-Policy
        # (no inline scripts) stays on, as visitors get it, and still lets the test inject axe.
        page.evaluate(AXE.read_text() + "\n;undefined")
    return page.evaluate(_RUN_AXE)


def assert_no_axe_violations(page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core, {where}: {violations}"
