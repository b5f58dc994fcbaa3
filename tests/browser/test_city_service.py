"""The web chat as a city service (issue 15): welcome with starter questions, short labelled
sources, thumbs up/down stored as Rasa events, the privacy note, "new conversation", the page
in the chosen language, the phone focus trap, the one-line embed on another origin, and 0
axe-core violations of any impact throughout, in de/fr/en at desktop and phone sizes."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid

import pytest
import requests

from tests.browser.conftest import DESKTOP, PHONE, RETENTION_DAYS, assert_no_axe_violations
from tests.browser.widget import BOT, Widget, wait_until

pytestmark = pytest.mark.integration

LANGS = ("de", "fr", "en")
PAGE_TITLE = {
    "de": "Fragen zum Städtenetz QuattroPole",
    "fr": "Vos questions sur le réseau de villes QuattroPole",
    "en": "Questions about the QuattroPole city network",
}
THANKS = {"de": "Danke für Ihre Bewertung", "fr": "Merci pour votre avis", "en": "Thank you for your rating"}
SOURCE_WORD = {"de": "Quelle", "fr": "Source", "en": "Source"}
REPHRASE = ("nicht verstanden", "pas bien compris", "didn't understand")


def user_events(stack, sender: str) -> list:
    """The user events Rasa stored for one conversation (the stack's SQLite tracker store)."""
    with sqlite3.connect(stack.db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(row[0]) for row in rows]


def sender_of(page) -> str:
    """The conversation id inside the widget's server-signed session token (a JWT's payload)."""
    import base64

    token = page.evaluate("localStorage.getItem('qp-chat-session')")
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sid"]


@pytest.mark.parametrize("lang", LANGS)
def test_starter_questions_are_answered_with_a_source(stack, lang):
    """Every starter button asks a question the assistant answers (over REST, like the button)."""
    starters = _starters(stack, lang)
    assert len(starters) == 4
    url = f"http://localhost:{stack.rasa_port}/webhooks/rest/webhook"
    for question in starters:
        reply = requests.post(
            url,
            json={"sender": uuid.uuid4().hex, "message": question, "metadata": {"language": lang}},
            timeout=60,
        ).json()
        text = "\n".join(m.get("text", "") for m in reply)
        assert text and not any(word in text for word in REPHRASE), (question, text)
        assert SOURCE_WORD[lang] in text, (question, text)


def _labels_js(stack) -> str:
    return requests.get(stack.page_url + "labels.js", timeout=10).content.decode("utf-8")


def _starters(stack, lang: str) -> list:
    """The starter questions of web/labels.js (the languages' blocks come in LANGS order)."""
    blocks = re.findall(r"starters: (\[.*?\]),", _labels_js(stack))
    return json.loads(blocks[LANGS.index(lang)])


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_welcome_sources_feedback_without_axe_violations(browser, stack, artifacts, lang, size):
    viewport = DESKTOP if size == "desktop" else PHONE
    ctx = browser.new_context(viewport=viewport, is_mobile=size == "phone", has_touch=size == "phone")
    ctx.set_default_timeout(30_000)
    try:
        chat = Widget(ctx.new_page(), stack).load(page_lang=lang)
        page = chat.page
        labels = chat.labels(lang)
        # The page's own text is in the page's language.
        assert page.inner_text("h1") == PAGE_TITLE[lang]
        assert page.get_attribute("html", "lang") == lang
        assert_no_axe_violations(page, f"first view, {lang}, {size}")

        # Opening: a greeting in the page's language with four starter questions.
        chat.open()
        welcome = page.locator(f"{BOT} .qp-bubble").first.inner_text()
        assert welcome == labels["welcome"]
        starters = page.locator(".qp-quick-btn")
        assert starters.all_inner_texts() == labels["starters"]
        note = page.inner_text(".qp-privacy")
        assert str(RETENTION_DAYS) in note and labels["privacyLink"] in note
        assert_no_axe_violations(page, f"welcome, {lang}, {size}")
        chat.shot(artifacts, f"welcome_{lang}_{size}")

        # A starter is sent as plain text; the answer cites its source as a short link.
        before = chat.bot_count()
        starters.nth(1).click()  # who is the president
        assert page.locator(".qp-user .qp-bubble").last.inner_text() == labels["starters"][1]
        chat.wait_bot(before)
        assert all(starters.nth(i).is_disabled() for i in range(4))  # used: no stale flows
        answer = page.locator(BOT).nth(before)
        link = answer.locator(".qp-sources a")
        assert link.count() == 1
        assert link.get_attribute("href").startswith("https://")
        assert "://" not in link.inner_text()  # a label (host name or store label), no raw URL
        assert "://" not in answer.locator(".qp-text").inner_text()  # the raw line is hidden
        assert answer.locator(".qp-sources").inner_text().startswith(SOURCE_WORD[lang])
        assert_no_axe_violations(page, f"answer with source and thumbs, {lang}, {size}")

        # Thumbs down, an optional comment, sent once; the assistant thanks in the language.
        rate = page.locator(".qp-rate")
        assert rate.count() == 1  # once per answer
        rate.locator(".qp-rate-down").click()
        comment = rate.locator(".qp-comment-input")
        comment.wait_for()
        wait_until(page, "() => document.activeElement.classList.contains('qp-comment-input')")
        assert_no_axe_violations(page, f"feedback comment, {lang}, {size}")
        comment.fill("Mehr Details bitte")
        before = chat.bot_count()
        rate.locator(".qp-comment-send").click()
        assert THANKS[lang] in chat.wait_bot(before)
        assert rate.locator(".qp-rate-down").get_attribute("aria-pressed") == "true"
        assert rate.locator(".qp-rate-up").get_attribute("aria-disabled") == "true"
        assert labels["rated"] in rate.inner_text()
        rate.locator(".qp-rate-up").click(force=True)  # rated once: a second click sends nothing
        page.wait_for_timeout(500)
        assert chat.bot_count() == before + 1
        assert_no_axe_violations(page, f"after feedback, {lang}, {size}")
        chat.shot(artifacts, f"feedback_{lang}_{size}")

        # Stored in the conversation as a Rasa event, with the fact keys of the rated answer
        # (from the answer's custom JSON; none while answers carry only a source line).
        facts = page.evaluate(
            "() => [].concat(...JSON.parse(localStorage.getItem('qp-chat-history'))"
            ".map(e => (e.qp && e.qp.facts) || []))"
        )
        feedback = [
            e["metadata"]["qp_feedback"]
            for e in user_events(stack, sender_of(page))
            if e.get("metadata", {}).get("qp_feedback")
        ]
        assert feedback == [{"rating": "down", "facts": facts, "comment": "Mehr Details bitte"}]
    finally:
        ctx.close()


def test_feedback_keeps_the_conversation_context(context, stack):
    chat = Widget(context.new_page(), stack).load()
    chat.open()
    assert "Leibe" in chat.ask("Wer ist Bürgermeister von Trier?")
    before = chat.bot_count()
    chat.page.locator(".qp-rate-up").last.click()
    assert THANKS["de"] in chat.wait_bot(before)
    # The city of the conversation is still Trier: a follow-up without a city works.
    assert "Trier" in chat.ask("Wie viele Einwohner hat die Stadt?")
    events = user_events(chat.stack, sender_of(chat.page))
    rated = [e for e in events if e.get("metadata", {}).get("qp_feedback")]
    assert rated and rated[0]["parse_data"]["intent"]["name"] == "feedback"
    assert rated[0]["metadata"]["qp_feedback"]["rating"] == "up"


def test_new_conversation_clears_this_browser_and_page_follows_language(context, stack, artifacts):
    chat = Widget(context.new_page(), stack).load()
    page = chat.page
    chat.open()
    assert f"{RETENTION_DAYS} Tage" in page.inner_text(".qp-privacy")
    href = page.get_attribute(".qp-privacy a", "href")
    assert href.endswith("/privacy.html")
    assert requests.get(href, timeout=10).status_code == 200
    assert "Leibe" in chat.ask("Wer ist Bürgermeister von Trier?")
    old_sender = sender_of(page)

    old_token = page.evaluate("localStorage.getItem('qp-chat-session')")
    page.click(".qp-restart")
    assert page.locator(".qp-msg").count() == 1  # only the new welcome
    assert "Leibe" not in page.evaluate("localStorage.getItem('qp-chat-history') || ''")
    # the server issues the new conversation's token once the new session is confirmed
    wait_until(
        page,
        "(old) => { const t = localStorage.getItem('qp-chat-session'); return !!t && t !== old; }",
        arg=old_token,
    )
    new_sender = sender_of(page)
    assert new_sender and new_sender != old_sender
    assert page.evaluate("document.activeElement.id") == "qp-input"
    assert "Grosdidier" in chat.ask("Wer ist Bürgermeister von Metz?")
    assert len(user_events(stack, new_sender)) == 1
    assert len(user_events(stack, old_sender)) == 1  # the old conversation got nothing new

    # The page's own text follows the language chosen in the chat.
    page.click(".qp-lang[data-lang='en']")
    wait_until(page, "() => document.documentElement.lang === 'en'")
    assert page.inner_text("h1") == PAGE_TITLE["en"]
    assert page.get_attribute("footer a[href*='privacy']", "href").endswith("privacy.html?lang=en")
    chat.shot(artifacts, "new_conversation_en")
    page.reload()
    chat.open()
    assert page.locator(".qp-msg").count() >= 3 and "Leibe" not in page.inner_text(".qp-log")


def test_phone_focus_stays_in_the_full_screen_panel(browser, stack):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        chat = Widget(ctx.new_page(), stack).load()
        page = chat.page
        chat.open()
        inside = "() => document.querySelector('.qp-panel').contains(document.activeElement)"
        for key in ["Tab"] * 25 + ["Shift+Tab"] * 25:
            page.keyboard.press(key)
            assert page.evaluate(inside), f"focus left the panel after {key}"
        page.keyboard.press("Escape")
        assert page.is_hidden(".qp-panel")
    finally:
        ctx.close()


def test_one_line_embed_on_another_origin(browser, stack, city_site, artifacts):
    web = stack.page_url
    (city_site.folder / "embed.html").write_text(f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Ville de Metz</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="{web}qp-chat.js" data-server="http://localhost:{stack.rasa_port}"
  data-name="Metz – assistant" data-primary="#7a1b2e" data-retention-days="30" defer></script>
</head><body><main><h1>Ville de Metz</h1><p>Page d'une ville.</p></main></body></html>""")
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(30_000)
    try:
        page = ctx.new_page()
        assert not page.url.startswith(web)
        chat = Widget(page, stack).load(url=city_site.url + "embed.html")
        # One tag loaded the CSS, the transport and the labels from the widget's server.
        css = [s for s in page.evaluate("Array.from(document.styleSheets).map(s => s.href)") if s]
        assert css == [web + "chat.css"]
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.qp-launcher')).backgroundColor")
            == "rgb(122, 27, 46)"
        )
        chat.open()
        assert page.inner_text(".qp-title") == "Metz – assistant"
        assert "30 jours" in page.inner_text(".qp-privacy")
        assert "Grosdidier" in chat.ask("Qui est le maire de Metz ?")
        assert page.evaluate("() => !('sender' in window.QPChat)")  # no conversation id on window
        assert_no_axe_violations(page, "one-line embed on another origin")
        chat.shot(artifacts, "embed_other_origin")
    finally:
        ctx.close()


# -- recorded custom messages (the facts store's {"qp": ...} JSON), played over a mocked socket --

SOURCE_URL = "https://www.trier.de/rathaus-buerger-in/oberbuergermeister"
SOURCE = {"label": "Stadt Trier – trier.de", "url": SOURCE_URL, "date": "Juni 2025"}
SOURCE_LINE = f"Quelle: Stadt Trier – trier.de (Juni 2025) – {SOURCE_URL}"
LONG = " ".join(["Trier ist die älteste Stadt Deutschlands und liegt an der Mosel."] * 14)
RECORDED_REPLY = [
    {"text": f"Oberbürgermeister von Trier ist Wolfram Leibe (Stand: Juni 2025).\n{SOURCE_LINE}"},
    # A source that is not a web address is dropped; its label is never HTML.
    {
        "qp": {
            "facts": ["city.trier.mayor"],
            "sources": [SOURCE, {"label": "<img src=x onerror=alert(1)>", "url": "javascript:alert(1)"}],
        }
    },
    {"text": f"{LONG}\n{SOURCE_LINE}"},
    {"custom": {"qp": {"facts": ["city.trier.overview"], "sources": [SOURCE]}}},
    {"text": "Möchten Sie noch etwas wissen?", "quick_replies": [{"title": "Metz?", "payload": "Metz?"}]},
]


class RecordedRasa:
    """Rasa's socket.io channel as the widget sees it (Engine.IO 4 frames over a WebSocket)."""

    def __init__(self, page) -> None:
        self.sent: list = []
        page.route_web_socket(re.compile(r"/socket\.io/"), self.accept)

    def accept(self, ws) -> None:
        ws.send('0{"sid":"rec","upgrades":[],"pingInterval":25000,"pingTimeout":60000,"maxPayload":1000000}')
        ws.on_message(lambda frame: self.on_frame(ws, frame))

    def emit(self, ws, event: str, data) -> None:
        ws.send("42" + json.dumps([event, data]))

    def on_frame(self, ws, frame: str) -> None:
        if frame == "40":
            ws.send('40{"sid":"rec-ns"}')
        elif frame.startswith("42"):
            event, data = json.loads(frame[2:])
            if event == "session_request":  # the server issues the session and its token
                self.emit(ws, "session_confirm", {"session_id": "rec", "session_token": "rec.e30.sig"})
            elif event == "user_uttered":
                self.sent.append(data)
                if data["message"] == "/feedback":
                    self.emit(ws, "bot_uttered", {"text": "Danke für Ihre Bewertung!"})
                else:
                    for message in RECORDED_REPLY:
                        self.emit(ws, "bot_uttered", message)


def test_recorded_custom_messages_give_labelled_sources_and_rated_facts(browser, stack, city_site, artifacts):
    (city_site.folder / "recorded.html").write_text(f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Trier</title>
<script src="{stack.page_url}qp-chat.js" data-server="http://localhost:9" defer></script>
</head><body><main><h1>Stadt Trier</h1></main></body></html>""")
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(30_000)
    try:
        page = ctx.new_page()
        rasa = RecordedRasa(page)
        chat = Widget(page, stack).load(url=city_site.url + "recorded.html")
        chat.open()
        chat.ask("Wer ist Bürgermeister von Trier?")
        wait_until(page, "() => document.querySelectorAll('.qp-chat .qp-bot').length === 4")
        page.wait_for_timeout(300)
        reply = page.locator(BOT).filter(has_not_text="Guten Tag")
        # One source for the whole reply, as its label and date; no raw URL anywhere.
        links = page.locator(".qp-sources a")
        assert links.count() == 1
        assert links.first.inner_text().startswith("Stadt Trier – trier.de (Juni 2025)")
        assert links.first.get_attribute("href") == SOURCE_URL
        assert "://" not in " ".join(reply.locator(".qp-text").all_inner_texts())
        assert page.locator(".qp-chat img, .qp-chat a[href^='javascript']").count() == 0
        # A long reply opens at its start.
        first = reply.first.bounding_box()
        log = page.locator(".qp-log").bounding_box()
        assert log["y"] <= first["y"] < log["y"] + log["height"]
        # One rating for the reply, with the facts of all its messages.
        assert page.locator(".qp-rate").count() == 1
        assert_no_axe_violations(page, "recorded reply with custom JSON")
        chat.shot(artifacts, "recorded_sources")
        before = chat.bot_count()
        page.locator(".qp-rate-up").click()
        chat.wait_bot(before)
        assert rasa.sent[-1]["message"] == "/feedback"
        assert rasa.sent[-1]["metadata"]["qp_feedback"] == {
            "rating": "up",
            "facts": ["city.trier.mayor", "city.trier.overview"],
        }
        # The newer bot message retired the quick reply above it.
        assert page.locator(".qp-quick-btn").last.is_disabled()  # "Metz?"
        assert len([m for m in rasa.sent if m["message"] == "/feedback"]) == 1
        assert chat.dialogs == []
    finally:
        ctx.close()


@pytest.mark.parametrize("name", ["privacy.html", "imprint.html"])
def test_privacy_and_imprint_pages_are_served_without_axe_violations(context, stack, name):
    page = context.new_page()
    response = page.goto(stack.page_url + name)
    assert response.status == 200
    assert {page.get_attribute(f"section[lang='{lang}']", "lang") for lang in LANGS} == set(LANGS)
    assert_no_axe_violations(page, name)
