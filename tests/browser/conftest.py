"""A real browser (Debian's chromium, driven by Playwright) on the page `make run` serves.

The stack runs on its own ports (25005/25055/28080, or free ones when those are taken) so it
never clashes with tests/integration (15005/...), tests/channels or a running `make run`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from run import MODEL, Stack  # noqa: E402

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
def stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` first (make test does).")
    db = tmp_path_factory.mktemp("browser-db") / "conversations.db"
    ports = dict(rasa_port=free_port(25005), actions_port=free_port(25055), web_port=free_port(28080))
    with Stack(**ports, db=db) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("chromium is missing: run `make browser` (scripts/install_browser.sh).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
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
