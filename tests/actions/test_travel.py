"""ActionAnswerTravel and the travel form: routes between the cities, modes, fares."""

from __future__ import annotations

import pytest

from actions.store import STORE
from actions.travel import ActionAnswerTravel, assign
from bot.language import LANGS
from tests.actions.conftest import CITIES, assert_says, domain, make_tracker, run_action


@pytest.mark.parametrize("lang", LANGS)
def test_travel_answer_for_every_pair(lang: str) -> None:
    for a in CITIES:
        for b in CITIES:
            if a == b:
                continue
            tracker = make_tracker("inform_city", slots={"language": lang, "travel_from": a, "travel_to": b})
            messages, events = run_action(ActionAnswerTravel(), tracker)
            route = STORE.route(a, b)
            if route is None:
                assert messages[0]["response"] == "utter_fact_unknown"
            else:
                assert messages[0]["fact"] == route.fact.text[lang]
                assert messages[0]["response"] == "utter_fact_dated"
            assert {"event": "slot", "name": "travel_from", "value": None, "timestamp": None} in events
            assert {"event": "slot", "name": "topic", "value": f"travel:{a}:{b}", "timestamp": None} in events


def test_travel_by_car() -> None:
    tracker = make_tracker(
        "ask_travel", slots={"travel_from": "metz", "travel_to": "trier", "travel_mode": "car"}
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert_says(messages[0], "travel.car", "en")


@pytest.mark.parametrize(
    "found, requested, before, expected",
    [
        ([("trier", ""), ("metz", "to")], None, (None, None), ("trier", "metz")),
        ([("metz", "to"), ("trier", "from")], None, (None, None), ("trier", "metz")),
        ([("metz", "to")], None, (None, None), (None, "metz")),
        ([("metz", "")], None, (None, None), ("metz", None)),
        ([("metz", "")], "travel_to", ("trier", None), ("trier", "metz")),
        ([("luxembourg", "")], "travel_from", (None, "trier"), ("luxembourg", "trier")),
    ],
)
def test_travel_origin_and_destination(found, requested, before, expected) -> None:
    assert assign(found, requested, *before) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_bus_question_on_a_route_without_bus_facts_says_so_then_gives_the_train(lang: str) -> None:
    tracker = make_tracker(
        "ask_travel",
        entities=[{"entity": "transport", "value": "bus"}],
        slots={"language": lang, "travel_from": "luxembourg", "travel_to": "trier"},
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert [m["response"] for m in messages][0] == "utter_travel_no_bus"
    assert messages[1]["fact"] == STORE.route("luxembourg", "trier").fact.text[lang]


def test_bus_question_on_a_route_with_a_bus_fact_answers_it() -> None:
    tracker = make_tracker(
        "ask_travel",
        entities=[{"entity": "transport", "value": "bus"}],
        slots={"travel_from": "saarbruecken", "travel_to": "luxembourg"},
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert "utter_travel_no_bus" not in [m["response"] for m in messages]
    assert "bus" in messages[0]["fact"]


def _form(method: str, tracker, *args):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions.travel import ValidateTravelForm

    result = getattr(ValidateTravelForm(), method)(*args, CollectingDispatcher(), tracker, domain())
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def test_a_car_question_without_cities_needs_no_cities() -> None:
    car = make_tracker(
        "ask_travel", text="how long by car?", entities=[{"entity": "transport", "value": "car"}]
    )
    assert _form("required_slots", car, ["travel_from", "travel_to"]) == []
    train = make_tracker(
        "ask_travel", text="how long by train?", entities=[{"entity": "transport", "value": "train"}]
    )
    assert _form("required_slots", train, ["travel_from", "travel_to"]) == ["travel_from", "travel_to"]
    messages, _ = run_action(ActionAnswerTravel(), car)
    # "how long?" gets the travel time, not the whole car fact (issue 13: precise answers)
    assert messages[0]["fact"] == STORE.fact("travel.car").answer_for("how_long", "en")
    assert messages[0]["custom"]["qp"]["facts"] == ["travel.car"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_travel_question_without_cities_after_a_route_is_about_that_route(lang: str) -> None:
    tracker = make_tracker(
        "ask_travel", text="combien de temps ?", slots={"language": lang, "topic": "travel:metz:saarbruecken"}
    )
    assert _form("extract_travel_from", tracker) == {"travel_from": "metz"}
    assert _form("validate_travel_from", tracker, "metz") == {
        "travel_from": "metz",
        "travel_to": "saarbruecken",
    }
    # Without an earlier route, or when the question names a city, the form asks as before.
    fresh = make_tracker("ask_travel", text="combien de temps ?", slots={"language": lang})
    assert _form("extract_travel_from", fresh) == {}
    named = make_tracker(
        "ask_travel",
        text="to Trier?",
        entities=[{"entity": "city", "value": "trier", "start": 3, "end": 8}],
        slots={"language": lang, "topic": "travel:metz:saarbruecken"},
    )
    assert _form("extract_travel_from", named) == {}


@pytest.mark.parametrize(
    "lang, text",
    [
        ("de", "was kostet das ticket von trier nach luxemburg"),
        ("fr", "prix du billet metz luxembourg"),
        ("en", "how much is the fare from trier to luxembourg"),
    ],
)
def test_fare_questions_say_there_are_no_fares_then_the_connection(lang: str, text: str) -> None:
    tracker = make_tracker(
        "ask_travel", text=text, slots={"language": lang, "travel_from": "trier", "travel_to": "luxembourg"}
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert messages[0]["response"] == "utter_travel_no_price"
    assert messages[1]["fact"] == STORE.route("trier", "luxembourg").fact.text[lang]
    plain = make_tracker(
        "ask_travel",
        text="train from trier to luxembourg",
        slots={"language": lang, "travel_from": "trier", "travel_to": "luxembourg"},
    )
    assert "utter_travel_no_price" not in [m["response"] for m in run_action(ActionAnswerTravel(), plain)[0]]


@pytest.mark.parametrize(
    ("lang", "text", "route", "known"),
    [
        ("de", "und wie oft fährt der?", "travel:saarbruecken:trier", True),
        ("fr", "il y en a tous les combien ?", "travel:luxembourg:trier", True),
        ("en", "how often does it run?", "travel:luxembourg:metz", False),
    ],
)
def test_how_often_after_a_route_is_its_frequency_or_not_known(lang, text, route, known) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    tracker = make_tracker("ask_follow_up", text=text, slots={"language": lang, "topic": route})
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    _, a, b = route.split(":")
    fact = STORE.route(a, b).fact
    if known:
        assert [m.get("fact") for m in messages] == [fact.answer_for("frequency", lang)]
    else:  # not known, and the route just given is not given again
        assert [m.get("response") for m in messages] == ["utter_unknown_frequency"]


def _city(text: str, city: str, name: str) -> dict:
    """A city entity where `name` stands in `text`, as the NLU gives it."""
    start = text.lower().index(name.lower())
    return {"entity": "city", "value": city, "start": start, "end": start + len(name)}


def _responses(messages) -> list:
    return [m.get("response") for m in messages]


def _slot(events, name: str):
    return next((e["value"] for e in reversed(events) if e.get("name") == name), "unset")


def test_a_correction_while_the_form_asks_the_start_replaces_the_destination() -> None:
    # "I'd like to go to Saarbrücken" - "where from?" - "sorry, rather Luxembourg"
    text = "sorry, rather Luxembourg"
    events = [
        {"event": "user", "text": "i'd like to go to saarbrucken"},
        {"event": "slot", "name": "travel_to", "value": "saarbruecken"},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        "inform_city",
        text=text,
        entities=[_city(text, "luxembourg", "Luxembourg")],
        slots={"travel_from": "luxembourg", "travel_to": "luxembourg", "requested_slot": "travel_from"},
        events=events,
    )
    assert _form("validate_travel_from", tracker, "luxembourg") == {
        "travel_from": None,
        "travel_to": "luxembourg",
    }
    # without a word that takes something back, the city is the start the form asked for
    plain = make_tracker(
        "inform_city",
        text="Luxembourg",
        entities=[_city("Luxembourg", "luxembourg", "Luxembourg")],
        slots={"requested_slot": "travel_from"},
        events=events,
    )
    assert _form("validate_travel_from", plain, "luxembourg") == {
        "travel_from": "luxembourg",
        "travel_to": "saarbruecken",
    }


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "could you reserve a seat for me on the train"),
        ("de", "können Sie mir eine Zugfahrkarte buchen?"),
        ("fr", "tu peux me réserver un billet de train ?"),
    ],
)
def test_booking_a_ticket_is_not_possible_and_needs_no_cities(lang: str, text: str) -> None:
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[{"entity": "transport", "value": "train"}],
        slots={"language": lang},
    )
    assert _form("required_slots", tracker, ["travel_from", "travel_to"]) == []
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert _responses(messages) == ["utter_travel_no_booking"]
    # with the cities named, the connection follows
    route = make_tracker(
        "ask_travel",
        text=text + " from Trier to Metz",
        slots={"language": lang, "travel_from": "trier", "travel_to": "metz"},
    )
    messages, _ = run_action(ActionAnswerTravel(), route)
    assert _responses(messages)[0] == "utter_travel_no_booking"
    assert messages[1]["fact"] == STORE.route("trier", "metz").fact.text_for(lang)


def test_riding_the_bus_for_free_in_a_city_is_its_public_transport_not_a_trip() -> None:
    text = "is riding the tram free in Luxembourg?"
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, "luxembourg", "Luxembourg"), {"entity": "transport", "value": "bus"}],
        slots={"travel_from": "luxembourg"},
    )
    assert _form("required_slots", tracker, ["travel_from", "travel_to"]) == []
    messages, events = run_action(ActionAnswerTravel(), tracker)
    assert _responses(messages) == ["utter_service_pointer"]
    assert messages[0]["url"] == STORE.pointers("public_transport", "luxembourg")[0].url
    assert _slot(events, "travel_from") is None


def test_the_form_fills_both_ends_with_the_one_city_of_a_local_transport_question() -> None:
    text = "kann man in Metz kostenlos Bus fahren?"
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, "metz", "Metz"), {"entity": "transport", "value": "bus"}],
        slots={"language": "de", "travel_from": "metz", "travel_to": "metz"},
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert "utter_fact_unknown" not in _responses(messages)
    assert _responses(messages)[0] in ("utter_service_pointer", "utter_service_no_pointer")
