"""actions/language.py: ActionDetectLanguage on trackers built in code."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import LANGUAGE_SLOTS, ActionDetectLanguage
from bot.language import detect
from tests.actions.conftest import domain


def tracker(
    text: str,
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    with_detection: bool = True,
) -> Tracker:
    latest: dict[str, Any] = {
        "text": text,
        "intent": {"name": "greet", "confidence": 1.0},
        "entities": entities or [],
        "metadata": metadata or {},
    }
    if with_detection:  # what the NLU's LanguageDetector puts into the parse data
        latest["language_detection"] = detect(text, metadata).as_dict()
    return Tracker(
        sender_id="test",
        slots={"language": None, "language_explicit": False, "language_notice": None} | (slots or {}),
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))


def run(t: Tracker) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionDetectLanguage().run(dispatcher, t, DOMAIN))
    assert all(isinstance(event, dict) and event["event"] == "slot" for event in events)
    slots = {event["name"]: event["value"] for event in events}
    return slots, [message["response"] for message in dispatcher.messages]


def test_it_is_the_validation_action_rasa_runs_after_slot_extraction() -> None:
    assert ActionDetectLanguage().name() == "action_validate_slot_mappings"
    assert "action_validate_slot_mappings" in DOMAIN["actions"]
    for slot in LANGUAGE_SLOTS:  # custom mappings without an action: the validation action sets them
        assert DOMAIN["slots"][slot]["mappings"] == [{"type": "custom"}]


def test_slots_rasa_extracted_are_left_alone() -> None:
    t = tracker("Wie viele Einwohner hat Trier?")
    t.events = [{"event": "user", "text": "x"}, {"event": "slot", "name": "city", "value": "trier"}]
    slots, _ = run(t)
    assert "city" not in slots and slots["language"] == "de"


def test_the_language_is_set_without_the_domain_as_rasa_calls_it() -> None:
    # endpoints.yml enables selective domain: Rasa sends this action an empty domain
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ActionDetectLanguage().run(dispatcher, tracker("Wie viele Einwohner hat Trier?"), {})
    )
    assert {"event": "slot", "timestamp": None, "name": "language", "value": "de"} in events


def test_first_turn_sets_the_language() -> None:
    slots, responses = run(tracker("Hallo"))
    assert slots == {"language": "de", "language_notice": None, "language_settled": True}
    assert responses == []


def test_no_evidence_keeps_the_language_and_clears_a_stale_notice() -> None:
    slots, _ = run(tracker("ok", {"language": "de", "language_notice": "unsupported"}))
    assert slots == {"language_notice": None}
    assert SlotSet("language_notice", None) == {
        "event": "slot", "timestamp": None, "name": "language_notice", "value": None
    }  # fmt: skip


def test_recomputes_detection_when_the_nlu_did_not_run() -> None:
    slots, _ = run(tracker("Bonjour", with_detection=False))
    assert slots["language"] == "fr"


def test_language_button_is_explicit() -> None:
    t = tracker(
        '/switch_language{"language":"fr"}',
        {"language": "de"},
        entities=[{"entity": "language", "value": "fr", "start": None, "end": None}],
        with_detection=False,
    )
    slots, _ = run(t)
    # The user was writing German when they pressed the button.
    assert slots == {
        "language": "fr",
        "language_explicit": True,
        "language_writes": "de",
        "language_notice": None,
    }


def test_explicit_request_in_the_text_sticks() -> None:
    slots, _ = run(tracker("in English please", {"language": "de"}))
    assert slots == {
        "language": "en",
        "language_explicit": True,
        "language_writes": "en",
        "language_notice": None,
        "language_settled": True,
    }
    slots, _ = run(tracker("Danke", {"language": "en", "language_explicit": True}))
    assert slots == {"language_notice": None}


def test_widget_choice_in_metadata_is_explicit() -> None:
    slots, _ = run(tracker("ok", metadata={"language_choice": "de"}))
    assert slots == {
        "language": "de",
        "language_explicit": True,
        "language_writes": "de",
        "language_notice": None,
    }


def test_channel_hint_on_the_first_turn() -> None:
    slots, _ = run(tracker("ok", metadata={"language": "fr-FR"}))
    assert slots == {"language": "fr", "language_notice": None}
    slots, _ = run(tracker("👍", metadata={"language_code": "de"}))
    assert slots["language"] == "de"


def test_first_turn_without_evidence_asks_to_choose() -> None:
    slots, responses = run(tracker("ok"))
    assert slots == {"language_notice": "choose"}
    assert responses == []  # the chooser itself is the lead's response, not this action's


def test_unsupported_language_notice() -> None:
    slots, responses = run(tracker("¿Cuántos habitantes tiene Metz?", {"language": "fr"}))
    assert slots == {"language_notice": "unsupported"}
    assert responses == ["utter_notice_unsupported"]


def test_luxembourgish_notice() -> None:
    slots, responses = run(tracker("Moien"))
    assert slots == {"language": "de", "language_notice": "luxembourgish"}
    assert responses == ["utter_notice_luxembourgish"]


def test_full_sentence_switches_and_clears_explicit() -> None:
    t = tracker(
        "Combien d'habitants compte la ville de Metz aujourd'hui ?",
        {"language": "de", "language_explicit": True},
    )
    slots, _ = run(t)
    assert slots == {
        "language": "fr",
        "language_explicit": False,
        "language_notice": None,
        "language_settled": True,
    }


def test_a_language_no_message_confirmed_follows_the_next_clear_message() -> None:
    # "president?" (English, not confidently) then a German question: German, not English
    slots, _ = run(tracker("president?"))
    assert slots["language"] == "en" and "language_settled" not in slots
    slots, _ = run(tracker("was ist quattropole", {"language": "en"}))
    assert slots["language"] == "de"
    # a confirmed language stays on the same short question
    slots, _ = run(tracker("was ist quattropole", {"language": "en", "language_settled": True}))
    assert "language" not in slots


def test_junk_in_the_tracker_does_not_raise() -> None:
    t = tracker("ok", {"language": "xx"}, metadata={"language": 5})
    t.latest_message["language_detection"] = "junk"
    t.latest_message["metadata"] = "junk"
    slots, _ = run(t)
    assert slots["language_notice"] == "choose"


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("in English please", "utter_language_switched"),
        ("auf Deutsch bitte", "utter_language_switched"),
        ("kann ich auch Englisch mit dir schreiben?", "utter_bot_languages"),
        ("je peux t'écrire en anglais ?", "utter_bot_languages"),
    ],
)
def test_switch_language_answers_a_question_instead_of_a_false_switch(text: str, response: str) -> None:

    dispatcher = _switch(text, {"language": "de"})
    assert [m["response"] for m in dispatcher.messages] == [response]


def _switch(text: str, slots: dict) -> CollectingDispatcher:
    """Run action_switch_language on `text` with `slots`; the dispatcher holds the reply."""
    from actions.language import ActionSwitchLanguage

    tracker = Tracker(
        "t",
        slots,
        {"text": text, "intent": {"name": "switch_language"}, "entities": []},
        [],
        False,
        None,
        {},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionSwitchLanguage().run(dispatcher, tracker, domain()))
    return dispatcher


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("can you say that in english please", "en"),
        ("sag das nochmal auf deutsch", "de"),
        ("tu peux répéter en français ?", "fr"),
    ],
)
def test_say_that_in_another_language_repeats_the_last_answer_in_it(text: str, lang: str) -> None:
    from actions.store import STORE

    facts = ["travel.luxembourg.trier"]
    dispatcher = _switch(text, {"language": lang, "facts": facts})
    assert [m["fact"] for m in dispatcher.messages] == [STORE.fact(facts[0]).text_for(lang)]


def test_say_that_in_english_repeats_a_route_whose_facts_only_its_messages_name() -> None:
    from actions.language import ActionSwitchLanguage
    from actions.store import STORE

    key = "travel.luxembourg.trier"
    events = [
        {"event": "user", "text": "wie komme ich von trier nach luxemburg?"},
        {"event": "bot", "text": "...", "data": {"custom": {"qp": {"facts": [key]}}}},
        {"event": "user", "text": "can you say that in english please"},
    ]
    tracker = Tracker(
        "t",
        {"language": "en"},
        {"text": "can you say that in english please", "intent": {"name": "switch_language"}, "entities": []},
        events,
        False,
        None,
        {},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionSwitchLanguage().run(dispatcher, tracker, domain()))
    assert [m["fact"] for m in dispatcher.messages] == [STORE.fact(key).text_for("en")]
