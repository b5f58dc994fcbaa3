"""Every fact action, in each language: the right fact, in the right language, with its source."""

from __future__ import annotations

import pytest

from actions.cities import TOPIC_BY_INTENT, ActionAnswerCity
from actions.common import citation_text
from actions.governance import KEY_BY_INTENT as GOVERNANCE_KEYS
from actions.governance import ActionAnswerGovernance
from actions.greater_region import ActionAnswerGreaterRegion
from actions.network import KEYS_BY_INTENT as NETWORK_KEYS
from actions.network import ActionAnswerNetwork
from actions.office import KEY_BY_INTENT as OFFICE_KEYS
from actions.office import ActionAnswerOffice
from actions.projects import ActionAnswerProjects
from actions.store import STORE
from actions.travel import ActionAnswerRegionTransport, ActionAnswerTravel, assign
from bot.language.format import format_as_of
from tests.actions.conftest import make_tracker, run_action

LANGS = ("de", "fr", "en")
CITIES = ("luxembourg", "metz", "saarbruecken", "trier")


def assert_says(message: dict, key: str, lang: str) -> None:
    fact = STORE.fact(key)
    assert fact is not None, f"store lacks {key}"
    assert message["response"].startswith("utter_fact_dated" if fact.time_bound else "utter_fact")
    assert message["fact"] == fact.text_for(lang)
    citation = STORE.citation(fact, lang)
    if message["response"].endswith("_plain"):  # its source was already shown in this reply
        assert "source" not in message
    else:
        # a readable label, the date of the page if it has one, then the address
        assert message["source"] == citation_text(citation)
        assert message["source"].startswith(citation.label) and message["source"].endswith(citation.url)
    assert message["custom"]["qp"]["facts"] == [key]
    assert message["custom"]["qp"]["sources"] == [citation.as_dict()]
    if fact.time_bound:
        assert message["as_of"] == format_as_of(fact.as_of, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("intent", sorted(TOPIC_BY_INTENT))
def test_city_facts(intent: str, city: str, lang: str) -> None:
    tracker = make_tracker(intent, entities=[{"entity": "city", "value": city}], slots={"language": lang})
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert len(messages) == 1
    assert_says(messages[0], f"city.{city}.{TOPIC_BY_INTENT[intent]}", lang)
    assert {
        "event": "slot",
        "name": "topic",
        "value": f"city.{TOPIC_BY_INTENT[intent]}",
        "timestamp": None,
    } in events


@pytest.mark.parametrize("lang", LANGS)
def test_follow_up_reuses_the_previous_city_topic(lang: str) -> None:
    tracker = make_tracker(
        "inform_city",
        text="und Trier?",
        entities=[{"entity": "city", "value": "trier"}],
        slots={"language": lang, "topic": "city.mayor", "city": "metz"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert_says(messages[0], "city.trier.mayor", lang)


def test_city_question_without_city_uses_the_conversation_city() -> None:
    tracker = make_tracker("ask_city_population", text="and the population?", slots={"city": "trier"})
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert_says(messages[0], "city.trier.population", "en")


@pytest.mark.parametrize(
    "text", ["Who is the mayor of the city?", "Wer regiert die Stadt?", "et le maire de la ville ?"]
)
def test_generic_words_keep_the_conversation_city(text: str) -> None:
    tracker = make_tracker("ask_city_mayor", text=text, slots={"city": "metz"})
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert_says(messages[0], "city.metz.mayor", "en")


def test_city_question_without_any_city_asks_which() -> None:
    messages, _ = run_action(ActionAnswerCity(), make_tracker("ask_city_mayor", text="who is the mayor?"))
    assert messages[0]["response"] == "utter_ask_city"


@pytest.mark.parametrize(
    "text",
    [
        "Who is the mayor of Paris?",
        "Qui est le maire de Nancy ?",
        "Wer ist Bürgermeister von Köln?",
        "what is the capital of france",
        "combien d'habitants à la ville de nancy",
    ],
)
def test_a_city_outside_the_network_is_not_answered_with_another_city(text: str) -> None:
    tracker = make_tracker("ask_city_mayor", text=text, slots={"city": "metz"})
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["response"] for m in messages] == ["utter_unknown_city"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("intent", sorted(NETWORK_KEYS))
def test_network_facts(intent: str, lang: str) -> None:
    messages, _ = run_action(ActionAnswerNetwork(), make_tracker(intent, slots={"language": lang}))
    keys = [k for k in NETWORK_KEYS[intent] if STORE.fact(k)]
    assert keys and len(messages) == len(keys)
    for message, key in zip(messages, keys):
        assert_says(message, key, lang)


@pytest.mark.parametrize(
    "lang, text, does",
    [
        ("de", "Was macht QuattroPole eigentlich?", True),
        ("fr", "que fait QuattroPole ?", True),
        ("en", "what does quattropole do", True),
        ("de", "Was ist QuattroPole?", False),
        ("fr", "c'est quoi quattropole", False),
        ("en", "tell me about the network", False),
    ],
)
def test_what_quattropole_does_gets_its_fields_and_projects(lang: str, text: str, does: bool) -> None:
    tracker = make_tracker("ask_quattropole_overview", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    expected = ["network.overview", "projects.overview" if does else "network.purpose"]
    assert len(messages) == 2
    for message, key in zip(messages, expected):
        assert_says(message, key, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("intent", sorted(GOVERNANCE_KEYS))
def test_governance_facts(intent: str, lang: str) -> None:
    messages, _ = run_action(ActionAnswerGovernance(), make_tracker(intent, slots={"language": lang}))
    assert len(messages) == 1
    assert_says(messages[0], GOVERNANCE_KEYS[intent], lang)


def test_current_president_is_dated() -> None:
    messages, _ = run_action(ActionAnswerGovernance(), make_tracker("ask_president"))
    assert messages[0]["response"] == "utter_fact_dated"
    assert "Grosdidier" in messages[0]["fact"]


@pytest.mark.parametrize(
    "year, name", [(2016, "Britz"), (2018, "Gros"), (2019, "Leibe"), (2021, "Polfer"), (2023, "Conradt")]
)
def test_president_in_a_given_year(year: int, name: str) -> None:
    tracker = make_tracker(
        "ask_president", entities=[{"entity": "year", "value": str(year)}], slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert name in messages[0]["fact"]
    assert "– http" in messages[0]["source"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_year_after_a_president_question_is_a_follow_up(lang: str) -> None:
    tracker = make_tracker(
        "inform_city",
        text="und 2018?",
        entities=[{"entity": "year", "value": "2018"}],
        slots={"language": lang, "topic": "ask_president"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert "Gros" in messages[0]["fact"] and messages[0]["fact"] == STORE.president_in_year(2018).text[lang]


def test_president_before_the_association_is_unknown() -> None:
    tracker = make_tracker("ask_president", entities=[{"entity": "year", "value": "1995"}])
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_fact_unknown"
    assert "quattropole.org" in messages[0]["pointer"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("intent", sorted(OFFICE_KEYS))
def test_office_facts(intent: str, lang: str) -> None:
    messages, _ = run_action(ActionAnswerOffice(), make_tracker(intent, slots={"language": lang}))
    assert_says(messages[0], OFFICE_KEYS[intent], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_projects_overview_and_detail(lang: str) -> None:
    messages, _ = run_action(ActionAnswerProjects(), make_tracker("ask_projects", slots={"language": lang}))
    assert_says(messages[0], "projects.overview", lang)
    for project in STORE.projects:
        tracker = make_tracker(
            "ask_project_detail", entities=[{"entity": "project", "value": project}], slots={"language": lang}
        )
        messages, _ = run_action(ActionAnswerProjects(), tracker)
        assert_says(messages[0], f"project.{project}", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_greater_region_and_region_transport(lang: str) -> None:
    messages, _ = run_action(
        ActionAnswerGreaterRegion(), make_tracker("ask_greater_region", slots={"language": lang})
    )
    assert_says(messages[0], "greater_region.basics", lang)
    assert_says(messages[1], "greater_region.figures", lang)
    messages, _ = run_action(
        ActionAnswerRegionTransport(), make_tracker("ask_region_airports_stations", slots={"language": lang})
    )
    assert_says(messages[0], "travel.airports_stations", lang)


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


def test_no_language_yet_asks_for_one_instead_of_guessing() -> None:
    tracker = make_tracker(
        "ask_city_mayor", entities=[{"entity": "city", "value": "metz"}], slots={"language": None}
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["response"] for m in messages] == ["utter_choose_language"]


@pytest.mark.parametrize(
    "notice, expected",
    [
        (None, ["utter_ask_rephrase"]),
        ("choose", ["utter_ask_rephrase"]),
        ("unsupported", []),
        ("luxembourgish", []),
    ],
)
def test_rephrase_unless_a_language_notice_already_answered(notice, expected) -> None:
    from actions.fallback import ActionAskRephrase

    messages, _ = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", slots={"language_notice": notice})
    )
    assert [m["response"] for m in messages] == expected


@pytest.mark.parametrize("lang", LANGS)
def test_travel_follow_up_to_another_city_keeps_the_origin(lang: str) -> None:
    tracker = make_tracker(
        "inform_city",
        text="und nach Trier?",
        entities=[{"entity": "city", "value": "trier"}],
        slots={"language": lang, "topic": "travel:luxembourg:metz"},
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.route("luxembourg", "trier").fact.text[lang]
    assert {"event": "slot", "name": "topic", "value": "travel:luxembourg:trier", "timestamp": None} in events


def test_travel_follow_up_by_another_mode() -> None:
    tracker = make_tracker(
        "inform_city",
        text="and by car?",
        entities=[{"entity": "transport", "value": "car"}],
        slots={"topic": "travel:saarbruecken:metz"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert_says(messages[0], "travel.car", "en")


def test_several_bodies_in_one_question_get_each_answer() -> None:
    tracker = make_tracker(
        "ask_general_assembly",
        text="difference between the board and the general assembly",
        entities=[{"entity": "organ", "value": "board"}, {"entity": "organ", "value": "general_assembly"}],
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert_says(messages[0], "governance.board", "en")
    assert_says(messages[1], "governance.general_assembly", "en")


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

    result = getattr(ValidateTravelForm(), method)(*args, CollectingDispatcher(), tracker, {})
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
    [("de", "wer ist vize präsident"), ("fr", "qui est le vice-président ?"), ("en", "who is the treasurer")],
)
def test_other_board_roles_are_unknown_and_the_board_fact_follows(lang: str, text: str) -> None:
    tracker = make_tracker("ask_president", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_fact_unknown"
    assert_says(messages[1], "governance.board", lang)
    president = make_tracker("ask_president", text="who is the president", slots={"language": lang})
    assert_says(run_action(ActionAnswerGovernance(), president)[0][0], "governance.current_president", lang)


@pytest.mark.parametrize(
    "lang, text, leads",
    [
        ("de", "wer leitet quattropole?", True),
        ("fr", "qui dirige le réseau ?", True),
        ("en", "who is in charge of quattropole", True),
        ("de", "wer ist Präsident?", False),
        ("fr", "qui est la présidente", False),
        ("en", "who chairs QuattroPole", False),
    ],
)
def test_who_leads_gets_the_president_and_the_board(lang: str, text: str, leads: bool) -> None:
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker("ask_president", text=text, slots={"language": lang})
    )
    assert_says(messages[0], "governance.current_president", lang)
    if leads:
        assert len(messages) == 2
        assert_says(messages[1], "governance.board", lang)
    else:
        assert len(messages) == 1


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
