"""Drives the chat widget on one page, the way a visitor does (shared by the browser tests)."""

from __future__ import annotations

import time

BOT = ".qp-chat .qp-bot"


def wait_until(page, function: str, arg=None, timeout: float = 30_000) -> None:
    """Poll a JavaScript function until it returns true. Playwright's wait_for_function builds
    its predicate with eval(), which the page's Content-Security-Policy (no 'unsafe-eval')
    refuses; page.evaluate of a function does not need eval."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(function, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true within {timeout / 1000:.0f} s: {function}")
        page.wait_for_timeout(100)


class Widget:
    """The chat widget on one page."""

    def __init__(self, page, stack) -> None:
        self.page = page
        self.stack = stack
        self.dialogs: list = []
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def load(self, page_lang: str | None = None, url: str | None = None) -> "Widget":
        # ?lang=fr: the demo page in another language (web/page.js sets <html lang>). Not
        # page.route(): chromium treats a fulfilled page as public and blocks its calls to
        # localhost (Local Network Access).
        self.page.goto((url or self.stack.page_url) + (f"?lang={page_lang}" if page_lang else ""))
        self.page.wait_for_selector(".qp-launcher")
        return self

    def open(self) -> None:
        if self.page.get_attribute(".qp-launcher", "aria-expanded") != "true":
            self.page.click(".qp-launcher")
        self.page.wait_for_selector(".qp-input", state="visible")

    def bot_count(self) -> int:
        return self.page.locator(BOT).count()

    def wait_bot(self, before: int, timeout: float = 60_000) -> str:
        """Text of the bot messages that arrived after `before` ones were there."""
        wait_until(
            self.page,
            "n => document.querySelectorAll('.qp-chat .qp-bot').length > n",
            arg=before,
            timeout=timeout,
        )
        self.page.wait_for_timeout(600)  # an answer may come in several messages
        texts = self.page.locator(f"{BOT} .qp-bubble").all_inner_texts()
        return "\n".join(texts[before:])

    def ask(self, text: str) -> str:
        before = self.bot_count()
        self.page.fill(".qp-input", text)
        self.page.press(".qp-input", "Enter")
        return self.wait_bot(before)

    def labels(self, lang: str) -> dict:
        """The widget's own words in `lang` (web/labels.js)."""
        return self.page.evaluate("lang => window.QPChatLabels[lang]", lang)

    def shot(self, artifacts, name: str) -> None:
        self.page.screenshot(path=str(artifacts / f"web_chat_{name}.png"))
