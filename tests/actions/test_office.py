"""ActionAnswerOffice: the office's facts in each language."""

from __future__ import annotations

import pytest

from actions.office import KEY_BY_INTENT as OFFICE_KEYS
from actions.office import ActionAnswerOffice
from actions.store import STORE
from bot.language import LANGS
from tests.actions.conftest import assert_says, make_tracker, run_action


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("intent", sorted(OFFICE_KEYS))
def test_office_facts(intent: str, lang: str) -> None:
    messages, _ = run_action(ActionAnswerOffice(), make_tracker(intent, slots={"language": lang}))
    assert_says(messages[0], OFFICE_KEYS[intent], lang)


def test_a_question_naming_the_office_is_about_it_after_the_president() -> None:
    # "office" is also a word of "his term of office", so the question looked bare and the
    # presidency of the turn before was said to lack opening hours
    tracker = make_tracker(
        "ask_office_tasks",
        "Opening hours of the office?",
        entities=[{"entity": "organ", "value": "office"}],
        slots={"subject": "organ:presidency", "facts": ["governance.current_president"]},
    )
    messages, events = run_action(ActionAnswerOffice(), tracker)
    assert messages[0]["response"] == "utter_unknown_hours"
    assert messages[0]["subject"] != "Presidency"
    assert {"event": "slot", "timestamp": None, "name": "subject", "value": "organ:office"} in events
    assert STORE.fact("office.contact").text_for("en") in [m.get("fact") for m in messages[1:]]


def test_how_many_work_there_after_the_office_is_not_the_networks_population() -> None:
    from actions.cities import ActionAnswerCity

    tracker = make_tracker(
        "ask_city_population",
        "et il y a combien de personnes qui y travaillent ?",
        slots={"language": "fr", "subject": "organ:office", "facts": ["office.location"]},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    # the people of the building the office works in, said as the building's
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["office.house_anniversary"]]
    assert "Maison de la Grande Région" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("intent", "text", "first"),
    [
        (
            "nlu_fallback",
            "how do I get there by train from Luxembourg station?",
            "office.house_greater_region",
        ),
        ("out_of_scope", "can I just drop by or do I need an appointment?", "utter_unknown_hours"),
    ],
)
def test_questions_the_nlu_could_not_place_after_the_office_are_about_it(
    intent: str, text: str, first: str
) -> None:
    from actions.fallback import ActionAnswerOutOfScope, ActionAskRephrase

    action = ActionAskRephrase() if intent == "nlu_fallback" else ActionAnswerOutOfScope()
    entities = [{"entity": "city", "value": "luxembourg"}] if "Luxembourg" in text else []
    tracker = make_tracker(
        intent, text, entities=entities, slots={"subject": "organ:office", "facts": ["office.location"]}
    )
    messages, _ = run_action(action, tracker)
    said = messages[0].get("custom", {}).get("qp", {}).get("facts") or [messages[0]["response"]]
    assert said[0] == first


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "kann man das besichtigen?"), ("fr", "on peut le visiter ?"), ("en", "can you visit it?")],
)
def test_visiting_the_building_is_not_known_and_the_open_day_is_the_closest(lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerCapabilities

    slots = {"language": lang, "subject": "organ:office", "facts": ["office.house_greater_region"]}
    entities = [{"entity": "service", "value": "tourism"}]  # "besichtigen" is a tourism word
    tracker = make_tracker("ask_capabilities", text=text, entities=entities, slots=slots)
    messages, _ = run_action(ActionAnswerCapabilities(), tracker)
    assert messages[0]["response"] == "utter_unknown_visit"
    assert_says(messages[1], "office.house_anniversary", lang)


def test_visiting_a_city_after_the_office_is_not_visiting_the_building() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.office import answer_visit

    slots = {"language": "en", "subject": "organ:office", "facts": ["office.house_greater_region"]}
    entities = [{"entity": "city", "value": "metz"}]
    tracker = make_tracker("ask_city_service", text="i want to visit metz", entities=entities, slots=slots)
    assert answer_visit(CollectingDispatcher(), tracker, "en") is None


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "what's the office's phone number?"), ("fr", "ok et ya un num de tel?")]
)
def test_the_offices_phone_is_the_2017_number_with_its_doubt(lang: str, text: str) -> None:
    messages, _ = run_action(
        ActionAnswerOffice(), make_tracker("ask_office_contact", text=text, slots={"language": lang})
    )
    assert messages[0]["custom"]["qp"]["facts"] == ["office.phone"]
    assert "247 80112" in messages[0]["fact"] and "2017" in messages[0]["fact"]


@pytest.mark.parametrize(("lang", "text"), [("de", "ist das am bahnhof?"), ("en", "is it near the station?")])
def test_is_it_at_the_station_right_after_the_office_is_its_building_not_a_city_picker(lang, text) -> None:
    from actions.cities import ActionAnswerCity

    tracker = make_tracker(
        "ask_city_station",
        text=text,
        slots={"language": lang, "subject": "organ:office", "topic": "ask_office_location"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m.get("response") for m in messages] != ["utter_ask_city"]
    assert messages[0]["custom"]["qp"]["facts"] == ["office.house_greater_region"]
    assert messages[0]["fact"] == STORE.fact("office.house_greater_region").answer_for("where", lang)


def test_a_claim_about_the_office_the_nlu_took_for_a_city_service_is_the_office() -> None:
    from actions.services import ActionAnswerCityService

    text = "the office is in luxembourg city, right?"
    tracker = make_tracker(
        "ask_city_service",
        text=text,
        entities=[{"entity": "organ", "value": "office"}, {"entity": "city", "value": "luxembourg"}],
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    responses = [m.get("response") for m in messages]
    assert "utter_service_unknown_topic" not in responses
    assert responses[0] == "utter_fact_not_so"
    assert "office.location" in messages[1]["custom"]["qp"]["facts"]


def test_until_when_a_person_named_with_a_title_was_there_is_about_them_not_the_building() -> None:
    """ "Und bis wann war Herr Sohn dort?" right after the House of the Greater Region opened:
    his end date is not known; the office's management fact (Guillemin from March 2021)."""
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": "de", "subject": "organ:office", "facts": ["office.house_opening"]}
    tracker = make_tracker("ask_follow_up", text="Und bis wann war Herr Sohn dort?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    said = [k for m in messages for k in m.get("custom", {}).get("qp", {}).get("facts", [])]
    assert said == ["office.management"]
    assert STORE.persons_named("un gros problème") == []  # no title, no short surname


def test_the_house_of_the_greater_region_address_is_the_offices_street_address() -> None:
    from actions.office import ActionAnswerOffice

    tracker = make_tracker(
        "ask_house_greater_region", text="house of the greater region esch address?", slots={"language": "en"}
    )
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["office.contact"]]
