"""ActionAnswerCity: each city's facts in each language, the conversation's city, places outside the network, travel follow-ups."""

from __future__ import annotations

import pytest

from actions.cities import TOPIC_BY_INTENT, ActionAnswerCity
from actions.store import STORE
from bot.language import LANGS
from tests.actions.conftest import CITIES, assert_says, make_tracker, run_action


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


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("is it the oldest city in germany?", None),
        ("ist das die älteste Stadt in Deutschland?", None),
        ("what is the capital of france", "france"),
        ("is trier worth a day", None),  # English "a" is no French "à"
        ("je vais a nancy", "nancy"),
        ("il a ete reelu en mars ?", None),  # a month
        ("wurde er im März wiedergewählt?", None),
    ],
)
def test_a_country_is_where_a_city_is_not_another_city(text: str, unknown) -> None:
    from actions.cities import named_unknown_place

    assert named_unknown_place(text) == unknown


@pytest.mark.parametrize(
    ("intent", "text", "lang"),
    [
        ("ask_city_airport", "hat Trier einen Flughafen und nen ICE-Bahnhof?", "de"),
        ("ask_city_station", "y a-t-il une gare et un aéroport à Trèves", "fr"),
        ("ask_city_airport", "does trier have an airport and a train station", "en"),
    ],
)
def test_two_city_topics_in_one_question_get_both_answers(intent: str, text: str, lang: str) -> None:
    tracker = make_tracker(
        intent, text=text, entities=[{"entity": "city", "value": "trier"}], slots={"language": lang}
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    said = [m.get("fact") for m in messages]
    for topic in ("airport", "station"):
        assert STORE.fact(f"city.trier.{topic}").text_for(lang) in said
    assert len(said) == 2


def test_is_it_near_the_station_after_the_house_of_the_greater_region_is_where_the_house_is() -> None:
    slots = {"language": "en", "subject": "organ:office", "facts": ["office.house_greater_region"]}
    tracker = make_tracker(
        "ask_city_station",
        text="is it near the train station",
        slots=slots,
        entities=[{"entity": "transport", "value": "train"}],
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    house = STORE.fact("office.house_greater_region")
    assert [m.get("fact") for m in messages] == [house.answer_for("where", "en")]


@pytest.mark.parametrize(
    ("lang", "text", "first", "response"),
    [
        ("fr", "quelle ville est la plus grande", "saarbruecken", "utter_city_largest"),
        ("de", "und welche ist die kleinste?", "trier", "utter_city_smallest"),
        ("en", "which is the biggest of the four", "saarbruecken", "utter_city_largest"),
    ],
)
def test_the_largest_or_smallest_city_is_ranked_by_the_stored_populations(
    lang, text, first, response
) -> None:
    messages, events = run_action(
        ActionAnswerCity(), make_tracker("ask_city_population", text=text, slots={"language": lang})
    )
    assert messages[0]["response"] == response
    assert messages[0]["city"] == STORE.city_name(first, lang)
    said = [m["fact"] for m in messages[1:]]
    assert said[0] == STORE.fact(f"city.{first}.population").answer_for("how_many", lang)
    assert len(said) == 4


def test_a_count_must_be_the_number_its_text_states() -> None:
    from pydantic import ValidationError

    from bot.facts.model import Fact

    texts = {
        "de": "Trier hat rund 110.000 Einwohner.",
        "fr": "Trèves compte 110 000 habitants.",
        "en": "Trier has about 110,000 people.",
    }
    Fact(text=texts, source="x", as_of="2022", kinds=["how_many"], count=110000)
    with pytest.raises(ValidationError):
        Fact(text=texts, source="x", as_of="2022", kinds=["how_many"], count=120000)


def test_a_unit_or_a_year_after_in_is_not_a_place() -> None:
    from actions.cities import named_unknown_place

    assert named_unknown_place("how big is it in km2 and population") is None


def test_a_thing_after_has_is_not_an_unknown_place() -> None:
    from actions.cities import named_unknown_place

    assert named_unknown_place("welche der städte hat einen ICE-Bahnhof") is None
    assert named_unknown_place("hat Nancy einen Bahnhof") == "Nancy"


@pytest.mark.parametrize(
    ("lang", "text", "cities"),
    [
        ("fr", "c est plus grand que metz sarrebruck ?", ["metz", "saarbruecken"]),
        ("en", "is trier bigger than luxembourg", ["trier", "luxembourg"]),
        ("de", "hat metz mehr einwohner als trier?", ["metz", "trier"]),
    ],
)
def test_two_cities_compared_by_population(lang: str, text: str, cities: list) -> None:
    entities = [{"entity": "city", "value": c} for c in cities]
    tracker = make_tracker("ask_city_population", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerCity(), tracker)
    counts = {c: STORE.fact(f"city.{c}.population").count for c in cities}
    bigger = max(cities, key=lambda c: counts[c])
    assert messages[0]["response"] == "utter_city_compare"
    assert messages[0]["bigger"] == STORE.city_name(bigger, lang)
    assert [m["custom"]["qp"]["facts"] for m in messages[1:]] == [
        [f"city.{c}.population"] for c in sorted(cities, key=lambda c: -counts[c])
    ]


@pytest.mark.parametrize(
    ("lang", "text", "context", "named"),
    [
        ("fr", "merci, et c est plus grand que trier ?", "metz", "trier"),
        ("de", "und ist das größer als Metz?", "trier", "metz"),
        ("en", "is it smaller than luxembourg?", "saarbruecken", "luxembourg"),
    ],
)
def test_one_city_named_is_compared_with_the_conversations(
    lang: str, text: str, context: str, named: str
) -> None:
    tracker = make_tracker(
        "ask_city_population",
        text=text,
        entities=[{"entity": "city", "value": named}],
        slots={"language": lang, "city": context},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["response"] == "utter_city_compare"
    assert sorted(f for m in messages[1:] for f in m["custom"]["qp"]["facts"]) == sorted(
        [f"city.{context}.population", f"city.{named}.population"]
    )


def test_one_city_named_without_a_comparison_is_that_city() -> None:
    tracker = make_tracker(
        "ask_city_population",
        text="und wie viele einwohner hat trier?",
        entities=[{"entity": "city", "value": "trier"}],
        slots={"language": "de", "city": "metz"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.trier.population"]]


@pytest.mark.parametrize(
    ("lang", "text", "intent", "topic"),
    [
        ("en", "who are the mayors of all four?", "ask_city_mayor", "mayor"),
        ("de", "einwohner aller vier städte", "ask_city_population", "population"),
    ],
)
def test_all_four_cities(lang: str, text: str, intent: str, topic: str) -> None:
    messages, _ = run_action(ActionAnswerCity(), make_tracker(intent, text=text, slots={"language": lang}))
    assert [m["custom"]["qp"]["facts"] for m in messages] == [[f"city.{c}.{topic}"] for c in STORE.cities]


@pytest.mark.parametrize(
    ("lang", "text", "intent", "topic"),
    [
        ("fr", "et les autres maires?", "ask_city_mayor", "mayor"),
        ("en", "and in the other three?", "inform_city", "languages"),
    ],
)
def test_the_other_cities_are_all_but_the_conversations(
    lang: str, text: str, intent: str, topic: str
) -> None:
    slots = {"language": lang, "city": "metz", "topic": f"city.{topic}", "subject": f"city:metz:{topic}"}
    messages, _ = run_action(ActionAnswerCity(), make_tracker(intent, text=text, slots=slots))
    assert [m["custom"]["qp"]["facts"] for m in messages] == [
        [f"city.{c}.{topic}"] for c in STORE.cities if c != "metz"
    ]


def test_and_the_others_as_a_follow_up_is_the_other_cities() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": "de", "city": "metz", "topic": "city.mayor", "subject": "city:metz:mayor"}
    messages, _ = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="und die anderen?", slots=slots)
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] == [
        [f"city.{c}.mayor"] for c in STORE.cities if c != "metz"
    ]


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "how many foreigners in luxembourg city?", "luxembourg city"),
        ("fr", "combien d'étrangers à luxembourg ?", "luxembourg"),
        ("de", "wie viele ausländer leben in luxemburg?", "luxemburg"),
    ],
)
def test_the_share_of_foreigners_is_not_the_population(lang: str, text: str, name: str) -> None:
    start = text.index(name)
    tracker = make_tracker(
        "ask_city_population",
        text=text,
        entities=[{"entity": "city", "value": "luxembourg", "start": start, "end": start + len(name)}],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.luxembourg.foreigners"]]


def test_and_the_population_after_the_share_of_foreigners_is_the_headcount() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {
        "language": "en",
        "city": "luxembourg",
        "topic": "city.population",
        "subject": "city:luxembourg:population",
        "facts": ["city.luxembourg.foreigners"],
    }
    tracker = make_tracker("ask_follow_up", text="and the population?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.luxembourg.population"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "whats the population of luxembourg the country, not the city"),
        ("de", "wie viele einwohner hat das ganze land luxemburg?"),
        ("fr", "combien d'habitants dans tout le pays, le luxembourg ?"),
    ],
)
def test_the_countrys_population_is_not_the_citys(lang: str, text: str) -> None:
    tracker = make_tracker(
        "ask_city_population",
        text=text,
        entities=[{"entity": "city", "value": "luxembourg"}],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["response"] == "utter_city_not_country"
    assert messages[0]["pointer"] == STORE.source("guichet_statec").url
    assert messages[1]["custom"]["qp"]["facts"] == ["city.luxembourg.population"]


def test_where_in_a_city_after_a_project_held_in_all_four_is_the_projects_venues() -> None:
    slots = {"language": "fr", "subject": "project:hackathon_2025", "facts": ["project.hackathon_2025"]}
    tracker = make_tracker(
        "ask_city_overview",
        text="et a trier c'etait ou ?",
        entities=[{"entity": "city", "value": "trier"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["fact"] for m in messages] == [STORE.fact("project.hackathon_2025").answer_for("where", "fr")]
    assert "Trier Galerie" in messages[0]["fact"]


def test_two_cities_right_after_a_route_are_the_next_route() -> None:
    text = "ok merci, et sarrebruck trier ?"
    start = text.index("sarrebruck")
    entities = [
        {"entity": "city", "value": "saarbruecken", "start": start, "end": start + 10},
        {"entity": "city", "value": "trier", "start": text.index("trier"), "end": text.index("trier") + 5},
    ]
    slots = {"language": "fr", "topic": "travel:metz:saarbruecken"}
    messages, _ = run_action(
        ActionAnswerCity(), make_tracker("inform_city", text=text, entities=entities, slots=slots)
    )
    assert messages[0]["custom"]["qp"]["facts"] == ["travel.saarbruecken.trier"]


@pytest.mark.parametrize(
    ("lang", "text", "ranked"),
    [
        ("en", "which city is the oldest?", False),
        ("fr", "la plus vieille ville des 4 ?", False),
        ("en", "biggest? and oldest?", True),
    ],
)
def test_the_oldest_city_is_no_comparison_but_triers_claim(lang: str, text: str, ranked: bool) -> None:
    tracker = make_tracker("ask_city_overview", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerCity(), tracker)
    responses = [m["response"] for m in messages]
    assert ("utter_city_largest" in responses) is ranked
    at = responses.index("utter_city_oldest_unknown")
    assert messages[at + 1]["fact"] == STORE.fact("city.trier.overview").text_for(lang)


def test_a_city_alone_after_a_two_part_question_gets_both_parts() -> None:
    from bot.language.split import PART_KEY

    events = [
        {"event": "user", "text": "wie viele einwohner hat saarbrücken", "metadata": {}},
        {"event": "slot", "name": "topic", "value": "city.population"},
        {"event": "user", "text": "wer ist da OB?", "metadata": {PART_KEY: 1}},
        {"event": "slot", "name": "topic", "value": "city.mayor"},
        {"event": "user", "text": "und trier?", "metadata": {}},
    ]
    text = "und trier?"
    entities = [{"entity": "city", "value": "trier", "start": 4, "end": 9}]
    slots = {"language": "de", "city": "saarbruecken", "topic": "city.mayor"}
    tracker = make_tracker("inform_city", text=text, entities=entities, slots=slots, events=events)
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.trier.population"], ["city.trier.mayor"]]
    # after a one-part question, only its topic
    single = make_tracker("inform_city", text=text, entities=entities, slots=slots, events=events[2:])
    messages, _ = run_action(ActionAnswerCity(), single)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.trier.mayor"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "how many people live in the 4 cities"), ("fr", "combien d'habitants dans les 4 villes")],
)
def test_the_4_cities_with_a_digit_are_all_four(lang: str, text: str) -> None:
    messages, _ = run_action(
        ActionAnswerCity(), make_tracker("ask_city_population", text=text, slots={"language": lang})
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] == [[f"city.{c}.population"] for c in STORE.cities]


def test_en_tant_que_is_no_place() -> None:
    from actions.cities import named_unknown_place

    assert named_unknown_place("pk ca m'interesserait en tant qu'etudiante") is None
    assert named_unknown_place("et à Nancy ?") == "Nancy"


def test_the_biggest_of_the_4_cities_with_ones_own_city_named_is_the_ranking() -> None:
    text = "hey im an exchange student in trier, which of the 4 cities is the biggest?"
    entities = [
        {"entity": "city", "value": "trier", "start": text.index("trier"), "end": text.index("trier") + 5}
    ]
    messages, _ = run_action(
        ActionAnswerCity(), make_tracker("ask_city_population", text=text, entities=entities)
    )
    assert messages[0]["response"] == "utter_city_largest"


@pytest.mark.parametrize(("lang", "text"), [("en", "and the oldest?"), ("de", "und die älteste?")])
def test_the_oldest_after_the_biggest_is_answered(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "topic": "city.population", "city": "saarbruecken"}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert "utter_follow_up_unclear" not in [m.get("response") for m in messages]
    assert any("trier" in str(m.get("custom")) for m in messages)


@pytest.mark.parametrize(
    ("lang", "text", "cities"),
    [
        (
            "de",
            "Wer sind aktuell die vier Stadtoberhäupter im QuattroPole-Netz?",
            ["luxembourg", "metz", "saarbruecken", "trier"],
        ),
        (
            "de",
            "Wer ist OB in Saarbrücken, Metz, Luxemburg und Trier?",
            ["saarbruecken", "metz", "luxembourg", "trier"],
        ),
        ("fr", "c'est qui les maires de Metz et de Trèves ?", ["metz", "trier"]),
    ],
)
def test_the_mayors_of_several_cities_are_named_one_by_one(lang: str, text: str, cities: list) -> None:
    from actions.governance import ActionAnswerGovernance

    tracker = make_tracker("ask_board", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m.get("fact") for m in messages] == [STORE.fact(f"city.{c}.mayor").text_for(lang) for c in cities]


def test_what_the_network_is_good_for_beside_the_mayors_is_what_it_is_not_the_mayors() -> None:
    text = "was bringt dieses quattropole eigentlich, ausser reisen für die bürgermeister?"
    messages, _ = run_action(
        ActionAnswerCity(), make_tracker("ask_city_mayor", text=text, slots={"language": "de"})
    )
    mayors = {STORE.fact(f"city.{c}.mayor").text_for("de") for c in STORE.cities}
    said = [m.get("fact") for m in messages]
    assert said and not mayors & set(said)
    assert STORE.fact("network.overview").text_for("de") in said


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        ("en", "When was Treves founded?", "trier"),
        ("de", "wann wurde Metz gegründet?", "metz"),
        ("fr", "Sarrebruck a été fondée quand ?", "saarbruecken"),
    ],
)
def test_a_citys_founding_is_not_known_and_not_quattropoles(lang: str, text: str, city: str) -> None:
    from actions.network import ActionAnswerNetwork

    tracker = make_tracker(
        "ask_quattropole_history",
        text=text,
        entities=[{"entity": "city", "value": city}],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m.get("response") for m in messages][:2] == ["utter_unknown_when", "utter_closest"]
    assert messages[2]["fact"] == STORE.fact(f"city.{city}.overview").text_for(lang)


def test_a_mayor_in_a_past_year_is_the_fact_that_names_them() -> None:
    text = "Who was mayor of Sarbruken in 2000?"
    tracker = make_tracker(
        "ask_city_mayor",
        text=text,
        entities=[{"entity": "city", "value": "saarbruecken"}],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert "Hajo Hoffmann" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "und alle 4 zusammen?"),
        ("fr", "et les quatre ensemble ?"),
        ("en", "and all four combined?"),
        ("en", "so whats the total for all 4"),
    ],
)
def test_the_four_together_after_one_citys_population_is_the_networks_figure(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "topic": "city.population", "city": "metz", "subject": "city:metz:population"}
    messages, events = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text, slots=slots))
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["network.population"]]
    assert not any(e.get("name") == "topic" for e in events)  # "und Trier?" next is Trier's population


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Is it true that 70% of people in Luxembourg City are foreigners? my students wont believe it",
        ),
        ("de", "wie viele ausländer leben in luxemburg stadt?"),
    ],
)
def test_a_word_only_one_city_fact_uses_names_that_fact_under_another_city_intent(
    lang: str, text: str
) -> None:
    tracker = make_tracker(
        "ask_city_population", text, [{"entity": "city", "value": "luxembourg"}], {"language": lang}
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.luxembourg.foreigners"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "What's the population of each of the four cities? I need the most recent official figures with dates.",
        ),
        ("de", "welche Einwohnerzahlen haben die vier Städte einzeln, mit Stand?"),
        ("fr", "combien d'habitants dans chacune des quatre villes ?"),
    ],
)
def test_the_population_of_each_city_is_each_figure(lang: str, text: str) -> None:
    from actions.network import ActionAnswerNetwork

    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_population", text=text, slots={"language": lang})
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] == [[f"city.{c}.population"] for c in STORE.cities]


def test_councillors_of_each_city_are_not_its_population() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.cities import rank_by_population

    dispatcher = CollectingDispatcher()
    rank_by_population(dispatcher, "how many councillors does each of the four cities send?", "en")
    assert not any("population" in str(m.get("custom")) for m in dispatcher.messages)


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        ("fr", "Combien la Ville de Luxembourg verse-t-elle chaque année à l'association ?", "luxembourg"),
        ("de", "wie viel zahlt trier eigentlich an quattropole?", "trier"),
        ("en", "how much does metz pay into the network each year?", "metz"),
    ],
)
def test_what_a_city_pays_into_the_network_is_not_known_not_its_population(lang, text, city) -> None:
    tracker = make_tracker(
        "ask_city_population",
        text=text,
        entities=[{"entity": "city", "value": city}],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    responses = [m.get("response") for m in messages]
    assert responses[:2] == ["utter_unknown_cost", "utter_closest"]
    assert messages[2]["custom"]["qp"]["facts"] == ["network.budget"]
    assert f"city.{city}.population" not in str(messages)


def test_pour_and_a_verb_is_no_unknown_place() -> None:
    from actions.cities import named_unknown_place

    assert named_unknown_place("ok mais pour sortir? des bars, concerts?") is None
    assert named_unknown_place("et un train pour Thionville ?") == "Thionville"


def test_the_population_of_a_city_after_a_project_is_the_citys() -> None:
    """ "combien d'habitants a luxembourg ville ?" right after the e-learning platform."""
    text = "combien d'habitants a luxembourg ville ?"
    start = text.index("luxembourg")
    tracker = make_tracker(
        "ask_city_population",
        text=text,
        entities=[{"entity": "city", "value": "luxembourg", "start": start, "end": start + 15}],
        slots={
            "language": "fr",
            "subject": "project:elearning_luxembourgish",
            "facts": ["project.elearning_luxembourgish"],
        },
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["city.luxembourg.population"]


def test_a_city_taken_back_after_a_route_and_a_question_in_between_is_replaced() -> None:
    text = "sorry, I meant Saarbrücken not Trier"
    entities = [
        {
            "entity": "city",
            "value": "saarbruecken",
            "start": text.index("Saar"),
            "end": text.index("Saar") + 10,
        },
        {"entity": "city", "value": "trier", "start": text.index("Trier"), "end": text.index("Trier") + 5},
    ]
    slots = {"language": "en", "topic": "travel:trier:metz"}
    tracker = make_tracker("inform_city", text=text, entities=entities, slots=slots)
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.route("saarbruecken", "metz").fact.text_for("en")


@pytest.mark.parametrize(
    ("intent", "lang", "text", "slots"),
    [
        ("ask_city_mayor", "fr", "c'est qui le maire ?", {"subject": "project:rencontres_citoyennes"}),
        (
            "ask_city_population",
            "de",
            "Wie viele Einwohner hat die Stadt?",
            {"subject": "organ:office", "facts": ["office.house"]},
        ),
    ],
)
def test_what_only_a_city_has_asked_after_no_city_asks_which_city(intent, lang, text, slots) -> None:
    tracker = make_tracker(intent, text=text, slots={"language": lang, **slots})
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert [m["response"] for m in messages] == ["utter_ask_city"]
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "topic",
        "value": "city." + TOPIC_BY_INTENT[intent],
    } in events


def test_how_many_live_there_after_the_greater_region_is_its_population() -> None:
    tracker = make_tracker(
        "ask_city_population",
        text="how many people live there?",
        slots={"language": "en", "subject": "greater_region", "facts": ["greater_region.basics"]},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["greater_region.figures"]


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        ("fr", "qui a gagné les municipales à Metz en mars ?", "metz"),
        ("de", "wer hat die Kommunalwahl in Saarbrücken gewonnen?", "saarbruecken"),
    ],
)
def test_who_won_a_mayoral_election_is_the_mayor_with_the_date(lang: str, text: str, city: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker(
        "out_of_scope", text=text, entities=[{"entity": "city", "value": city}], slots={"language": lang}
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [[f"city.{city}.mayor"]]


@pytest.mark.parametrize(
    ("lang", "text", "slots"),
    [
        ("en", "who did he beat", {"city": "saarbruecken", "topic": "city.mayor"}),
        ("fr", "Donc c'est M. Conradt qui l'a battue en 2019 ?", {}),
    ],
)
def test_whom_a_mayor_beat_is_the_predecessor_the_fact_says_they_beat(lang: str, text: str, slots) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker("out_of_scope", text=text, slots={"language": lang, **slots})
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    fact = STORE.fact("city.saarbruecken.mayor")
    assert [m.get("fact") for m in messages] == [fact.answer_for("before", lang)]
