"""The assistant end to end over REST, with the real action server and a SQLite tracker store."""

from __future__ import annotations

import sqlite3
import urllib.request

import pytest

from tests.integration.conftest import Chat

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "greeting, expected",
    [
        ("Hallo", "Ich bin der QuattroPole-Assistent"),
        ("Bonjour", "Je suis l'assistant"),
        ("Hello", "I'm the QuattroPole assistant"),
    ],
)
def test_greets_in_the_language_of_the_greeting(stack, greeting, expected):
    assert expected in Chat(stack).text(greeting)


def test_the_page_is_served(stack):
    with urllib.request.urlopen(stack.page_url) as response:
        page = response.read().decode()
    assert response.status == 200 and "chat.js" in page


@pytest.mark.parametrize(
    "question, fact, source_label",
    [
        ("Wer ist Oberbürgermeister von Trier?", "Leibe", "Quelle:"),
        ("Qui est le maire de Sarrebruck ?", "Conradt", "Source :"),
        ("How many people live in Metz?", "124,396", "Source:"),
    ],
)
def test_answers_a_fact_with_its_source(stack, question, fact, source_label):
    reply = Chat(stack).text(question)
    assert fact in reply and source_label in reply and "http" in reply


def test_short_turn_keeps_german(stack):
    chat = Chat(stack)
    chat.text("Hallo")
    assert "Was möchten Sie wissen" in chat.text("ok") or "Alles klar" in chat.text("ok")


def test_explicit_switch_to_french_sticks(stack):
    chat = Chat(stack)
    assert "I'm the QuattroPole assistant" in chat.text("Hello")
    assert "français" in chat.text("Can you answer in French?")
    assert "Source :" in chat.text("Who is the mayor of Metz?")


def test_merci_stays_french(stack):
    chat = Chat(stack)
    assert "Grosdidier" in chat.text("Bonjour, qui est le maire de Metz ?")
    assert "plaisir" in chat.text("merci")


def test_follow_up_and_conversation_survive_a_restart(stack, db_path):
    chat = Chat(stack)
    assert "Leibe" in chat.text("Wer ist Bürgermeister von Trier?")
    stack.stop_process("rasa")
    stack.start_rasa()
    # The topic (mayor) and the language (German) come back from the SQLite tracker store.
    reply = chat.text("und Metz?")
    assert "Grosdidier" in reply and "Quelle:" in reply
    with sqlite3.connect(db_path) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'", (chat.sender,)
        ).fetchone()
    assert count == 2


def test_another_language_gets_one_polite_notice(stack):
    replies = Chat(stack).say("Hola, ¿qué tal? ¿Dónde está la oficina?")
    texts = [m.get("text", "") for m in replies]
    assert any("I can answer in German, French or English" in t for t in texts)
    assert [b["title"] for b in replies[0]["buttons"]] == ["Deutsch", "Français", "English"]


def test_luxembourgish_greeting_is_answered_in_german_with_an_offer(stack):
    chat = Chat(stack)
    reply = chat.text("Moien")
    assert "Ich antworte auf Deutsch" in reply and "Französisch oder Englisch" in reply
    assert "Quelle:" in chat.text("Wer ist Bürgermeister von Luxemburg?")


def test_no_evidence_first_turn_offers_three_languages_and_the_button_switches(stack):
    chat = Chat(stack)
    first = chat.say("👍")
    assert "Welche Sprache? · Quelle langue ? · Which language?" in first[0]["text"]
    payload = next(b["payload"] for b in first[0]["buttons"] if b["title"] == "Français")
    assert "français" in chat.text(payload)
    assert "Source :" in chat.text("maire Trèves ?")


def test_rest_metadata_language_hint_seeds_the_first_turn(stack):
    assert "Je suis l'assistant" in Chat(stack).text("hi", language="fr-FR")


def test_keyboard_mashing_is_asked_to_rephrase_in_the_conversation_language(stack):
    chat = Chat(stack)
    chat.text("Bonjour")
    assert "reformuler" in chat.text("asdf jklö")
    assert "reformuler" in chat.text("???")
    assert "Source :" in chat.text("et le maire de Metz ?")  # the conversation goes on


def test_travel_follow_ups_without_cities_stay_on_the_route(stack):
    chat = Chat(stack)
    assert "Forbach" in chat.text("comment aller de metz à sarrebruck ?")
    by_car = chat.text("en voiture combien de temps ?")
    assert "heure de route" in by_car and "De quelle ville" not in by_car
    chat = Chat(stack)
    assert "RE11" in chat.text("how do I get from luxembourg to trier")
    by_bus = chat.text("by bus?")
    # no bus facts for this route; the train's time (the route itself was just given)
    assert "no checked information on buses" in by_bus and "46 minutes" in by_bus
