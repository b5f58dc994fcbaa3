"""ActionAnswerTravel and the travel form: routes between the cities, modes, fares."""

from __future__ import annotations

import pytest

from actions.store import STORE
from actions.travel import ActionAnswerTravel, assign
from bot.language import LANGS, fold
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
        # "ich wohn in trier und arbeite in lux, gibts nen zug nach metz?"
        ([("trier", ""), ("luxembourg", ""), ("metz", "to")], None, (None, None), ("trier", "metz")),
        ([("trier", ""), ("luxembourg", "from"), ("metz", "to")], None, (None, None), ("luxembourg", "metz")),
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
    ("lang", "text", "names", "route"),
    [
        ("fr", "ah non, plutôt de Metz à Trèves", ("Metz", "Trèves"), ("metz", "trier")),
        ("en", "and from Luxembourg to Trier?", ("Luxembourg", "Trier"), ("luxembourg", "trier")),
        ("de", "und Metz nach Saarbrücken?", ("Metz", "Saarbrücken"), ("metz", "saarbruecken")),
    ],
)
@pytest.mark.parametrize("intent", ["nlu_fallback", "ask_city_overview", "inform_city"])
def test_another_pair_of_cities_right_after_a_route_is_that_route(lang, text, names, route, intent) -> None:
    from actions.cities import ActionAnswerCity
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker(
        intent,
        text=text,
        entities=[_city(text, c, n) for c, n in zip(route, names)],
        slots={"language": lang, "topic": "travel:saarbruecken:luxembourg"},
    )
    action = ActionAskRephrase() if intent == "nlu_fallback" else ActionAnswerCity()
    messages, events = run_action(action, tracker)
    assert messages[0]["fact"] == STORE.route(*route).fact.text_for(lang)
    assert _slot(events, "topic") == "travel:{}:{}".format(*route)


def test_another_pair_of_cities_after_a_car_answer_stays_by_car() -> None:
    from actions.cities import ActionAnswerCity

    text = "what about Metz to Luxembourg"
    tracker = make_tracker(
        "ask_city_overview",
        text=text,
        entities=[_city(text, "metz", "Metz"), _city(text, "luxembourg", "Luxembourg")],
        slots={"topic": "travel:trier:saarbruecken:car"},
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert_says(messages[0], "travel.car", "en")
    assert len(messages) == 1
    assert _slot(events, "topic") == "travel:metz:luxembourg:car"


def test_two_cities_that_are_not_a_trip_are_not_a_route() -> None:
    from actions.cities import ActionAnswerCity

    text = "le maire de Metz et de Trèves"
    tracker = make_tracker(
        "ask_city_mayor",
        text=text,
        entities=[_city(text, "metz", "Metz"), _city(text, "trier", "Trèves")],
        slots={"language": "fr", "topic": "travel:saarbruecken:luxembourg"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.metz.mayor"], ["city.trier.mayor"]]


@pytest.mark.parametrize(
    ("lang", "text", "name", "city"),
    [
        ("fr", "alors, depuis Trèves", "Trèves", "trier"),
        ("de", "ok, von Metz", "Metz", "metz"),
        ("en", "well, from Trier", "Trier", "trier"),
    ],
)
@pytest.mark.parametrize("intent", ["ask_city_overview", "ask_follow_up", "ask_city_mayor"])
def test_a_marked_city_completes_the_waiting_trip_whatever_the_intent(lang, text, name, city, intent) -> None:
    from actions.cities import ActionAnswerCity
    from actions.follow_up import ActionAnswerFollowUp

    tracker = make_tracker(
        intent,
        text=text,
        entities=[_city(text, city, name)],
        slots={
            "language": lang,
            "trip_waiting": "to:luxembourg",
            "topic": "city.mayor",
            "city": "saarbruecken",
            "subject": "city:saarbruecken:mayor",
        },
    )
    action = ActionAnswerFollowUp() if intent == "ask_follow_up" else ActionAnswerCity()
    messages, events = run_action(action, tracker)
    assert messages[0]["fact"] == STORE.route(city, "luxembourg").fact.text_for(lang)
    assert _slot(events, "trip_waiting") is None


def test_since_when_with_a_city_is_not_the_waiting_trip() -> None:
    from actions.cities import ActionAnswerCity

    text = "depuis quand le maire de Metz est en poste ?"
    tracker = make_tracker(
        "ask_city_mayor",
        text=text,
        entities=[_city(text, "metz", "Metz")],
        slots={"language": "fr", "trip_waiting": "to:luxembourg"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert all("route" not in str(m.get("custom")) for m in messages)
    assert messages[0]["custom"]["qp"]["facts"][0].startswith("city.metz.mayor")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "und wann geht der nächste?"),
        ("de", "gibt es morgen früh einen ersten um sechs?"),
        ("fr", "et le dernier train ce soir ?"),
        ("en", "what time is the last one tonight?"),
        ("fr", "et le samedi ya des trains ?"),
        ("de", "fahren die auch am sonntag?"),
        ("en", "and on weekends?"),
    ],
)
def test_departures_right_after_a_route_have_no_timetable_and_no_route_again(lang, text) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    tracker = make_tracker("ask_follow_up", text=text, slots={"language": lang, "topic": "travel:trier:metz"})
    messages, events = run_action(ActionAnswerFollowUp(), tracker)
    assert _responses(messages) == ["utter_travel_no_timetable_only"]
    assert _slot(events, "topic") == "travel:trier:metz"


def test_a_car_answer_right_after_a_route_keeps_the_route_for_the_next_question() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    car = make_tracker(
        "ask_travel",
        text="und mit dem Auto, wie lange?",
        entities=[{"entity": "transport", "value": "car"}],
        slots={"language": "de", "travel_mode": "car", "topic": "travel:metz:trier"},
    )
    messages, events = run_action(ActionAnswerTravel(), car)
    assert messages[0]["custom"]["qp"]["facts"] == ["travel.car"]
    assert _slot(events, "topic") == "travel:metz:trier:car"
    cost = make_tracker(
        "ask_follow_up",
        text="und der Fahrschein, was kostet der?",
        slots={"language": "de", "topic": "travel:metz:trier:car"},
    )
    messages, _ = run_action(ActionAnswerFollowUp(), cost)
    assert _responses(messages) == ["utter_travel_fare_unknown"]
    assert "Metz" in messages[0]["route"] and "Trier" in messages[0]["route"]


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


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "est-ce que le TGV passe ?"),
        ("de", "hält da ein ICE?"),
        ("en", "any high-speed trains, like an ICE?"),
    ],
)
def test_a_train_question_right_after_a_station_is_that_stations_answer(lang: str, text: str) -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker(
        "nlu_fallback",
        text=text,
        slots={"language": lang, "topic": "city.station", "city": "trier"},
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    fact = STORE.fact("city.trier.station")
    assert [m.get("fact") for m in messages] == [fact.answer_for("what", lang)]


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


@pytest.mark.parametrize(
    ("lang", "text", "names", "route"),
    [
        ("fr", "de Metz à Sarrebruck", ("Metz", "Sarrebruck"), ("metz", "saarbruecken")),
        ("de", "von Luxemburg nach Trier", ("Luxemburg", "Trier"), ("luxembourg", "trier")),
    ],
)
def test_two_cities_from_and_to_are_a_route_whatever_the_intent(lang, text, names, route) -> None:
    from actions.cities import ActionAnswerCity

    tracker = make_tracker(
        "inform_city",
        text=text,
        entities=[_city(text, c, n) for c, n in zip(route, names)],
        slots={"language": lang},
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.route(*route).fact.text_for(lang)
    assert _slot(events, "topic") == "travel:{}:{}".format(*route)


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


@pytest.mark.parametrize(
    ("text", "name", "topic"),
    [("le maire de Metz ?", "Metz", "mayor"), ("et la gare de Metz ?", "Metz", "station")],
)
def test_a_city_topic_with_de_is_not_the_waiting_trip(text: str, name: str, topic: str) -> None:
    from actions.cities import ActionAnswerCity

    tracker = make_tracker(
        f"ask_city_{topic}",
        text=text,
        entities=[_city(text, "metz", name)],
        slots={"language": "fr", "trip_waiting": "to:luxembourg"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == [f"city.metz.{topic}"]


def test_how_long_placed_under_travel_right_after_the_same_route_does_not_repeat_it() -> None:
    from actions.travel import ActionAnswerTravel

    # the store has no time for Saarbrücken–Metz
    slots = {
        "language": "de",
        "topic": "travel:saarbruecken:metz",
        "travel_from": "saarbruecken",
        "travel_to": "metz",
    }
    tracker = make_tracker("ask_travel", text="wie lange dauert das", slots=slots)
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert [m["response"] for m in messages] == ["utter_unknown_how_long"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "und wie lange dauert das"),
        ("en", "how long is the train?"),
        ("fr", "ça dure combien de temps ?"),
    ],
)
def test_trier_luxembourg_has_its_journey_time(lang: str, text: str) -> None:
    from actions.travel import ActionAnswerTravel

    slots = {
        "language": lang,
        "topic": "travel:trier:luxembourg",
        "travel_from": "trier",
        "travel_to": "luxembourg",
    }
    messages, _ = run_action(ActionAnswerTravel(), make_tracker("ask_travel", text=text, slots=slots))
    route = STORE.route("trier", "luxembourg").fact
    assert messages[0]["fact"] == route.answer_for("how_long", lang)
    assert "46" in messages[0]["fact"]
    assert not any(m.get("fact") == route.text_for(lang) for m in messages)  # not the route again


@pytest.mark.parametrize(
    ("lang", "text", "route", "response"),
    [
        ("fr", "c'est direct ?", "travel:metz:trier", "utter_route_direct"),
        ("de", "ohne umsteigen?", "travel:saarbruecken:luxembourg", "utter_route_not_direct"),
        # the store does not say: not "please rephrase"
        ("fr", "c'est direct ?", "travel:metz:saarbruecken", "utter_route_direct_unknown"),
        ("de", "muss man umsteigen?", "travel:metz:saarbruecken", "utter_route_direct_unknown"),
    ],
)
@pytest.mark.parametrize("intent", ["ask_follow_up", "nlu_fallback"])
def test_is_it_direct_after_a_route_is_answered_from_the_store(lang, text, route, response, intent) -> None:
    from actions.fallback import ActionAskRephrase
    from actions.follow_up import ActionAnswerFollowUp

    action = ActionAnswerFollowUp() if intent == "ask_follow_up" else ActionAskRephrase()
    tracker = make_tracker(intent, text=text, slots={"language": lang, "topic": route})
    messages, _ = run_action(action, tracker)
    assert [m["response"] for m in messages] == [response]


def test_how_long_by_train_after_the_cars_answer_gives_the_train_route() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": "en", "topic": "travel:trier:luxembourg:car"}
    tracker = make_tracker(
        "ask_follow_up",
        text="and how long by train",
        slots=slots,
        entities=[{"entity": "transport", "value": "train"}],
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    route = STORE.route("trier", "luxembourg").fact
    assert messages[-1]["fact"] == route.answer_for("how_long", "en")


def test_the_form_started_again_after_a_question_in_between_keeps_the_waiting_end() -> None:
    # "ich will nach luxemburg", "wer ist bürgermeister von trier?", then "ok, ich fahr ab trier"
    text = "ok, ich fahr ab trier"
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, "trier", "trier")],
        slots={"language": "de", "trip_waiting": "to:luxembourg", "travel_from": "trier"},
    )
    assert _form("validate_travel_from", tracker, "trier") == {
        "travel_from": "trier",
        "travel_to": "luxembourg",
    }


@pytest.mark.parametrize(
    ("lang", "text", "slots", "origin"),
    [
        ("fr", "c est loin de metz ?", {"subject": "organ:office", "facts": ["office.location"]}, "metz"),
        ("de", "wie komm ich von saarbrücken nach esch? hab kein auto", {}, "saarbruecken"),
        ("en", "how do I get there by train from Luxembourg station?", {"subject": "organ:office"}, None),
    ],
)
def test_the_way_to_the_office_is_to_esch_not_between_two_cities(lang, text, slots, origin) -> None:
    names = {"metz": "metz", "saarbruecken": "saarbrücken"}
    entities = [_city(text, origin, names[origin])] if origin else []
    if "Luxembourg" in text:
        entities = [_city(text, "luxembourg", "Luxembourg")]
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots={"language": lang, **slots})
    assert _form("required_slots", tracker, ["travel_from", "travel_to"]) == []
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    house = STORE.fact("office.house_greater_region")
    assert messages[0]["fact"] == house.answer_for("where", lang)
    said = [m.get("custom", {}).get("qp", {}).get("facts") for m in messages]
    if origin:
        assert [f"travel.{min(origin, 'luxembourg')}.{max(origin, 'luxembourg')}"] in said
    assert "utter_travel_to_esch" in _responses(messages)
    assert "utter_travel_ask_from" not in _responses(messages)


def test_a_trip_between_two_cities_after_the_office_is_that_trip() -> None:
    text = "und von trier nach metz?"
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, "trier", "trier"), _city(text, "metz", "metz")],
        slots={"subject": "organ:office"},
    )
    assert _form("required_slots", tracker, ["travel_from", "travel_to"]) == ["travel_from", "travel_to"]


@pytest.mark.parametrize(
    ("text", "slots", "keys"),
    [
        ("how far apart are they, the 4 cities", {}, ["travel.car"]),
        ("c loin d ici ?", {"city": "luxembourg"}, None),
        (
            "is it far to luxembourg?",
            {"city": "saarbruecken"},
            ["travel.luxembourg.saarbruecken", "travel.car"],
        ),
    ],
)
def test_how_far_the_cities_are(text: str, slots: dict, keys) -> None:
    from actions.fallback import ActionAskRephrase

    entities = [_city(text, "luxembourg", "luxembourg")] if "luxembourg" in text else []
    tracker = make_tracker("nlu_fallback", text=text, entities=entities, slots=slots)
    messages, _ = run_action(ActionAskRephrase(), tracker)
    said = [m.get("custom", {}).get("qp", {}).get("facts", [None])[0] for m in messages]
    if keys is None:  # no second city: the distance of the four, not a guess
        assert said == ["travel.car"]
    else:
        assert said == keys


def test_a_long_trip_message_the_nlu_put_out_of_scope_is_the_route() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    text = "familie aus saarbrücken, wir wollen am samstag einen tagesausflug nach trier machen, wie kommen wir am besten hin?"
    entities = [_city(text, "saarbruecken", "saarbrücken"), _city(text, "trier", "trier")]
    tracker = make_tracker("out_of_scope", text=text, entities=entities, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["travel.saarbruecken.trier"]


@pytest.mark.parametrize("intent", ["ask_travel", "inform_city"])
def test_an_onward_leg_starts_where_the_route_ended(intent: str) -> None:
    from actions.cities import ActionAnswerCity

    text = "und dann weiter nach metz? direkt?"
    slots = {"language": "de", "topic": "travel:trier:luxembourg"}
    tracker = make_tracker(intent, text=text, entities=[_city(text, "metz", "metz")], slots=slots)
    if intent == "ask_travel":
        assert _form("validate_travel_to", tracker, "metz") == {
            "travel_from": "luxembourg",
            "travel_to": "metz",
        }
    else:
        messages, _ = run_action(ActionAnswerCity(), tracker)
        assert messages[0]["custom"]["qp"]["facts"] == ["travel.luxembourg.metz"]


@pytest.mark.parametrize(
    ("lang", "text", "origin"),
    [
        ("en", "thanks, and how do I get there from Trier?", "trier"),
        ("de", "und wie komme ich von saarbrücken dahin?", "saarbruecken"),
        ("fr", "merci, et pour y aller depuis luxembourg ?", "luxembourg"),
        ("de", "wie komme ich dahin?", None),
    ],
)
def test_there_is_the_conversations_city(lang: str, text: str, origin: str | None) -> None:
    named = {"trier": "Trier", "saarbruecken": "saarbrücken", "luxembourg": "luxembourg"}
    entities = [_city(text, origin, named[origin])] if origin else []
    # the city slot was Metz before this message; the city the message names is in it now
    before = [{"event": "slot", "name": "city", "value": "metz"}, {"event": "user", "text": "..."}]
    slots = {"language": lang, "city": origin or "metz"}
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots=slots, events=before)
    assert _form("extract_travel_to", tracker) == {"travel_to": "metz"}
    assert _form("validate_travel_to", tracker, "metz") == {"travel_from": origin, "travel_to": "metz"}


def test_there_does_not_override_a_named_destination() -> None:
    text = "how do I get there, to Trier?"
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, "trier", "Trier")],
        slots={"language": "en", "city": "metz"},
    )
    assert _form("validate_travel_to", tracker, "trier") == {"travel_from": None, "travel_to": "trier"}
    assert _form("extract_travel_to", make_tracker("ask_travel", text="how do I get there?")) == {}


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("en", "how do i get from there to luxembourg?", "luxembourg"),
        ("de", "und von dort nach luxemburg?", "luxemburg"),
        ("fr", "et de là pour aller à luxembourg ?", "luxembourg"),
    ],
)
def test_from_there_starts_at_the_conversations_city(lang: str, text: str, named: str) -> None:
    before = [{"event": "slot", "name": "city", "value": "saarbruecken"}, {"event": "user", "text": "..."}]
    slots = {"language": lang, "city": "luxembourg"}
    tracker = make_tracker(
        "ask_travel", text=text, entities=[_city(text, "luxembourg", named)], slots=slots, events=before
    )
    assert _form("validate_travel_to", tracker, "luxembourg") == {
        "travel_from": "saarbruecken",
        "travel_to": "luxembourg",
    }


def test_direct_or_change_right_after_a_route_under_the_travel_intent_is_yes_or_no() -> None:
    # the form filled the route again from the conversation (reused_route)
    slots = {
        "language": "de",
        "travel_from": "saarbruecken",
        "travel_to": "trier",
        "topic": "travel:saarbruecken:trier",
    }
    tracker = make_tracker("ask_travel", text="direkt oder umsteigen?", slots=slots)
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert _responses(messages) == ["utter_route_direct"]


def test_parking_at_the_office_is_not_known_and_the_office_can_say() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {"language": "de", "subject": "organ:office", "facts": ["office.contact"]}
    tracker = make_tracker("out_of_scope", text="gibts da parkplätze", slots=slots)
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert _responses(messages)[0] == "utter_office_parking_unknown"
    assert messages[1]["custom"]["qp"]["facts"] == ["office.contact"]


def test_a_route_answer_ends_the_organ_as_the_conversations_subject() -> None:
    slots = {
        "language": "fr",
        "travel_from": "luxembourg",
        "travel_to": "saarbruecken",
        "subject": "organ:board",
    }
    _, events = run_action(
        ActionAnswerTravel(), make_tracker("ask_travel", text="je pars de luxembourg", slots=slots)
    )
    assert {"event": "slot", "name": "subject", "value": None} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


@pytest.mark.parametrize(
    ("lang", "text", "place", "said"),
    [
        # with what the city's station says of the place, where it says something
        ("en", "how long from saarbrücken to paris", "Paris", ["utter_closest", "utter_fact_dated"]),
        ("de", "wie komme ich von trier nach Frankfurt?", "Frankfurt", []),
    ],
)
def test_a_trip_outside_the_network_says_so(lang: str, text: str, place: str, said: list) -> None:
    city = "saarbruecken" if "saar" in text else "trier"
    tracker = make_tracker(
        "ask_travel", text=text, entities=[{"entity": "city", "value": city}], slots={"language": lang}
    )
    assert _form("required_slots", tracker, ["travel_from", "travel_to"]) == []
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert _responses(messages) == ["utter_route_outside", *said]
    assert messages[0]["place"] == place


def test_the_tgv_to_paris_is_not_a_citys_population() -> None:
    from actions.cities import ActionAnswerCity

    entities = [{"entity": "transport", "value": "train"}, {"entity": "city", "value": "metz"}]
    tracker = make_tracker(
        "ask_city_population",
        text="le tgv metz paris ca prend combien ?",
        entities=entities,
        slots={"language": "fr"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert _responses(messages) == ["utter_route_outside"]


def test_opening_hours_after_the_offices_address_under_the_travel_intent_are_not_known() -> None:
    slots = {"language": "en", "subject": "organ:office", "facts": ["office.contact"]}
    messages, _ = run_action(
        ActionAnswerTravel(), make_tracker("ask_travel", text="opening hours?", slots=slots)
    )
    assert _responses(messages)[0] == "utter_unknown_hours"


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [("de", "und von Trier aus?", "trier"), ("en", "and from saarbrucken?", "saarbruecken")],
)
def test_another_start_right_after_the_way_to_the_office_is_the_way_from_there(
    lang: str, text: str, city: str
) -> None:
    from actions.cities import ActionAnswerCity

    slots = {"language": lang, "topic": "office", "subject": "organ:office"}
    tracker = make_tracker(
        "inform_city", text=text, entities=[{"entity": "city", "value": city}], slots=slots
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    facts = [f for m in messages for f in (m.get("custom") or {}).get("qp", {}).get("facts", [])]
    assert "office.house_greater_region" in facts
    assert f"travel.luxembourg.{city}" in facts


def test_by_bus_right_after_the_same_route_under_the_travel_intent_is_its_time() -> None:
    slots = {
        "language": "fr",
        "travel_from": "luxembourg",
        "travel_to": "saarbruecken",
        "travel_mode": "bus",
        "topic": "travel:luxembourg:saarbruecken",
    }
    tracker = make_tracker(
        "ask_travel",
        text="y a pas un bus plutot ?",
        entities=[{"entity": "transport", "value": "bus"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    fact = STORE.fact("travel.luxembourg.saarbruecken")
    assert [m.get("fact") for m in messages if m.get("fact")] == [fact.answer_for("how_long", "fr")]


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("de", "und zurück?", "ask_follow_up"),
        ("fr", "et le retour ?", "ask_follow_up"),
        ("en", "and back?", "inform_city"),
    ],
)
def test_the_way_back_right_after_a_route_is_that_route_told_short(lang: str, text: str, intent: str) -> None:
    from actions.cities import ActionAnswerCity
    from actions.follow_up import ActionAnswerFollowUp

    action = ActionAnswerCity() if intent == "inform_city" else ActionAnswerFollowUp()
    tracker = make_tracker(intent, text=text, slots={"language": lang, "topic": "travel:trier:luxembourg"})
    messages, events = run_action(action, tracker)
    route = STORE.route("trier", "luxembourg").fact
    assert [m["response"] for m in messages][0] == "utter_route_back"
    assert messages[0]["route"].startswith(STORE.city_name("luxembourg", lang))
    assert messages[1]["fact"] == route.answer_for("how_long", lang)
    assert _slot(events, "topic") == "travel:luxembourg:trier"


@pytest.mark.parametrize(
    ("lang", "text"), [("de", "und mit dem rad?"), ("fr", "et à vélo ?"), ("en", "by bike?")]
)
def test_a_bike_question_says_no_cycling_times_and_gives_the_cycling_map(lang: str, text: str) -> None:
    from actions.cities import ActionAnswerCity

    tracker = make_tracker(
        "inform_city",
        text=text,
        entities=[{"entity": "transport", "value": "bike"}],
        slots={"language": lang, "topic": "travel:trier:luxembourg"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["response"] for m in messages][0] == "utter_travel_no_bike"
    assert_says(messages[1], "project.cycling_map", lang)
    assert not any(m.get("fact") == STORE.route("trier", "luxembourg").fact.text_for(lang) for m in messages)


@pytest.mark.parametrize("lang", LANGS)
def test_a_direct_bus_question_after_a_route_is_about_the_bus(lang: str) -> None:
    tracker = make_tracker(
        "ask_travel",
        text="is there a direct bus instead?",
        entities=[{"entity": "transport", "value": "bus"}],
        slots={"language": lang, "topic": "travel:saarbruecken:luxembourg", "travel_mode": "bus"},
    )
    tracker.slots.update({"travel_from": "saarbruecken", "travel_to": "luxembourg"})
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    route = STORE.route("saarbruecken", "luxembourg").fact
    assert [m.get("response") for m in messages] == ["utter_fact_dated"]
    assert messages[0]["fact"] == route.answer_for("how_long", lang)


def test_two_means_named_get_both_answers() -> None:
    tracker = make_tracker(
        "ask_travel",
        text="lohnt sich auto oder zug mehr?",
        entities=[{"entity": "transport", "value": "car"}, {"entity": "transport", "value": "train"}],
        slots={"language": "de", "travel_mode": "car", "travel_from": "trier", "travel_to": "luxembourg"},
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert_says(messages[0], "travel.car", "de")
    assert any(m.get("fact") == STORE.route("trier", "luxembourg").fact.text_for("de") for m in messages)


@pytest.mark.parametrize("lang", LANGS)
def test_a_car_question_while_the_form_waits_gets_the_cars_answer_and_keeps_the_trip(lang: str) -> None:
    tracker = make_tracker(
        "ask_travel",
        text="combien de temps en voiture ?",
        entities=[{"entity": "transport", "value": "car"}],
        slots={"language": lang, "travel_to": "trier", "requested_slot": "travel_from"},
    )
    tracker.active_loop = {"name": "travel_form"}
    messages, events = run_action(ActionAnswerTravel(), tracker)
    assert messages[0]["fact"] == STORE.fact("travel.car").answer_for("how_long", lang)  # "combien de temps"
    # the trip stays; the form asks for its start again (rules), for the means asked first
    assert events == [{"event": "slot", "name": "travel_mode", "value": None, "timestamp": None}]


@pytest.mark.parametrize("mode", ["car", "bus"])
def test_a_mode_alone_while_a_trip_waits_answers_or_asks_for_the_start(mode: str) -> None:
    from actions.cities import ActionAnswerCity

    tracker = make_tracker(
        "inform_city",
        text="et en voiture ?" if mode == "car" else "et en bus ?",
        entities=[{"entity": "transport", "value": mode}],
        slots={"language": "fr", "travel_to": "trier", "requested_slot": "travel_from"},
    )
    tracker.active_loop = {"name": "travel_form"}
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert "utter_unknown_city" not in [m.get("response") for m in messages]
    if mode == "car":
        assert_says(messages[0], "travel.car", "fr")
    else:
        assert messages == []
        assert events[-1] == {"event": "followup", "name": "travel_form", "timestamp": None}
        assert _slot(events, "travel_to") == "trier"


def test_is_it_direct_while_a_trip_waits_for_its_start_asks_for_it_again() -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker(
        "nlu_fallback", text="il faut changer ?", slots={"language": "fr", "trip_waiting": "to:trier"}
    )
    messages, events = run_action(ActionAskRephrase(), tracker)
    assert messages == []
    assert events[-1] == {"event": "followup", "name": "travel_form", "timestamp": None}
    assert _slot(events, "travel_to") == "trier"


@pytest.mark.parametrize(
    ("lang", "text"), [("de", "saarbrücken"), ("fr", "Sarrebruck."), ("en", "saarbrucken")]
)
def test_a_city_alone_while_a_trip_waits_is_its_start(lang: str, text: str) -> None:
    from actions.cities import ActionAnswerCity

    tracker = make_tracker(
        "inform_city",
        text=text,
        entities=[{"entity": "city", "value": "saarbruecken", "start": 0, "end": len(text.rstrip("."))}],
        slots={"language": lang, "trip_waiting": "to:trier", "topic": "ask_president"},
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.route("saarbruecken", "trier").fact.text_for(lang)
    assert _slot(events, "topic") == "travel:saarbruecken:trier"


@pytest.mark.parametrize(
    "text",
    ["going back to luxembourg, is public transport free there?", "is public transport free in luxembourg?"],
)
def test_free_public_transport_in_one_city_needs_no_trip(text: str) -> None:
    start = text.index("luxembourg")
    entity = {"entity": "city", "value": "luxembourg", "start": start, "end": start + len("luxembourg")}
    tracker = make_tracker("ask_travel", text=text, entities=[entity], slots={"language": "en"})
    assert _form("required_slots", tracker, ["travel_from", "travel_to"]) == []


def _after_a_question_in_between(route: str) -> list:
    """A route answered, then a question about something else."""
    return [
        {"event": "user", "text": "route"},
        {"event": "slot", "name": "topic", "value": route},
        {"event": "user", "text": "au fait c'est quoi la maison de la grande region"},
        {"event": "slot", "name": "topic", "value": "ask_house_greater_region"},
        {"event": "slot", "name": "subject", "value": "organ:office"},
    ]


@pytest.mark.parametrize(
    ("text", "intent", "response"),
    [
        ("et le retour ?", "ask_follow_up", "utter_route_back"),
        ("c'est direct ?", "nlu_fallback", "utter_route_direct"),
    ],
)
def test_a_route_question_after_a_question_in_between_is_about_the_route(
    text: str, intent: str, response: str
) -> None:
    from actions.fallback import ActionAskRephrase
    from actions.follow_up import ActionAnswerFollowUp

    action = ActionAnswerFollowUp() if intent == "ask_follow_up" else ActionAskRephrase()
    slots = {"language": "fr", "topic": "ask_house_greater_region", "subject": "organ:office"}
    tracker = make_tracker(
        intent, text=text, slots=slots, events=_after_a_question_in_between("travel:metz:trier")
    )
    messages, events = run_action(action, tracker)
    assert messages[0]["response"] == response
    assert _slot(events, "subject") is None  # the route is the subject again, not the office


def test_the_last_train_after_the_route_is_no_timetable_not_the_route_again() -> None:
    tracker = make_tracker(
        "ask_travel",
        text="et le dernier train ?",
        entities=[{"entity": "transport", "value": "train"}],
        slots={
            "language": "fr",
            "travel_from": "luxembourg",
            "travel_to": "metz",
            "topic": "travel:luxembourg:metz",
        },
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert [m["response"] for m in messages] == ["utter_travel_no_timetable_only"]


def test_the_last_train_back_is_no_timetable() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": "de", "topic": "travel:trier:luxembourg"}
    tracker = make_tracker("ask_follow_up", text="und zurück abends, wann fährt der letzte?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert [m["response"] for m in messages] == ["utter_route_back", "utter_travel_no_timetable_only"]


@pytest.mark.parametrize(
    ("text", "start"),
    [("luxemburg", 0), ("ok. luxemburg", 4)],  # an "ok" first still only gives the city
)
def test_a_city_alone_after_a_question_in_between_is_the_end_the_form_had_asked_for(text, start) -> None:
    from actions.cities import ActionAnswerCity

    entity = {"entity": "city", "value": "luxembourg", "start": start, "end": start + 9}
    slots = {"language": "de", "trip_waiting": "asked:travel_from", "topic": "city.mayor"}
    tracker = make_tracker("inform_city", text=text, entities=[entity], slots=slots)
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages == []
    assert _slot(events, "travel_from") == "luxembourg"
    assert events[-1] == {"event": "followup", "name": "travel_form", "timestamp": None}


def test_greet_with_a_question_and_nothing_to_answer_asks_to_rephrase_not_welcome() -> None:
    from actions.fallback import ActionAnswerGreet

    messages, _ = run_action(
        ActionAnswerGreet(), make_tracker("greet", text="c'est à jour ?", slots={"language": "fr"})
    )
    assert [m["response"] for m in messages] != ["utter_greet"]


@pytest.mark.parametrize(
    ("lang", "text", "name", "expected"),
    [
        (
            "de",
            "ach nee doch lieber nach luxemburg, wie lange dauert das?",
            "luxemburg",
            ("trier", "luxembourg"),
        ),
        ("fr", "non plutôt vers Luxembourg", "Luxembourg", ("trier", "luxembourg")),
        ("en", "actually from luxembourg", "luxembourg", ("luxembourg", "metz")),
    ],
)
def test_one_marked_city_right_after_a_route_changes_that_end_only(lang, text, name, expected) -> None:
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, "luxembourg", name)],
        slots={"language": lang, "topic": "travel:trier:metz"},
    )
    assert tuple(_form("validate_travel_to", tracker, "luxembourg").values()) == expected
    # without a route just before, the form still asks for the other end
    fresh = make_tracker(
        "ask_travel", text=text, entities=[_city(text, "luxembourg", name)], slots={"language": lang}
    )
    assert None in _form("validate_travel_to", fresh, "luxembourg").values()


def test_a_station_with_from_while_a_trip_waits_is_its_start() -> None:
    from actions.cities import ActionAnswerCity

    text = "from luxembourg gare"
    tracker = make_tracker(
        "ask_city_station",
        text=text,
        entities=[_city(text, "luxembourg", "luxembourg")],
        slots={"language": "en", "trip_waiting": "to:saarbruecken"},
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.route("luxembourg", "saarbruecken").fact.text_for("en")
    assert _slot(events, "trip_waiting") is None


def test_events_soon_right_after_a_route_are_not_departures() -> None:
    from actions.events import ActionAnswerEvents

    text = "il y a des evenements quattropole bientot ?"
    tracker = make_tracker(
        "ask_events", text=text, slots={"language": "fr", "topic": "travel:metz:luxembourg"}
    )
    messages, _ = run_action(ActionAnswerEvents(), tracker)
    assert not {"utter_travel_no_timetable_only", "utter_travel_no_timetable"} & set(_responses(messages))
    assert _responses(messages)[0] == "utter_no_upcoming_events"


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("fr", "combien de temps en voiture depuis metz ?", "metz"),
        ("en", "how long by car to trier?", "trier"),
    ],
)
def test_the_car_from_one_city_needs_no_other_end(lang: str, text: str, name: str) -> None:
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, name, name), {"entity": "transport", "value": "car"}],
        slots={"language": lang},
    )
    assert _form("required_slots", tracker, ["travel_from", "travel_to"]) == []
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert messages[0]["fact"] == STORE.fact("travel.car").answer_for("how_long", lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "und wenn ich nach esch will?"),
        ("en", "and to esch?"),
        ("fr", "et si je veux continuer jusqu'à Esch ?"),
    ],
)
def test_going_on_to_esch_after_a_route_is_the_way_to_the_office(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    tracker = make_tracker(
        "ask_follow_up", text=text, slots={"language": lang, "topic": "travel:trier:luxembourg"}
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert "utter_follow_up_unclear" not in _responses(messages)
    assert any("Esch" in (m.get("fact") or "") for m in messages)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "ok back to the trip. by train please"), ("de", "ok zurück zur fahrt, mit dem zug bitte")],
)
def test_back_to_the_trip_after_the_office_is_the_route_not_the_office(lang: str, text: str) -> None:
    events = [
        {"event": "user", "text": "how do i get from trier to luxembourg"},
        {"event": "slot", "name": "topic", "value": "travel:trier:luxembourg"},
        {"event": "user", "text": "who is the president?"},
        {"event": "user", "text": "and where is their office"},
        {"event": "slot", "name": "topic", "value": "office"},
        {"event": "user", "text": text},
    ]
    slots = {"language": lang, "subject": "organ:office", "topic": "office"}
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[{"entity": "transport", "value": "train"}],
        slots=slots,
        events=events,
    )
    from actions.travel import trip_to_office

    assert not trip_to_office(tracker)
    assert _form("extract_travel_from", tracker) == {"travel_from": "trier"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "bon on préfère partir de sarrebruck plutôt que de metz, ya un train pour luxembourg ?",
            ("sarrebruck", "metz", "luxembourg"),
        ),
        ("lieber ab Saarbrücken statt von Metz, nach Luxemburg", ("Saarbrücken", "Metz", "Luxemburg")),
        ("from saarbrücken rather than metz, to luxembourg", ("saarbrücken", "metz", "luxembourg")),
    ],
)
def test_a_city_the_user_no_longer_means_is_left_out(text: str, names: tuple) -> None:
    from actions.travel import cities_in_message

    ids = ("saarbruecken", "metz", "luxembourg")
    tracker = make_tracker("ask_travel", text=text, entities=[_city(text, c, n) for c, n in zip(ids, names)])
    assert [c for c, _ in cities_in_message(tracker)] == ["saarbruecken", "luxembourg"]


def test_one_city_in_both_ends_is_no_route_from_a_city_to_itself() -> None:
    text = "how long does it take to drive to trier"
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, "trier", "trier"), {"entity": "transport", "value": "car"}],
        slots={"language": "en", "travel_from": "trier", "travel_to": "trier", "travel_mode": "car"},
    )
    messages, events = run_action(ActionAnswerTravel(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["travel.car"]
    assert "travel:trier:trier" not in str(_slot(events, "topic"))
    assert not any("Trier – Trier" in str(m) for m in messages)


def test_a_corrected_start_right_after_a_car_answer_keeps_the_end_and_the_car() -> None:
    from actions.fallback import ActionAskRephrase

    text = "actually no, from saarbrucken"
    tracker = make_tracker(
        "nlu_fallback",
        text=text,
        entities=[_city(text, "saarbruecken", "saarbrucken")],
        slots={"language": "en", "topic": "travel::trier:car"},
    )
    messages, events = run_action(ActionAskRephrase(), tracker)
    assert _slot(events, "topic") == "travel:saarbruecken:trier:car"
    assert "utter_ask_rephrase" not in _responses(messages)


def test_a_city_named_twice_is_one_end() -> None:
    from actions.travel import assign, cities_in_message

    text = "on préfère partir de sarrebruck plutôt que de metz, ya un train direct sarrebruck luxembourg ?"
    second = text.rindex("sarrebruck")
    entities = [
        _city(text, "saarbruecken", "sarrebruck"),
        _city(text, "metz", "metz"),
        {"entity": "city", "value": "saarbruecken", "start": second, "end": second + len("sarrebruck")},
        _city(text, "luxembourg", "luxembourg"),
    ]
    found = cities_in_message(make_tracker("ask_travel", text=text, entities=entities))
    assert found == [("saarbruecken", "from"), ("luxembourg", "")]
    assert assign(found, None, None, None) == ("saarbruecken", "luxembourg")


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        ("en", "i live in saarbrucken and work in metz. train or car?", ("saarbrucken", "metz")),
        ("fr", "j'habite à Sarrebruck et je bosse à Metz, train ou voiture ?", ("Sarrebruck", "Metz")),
        ("de", "ich wohne in Saarbrücken und arbeite in Metz, Zug oder Auto?", ("Saarbrücken", "Metz")),
    ],
)
def test_where_a_commuter_lives_and_works_is_a_trip(lang: str, text: str, names: tuple) -> None:
    from actions.services import ActionAnswerCityService
    from actions.travel import cities_in_message

    entities = [_city(text, "saarbruecken", names[0]), _city(text, "metz", names[1])]
    entities += [{"entity": "transport", "value": "train"}, {"entity": "transport", "value": "car"}]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": lang})
    assert cities_in_message(tracker) == [("saarbruecken", "from"), ("metz", "to")]
    messages, events = run_action(ActionAnswerCityService(), tracker)
    assert str(_slot(events, "topic")).startswith("travel:saarbruecken:metz")
    assert any("travel.car" in str(m) for m in messages)


@pytest.mark.parametrize(
    ("intent", "lang", "text"),
    [
        ("ask_greater_region", "fr", "demain y a greve sncf, comment je vais au boulot ?"),
        ("out_of_scope", "en", "if theres a strike in france what are my options to get to metz"),
        ("ask_follow_up", "de", "und wenn in frankreich wieder streik is, was mach ich dann"),
    ],
)
def test_a_strike_gets_no_live_news_and_the_operators(intent: str, lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope
    from actions.follow_up import ActionAnswerFollowUp
    from actions.greater_region import ActionAnswerGreaterRegion

    action = {"out_of_scope": ActionAnswerOutOfScope, "ask_follow_up": ActionAnswerFollowUp}.get(
        intent, ActionAnswerGreaterRegion
    )()
    slots = {"language": lang, "topic": "travel:saarbruecken:metz"}
    messages, _ = run_action(action, make_tracker(intent, text=text, slots=slots))
    assert [m.get("response") for m in messages] == ["utter_travel_disruption"]


def test_the_last_train_back_from_the_end_of_the_route_is_the_way_back() -> None:
    text = "whats the last train back from metz on a weekday"
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=[_city(text, "metz", "metz"), {"entity": "transport", "value": "train"}],
        slots={"language": "en", "topic": "travel:saarbruecken:metz:car"},
    )
    assert _form("validate_travel_from", tracker, "metz") == {
        "travel_from": "metz",
        "travel_to": "saarbruecken",
    }


def test_a_tax_question_after_a_route_is_not_its_fare() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": "en", "topic": "travel:saarbruecken:metz"}
    tracker = make_tracker("ask_follow_up", text="where do i pay income tax?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert "utter_travel_fare_unknown" not in _responses(messages)


def test_where_a_commuter_lives_and_works_without_a_travel_question_is_no_trip() -> None:
    from actions.services import ActionAnswerCityService

    text = "ça change quoi pour moi ? j'habite a metz et je travaille au luxembourg"
    entities = [_city(text, "metz", "metz"), _city(text, "luxembourg", "luxembourg")]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": "fr"})
    messages, events = run_action(ActionAnswerCityService(), tracker)
    assert not str(_slot(events, "topic")).startswith("travel:")


def test_a_strike_while_the_travel_form_waits_gets_no_live_news() -> None:
    from rasa_sdk import Tracker

    from actions.fallback import ActionAnswerOutOfScope

    base = make_tracker(
        "out_of_scope", text="et s'il y a grève ?", slots={"language": "fr", "travel_from": "metz"}
    )
    tracker = Tracker(
        base.sender_id,
        base.slots,
        base.latest_message,
        base.events,
        False,
        None,
        {"name": "travel_form"},
        "action_listen",
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m.get("response") for m in messages] == ["utter_travel_disruption"]


def test_from_a_city_right_after_another_city_goes_to_that_one() -> None:
    text = "et depuis metz en train ça prend combien ?"
    slots = {"language": "fr", "city": "luxembourg", "topic": "city.population"}
    tracker = make_tracker("ask_travel", text=text, entities=[_city(text, "metz", "metz")], slots=slots)
    assert _form("validate_travel_from", tracker, "metz") == {
        "travel_from": "metz",
        "travel_to": "luxembourg",
    }
    # without a city just before, the form asks where to
    fresh = make_tracker(
        "ask_travel", text=text, entities=[_city(text, "metz", "metz")], slots={"language": "fr"}
    )
    assert _form("validate_travel_from", fresh, "metz") == {"travel_from": "metz", "travel_to": None}


def test_the_car_from_one_city_after_anothers_sights_is_that_route() -> None:
    text = "combien de temps en voiture depuis metz ?"
    slots = {"language": "fr", "city": "trier", "topic": "service", "service": "tourism"}
    entities = [_city(text, "metz", "metz"), {"entity": "transport", "value": "car"}]
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots=slots)
    assert _form("required_slots", tracker, ["travel_from", "travel_to"]) == ["travel_from", "travel_to"]
    assert _form("validate_travel_from", tracker, "metz") == {"travel_from": "metz", "travel_to": "trier"}


def test_a_strike_the_nlu_could_not_place_after_a_route_is_no_route_again() -> None:
    from actions.fallback import ActionAskRephrase

    slots = {"language": "de", "topic": "travel:saarbruecken:luxembourg"}
    tracker = make_tracker(
        "nlu_fallback",
        text="streikt die bahn diese woche?",
        entities=[{"entity": "transport", "value": "train"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m.get("response") for m in messages] == ["utter_travel_disruption"]


def test_a_trip_from_outside_keeps_the_member_city_for_the_next_start() -> None:
    from actions.cities import ActionAnswerCity

    text = (
        "salut, je bosse a luxembourg ville et j'habite vers thionville, le train ca met combien de temps ?"
    )
    entities = [_city(text, "luxembourg", "luxembourg ville"), {"entity": "transport", "value": "train"}]
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots={"language": "fr"})
    _, events = run_action(ActionAnswerTravel(), tracker)
    assert _slot(events, "trip_waiting") == "to:luxembourg"
    follow = make_tracker(
        "inform_city",
        text="et depuis metz ?",
        entities=[_city("et depuis metz ?", "metz", "metz")],
        slots={"language": "fr", "trip_waiting": "to:luxembourg"},
    )
    messages, _ = run_action(ActionAnswerCity(), follow)
    assert messages[0]["fact"] == STORE.route("metz", "luxembourg").fact.text_for("fr")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "kann ich mein fahrrad mitnehmen?"),
        ("en", "can i take my bike on the train to luxembourg?"),
        ("fr", "on peut emporter un vélo dans le train ?"),
    ],
)
def test_taking_a_bike_on_the_train_is_the_operators_rules_not_the_cycling_map(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    entities = [{"entity": "transport", "value": "bike"}]
    slots = {"language": lang, "topic": "travel:trier:luxembourg"}
    messages, _ = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, entities=entities, slots=slots)
    )
    assert [m.get("response") for m in messages] == ["utter_travel_bike_carriage"]


def test_by_bike_alone_is_still_the_cycling_map() -> None:
    entities = [{"entity": "transport", "value": "bike"}]
    messages, _ = run_action(
        ActionAnswerTravel(),
        make_tracker("ask_travel", text="und mit dem rad?", entities=entities, slots={"language": "de"}),
    )
    assert messages[0]["response"] == "utter_travel_no_bike"


@pytest.mark.parametrize(
    ("lang", "text", "entities"),
    [
        ("fr", "c quoi le prix du billet", []),
        ("en", "how much is a ticket?", []),
        ("de", "gibt es das saar-lor-lux ticket noch", [{"entity": "city", "value": "luxembourg"}]),
    ],
)
def test_a_fare_with_no_route_points_to_the_operators(lang: str, text: str, entities: list) -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker("nlu_fallback", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m.get("response") for m in messages] == ["utter_travel_fares"]


@pytest.mark.parametrize(
    ("text", "entities", "slots"),
    [
        # a bus ticket in a named city is that city's public transport
        ("was kostet ein busticket in trier?", [{"entity": "city", "value": "trier"}], {}),
        # a concert's tickets after the music prize are not a train fare
        ("c'est combien le billet ?", [], {"subject": "project:music_prize"}),
        # where to buy one is the booking answer
        ("wo kann ich ein ticket kaufen?", [], {}),
        # a ticket for all four cities is the card question, which the store answers
        ("gibt es ein Ticket für alle vier Städte?", [{"entity": "project", "value": "no_tourist_card"}], {}),
    ],
)
def test_a_fare_is_not_the_operators_when_a_city_an_event_or_booking_is_meant(text, entities, slots) -> None:
    from actions import travel

    tracker = make_tracker("ask_travel", text=text, entities=entities, slots={"language": "de", **slots})
    from rasa_sdk.executor import CollectingDispatcher

    assert travel.answer_fares(CollectingDispatcher(), tracker, "de") is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "do I need a car or is the train fine for all 4"),
        ("fr", "on peut faire les 4 villes en train ou il faut une voiture ?"),
        ("de", "kommt man zwischen allen vier Städten mit dem Zug oder brauche ich ein Auto?"),
    ],
)
def test_the_train_between_all_four_cities_is_each_routes_direct_train_then_the_car(
    lang: str, text: str
) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    entities = [{"entity": "transport", "value": "car"}, {"entity": "transport", "value": "train"}]
    tracker = make_tracker("out_of_scope", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    responses = [m.get("response") for m in messages]
    assert responses[:3] == [
        "utter_travel_direct_trains",
        "utter_travel_no_direct_trains",
        "utter_travel_direct_trains_unknown",
    ]
    direct = [r for r in STORE.routes if r.direct_train]
    assert messages[0]["routes"].count("–") == len(direct)
    lux, saar = STORE.city_name("luxembourg", lang), STORE.city_name("saarbruecken", lang)
    assert f"{lux} – {saar}" in messages[1]["routes"]  # the one route without a direct train
    assert_says(messages[3], "travel.car", lang)
    assert responses[-1] == "utter_travel_note"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "und wie komme ich abends wieder heim"), ("en", "and how do i get home in the evening?")],
)
def test_getting_home_after_a_route_is_the_way_back(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "topic": "travel:trier:metz"}
    messages, events = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots)
    )
    assert messages[0]["response"] == "utter_route_back"
    assert messages[0]["route"] == "Metz – Trier"


def test_a_route_without_the_car_is_not_the_car() -> None:
    text = "saarbrucken to luxembourg without a car"
    at = text.index("car")
    entities = [
        {"entity": "city", "value": "saarbruecken", "start": 0, "end": 11},
        {"entity": "city", "value": "luxembourg", "start": 15, "end": 25},
        {"entity": "transport", "value": "car", "start": at, "end": at + 3},
    ]
    slots = {"language": "en", "travel_from": "saarbruecken", "travel_to": "luxembourg", "travel_mode": "car"}
    messages, _ = run_action(
        ActionAnswerTravel(), make_tracker("ask_travel", text=text, entities=entities, slots=slots)
    )
    assert messages[0]["fact"] == STORE.route("saarbruecken", "luxembourg").fact.text["en"]


def test_a_tour_of_the_four_cities_is_no_route_but_how_they_are_linked() -> None:
    text = (
        "hi! im visiting luxembourg, metz, saarbrucken and trier in one week next month, flying into "
        "luxembourg. what order should i do them in?"
    )
    entities = [
        {"entity": "city", "value": city, "start": text.index(name), "end": text.index(name) + len(name)}
        for city, name in (
            ("luxembourg", "luxembourg"),
            ("metz", "metz"),
            ("saarbruecken", "saarbrucken"),
            ("trier", "trier"),
        )
    ]
    slots = {"language": "en", "travel_from": "metz", "travel_to": "luxembourg"}
    messages, _ = run_action(
        ActionAnswerTravel(), make_tracker("ask_travel", text=text, entities=entities, slots=slots)
    )
    responses = [m.get("response") for m in messages]
    assert responses[:2] == ["utter_travel_no_itinerary", "utter_travel_direct_trains"]
    assert not any(m.get("fact") == STORE.route("metz", "luxembourg").fact.text["en"] for m in messages)


def test_three_cities_without_an_order_asked_are_not_a_tour() -> None:
    """ "nach Luxemburg, aber Trier wär besser, wie weit ist das von Saarbrücken?" is a distance,
    not a plan for all of them."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.travel import answer_all_routes

    text = "eigentlich wollten wir nach Luxemburg, aber Trier wär besser, wie weit ist das von Saarbrücken?"
    entities = [
        {"entity": "city", "value": c, "start": text.index(n), "end": text.index(n) + len(n)}
        for c, n in (("luxembourg", "Luxemburg"), ("trier", "Trier"), ("saarbruecken", "Saarbrücken"))
    ]
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots={"language": "de"})
    assert answer_all_routes(CollectingDispatcher(), tracker, "de") is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "j'ai lu que les 4 villes ont toutes une gare TGV, c'est exact ?"),
        ("en", "colleague said there are 4 ICE stations in quattropole, does the ICE stop everywhere?"),
    ],
)
def test_long_distance_trains_are_the_stations_fact_not_the_regional_links(lang: str, text: str) -> None:
    from actions.fallback import ActionAskRephrase

    entities = [{"entity": "transport", "value": "train"}]
    tracker = make_tracker("nlu_fallback", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert_says(messages[0], "travel.airports_stations", lang)
    assert len(messages) == 1


def test_a_plan_change_naming_a_route_is_the_route_not_live_news() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.travel import answer_disruption

    text = "no wait, actualy the meeting is cancelled. so only trier to metz and back"
    entities = [
        {"entity": "city", "value": c, "start": text.index(n), "end": text.index(n) + len(n)}
        for c, n in (("trier", "trier"), ("metz", "metz"))
    ]
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots={"language": "en"})
    assert answer_disruption(CollectingDispatcher(), tracker) is None


def test_a_fare_between_two_cities_under_another_intent_is_that_routes_fare() -> None:
    from actions.services import ActionAnswerCityService

    text = "c quoi le prix pour un billet metz luxembourg"
    entities = [
        {"entity": "city", "value": "metz", "start": text.index("metz"), "end": text.index("metz") + 4},
        {"entity": "city", "value": "luxembourg", "start": text.index("luxembourg"), "end": len(text)},
    ]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert [m.get("response") for m in messages] == ["utter_travel_fare_unknown"]
    assert messages[0]["route"] == "Metz – Luxembourg"


def test_a_passport_to_drive_across_is_the_border_not_the_drive() -> None:
    text = "do I need my passport to drive from trier to metz?"
    entities = [
        {"entity": "city", "value": "trier", "start": text.index("trier"), "end": text.index("trier") + 5},
        {"entity": "city", "value": "metz", "start": text.index("metz"), "end": text.index("metz") + 4},
        {"entity": "transport", "value": "car", "start": text.index("drive"), "end": text.index("drive") + 5},
    ]
    slots = {"language": "en", "travel_from": "trier", "travel_to": "metz"}
    messages, _ = run_action(
        ActionAnswerTravel(), make_tracker("ask_travel", text=text, entities=entities, slots=slots)
    )
    border = STORE.pointers("border_crossing")[0]
    assert [m.get("url") for m in messages if m.get("response") == "utter_service_pointer"] == [border.url]


@pytest.mark.parametrize(
    ("lang", "text", "cities", "topic"),
    [
        ("de", "gibt es Maut zwischen Metz und Luxemburg?", ["metz", "luxembourg"], "tolls"),
        ("fr", "y a un péage sur l'autoroute de Metz à Luxembourg ?", ["metz", "luxembourg"], "tolls"),
        (
            "en",
            "do i need a sticker for the low emission zone in metz if i drive from trier?",
            ["metz", "trier"],
            "low_emission_zones",
        ),
    ],
)
def test_a_toll_or_emission_zone_on_a_route_is_not_known_and_not_the_trip(lang, text, cities, topic) -> None:
    entities = [
        {"entity": "city", "value": c, "start": fold(text).index(c[:4]), "end": fold(text).index(c[:4]) + 4}
        for c in cities
    ]
    slots = {"language": lang, "travel_from": cities[0], "travel_to": cities[1]}
    messages, _ = run_action(
        ActionAnswerTravel(), make_tracker("ask_travel", text=text, entities=entities, slots=slots)
    )
    assert [m.get("response") for m in messages] == ["utter_service_no_pointer"]
    assert messages[0]["topic"] == STORE.service_topics[topic].names[lang]
    assert set(messages[0]["pointer"].split(", ")) == {STORE.city_website(c) for c in cities}


@pytest.mark.parametrize(
    ("text", "lang", "trip"),
    [
        ("Wann wurde das Haus der Großregion eingeweiht? Dat wär doch ebbes für en Ausflug.", "de", False),
        ("who works there, is it worth a trip?", "en", False),
        ("wie komme ich da mit dem Zug hin?", "de", True),
        ("c'est loin en voiture ?", "fr", True),
    ],
)
def test_a_travel_word_beside_a_question_of_another_kind_is_no_trip(text, lang, trip) -> None:
    from actions.travel import asks_a_trip
    from bot.language.kinds import question_of

    assert asks_a_trip(question_of(text, lang)) is trip


@pytest.mark.parametrize(
    ("lang", "text", "disruption"),
    [
        ("fr", "y a greve sncf demain entre metz et lux ?", True),
        ("en", "is there a strike tomorrow between trier and luxembourg?", True),
        ("en", "the meeting is cancelled, so only trier to metz and back", False),
    ],
)
def test_a_strike_on_a_route_is_live_news_a_cancelled_plan_is_not(lang, text, disruption) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.travel import answer_disruption

    folded = fold(text)
    cities = [c for c in ("metz", "trier", "luxembourg", "lux") if c in folded.split()]
    entities = [
        {
            "entity": "city",
            "value": "luxembourg" if c == "lux" else c,
            "start": folded.index(c),
            "end": folded.index(c) + len(c),
        }
        for c in cities
    ]
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots={"language": lang})
    dispatcher = CollectingDispatcher()
    answered = answer_disruption(dispatcher, tracker)
    assert (answered is not None) is disruption


def test_a_trip_asked_for_a_weekday_says_there_are_no_timetables_then_the_route() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.travel import answer_trip

    text = "ich will am Sonntag von Saarbrücken nach Luxemburg, fährt der Expressbus auch Sonntags?"
    entities = [
        _city(text, "saarbruecken", "Saarbrücken"),
        _city(text, "luxembourg", "Luxemburg"),
        {"entity": "transport", "value": "bus"},
    ]
    tracker = make_tracker("nlu_fallback", text=text, entities=entities, slots={"language": "de"})
    dispatcher = CollectingDispatcher()
    assert answer_trip(dispatcher, tracker, "de", strict=False) is not None
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses[0] == "utter_travel_no_timetable"
    assert dispatcher.messages[1]["fact"].startswith(
        STORE.route("luxembourg", "saarbruecken").fact.text_for("de")[:20]
    )


def test_the_travel_form_stops_asking_after_two_replies_without_a_city() -> None:
    from actions.common import asked_for_a_city_twice
    from actions.fallback import ActionAskRephrase

    def ask() -> dict:
        return {
            "event": "bot",
            "text": "Von welcher Stadt aus?",
            "metadata": {"utter_action": "utter_ask_travel_from"},
        }

    events = [
        {"event": "user", "text": "und nach metz, gibts da nen direkten zug?"},
        ask(),
        {"event": "user", "text": "wie lange dauert der"},
        ask(),
        {"event": "user", "text": "fährt der täglich oder nicht?"},
    ]
    slots = {"language": "de", "travel_to": "metz", "requested_slot": "travel_from"}
    tracker = make_tracker("nlu_fallback", text="fährt der täglich oder nicht?", slots=slots, events=events)
    tracker.active_loop = {"name": "travel_form"}
    assert asked_for_a_city_twice(tracker)
    _, returned = run_action(ActionAskRephrase(), tracker)
    assert {"event": "active_loop", "name": None} in [
        {k: e.get(k) for k in ("event", "name")} for e in returned if e.get("event") == "active_loop"
    ]
    # asked once: the form may still ask
    once = make_tracker("nlu_fallback", text="wie lange dauert der", slots=slots, events=events[:3])
    once.active_loop = {"name": "travel_form"}
    assert not asked_for_a_city_twice(once)


@pytest.mark.parametrize(
    ("lang", "text", "entities"),
    [
        ("de", "kann ich in luxemburg kostenlos bus fahren? ich wohn in trier", ["luxembourg", "trier"]),
        ("en", "is the bus free in luxembourg? i live in metz", ["luxembourg", "metz"]),
    ],
)
def test_riding_for_free_in_a_city_with_the_users_home_named_is_that_citys_transport(
    lang: str, text: str, entities: list
) -> None:
    ents = [{"entity": "transport", "value": "bus", "start": text.index("bus")}]
    for city in entities:
        spelled = {"luxembourg": "luxemburg" if lang == "de" else "luxembourg"}.get(city, city)
        ents.append({"entity": "city", "value": city, "start": text.index(spelled)})
    tracker = make_tracker("ask_travel", text, ents, {"language": lang})
    messages, events = run_action(ActionAnswerTravel(), tracker)
    assert [m["response"] for m in messages][0].startswith("utter_service")
    assert "vdl.lu" in str(messages) and "utter_ask_travel_from" not in str(messages)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "no direct train?? seriously"), ("de", "kein direkter zug?? echt jetzt")],
)
def test_a_surprised_no_about_a_direct_train_right_after_the_route_is_about_it(lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerYesNo

    events = [
        {"event": "user", "text": "von trier nach metz mit dem zug"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text},
    ]
    slots = {"language": lang, "topic": "travel:trier:metz"}
    tracker = make_tracker("deny", text, [{"entity": "transport", "value": "train"}], slots, events)
    messages, _ = run_action(ActionAnswerYesNo(), tracker)
    assert [m["response"] for m in messages] == ["utter_route_direct"]


def test_doubting_a_route_right_after_it_gets_its_date_not_anything_else() -> None:
    from actions.fallback import ActionAnswerYesNo

    text = "hmm that's wrong i think there is a direct train"
    events = [
        {"event": "user", "text": "how do i get from trier to metz by train"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text},
    ]
    slots = {"language": "en", "topic": "travel:trier:metz", "subject": None}
    tracker = make_tracker("deny", text, [{"entity": "transport", "value": "train"}], slots, events)
    messages, _ = run_action(ActionAnswerYesNo(), tracker)
    assert messages[0]["response"] in ("utter_fact_doubt", "utter_fact_confirmed")
    assert "utter_anything_else" not in [m["response"] for m in messages]


def test_a_bike_question_on_a_route_makes_the_route_the_topic_of_how_long() -> None:
    text = "wir sind aus trier und wollen mit dem fahrrad nach luxemburg. kann man die räder im zug mitnehmen"
    ents = [
        {"entity": "city", "value": "trier", "start": text.index("trier")},
        {"entity": "transport", "value": "bike", "start": text.index("fahrrad")},
        {"entity": "city", "value": "luxembourg", "start": text.index("luxemburg")},
        {"entity": "transport", "value": "train", "start": text.index("zug")},
    ]
    messages, events = run_action(
        ActionAnswerTravel(), make_tracker("ask_travel", text, ents, {"language": "de"})
    )
    assert [m["response"] for m in messages] == ["utter_travel_bike_carriage"]
    assert {"event": "slot", "timestamp": None, "name": "topic", "value": "travel:trier:luxembourg"} in events


@pytest.mark.parametrize(
    ("lang", "text", "cities"),
    [
        (
            "en",
            "hey the TER metz lux is cancelled again, y a des bus de remplacement ?",
            ["metz", "luxembourg"],
        ),
        ("de", "schon wieder schienenersatzverkehr zwischen trier und luxemburg?", ["trier", "luxembourg"]),
    ],
)
def test_a_cancelled_train_or_replacement_bus_is_live_news_whatever_route(
    lang: str, text: str, cities: list
) -> None:
    from actions.services import ActionAnswerCityService

    ents = [{"entity": "city", "value": c, "start": None} for c in cities]
    messages, _ = run_action(
        ActionAnswerCityService(), make_tracker("ask_city_service", text, ents, {"language": lang})
    )
    assert [m["response"] for m in messages] == ["utter_travel_disruption"]


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        (
            "fr",
            "ask_quattropole_overview",
            "ok but is there a cheaper ticket pour les trains metz lux, genre abonnement frontalier?",
        ),
        ("de", "ask_projects", "gibts da ein günstiges ticket für pendler? fahr jeden tag"),
    ],
)
def test_a_commuters_ticket_is_a_fare_not_the_job_advisers(lang: str, intent: str, text: str) -> None:
    from actions.network import ActionAnswerNetwork
    from actions.projects import ActionAnswerProjects

    action = ActionAnswerNetwork() if intent == "ask_quattropole_overview" else ActionAnswerProjects()
    slots = {"language": lang, "topic": "travel:trier:luxembourg"}
    messages, _ = run_action(action, make_tracker(intent, text, slots=slots))
    assert "eures" not in str(messages).lower()
    assert any("fare" in m["response"] for m in messages)


def test_what_to_do_in_a_city_with_a_trip_from_another_is_the_tourist_office_of_the_one_visited() -> None:
    text = "thanks. whats there to do in metz, worth a day trip from trier?"
    ents = [
        {"entity": "city", "value": "metz", "start": text.index("metz")},
        {"entity": "city", "value": "trier", "start": text.index("trier")},
    ]
    slots = {"language": "en", "travel_from": "trier", "travel_to": "metz"}
    messages, _ = run_action(ActionAnswerTravel(), make_tracker("ask_travel", text, ents, slots))
    assert "tourisme-metz" in str(messages) and "volksfreund" not in str(messages)


def test_the_next_edition_right_after_a_project_is_no_timetable_of_an_earlier_route() -> None:
    from actions.fallback import ActionAskRephrase

    text = "et comment il s'inscrit, c'est quand la prochaine edition"
    events = [
        {"event": "user", "text": "metz luxembourg en train"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": "le prix de musique c'est pour les jeunes ?"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text},
    ]
    slots = {
        "language": "fr",
        "topic": "travel:metz:luxembourg",
        "subject": "project:music_prize",
        "facts": ["project.music_prize"],
    }
    messages, _ = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", text, slots=slots, events=events)
    )
    assert "utter_travel_no_timetable_only" not in [m["response"] for m in messages]


def _validate_to(tracker, value: str):
    from rasa_sdk.executor import CollectingDispatcher

    from actions.travel import ValidateTravelForm

    dispatcher = CollectingDispatcher()
    return ValidateTravelForm().validate_travel_to(value, dispatcher, tracker, domain()), dispatcher.messages


def test_the_destination_asked_for_that_is_the_guessed_start_becomes_the_destination() -> None:
    # the start came from the conversation (Trier); asked where to, the user says "trier"
    slots = {"language": "en", "travel_from": "trier", "requested_slot": "travel_to"}
    events = [{"event": "slot", "name": "travel_from", "value": "trier"}, {"event": "user", "text": "trier"}]
    tracker = make_tracker(
        "inform_city", text="trier", entities=[_city("trier", "trier", "trier")], slots=slots, events=events
    )
    result, messages = _validate_to(tracker, "trier")
    assert result == {"travel_from": None, "travel_to": "trier"}
    assert messages == []  # no "start and destination are the same city"


def test_a_destination_said_as_such_that_is_the_start_is_refused() -> None:
    # "to Trier" marks Trier as the destination, though the trip starts there
    slots = {"language": "en", "travel_from": "trier", "requested_slot": "travel_to"}
    events = [
        {"event": "slot", "name": "travel_from", "value": "trier"},
        {"event": "user", "text": "to trier"},
    ]
    text = "to trier"
    tracker = make_tracker(
        "inform_city", text=text, entities=[_city(text, "trier", "trier")], slots=slots, events=events
    )
    result, messages = _validate_to(tracker, "trier")
    assert result["travel_to"] is None
    assert [m["response"] for m in messages] == ["utter_travel_same_city"]


def test_a_decisive_topic_told_before_a_train_question_leaves_the_train_question() -> None:
    from actions.common import told_before_the_question

    assert told_before_the_question(
        "servus, mir sin in trier uffem weihnachtsmarkt gewesen, gibts en zug direkt nach metz?"
    )
    assert not told_before_the_question("gibt es Maut zwischen Metz und Luxemburg?")
    assert not told_before_the_question("wir fahren nach metz, gibt es dort einen weihnachtsmarkt?")


@pytest.mark.parametrize(
    ("lang", "text", "names", "route"),
    [
        ("de", "und saarbrücken-trier dauert?", ("saarbrücken", "trier"), ("saarbruecken", "trier")),
        ("fr", "et metz → luxembourg ?", ("metz", "luxembourg"), ("metz", "luxembourg")),
    ],
)
def test_a_route_written_as_its_two_ends_is_that_route_not_the_last_one(lang, text, names, route) -> None:
    """ "und saarbrücken-trier dauert?" right after Trier–Luxembourg: Saarbrücken to Trier,
    not the 46 minutes of the route before."""
    from actions.cities import ActionAnswerCity

    tracker = make_tracker(
        "ask_city_overview",
        text=text,
        entities=[_city(text, c, n) for c, n in zip(route, names)],
        slots={"language": lang, "topic": "travel:trier:luxembourg"},
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    said = [k for m in messages for k in ((m.get("custom") or {}).get("qp") or {}).get("facts", [])]
    assert said[0] == STORE.route(*route).fact.key
    assert _slot(events, "topic").startswith("travel:{}:{}".format(*route))


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "and the tram tickets?"), ("de", "und was kostet das ticket?")]
)
def test_a_ticket_in_a_conversation_about_luxembourg_is_its_free_public_transport(
    lang: str, text: str
) -> None:
    """ "and the tram tickets?" after Luxembourg's tourist office: the city's own transport,
    which is free, not "ask the rail operators"."""
    from actions.fallback import ActionAskRephrase

    slots = {"language": lang, "city": "luxembourg", "topic": "service", "service": "tourism"}
    messages, events = run_action(ActionAskRephrase(), make_tracker("nlu_fallback", text=text, slots=slots))
    assert "utter_travel_fares" not in [m.get("response") for m in messages]
    pointer = next(p for p in STORE.pointers("public_transport", "luxembourg") if p.city == "luxembourg")
    assert any(pointer.url in str(m) for m in messages)
    assert _slot(events, "service") == "public_transport"


def test_another_means_after_a_two_part_message_is_the_route_it_asked() -> None:
    """ "and by train instead?" after "metz to trier by car, how long? and is parking easy?":
    Metz–Trier by train, not "which city are you starting from?"."""
    from actions.cities import ActionAnswerCity

    events = [
        {"event": "user", "text": "then metz to trier by car, how long?"},
        {"event": "slot", "name": "topic", "value": "travel:metz:trier:car"},
        {"event": "user", "text": "and is parking in trier easy", "metadata": {"qp_part": 1}},
        {"event": "slot", "name": "topic", "value": "service"},
        {"event": "user", "text": "and by train instead?"},
    ]
    tracker = make_tracker(
        "inform_city",
        text="and by train instead?",
        entities=[{"entity": "transport", "value": "train"}],
        slots={"topic": "service", "city": "trier"},
        events=events,
    )
    messages, slots = run_action(ActionAnswerCity(), tracker)
    assert "utter_ask_travel_from" not in _responses(messages)
    assert STORE.route("metz", "trier").fact.key in str(messages)
    assert _slot(slots, "topic").startswith("travel:metz:trier")


def test_whether_a_route_runs_every_day_is_its_frequency_however_long_the_question() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    text = "fährt der jeden tag oder nur am wochenende? ich hab mal gehoert nur samstags"
    tracker = make_tracker("out_of_scope", text=text, slots={"language": "de", "topic": "travel:trier:metz"})
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    route = STORE.route("metz", "trier").fact
    assert messages[0].get("fact") == route.answer_for("frequency", "de")


def test_a_claim_that_the_office_moved_to_esch_is_no_trip_there() -> None:
    from actions.travel import goes_to_esch

    assert not goes_to_esch(
        make_tracker("ask_office_location", text="the office moved to Esch in 2016, correct?")
    )
    assert goes_to_esch(make_tracker("ask_office_location", text="how do i get to esch by train?"))


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        ("en", "ask_follow_up", "since when?"),
        ("en", "ask_travel", "the direct train trier metz. since when does it run"),
        ("de", "nlu_fallback", "seit wann gibt es den?"),
    ],
)
def test_since_when_right_after_a_route_is_not_known_not_what_do_you_mean(
    lang: str, intent: str, text: str
) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    entities = (
        [{"entity": "city", "value": "trier"}, {"entity": "city", "value": "metz"}] if "metz" in text else []
    )
    slots = {"language": lang, "topic": travel_topic_of("trier", "metz", ["train"])}
    if intent == "ask_travel":  # as the travel form fills them
        slots.update(travel_from="trier", travel_to="metz")
    tracker = make_tracker(intent, text=text, entities=entities, slots=slots)
    action = ActionAnswerTravel() if intent == "ask_travel" else ActionAnswerFollowUp()
    if intent == "nlu_fallback":
        from actions.fallback import ActionAskRephrase

        action = ActionAskRephrase()
    messages, _ = run_action(action, tracker)
    assert [m.get("response") for m in messages] == ["utter_unknown_since"]
    assert messages[0]["subject"] == f"Trier – {STORE.city_name('metz', lang)}"


def test_since_when_asked_with_the_route_is_not_known_before_the_route() -> None:
    entities = [{"entity": "city", "value": "trier"}, {"entity": "city", "value": "metz"}]
    text = "since when is there a direct train between trier and metz?"
    slots = {"language": "en", "travel_from": "trier", "travel_to": "metz"}
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots=slots)
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert messages[0]["response"] == "utter_unknown_since"
    assert any(m.get("fact") == STORE.route("trier", "metz").fact.text_for("en") for m in messages)


def travel_topic_of(origin: str, destination: str, modes: list) -> str:
    from actions.travel import travel_topic

    return travel_topic(origin, destination, modes)


@pytest.mark.parametrize(
    ("lang", "text", "right", "wrong", "expected"),
    [
        ("de", "sorry, meinte metz nicht trier", "metz", "trier", ("saarbruecken", "metz")),
        ("en", "sorry, Metz not Trier", "Metz", "Trier", ("saarbruecken", "metz")),
    ],
)
def test_a_city_taken_back_after_a_route_is_replaced_by_the_one_named(
    lang, text, right, wrong, expected
) -> None:
    entities = [_city(text, "metz", right), _city(text, "trier", wrong)]
    tracker = make_tracker(
        "ask_travel",
        text=text,
        entities=entities,
        slots={"language": lang, "topic": "travel:saarbruecken:trier"},
    )
    assert tuple(_form("validate_travel_to", tracker, "metz").values()) == expected


def test_an_ice_from_one_city_is_that_citys_station_not_a_route_to_ask_for() -> None:
    tracker = make_tracker(
        "ask_travel",
        text="can i get an ICE train from trier to somewhere? trying to plan the week",
        entities=[{"entity": "city", "value": "trier"}, {"entity": "transport", "value": "train"}],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.trier.station"]]


@pytest.mark.parametrize(
    ("lang", "text", "entities", "stations"),
    [
        (
            "en",
            "whats the quickest of the 4 to get to paris from",
            [],
            ["city.luxembourg.station", "city.metz.station", "city.saarbruecken.station"],
        ),
        (
            "fr",
            "combien de temps de Metz à Paris en train ?",
            [{"entity": "city", "value": "metz"}],
            ["city.metz.station"],
        ),
    ],
)
def test_a_trip_to_a_place_outside_gives_what_the_stations_say_of_it(lang, text, entities, stations) -> None:
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert [m.get("response") for m in messages[:2]] == ["utter_route_outside", "utter_closest"]
    assert [m["custom"]["qp"]["facts"][0] for m in messages[2:]] == stations


def _after_a_route(intent: str, text: str, entities: list, lang: str, route: str):
    origin, destination = route.split(":")
    events = [
        {"event": "user", "text": f"{origin} {destination}"},
        {"event": "slot", "name": "topic", "value": f"travel:{route}"},
        {"event": "user", "text": text},
    ]
    slots = {"language": lang, "topic": f"travel:{route}", "city": destination}
    return make_tracker(intent, text=text, entities=entities, slots=slots, events=events)


def test_an_ice_in_trier_right_after_trier_luxembourg_is_triers_station() -> None:
    from actions.services import ActionAnswerCityService

    text = "Et il y a toujours des ICE à Trèves ? De mon temps il y en avait..."
    tracker = _after_a_route(
        "ask_city_service",
        text,
        [{"entity": "city", "value": "trier", "start": 31, "end": 37}],
        "fr",
        "trier:luxembourg",
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.trier.station"]]


def test_the_weather_right_after_a_route_is_the_weather_not_the_route() -> None:
    from actions.services import ActionAnswerCityService

    text = "et il fait quel temps demain a lux?"
    entities = [
        {"entity": "service", "value": "weather", "start": 15, "end": 20},
        {"entity": "city", "value": "luxembourg", "start": 30, "end": 33},
    ]
    tracker = _after_a_route("ask_city_service", text, entities, "fr", "metz:luxembourg")
    messages, events = run_action(ActionAnswerCityService(), tracker)
    assert not any(e.get("name") == "topic" and str(e.get("value")).startswith("travel") for e in events)
    assert {"event": "slot", "timestamp": None, "name": "service", "value": "weather"} in events


def test_whether_a_train_between_two_cities_is_paid_is_the_free_transport_place() -> None:
    from actions.services import ActionAnswerCityService

    text = "donc mon train metz-lux c payant quand meme?"
    entities = [
        {"entity": "transport", "value": "train", "start": 9, "end": 14},
        {"entity": "city", "value": "metz", "start": 15, "end": 19},
        {"entity": "city", "value": "luxembourg", "start": 20, "end": 23},
    ]
    tracker = _after_a_route("ask_city_service", text, entities, "fr", "metz:luxembourg")
    messages, events = run_action(ActionAnswerCityService(), tracker)
    assert {"event": "slot", "timestamp": None, "name": "city", "value": "luxembourg"} in events
    assert {"event": "slot", "timestamp": None, "name": "service", "value": "public_transport"} in events


def test_from_ones_base_to_two_cities_is_each_route_not_a_tour() -> None:
    text = "I'm staying in Luxembourg. How many minutes by train to Trier and to Metz?"
    entities = [
        {"entity": "city", "value": "luxembourg", "start": 15, "end": 25},
        {"entity": "transport", "value": "train", "start": 47, "end": 52},
        {"entity": "city", "value": "trier", "start": 56, "end": 61},
        {"entity": "city", "value": "metz", "start": 69, "end": 73},
    ]
    tracker = make_tracker("ask_travel", text=text, entities=entities, slots={"language": "en"})
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    responses = [m.get("response") for m in messages]
    assert "utter_travel_no_itinerary" not in responses
    said = [k for m in messages for k in m.get("custom", {}).get("qp", {}).get("facts", [])]
    assert said == ["travel.luxembourg.trier", "travel.luxembourg.metz"]
