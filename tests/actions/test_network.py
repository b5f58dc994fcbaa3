"""ActionAnswerNetwork: the network's facts in each language."""

from __future__ import annotations

import pytest

from actions.network import KEYS_BY_INTENT as NETWORK_KEYS
from actions.network import ActionAnswerNetwork
from actions.store import STORE
from bot.language import LANGS
from tests.actions.conftest import assert_says, make_tracker, run_action


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


@pytest.mark.parametrize(
    "lang, text",
    [
        ("de", "hallo, ich versuche mein Deutsch zu üben :) wann wurde QuattroPole gegründet"),
        ("fr", "j'apprends le français, c'était fondé quand quattropole ?"),
        ("en", "trying to practise my english here, when was quattropole founded"),
    ],
)
def test_a_word_naming_another_fact_does_not_answer_a_kind_the_intent_answers(lang: str, text: str) -> None:
    tracker = make_tracker("ask_quattropole_history", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m.get("fact") for m in messages if m.get("fact")]
    assert not any(m.get("fact") == STORE.fact("network.languages").text_for(lang) for m in messages)
    assert_says(messages[0], "network.history", lang)


def test_how_many_people_took_part_after_the_hackathon_is_its_participants() -> None:
    slots = {"language": "en", "subject": "project:hackathon_2025", "facts": ["project.hackathon_2025"]}
    tracker = make_tracker("ask_quattropole_population", text="how many people took part", slots=slots)
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m.get("fact") for m in messages] == [
        STORE.fact("project.hackathon_2025").answer_for("how_many", "en")
    ]


@pytest.mark.parametrize("intent", ["ask_quattropole_languages", "ask_quattropole_overview"])
def test_under_german_law_asks_the_legal_form_not_the_languages(intent: str) -> None:
    tracker = make_tracker(intent, text="de droit allemand ?", slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert not any(m.get("fact") == STORE.fact("network.languages").text_for("fr") for m in messages)
    assert "droit allemand" in messages[0]["fact"]


@pytest.mark.parametrize(
    "intent", ["ask_quattropole_overview", "ask_quattropole_history", "ask_quattropole_languages"]
)
@pytest.mark.parametrize(
    "lang, text",
    [
        ("fr", "d ou vient l idee de quattropole ?"),
        ("de", "woher kommt die idee zu quattropole"),
        ("en", "where did the idea for quattropole come from?"),
    ],
)
def test_where_the_idea_came_from_is_its_origin_not_its_seat(intent: str, lang: str, text: str) -> None:
    tracker = make_tracker(intent, text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert_says(messages[0], "network.history", lang)
    assert not any("Esch" in (m.get("fact") or "") for m in messages)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "d'où vient le nom quattropole ?"),
        ("en", "where does the name quattropole come from"),
        ("en", "what does the name quattropole mean?"),
        ("en", "why is it called quattropole?"),
        ("de", "was bedeutet der name quattropole?"),
        ("de", "warum heißt es QuattroPole?"),
        ("fr", "pourquoi ça s'appelle quattropole ?"),
    ],
)
def test_where_the_name_comes_from_is_not_known_and_what_the_network_is_helps(lang: str, text: str) -> None:
    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_overview", text=text, slots={"language": lang})
    )
    assert messages[0]["response"] == "utter_unknown_name_origin"
    # the closest thing: what the four cities are, not the aims ("why") or the seat ("where")
    assert_says(messages[-1], "network.overview", lang)


@pytest.mark.parametrize(
    ("lang", "text", "unknown"),
    [
        ("de", "haben die staedte eigentlich partnerstaedte untereinander?", False),
        ("de", "seit wann ist metz mit trier verschwistert?", True),
        ("en", "is trier twinned with metz?", False),
        ("fr", "metz et trèves sont jumelées depuis quand ?", True),
    ],
)
def test_the_twinning_is_metz_and_triers(lang: str, text: str, unknown: bool) -> None:
    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_members", text=text, slots={"language": lang})
    )
    facts = [m for m in messages if m.get("fact")]
    if unknown:  # since when: 1957, told with the doubt of its one source
        assert facts[0]["custom"]["qp"]["facts"] == ["network.twinning"]
        assert "1957" in facts[0]["fact"] and "Wiki" in facts[0]["fact"]
    else:
        assert facts[0]["fact"] == STORE.fact("network.history").answer_for("what", lang)


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("de", "seit wann gibt es das leitbild?", "when"),
        ("fr", "depuis quand existe la vision d'avenir ?", "when"),
        ("en", "since when does the roadmap exist?", "when"),
        ("de", "wie viele projekte stehen im leitbild?", "how_many"),
        ("en", "who drew up the roadmap?", "who"),
    ],
)
def test_a_question_naming_the_roadmap_gets_the_roadmaps_answer_not_the_founding(lang, text, kind) -> None:
    tracker = make_tracker("ask_quattropole_history", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m["fact"] for m in messages] == [STORE.fact("network.roadmap").answer_for(kind, lang)]


def test_who_sits_in_it_for_a_city_after_the_assembly_is_the_assembly_not_the_signatories() -> None:
    text = "wer genau sitzt für saarbrücken drin?"
    entities = [{"entity": "city", "value": "saarbruecken", "start": 20, "end": 31}]
    slots = {"language": "de", "subject": "organ:general_assembly", "facts": ["governance.general_assembly"]}
    tracker = make_tracker("ask_quattropole_members", text=text, entities=entities, slots=slots)
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    facts = [k for m in messages for k in m.get("custom", {}).get("qp", {}).get("facts", [])]
    assert facts == ["governance.general_assembly"]


@pytest.mark.parametrize(
    ("intent", "text", "lang"),
    [
        # "who" of the network without a word of the signatories' text is not them
        ("ask_quattropole_members", "who exactly sits in it for saarbrucken?", "en"),
        ("ask_quattropole_overview", "qui est dedans à part quattropole ?", "fr"),
    ],
)
def test_the_signatories_answer_who_only_when_the_question_speaks_of_them(intent, text, lang) -> None:
    tracker = make_tracker(intent, text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert not any("network.founders" in m.get("custom", {}).get("qp", {}).get("facts", []) for m in messages)
    # asked of them, they are the answer
    asked = make_tracker(intent, text="who signed the declaration in 2000?", slots={"language": "en"})
    messages, _ = run_action(ActionAnswerNetwork(), asked)
    assert any("network.founders" in m.get("custom", {}).get("qp", {}).get("facts", []) for m in messages)


def test_what_quattropole_is_after_a_sentence_naming_a_city_is_the_overview() -> None:
    from actions.projects import ActionAnswerProjects

    text = "hi! im an erasmus student in trier, just arrived. what is this quattropole thing i keep seeing on posters"
    entities = [{"entity": "city", "value": "trier", "start": 29, "end": 34}]
    tracker = make_tracker("ask_projects", text=text, entities=entities, slots={"language": "en"})
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert_says(messages[0], "network.overview", "en")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "How does QuattroPole relate to the Greater Region? Is it part of it?"),
        ("de", "was hat quattropole mit der großregion zu tun?"),
        ("fr", "quel est le lien entre quattropole et la grande région ?"),
    ],
)
def test_how_quattropole_relates_to_the_greater_region_is_its_aims_and_its_house(
    lang: str, text: str
) -> None:
    from actions.greater_region import ActionAnswerGreaterRegion

    tracker = make_tracker("ask_greater_region", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["network.purpose"], ["office.location"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "hallo! wir sind ne familie aus saarbrücken und wollen nach metz. was hat quattropole damit zu tun?",
        ),
        ("fr", "c'est quoi le lien entre quattropole et tout ça au fait"),
    ],
)
def test_what_quattropole_has_to_do_with_it_is_the_overview(lang: str, text: str) -> None:
    tracker = make_tracker("ask_quattropole_history", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert_says(messages[0], "network.overview", lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Where is it legally registered? Saarbrücken or Esch?"),
        ("de", "nich das büro, wo der verein eingetragen is"),
    ],
)
def test_where_it_is_registered_is_the_legal_seat(lang: str, text: str) -> None:
    from actions.office import ActionAnswerOffice

    tracker = make_tracker("ask_office_location", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.legal_seat").answer_for("where", lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "j'ai lu que quattropole a été fondé en 1995, c'est vrai ?"),
        ("en", "is it true that quattropole was founded in 1995?"),
    ],
)
def test_a_year_claimed_for_the_founding_is_checked_against_it_not_unknown(lang: str, text: str) -> None:
    tracker = make_tracker("ask_quattropole_history", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert not any(m.get("response", "").startswith("utter_unknown") for m in messages)
    assert "2000" in messages[0]["fact"] and "2014" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        (
            "de",
            "ask_quattropole_overview",
            "was ist quattropole eigentlich genau, meine schüler sollen ein referat halten",
        ),
        ("en", "ask_city_service", "what is quattropole? asking for my school class"),
    ],
)
def test_what_the_network_is_wins_over_a_topic_the_sentence_goes_on_to_name(
    lang: str, intent: str, text: str
) -> None:
    from actions.services import ActionAnswerCityService

    action = ActionAnswerNetwork() if intent == "ask_quattropole_overview" else ActionAnswerCityService()
    messages, _ = run_action(action, make_tracker(intent, text, slots={"language": lang}))
    assert not any(m["response"].startswith("utter_service") for m in messages)
    assert "network.overview" in [
        k for m in messages for k in (m.get("custom") or {}).get("qp", {}).get("facts", [])
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "heyy quick one: is there a quattropole app or website where i see events in all 4 cities?"),
        ("de", "hat quattropole eine app?"),
        ("fr", "quattropole a un site internet ?"),
    ],
)
def test_the_networks_website_or_app_is_its_website(lang: str, text: str) -> None:
    tracker = make_tracker("ask_quattropole_overview", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m.get("response") for m in messages] == ["utter_network_website"]


@pytest.mark.parametrize(
    ("lang", "text", "city", "person"),
    [
        ("fr", "lequel des quatre etait le bourgmestre de luxembourg ?", "luxembourg", "Paul Helminger"),
        ("de", "und wer war das für trier?", "trier", "Helmut Schröer"),
        ("en", "which one was the mayor of metz?", "metz", "Jean-Marie Rausch"),
    ],
)
def test_one_city_after_the_signatories_is_that_citys_signatory(
    lang: str, text: str, city: str, person: str
) -> None:
    from actions.cities import ActionAnswerCity

    slots = {"language": lang, "subject": "network", "facts": ["network.founders"]}
    tracker = make_tracker(
        "ask_city_mayor", text=text, entities=[{"entity": "city", "value": city}], slots=slots
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["response"] == "utter_signatory_of_city"
    assert messages[0]["person"] == person


def test_todays_mayor_asked_right_after_the_signatories_is_todays() -> None:
    from actions.cities import ActionAnswerCity

    slots = {"language": "de", "subject": "network", "facts": ["network.founders"]}
    tracker = make_tracker(
        "ask_city_mayor",
        text="wer ist bürgermeister von trier?",
        entities=[{"entity": "city", "value": "trier"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0].get("response") != "utter_signatory_of_city"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I asked for the names. Who were the four mayors in 2014?"),
        ("en", "And in 2014, which mayors founded the association?"),
        ("de", "wer waren 2014 die bürgermeister, die den verein gegründet haben?"),
    ],
)
def test_the_mayors_of_2014_are_those_who_signed_the_founding_declaration(lang: str, text: str) -> None:
    """Not the 2000 signatories, not "I only know about QuattroPole"."""
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker(
        "out_of_scope", text=text, entities=[{"entity": "year", "value": "2014"}], slots={"language": lang}
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["network.founding_declaration"]
    assert "Jensen" in messages[0]["fact"]


def test_what_a_city_pays_asked_under_the_networks_population_is_not_the_population() -> None:
    text = "combien la ville de metz verse à l'association par an ?"
    tracker = make_tracker(
        "ask_quattropole_population",
        text=text,
        entities=[{"entity": "city", "value": "metz"}],
        slots={"language": "fr"},
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m.get("response") for m in messages][:2] == ["utter_unknown_cost", "utter_closest"]
    assert "network.population" not in str(messages)


def test_who_appoints_its_members_after_a_body_is_not_known_not_its_make_up_alone() -> None:
    """ "what does the coordination committee do and who appoints its members?": the second
    part is who appoints them, which the sources do not say."""
    slots = {
        "language": "en",
        "subject": "organ:coordination_committee",
        "facts": ["governance.coordination_committee"],
    }
    tracker = make_tracker("ask_quattropole_members", text="who appoints its members?", slots=slots)
    tracker.latest_message["metadata"] = {"qp_part": 1}
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m.get("response") for m in messages][0] == "utter_unknown_appointment"


@pytest.mark.parametrize(
    ("lang", "text", "year"),
    [
        ("de", "QuattroPole gibt es doch erst seit 1998, oder?", "1998"),
        ("en", "wasn't quattropole founded in 2004?", "2004"),
    ],
)
def test_a_wrong_founding_year_is_not_confirmed_and_the_founding_is_said(
    lang: str, text: str, year: str
) -> None:
    from actions.network import ActionAnswerNetwork

    tracker = make_tracker(
        "ask_quattropole_history",
        text=text,
        entities=[{"entity": "year", "value": year}],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["response"] == "utter_claim_not_in_sources"
    assert "2000" in messages[1]["fact"]


def test_a_building_the_sources_do_not_name_is_not_confirmed() -> None:
    from actions.network import ActionAnswerNetwork

    slots = {"language": "de", "subject": "network", "facts": ["network.legal_seat"]}
    tracker = make_tracker(
        "ask_quattropole_history",
        text="Aha. Und wo genau in Saarbrücken wurde der gegründet? War das nicht im Rathaus St. Johann?",
        entities=[{"entity": "city", "value": "saarbruecken"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert "utter_fact_confirmed" not in [m.get("response") for m in messages]
    assert [m["custom"]["qp"]["facts"] for m in messages if m.get("fact")] == [["network.association"]]
