"""The web chat in a real browser: questions, quick replies, the language switcher, safety,
keyboard use, a reload, and the error state when Rasa is down (last: it stops Rasa)."""

from __future__ import annotations

import re

import pytest

from tests.browser.widget import BOT, Widget, wait_until

pytestmark = pytest.mark.integration


def test_german_question_is_answered(context, stack, artifacts):
    chat = Widget(context.new_page(), stack).load()
    assert chat.page.get_attribute(".qp-chat", "lang") == "de"
    chat.open()
    assert chat.page.get_attribute(".qp-input", "placeholder") == "Nachricht schreiben…"
    answer = chat.ask("Wer ist Bürgermeister von Trier?")
    assert "Leibe" in answer
    user = chat.page.locator(".qp-chat .qp-user .qp-bubble").first.inner_text()
    assert user == "Wer ist Bürgermeister von Trier?"
    # Links in answers open in a new tab, without access to this page.
    links = chat.page.locator(f"{BOT} a[href^='http']")
    if links.count():
        assert links.first.get_attribute("target") == "_blank"
        assert "noopener" in links.first.get_attribute("rel")
    chat.shot(artifacts, "de_question")


def test_french_page_question_is_answered_in_french(context, stack, artifacts):
    chat = Widget(context.new_page(), stack).load(page_lang="fr")
    chat.open()
    assert chat.page.get_attribute(".qp-chat", "lang") == "fr"
    assert chat.page.inner_text(".qp-send") == "Envoyer"
    answer = chat.ask("Qui est le maire de Sarrebruck ?")
    assert "Conradt" in answer
    assert re.search(r"\b(maire|Source)\b", answer), answer
    chat.shot(artifacts, "fr_question")


def test_quick_reply_sends_its_payload(context, stack, artifacts):
    chat = Widget(context.new_page(), stack).load()
    chat.open()
    chat.ask("Hola, ¿qué tal?")  # a language the bot doesn't speak: it offers three buttons
    buttons = chat.page.locator(".qp-chat .qp-quick-btn")
    assert buttons.count() >= 3, chat.page.inner_text(".qp-log")
    english = chat.page.locator(".qp-chat .qp-quick-btn", has_text="English").last
    before = chat.bot_count()
    english.click()
    # The title is shown as the user's message, the payload switches the language.
    assert chat.page.locator(".qp-chat .qp-user .qp-bubble").last.inner_text() == "English"
    answer = chat.wait_bot(before)
    assert "English" in answer, answer
    chat.shot(artifacts, "quick_reply")


def test_language_switcher_sets_reply_language(context, stack, artifacts):
    chat = Widget(context.new_page(), stack).load()
    chat.open()
    assert "Leibe" in chat.ask("Wer ist Bürgermeister von Trier?")
    before = chat.bot_count()
    chat.page.click(".qp-lang[data-lang='fr']")
    assert chat.page.get_attribute(".qp-lang[data-lang='fr']", "aria-pressed") == "true"
    # The widget's own labels follow at once, the bot confirms in French.
    assert chat.page.get_attribute(".qp-input", "placeholder") == "Écrire un message…"
    assert "français" in chat.wait_bot(before)
    # A later question in German is still answered in French.
    answer = chat.ask("Und wer ist Bürgermeister von Metz?")
    assert "Grosdidier" in answer
    assert "maire" in answer, answer
    chat.shot(artifacts, "switch_language")


def test_markup_is_shown_as_text_and_never_runs(context, stack, artifacts):
    chat = Widget(context.new_page(), stack).load()
    chat.open()
    attack = "<img src=x onerror=alert(1)>"
    chat.ask(attack)
    chat.page.wait_for_timeout(500)
    assert chat.page.locator(".qp-chat .qp-user .qp-bubble").last.inner_text() == attack
    assert chat.page.locator("img").count() == 0
    assert chat.page.locator(".qp-chat script, .qp-chat iframe").count() == 0
    assert chat.dialogs == []
    chat.shot(artifacts, "markup_as_text")


def test_keyboard_only_and_accessible_names(context, stack, artifacts):
    chat = Widget(context.new_page(), stack).load()
    page = chat.page
    assert page.get_attribute(".qp-log", "aria-live") == "polite"
    assert page.get_attribute(".qp-launcher", "aria-label")
    launcher_reached = False
    for _ in range(10):  # Tab through the page until the launcher has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('qp-launcher')"):
            launcher_reached = True
            break
    assert launcher_reached
    outline = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    assert outline and outline != "none"  # visible focus ring
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "qp-input"
    assert page.locator("label[for='qp-input']").inner_text() == "Ihre Nachricht"
    before = chat.bot_count()
    page.keyboard.type("Wer ist Bürgermeister von Trier?")
    page.keyboard.press("Enter")
    assert "Leibe" in chat.wait_bot(before)
    chat.shot(artifacts, "keyboard")
    page.keyboard.press("Escape")
    assert page.is_hidden(".qp-panel")
    assert page.evaluate("document.activeElement.classList.contains('qp-launcher')")


def test_reload_keeps_the_conversation(context, stack):
    chat = Widget(context.new_page(), stack).load()
    chat.open()
    assert "Leibe" in chat.ask("Wer ist Bürgermeister von Trier?")
    sender = chat.page.evaluate("localStorage.getItem('qp-chat-session')")
    chat.page.reload()
    chat.page.wait_for_selector(".qp-launcher")
    assert chat.page.evaluate("localStorage.getItem('qp-chat-session')") == sender
    chat.open()
    assert "Leibe" in chat.page.inner_text(".qp-log")
    # The conversation goes on server-side: a follow-up about another city works.
    assert "Grosdidier" in chat.ask("Und Metz?")


def test_phone_layout_fills_the_screen(browser, stack, artifacts):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        chat = Widget(ctx.new_page(), stack).load()
        chat.open()
        box = chat.page.locator(".qp-panel").bounding_box()
        assert box["width"] >= 389 and box["height"] >= 800
        answer = chat.ask("Wer ist Bürgermeister von Trier?")
        assert "Leibe" in answer
        chat.shot(artifacts, "phone")
    finally:
        ctx.close()


def test_error_when_rasa_is_down_then_retry(context, stack, artifacts):
    """Last in this module: stops Rasa, checks the localized error, restarts, retries."""
    chat = Widget(context.new_page(), stack).load(page_lang="fr")
    chat.open()
    wait_until(chat.page, "() => !!window.QPChat")
    stack.stop_process("rasa")
    chat.page.fill(".qp-input", "Qui est le maire de Metz ?")
    chat.page.press(".qp-input", "Enter")
    error = chat.page.locator(".qp-chat .qp-error")
    error.wait_for(timeout=30_000)
    assert "injoignable" in error.inner_text()
    retry = error.locator("button.qp-retry")
    assert retry.inner_text() == "Renvoyer"
    chat.shot(artifacts, "error_offline")

    stack.start_rasa()
    before = chat.bot_count()
    retry.click()
    answer = chat.wait_bot(before, timeout=60_000)
    assert "Grosdidier" in answer
    assert chat.page.locator(".qp-chat .qp-error").count() == 0
    chat.shot(artifacts, "error_retried")
