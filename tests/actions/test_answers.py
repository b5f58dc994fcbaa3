"""actions.answers: the question that was asked, about the subject of the conversation."""

from __future__ import annotations

import pytest

from actions.cities import ActionAnswerCity
from actions.follow_up import ActionAnswerFollowUp
from actions.governance import ActionAnswerGovernance
from actions.network import ActionAnswerNetwork
from actions.office import ActionAnswerOffice
from actions.projects import ActionAnswerProjects
from actions.store import STORE
from tests.actions.conftest import make_tracker, run_action

LANGS = ("de", "fr", "en")


def responses(messages: list) -> list:
    return [m.get("response") for m in messages]


def slot(events: list, name: str):
    return next((e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name), "unset")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Wann hat die Geschäftsstelle geöffnet? Öffnungszeiten?"),
        ("fr", "quels sont les horaires du secrétariat ?"),
        ("en", "what are the opening hours of the office?"),
    ],
)
def test_opening_hours_are_not_known_and_the_tasks_are_not_given_instead(lang: str, text: str) -> None:
    tracker = make_tracker("ask_office_tasks", text=text, slots={"language": lang})
    messages, events = run_action(ActionAnswerOffice(), tracker)
    said = [m.get("fact", "") for m in messages]
    assert responses(messages)[0] == "utter_unknown_hours"
    assert messages[0]["subject"] == STORE.organ_name("office", lang)
    assert STORE.fact("office.tasks").text_for(lang) not in said
    # the closest thing that helps: how to reach the office
    assert STORE.fact("office.contact").text_for(lang) in said
    assert slot(events, "subject") == "organ:office"


def test_a_kind_the_intents_fact_answers_is_answered_as_before() -> None:
    tracker = make_tracker(
        "ask_office_location", text="Wo ist die Geschäftsstelle?", slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert messages[0]["fact"] == STORE.fact("office.location").text_for("de")


def test_a_sibling_fact_answers_a_kind_the_intents_fact_lacks() -> None:
    # the NLU picked the office's tasks, but the question asks since when it exists
    tracker = make_tracker("ask_office_tasks", text="since when does the office exist?")
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert messages[0]["fact"] == STORE.fact("office.location").answer_for("since", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_the_budget_is_the_old_dated_figure_and_no_history_is_given(lang: str) -> None:
    text = {
        "de": "Wie hoch ist das Budget?",
        "fr": "Quel est le budget annuel de QuattroPole ?",
        "en": "what is quattropole's annual budget",
    }[lang]
    tracker = make_tracker("ask_quattropole_history", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["network.budget"]]
    assert "2016" in messages[0]["fact"]  # an old figure, told with its age


@pytest.mark.parametrize("text", ["is it free to join quattropole?", "what does quattropole cost?"])
def test_a_cost_that_is_not_the_budget_is_not_known(text: str) -> None:
    tracker = make_tracker("ask_quattropole_overview", text=text, slots={"language": "en"})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert responses(messages) == ["utter_unknown_cost"]
    assert messages[0]["pointer"].startswith("https://")


@pytest.mark.parametrize("lang", LANGS)
def test_seit_wann_after_a_mayor_gives_the_mayors_start(lang: str) -> None:
    tracker = make_tracker(
        "ask_follow_up",
        text={"de": "Seit wann?", "fr": "depuis quand ?", "en": "since when?"}[lang],
        slots={
            "language": lang,
            "subject": "city:trier:mayor",
            "facts": ["city.trier.mayor"],
            "city": "trier",
        },
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert len(messages) == 1
    assert messages[0]["fact"] == STORE.fact("city.trier.mayor").answer_for("since", lang)


def test_a_bare_follow_up_is_about_the_conversation_whatever_the_intent() -> None:
    # the NLU took "Seit wann?" for the network's history: the conversation was about a mayor
    tracker = make_tracker(
        "ask_quattropole_history",
        text="Seit wann?",
        slots={"language": "de", "subject": "city:metz:mayor", "facts": ["city.metz.mayor"]},
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.metz.mayor").answer_for("since", "de")


def test_until_when_gets_the_date_only() -> None:
    tracker = make_tracker(
        "ask_follow_up",
        text="until when?",
        slots={"subject": "city:trier:mayor", "facts": ["city.trier.mayor"]},
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.trier.mayor").answer_for("until", "en")


def test_a_follow_up_without_a_subject_asks_what_it_is_about() -> None:
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="since when?"))
    assert responses(messages) == ["utter_follow_up_unclear"]


def test_who_came_after_leibe_is_one_name_with_the_years() -> None:
    tracker = make_tracker(
        "ask_follow_up",
        text="who came after Leibe?",
        slots={"subject": "organ:president", "facts": ["governance.presidents"]},
    )
    messages, events = run_action(ActionAnswerFollowUp(), tracker)
    assert len(messages) == 1
    assert "Polfer" in messages[0]["fact"] and "Leibe" not in messages[0]["fact"]
    assert slot(events, "person") == "Lydie Polfer"


def test_und_davor_walks_back_through_the_presidencies() -> None:
    tracker = make_tracker(
        "ask_follow_up",
        text="und davor?",
        slots={
            "language": "de",
            "subject": "organ:president",
            "facts": ["governance.presidents"],
            "person": "Lydie Polfer",
        },
    )
    messages, events = run_action(ActionAnswerFollowUp(), tracker)
    assert "Leibe" in messages[0]["fact"]
    assert slot(events, "person") == "Wolfram Leibe"


def test_before_the_first_presidency_is_not_known() -> None:
    tracker = make_tracker(
        "ask_follow_up",
        text="what about before that?",
        slots={"subject": "organ:president", "facts": ["governance.presidents"]},
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert responses(messages)[:2] == ["utter_unknown_before", "utter_closest"]
    assert "Britz" in messages[2]["fact"]  # the first presidency the store knows


@pytest.mark.parametrize(
    ("lang", "text", "city", "predecessor"),
    [
        ("en", "Who was mayor of Saarbrücken before Conradt?", "saarbruecken", "Charlotte Britz"),
        ("fr", "Qui était maire de Metz avant Grosdidier ?", "metz", "Dominique Gros"),
    ],
)
def test_the_mayor_before_is_the_predecessor_not_the_current_mayor(
    lang: str, text: str, city: str, predecessor: str
) -> None:
    tracker = make_tracker(
        "ask_city_mayor", text=text, slots={"language": lang}, entities=[{"entity": "city", "value": city}]
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert len(messages) == 1
    assert messages[0]["fact"] == STORE.fact(f"city.{city}.mayor").answer_for("before", lang)
    assert predecessor in messages[0]["fact"]


def test_the_mayor_before_polfer_is_not_known_and_the_current_mayor_is_not_the_answer() -> None:
    tracker = make_tracker(
        "ask_city_mayor",
        text="Who was mayor of Luxembourg before Polfer?",
        entities=[{"entity": "city", "value": "luxembourg"}],
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert responses(messages)[:2] == ["utter_unknown_before", "utter_closest"]


@pytest.mark.parametrize("lang", LANGS)
def test_how_many_people_live_there_after_trier_is_trier(lang: str) -> None:
    text = {
        "de": "Wie viele Leute wohnen da?",
        "fr": "combien de gens vivent là-bas ?",
        "en": "how many people live there?",
    }[lang]
    tracker = make_tracker("ask_quattropole_population", text=text, slots={"language": lang, "city": "trier"})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.trier.population").text_for(lang)


def test_the_network_population_without_a_back_reference_stays_the_network() -> None:
    tracker = make_tracker(
        "ask_quattropole_population", text="how many people live in the four cities?", slots={"city": "trier"}
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.population").text_for("en")


def test_legal_form_is_answered_from_the_association_fact() -> None:
    tracker = make_tracker(
        "ask_quattropole_overview",
        text="Ist QuattroPole eine Behörde? Nach welchem Recht?",
        slots={"language": "de"},
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    keys = [m["custom"]["qp"]["facts"][0] for m in messages if m.get("custom")]
    assert keys and all(STORE.fact(k).answers_kind("legal_form") for k in keys)


def test_the_next_prize_ceremony_after_the_prize_is_about_the_prize() -> None:
    tracker = make_tracker(
        "ask_project_detail",
        text="Wann ist die nächste Verleihung?",
        slots={"language": "de", "subject": "project:music_prize", "facts": ["project.music_prize"]},
    )
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    facts = [k for m in messages if m.get("custom") for k in m["custom"]["qp"]["facts"]]
    assert all(k.startswith("project.music_prize") for k in facts)


def test_a_waiting_travel_form_is_dropped_by_a_new_question() -> None:
    tracker = make_tracker(
        "ask_city_mayor",
        text="actually, who is the mayor of Metz?",
        entities=[{"entity": "city", "value": "metz"}],
    )
    tracker.active_loop = {"name": "travel_form"}
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.metz.mayor").text_for("en")
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    assert slot(events, "travel_to") is None and slot(events, "requested_slot") is None


def test_governance_keeps_its_own_answers_for_kinds_it_has() -> None:
    tracker = make_tracker("ask_president", text="who leads quattropole?")
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    facts = [m["custom"]["qp"]["facts"][0] for m in messages if m.get("custom")]
    assert facts == ["governance.current_president", "governance.board"]


def test_und_2016_after_the_president_is_that_years_president() -> None:
    tracker = make_tracker(
        "ask_follow_up",
        text="und 2016?",
        entities=[{"entity": "year", "value": "2016"}],
        slots={"language": "de", "subject": "organ:president", "facts": ["governance.current_president"]},
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert "Britz" in messages[0]["fact"]


def test_and_from_metz_after_a_route_keeps_the_destination() -> None:
    tracker = make_tracker(
        "inform_city",
        text="and from Metz?",
        entities=[{"entity": "city", "value": "metz", "start": 9, "end": 13}],
        slots={"topic": "travel:trier:luxembourg"},
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["travel.luxembourg.metz"]
    assert slot(events, "topic") == "travel:metz:luxembourg"


@pytest.mark.parametrize(
    ("text", "lang"), [("wer war der allererste präsident", "de"), ("who was the very first president", "en")]
)
def test_the_first_president_is_one_name(text: str, lang: str) -> None:
    tracker = make_tracker("ask_president_list", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert len(messages) == 1 and "Britz" in messages[0]["fact"] and "Polfer" not in messages[0]["fact"]


def test_a_year_answer_keeps_the_term_for_und_davor() -> None:
    asked = make_tracker(
        "ask_president",
        text="wer war 2021 präsident",
        entities=[{"entity": "year", "value": "2021"}],
        slots={"language": "de"},
    )
    _, events = run_action(ActionAnswerGovernance(), asked)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    follow = make_tracker("ask_follow_up", text="und davor?", slots={"language": "de", **slots})
    messages, _ = run_action(ActionAnswerFollowUp(), follow)
    assert "Leibe" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("ask_president", "bis wann war polfer präsidentin"),
        ("nlu_fallback", "until when was polfer president"),
    ],
)
def test_a_named_president_is_found_without_context(intent: str, text: str) -> None:
    tracker = make_tracker(intent, text=text)
    action = ActionAnswerGovernance() if intent == "ask_president" else ActionAnswerFollowUp()
    messages, _ = run_action(action, tracker)
    assert "2022" in messages[0]["fact"] and "Polfer" in messages[0]["fact"]


def test_the_presidents_phone_number_is_not_the_office_contact() -> None:
    tracker = make_tracker(
        "ask_office_contact",
        text="vous avez le numero de tel du president",
        entities=[{"entity": "organ", "value": "president"}],
        slots={"language": "fr"},
    )
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert responses(messages)[0] == "utter_unknown_phone"
    assert STORE.fact("office.contact").text_for("fr") not in [m.get("fact") for m in messages]


def test_the_offices_phone_number_is_the_old_one_with_its_doubt() -> None:
    tracker = make_tracker("ask_office_contact", text="telefonnummer?", slots={"language": "de"})
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["office.phone"]]
    assert "E-Mail" in messages[0]["fact"]  # the more reliable way beside it


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wie viele mitarbeiter hat die geschäftsstelle"),
        ("en", "how many staff work at the quattropole office"),
    ],
)
def test_a_count_of_something_no_fact_counts_is_not_known(lang: str, text: str) -> None:
    tracker = make_tracker("ask_house_greater_region", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert responses(messages) == ["utter_unknown_how_many"]


def test_a_count_of_what_the_members_fact_counts_is_answered() -> None:
    tracker = make_tracker(
        "ask_quattropole_members", text="Wie viele Städte gehören zu QuattroPole?", slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.members").text_for("de")


def test_a_winner_of_a_year_the_store_has_no_winner_for_is_not_known() -> None:
    tracker = make_tracker(
        "ask_project_detail",
        text="who won the 2026 music prize",
        entities=[{"entity": "project", "value": "music_prize"}],
    )
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    # the 2026 final's own answer says its winner is not known; the 2019 winner is not given
    assert messages[0]["fact"] == STORE.fact("project.music_prize.final_2026").answer_for("winner", "en")
    assert "don't know who won" in messages[0]["fact"]
    assert not any("Birolini" in (m.get("fact") or "") for m in messages)


def test_who_won_after_the_2026_final_is_the_2026_winner_not_the_first() -> None:
    slots = {"subject": "project:music_prize", "facts": ["project.music_prize.final_2026"]}
    tracker = make_tracker("ask_follow_up", text="wer hat gewonnen", slots={"language": "de", **slots})
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("project.music_prize.final_2026").answer_for("winner", "de")
    assert "Birolini" not in messages[0]["fact"]


def test_a_personal_question_about_a_known_person() -> None:
    from actions.follow_up import ActionAnswerFollowUp as FollowUp

    tracker = make_tracker("nlu_fallback", text="how old is wolfram leibe")
    messages, _ = run_action(FollowUp(), tracker)
    assert responses(messages)[0] == "utter_unknown_personal"
    assert messages[0]["subject"] == "Wolfram Leibe"


def test_the_next_train_has_no_timetable() -> None:
    from actions.travel import ActionAnswerTravel

    tracker = make_tracker(
        "ask_travel",
        text="when does the next train from trier to metz leave",
        slots={"travel_from": "trier", "travel_to": "metz"},
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert responses(messages)[0] == "utter_travel_no_timetable"


def test_the_travel_note_is_not_repeated_right_after_itself() -> None:
    from actions.travel import ActionAnswerTravel

    events = [
        {"event": "user", "text": "wie lange von trier nach luxemburg"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_travel_note"}},
        {"event": "user", "text": "gibt es einen direkten zug von saarbrücken nach luxemburg"},
    ]
    tracker = make_tracker(
        "ask_travel",
        text=events[-1]["text"],
        events=events,
        slots={"travel_from": "saarbruecken", "travel_to": "luxembourg", "language": "de"},
    )
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert "utter_travel_note" not in responses(messages)
    fresh = make_tracker(
        "ask_travel",
        text=events[-1]["text"],
        slots={"travel_from": "saarbruecken", "travel_to": "luxembourg", "language": "de"},
    )
    assert "utter_travel_note" in responses(run_action(ActionAnswerTravel(), fresh)[0])


def test_a_project_answer_says_where_it_stands_today() -> None:
    tracker = make_tracker(
        "ask_project_detail",
        text="tell me about the music prize",
        entities=[{"entity": "project", "value": "music_prize"}],
    )
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    facts = [m["custom"]["qp"]["facts"][0] for m in messages if m.get("custom")]
    assert facts == ["project.music_prize", "project.music_prize.final_2026"]
    assert "took place" in messages[1]["fact"]  # told as past: today is after 8 April 2026


def test_plans_for_a_later_year_are_not_known() -> None:
    tracker = make_tracker(
        "ask_projects", text="welche projekte plant quattropole für 2027", slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert responses(messages) == ["utter_unknown_next"]


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("combien d habitants a nancy", "utter_unknown_city"),
        ("whats quattropoles yearly budget", "utter_fact"),
        ("und wie viele einwohner hat das netzwerk zusammen", "utter_fact_dated"),
    ],
)
def test_a_question_the_nlu_could_not_place_still_gets_an_honest_answer(text: str, response: str) -> None:
    from actions.fallback import ActionAskRephrase

    messages, _ = run_action(ActionAskRephrase(), make_tracker("nlu_fallback", text=text))
    assert responses(messages) == [response]


def test_a_personal_question_without_a_kind() -> None:
    tracker = make_tracker("ask_city_mayor", text="conradt il est marié", slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert responses(messages)[0] == "utter_unknown_personal"


def test_the_office_staff_is_not_the_whole_buildings_staff() -> None:
    tracker = make_tracker(
        "ask_office_tasks", text="Wie viele Leute arbeiten in der Geschäftsstelle?", slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert responses(messages) == ["utter_unknown_how_many"]


def test_the_current_treasurer_is_not_known_and_the_known_ones_follow() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    messages, _ = run_action(
        ActionAnswerOutOfScope(), make_tracker("out_of_scope", text="who is the treasurer right now")
    )
    assert responses(messages)[0] == "utter_board_role_unknown_now"
    assert [m["custom"]["qp"]["facts"] for m in messages[1:-1]] == [
        ["governance.term.2019"],
        ["governance.term.2022"],
    ]


def test_taxes_for_a_cross_border_worker_point_to_the_city_with_a_tax_office() -> None:
    from actions.services import ActionAnswerCityService

    tracker = make_tracker(
        "ask_city_service",
        text="i live in metz and work in luxembourg where do i pay taxes",
        entities=[
            {"entity": "city", "value": "metz"},
            {"entity": "city", "value": "luxembourg"},
            {"entity": "service", "value": "taxes"},
        ],
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert messages[0]["response"] == "utter_service_pointer" and "impotsdirects" in messages[0]["url"]


def test_how_long_one_is_president_is_the_term_length() -> None:
    from bot.language.kinds import question_of

    assert question_of("wie lange ist man präsident bei quattropole", "de").kind == "how_long"
    assert question_of("wie lange ist er schon im amt", "de").kind == "since"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wie lautet das wlan passwort im büro"),
        ("fr", "c'est quoi le mot de passe wifi du secrétariat"),
        ("en", "what's the door code of the office"),
    ],
)
def test_internal_details_are_not_known_and_the_contact_follows(lang: str, text: str) -> None:
    tracker = make_tracker("ask_office_tasks", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    said = [m.get("fact", "") for m in messages]
    assert responses(messages)[0] == "utter_unknown_internal"
    assert STORE.fact("office.tasks").text_for(lang) not in said
    assert STORE.fact("office.contact").text_for(lang) in said


def test_until_when_about_a_person_goes_to_the_office_that_says_until_when() -> None:
    # Leibe is Trier's mayor and was president in 2019-2020; only the mayor's term has an end
    tracker = make_tracker(
        "ask_president", text="le mandat de leibe se termine quand", slots={"language": "fr"}
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.trier.mayor").answer_for("until", "fr")
    assert "2031" in messages[0]["fact"]


def test_a_number_in_the_question_picks_the_fact_that_has_it() -> None:
    # "25 ans" is the anniversary, not the founding the intent's history fact tells
    tracker = make_tracker(
        "ask_history", text="les 25 ans de quattropole ont ete fetes quand", slots={"language": "fr"}
    )
    messages, events = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.anniversary").answer_for("when", "fr")
    assert slot(events, "facts") == ["network.anniversary"]


@pytest.mark.parametrize(
    ("intent", "action", "text", "url"),
    [
        ("ask_city_overview", ActionAnswerCity(), "touristen info luxemburg stadt", "lcto.lu"),
        ("out_of_scope", None, "carte d identite luxembourgeoise ou la demander", "guichet.public.lu"),
    ],
)
def test_a_city_service_under_another_intent_gets_its_pointer(intent, action, text, url) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    lang = "fr" if "carte" in text else "de"
    entities = [{"entity": "city", "value": "luxembourg"}] if "luxemburg" in text else []
    tracker = make_tracker(intent, text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(action or ActionAnswerOutOfScope(), tracker)
    assert messages[0]["response"] == "utter_service_pointer"
    assert url in messages[0]["url"]


def test_a_count_that_names_a_service_word_is_not_a_service_question() -> None:
    from actions.services import names_service

    asks_count = make_tracker(
        "ask_city_population", text="wie viele davon sind grenzgänger", slots={"language": "de"}
    )
    asks_place = make_tracker(
        "ask_city_overview", text="grenzgänger jobs in luxemburg", slots={"language": "de"}
    )
    population = make_tracker(
        "ask_city_population", text="wie viele einwohner hat saarbrücken", slots={"language": "de"}
    )
    assert not names_service(asks_count, "de")
    assert names_service(asks_place, "de")
    assert not names_service(population, "de")  # "Einwohner" is only part of "Einwohnermeldeamt"


@pytest.mark.parametrize("lang", LANGS)
def test_a_count_after_a_mayor_is_the_citys_not_the_networks(lang: str) -> None:
    text = {
        "de": "und wie viele Einwohner?",
        "fr": "et combien d'habitants",
        "en": "and how many inhabitants?",
    }[lang]
    slots = {
        "language": lang,
        "city": "saarbruecken",
        "subject": "city:saarbruecken",
        "facts": ["city.saarbruecken.mayor"],
    }
    tracker = make_tracker("ask_quattropole_population", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert "179" in messages[0]["fact"]
    assert messages[0]["fact"] != STORE.fact("network.population").text_for(lang)


def test_a_network_question_that_names_the_network_stays_the_network() -> None:
    slots = {"language": "de", "city": "trier", "subject": "city:trier", "facts": ["city.trier.population"]}
    tracker = make_tracker(
        "ask_quattropole_population", text="und wie viele hat quattropole insgesamt", slots=slots
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.population").text_for("de")


def test_when_is_the_next_one_asks_a_date_not_a_successor() -> None:
    from bot.language.kinds import question_of

    assert question_of("when is the next one", "en").kind == "next"
    assert question_of("when is the next one", "en").relation is None
    assert question_of("who was the next one", "en").relation == "after"


def test_a_city_alone_after_a_service_is_that_service_in_that_city() -> None:
    slots = {"language": "de", "topic": "service", "service": "id_documents", "city": "saarbruecken"}
    tracker = make_tracker(
        "inform_city", text="und in trier?", entities=[{"entity": "city", "value": "trier"}], slots=slots
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["response"] == "utter_service_pointer"
    assert "trier.de" in messages[0]["url"]
    assert slot(events, "city") == "trier"


def test_a_city_alone_after_a_city_fact_stays_a_city_fact_and_becomes_the_subject() -> None:
    slots = {"language": "de", "topic": "city.population", "city": "trier"}
    tracker = make_tracker(
        "inform_city",
        text="und in saarbrücken?",
        entities=[{"entity": "city", "value": "saarbruecken"}],
        slots=slots,
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.saarbruecken.population").text_for("de")
    assert (
        slot(events, "subject") == "city:saarbruecken:population"
    )  # "seit wann ist da der OB im Amt?" is about it


def test_a_dropped_trip_is_completed_by_its_starting_city_after_a_question_in_between() -> None:
    from actions.common import FactAction

    form = make_tracker(
        "ask_city_mayor",
        text="wer ist bürgermeister von trier",
        slots={"language": "de", "travel_to": "metz"},
    )
    form.active_loop = {"name": "travel_form"}
    dropped = FactAction.drop_pending(ActionAnswerCity(), form)
    assert {"event": "slot", "timestamp": None, "name": "trip_waiting", "value": "to:metz"} in dropped
    slots = {"language": "de", "trip_waiting": "to:metz"}
    start = make_tracker(
        "inform_city",
        text="aus saarbrücken",
        entities=[{"entity": "city", "value": "saarbruecken", "start": 4, "end": 15}],
        slots=slots,
    )
    messages, events = run_action(ActionAnswerCity(), start)
    assert messages[0]["fact"] == STORE.route("saarbruecken", "metz").fact.text_for("de")
    assert slot(events, "trip_waiting") is None
    # without "aus"/"from", a city alone is not the trip's start
    other = make_tracker(
        "inform_city",
        text="und luxemburg?",
        entities=[{"entity": "city", "value": "luxembourg"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerCity(), other)
    assert messages[0].get("fact") != STORE.route("luxembourg", "metz").fact.text_for("de")


@pytest.mark.parametrize("text", ["combien de temps", "how long"])
def test_how_long_right_after_a_route_is_that_routes_time(text: str) -> None:
    lang = "fr" if "combien" in text else "en"
    tracker = make_tracker(
        "ask_follow_up", text=text, slots={"language": lang, "topic": "travel:metz:luxembourg"}
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.route("metz", "luxembourg").fact.answer_for("how_long", lang)


@pytest.mark.parametrize(("text", "again"), [("und paris?", True), ("il faut changer ?", False)])
def test_another_unknown_place_after_one_gets_the_same_answer(text: str, again: bool) -> None:
    said = [
        {"event": "user", "text": "wie viele einwohner hat nancy"},
        {"event": "bot", "metadata": {"utter_action": "utter_unknown_city"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker("ask_follow_up", text=text, slots={"language": "de"}, events=said)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    # "il faut changer ?" names no place: not "I only know the four cities" again
    assert (responses(messages) == ["utter_unknown_city"]) is again


def test_when_after_a_population_figure_is_the_date_it_holds_for() -> None:
    slots = {"language": "fr", "subject": "city:luxembourg", "facts": ["city.luxembourg.population"]}
    tracker = make_tracker("ask_follow_up", text="c'était quand ?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert responses(messages) == ["utter_fact_as_of"]
    assert messages[0]["as_of"] == "31 décembre 2025"


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "what's the motto"), ("fr", "quelle est la devise de quattropole")]
)
def test_the_motto_is_found_by_its_word(lang: str, text: str) -> None:
    tracker = make_tracker("ask_quattropole_overview", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.motto").answer_for("what", lang)
    assert len(messages) == 1


def test_who_is_it_now_after_the_first_president_is_the_current_one() -> None:
    slots = {"subject": "organ:president", "facts": ["governance.term.2015"], "person": "Charlotte Britz"}
    tracker = make_tracker("ask_follow_up", text="and who is it now", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("governance.current_president").text_for("en")


def test_what_party_after_a_mayor_is_the_mayors_party() -> None:
    slots = {"subject": "city:trier:mayor", "facts": ["city.trier.mayor"]}
    tracker = make_tracker("ask_follow_up", text="what party", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == "Wolfram Leibe belongs to the SPD."


def test_opening_hours_after_a_service_address_point_to_that_place() -> None:
    slots = {"topic": "service", "service": "tourism", "city": "luxembourg"}
    tracker = make_tracker("ask_follow_up", text="opening hours?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert responses(messages) == ["utter_unknown_hours"]
    assert "lcto.lu" in messages[0]["pointer"]


def test_a_question_right_after_the_same_facts_gets_the_precise_answer_not_a_repeat() -> None:
    from actions.greater_region import ActionAnswerGreaterRegion

    said = ["greater_region.basics", "greater_region.figures"]
    slots = {"language": "fr", "subject": "greater_region", "facts": said}
    tracker = make_tracker("ask_greater_region", text="combien de frontaliers", slots=slots)
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    # one message, the fact that counts them (its short answer is the population, not them)
    assert len(messages) == 1
    assert "250 000 frontaliers" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "was ist quattropole eigentlich genau"),
        ("de", "erzähl mir etwas über das netzwerk der vier städte"),
        ("fr", "c est quoi exactement quattropole"),
        ("en", "what is this network all about"),
    ],
)
def test_a_general_question_names_no_single_fact_by_its_words(lang: str, text: str) -> None:
    from actions.answers import fact_named_by_words, network_subject
    from bot.language.kinds import question_of

    assert fact_named_by_words(network_subject(["network.overview"]), question_of(text, lang), lang) is None


def test_the_first_of_a_series_is_its_earliest_project() -> None:
    slots = {"language": "de", "subject": "project:hackathon_2025", "facts": ["project.hackathon_2025"]}
    tracker = make_tracker("ask_follow_up", text="und wann war der erste?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("project.health_hackathon_2023").answer_for("when", "de")


def test_how_long_after_a_route_is_the_route_whatever_intent_won() -> None:
    from actions.governance import ActionAnswerGovernance as Governance

    slots = {"topic": "travel:luxembourg:metz"}
    tracker = make_tracker("ask_president_election", text="how long does it take", slots=slots)
    messages, _ = run_action(Governance(), tracker)
    assert messages[0]["fact"] == STORE.route("luxembourg", "metz").fact.answer_for("how_long", "en")


def test_by_car_after_a_route_is_the_car_rule_not_an_unknown_place() -> None:
    slots = {"topic": "travel:luxembourg:metz"}
    tracker = make_tracker(
        "inform_city", text="and by car?", entities=[{"entity": "transport", "value": "car"}], slots=slots
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.fact("travel.car").text_for("en")


def test_a_question_after_a_service_address_gets_the_address_again_with_a_note() -> None:
    slots = {"language": "en", "topic": "service", "service": "registration", "city": "trier"}
    tracker = make_tracker("nlu_fallback", text="what do i need to bring", slots=slots)
    from actions.fallback import ActionAskRephrase

    messages, _ = run_action(ActionAskRephrase(), tracker)
    # the place's page, not its whole text again
    assert responses(messages) == ["utter_service_details"]
    assert "trier.de" in messages[0]["pointer"].lower()


def test_another_service_right_after_one_is_that_service_in_the_same_city() -> None:
    slots = {"language": "fr", "topic": "service", "service": "id_documents", "city": "trier"}
    tracker = make_tracker("ask_follow_up", text="et pour declarer mon demenagement ?", slots=slots)
    messages, events = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["response"] == "utter_service_pointer"
    assert slot(events, "service") == "registration"


def test_the_topic_survives_an_unknown_city() -> None:
    tracker = make_tracker(
        "ask_city_mayor", text="wie heißt der bürgermeister von paris", slots={"language": "de"}
    )
    messages, events = run_action(ActionAnswerCity(), tracker)
    assert responses(messages) == ["utter_unknown_city"]
    assert slot(events, "topic") == "city.mayor"


def test_the_mayor_named_by_role_after_a_city_is_that_citys() -> None:
    slots = {
        "language": "de",
        "subject": "city:saarbruecken:population",
        "facts": ["city.saarbruecken.population"],
    }
    tracker = make_tracker("ask_follow_up", text="welcher ob ist da", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.saarbruecken.mayor").text_for("de")


def test_a_year_alone_after_a_project_is_the_projects_fact_of_that_year() -> None:
    slots = {"language": "de", "subject": "project:music_prize", "facts": ["project.music_prize.laureates"]}
    tracker = make_tracker("ask_follow_up", text="und 2026?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("project.music_prize.final_2026").text_for("de")


def test_there_after_the_greater_region_is_the_region_not_a_city() -> None:
    slots = {"subject": "greater_region", "facts": ["greater_region.basics"]}
    tracker = make_tracker("ask_city_population", text="how many ppl live there", slots=slots)
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert "11" in messages[0]["fact"] and "million" in messages[0]["fact"]


def test_the_motto_as_a_first_message_the_nlu_could_not_place() -> None:
    from actions.fallback import ActionAskRephrase

    messages, _ = run_action(ActionAskRephrase(), make_tracker("nlu_fallback", text="what is the motto"))
    assert messages[0]["fact"] == STORE.fact("network.motto").answer_for("what", "en")


def test_by_bus_right_after_a_route_is_its_time_not_the_route_again() -> None:
    slots = {"language": "de", "topic": "travel:saarbruecken:luxembourg"}
    tracker = make_tracker(
        "inform_city",
        text="und mit dem bus?",
        entities=[{"entity": "transport", "value": "bus"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    route = STORE.route("saarbruecken", "luxembourg").fact
    assert messages[0]["fact"] == route.answer_for("how_long", "de")


def test_opening_hours_of_a_service_the_store_has_no_place_for_point_to_the_city() -> None:
    slots = {"language": "fr", "topic": "service", "service": "registration", "city": "metz"}
    tracker = make_tracker("ask_follow_up", text="c ouvert le samedi ?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert responses(messages) == ["utter_unknown_hours"]
    assert messages[0]["pointer"] == STORE.city_website("metz")


def test_who_pays_is_a_cost_question_not_the_founders() -> None:
    tracker = make_tracker("ask_quattropole_history", text="who pays for quattropole")
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["network.budget"]]
    assert STORE.fact("network.founders").text_for("en") not in [m.get("fact") for m in messages]


def test_who_founded_it_asks_who_not_when() -> None:
    from bot.language.kinds import question_of

    assert question_of("wer hat es gegründet", "de").kind == "who"
    assert question_of("wann wurde es gegründet", "de").kind == "when"


def test_a_wifi_password_the_nlu_put_out_of_scope_is_not_known_and_the_contact_follows() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    messages, _ = run_action(
        ActionAnswerOutOfScope(), make_tracker("out_of_scope", text="what's the wifi password")
    )
    assert responses(messages)[0] == "utter_unknown_internal"
    assert STORE.fact("office.contact").text_for("en") in [m.get("fact") for m in messages]


def test_a_count_of_a_multi_fact_subject_is_the_one_fact_that_counts() -> None:
    from actions.greater_region import ActionAnswerGreaterRegion

    tracker = make_tracker(
        "ask_greater_region", text="wie viele einwohner hat die großregion", slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert [m.get("fact") for m in messages] == [
        STORE.fact("greater_region.figures").answer_for("how_many", "de")
    ]


def test_a_city_alone_after_a_count_is_that_citys_population() -> None:
    said = [
        {"event": "user", "text": "wie viele einwohner hat die großregion"},
        {"event": "user", "text": "und luxemburg?"},
    ]
    tracker = make_tracker(
        "inform_city",
        text="und luxemburg?",
        entities=[{"entity": "city", "value": "luxembourg"}],
        slots={"language": "de", "topic": "greater_region"},
        events=said,
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.luxembourg.population").text_for("de")


def test_a_winner_of_a_year_whose_winner_is_not_recorded_is_not_the_first_winner() -> None:
    slots = {"subject": "project:music_prize", "facts": ["project.music_prize.final_2026"]}
    tracker = make_tracker("ask_follow_up", text="who won in 2023", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert not any("Birolini" in (m.get("fact") or "") for m in messages)


def test_the_ticket_price_right_after_a_route_is_not_known() -> None:
    slots = {"language": "de", "topic": "travel:trier:luxembourg"}
    tracker = make_tracker("ask_follow_up", text="was kostet das ticket", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    # a fare, which the operators publish: not "costs, prices or budget" with a city's page
    assert responses(messages) == ["utter_travel_fare_unknown"]
    assert messages[0]["route"] == "Trier – Luxemburg"


def test_all_four_together_after_a_city_count_is_the_networks_count() -> None:
    from actions.fallback import ActionAskRephrase

    said = [
        {"event": "user", "text": "und in metz?"},
        {"event": "user", "text": "und alle 4 städte zusammen"},
    ]
    slots = {"language": "de", "subject": "city:metz:population", "facts": ["city.metz.population"]}
    tracker = make_tracker("nlu_fallback", text="und alle 4 städte zusammen", slots=slots, events=said)
    said[0]["text"] = "wie viele leute wohnen in metz"
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.population").answer_for("how_many", "de")


def test_a_network_fact_named_by_its_word_under_another_network_intent() -> None:
    tracker = make_tracker("ask_quattropole_history", text="tell me about the 25th anniversary")
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    # named by its own term (named_by) and asking no kind: the whole fact
    assert messages[0]["fact"] == STORE.fact("network.anniversary").text_for("en")


def test_where_the_25th_anniversary_was_celebrated_is_named_by_its_term() -> None:
    text = (
        "Entendu. QuattroPole a fêté ses 25 ans l'an dernier, je crois. Où la célébration a-t-elle eu lieu ?"
    )
    tracker = make_tracker("ask_quattropole_history", text=text, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.anniversary").answer_for("where", "fr")


def test_a_users_own_association_told_before_the_question_asks_no_legal_form() -> None:
    from bot.language.kinds import question_of

    text = "Bonjour, je travaille pour une association culturelle à Luxembourg. Pourriez-vous me renseigner sur le Prix d'art Robert Schuman ?"
    assert "legal_form" not in question_of(text, "fr").kinds
    assert "legal_form" in question_of("QuattroPole, c'est une association ?", "fr").kinds


@pytest.mark.parametrize(
    "text",
    [
        "hi, I just moved to Saarbrücken for work. Someone at the office mentioned QuattroPole - what is that?",
        "QuattroPole? was ist das?",
    ],
)
def test_the_network_named_then_what_is_that_asks_what_it_is(text: str) -> None:
    from bot.language.kinds import asks_what_the_network_is

    assert asks_what_the_network_is(text)


def test_where_the_first_of_a_series_was() -> None:
    slots = {"language": "fr", "subject": "project:hackathon_2025", "facts": ["project.hackathon_2025"]}
    tracker = make_tracker("ask_follow_up", text="et le premier c'était où ?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("project.health_hackathon_2023").answer_for("where", "fr")


def test_until_when_is_his_term_after_a_mayor_is_the_mayors_term() -> None:
    from actions.governance import ActionAnswerGovernance as Governance

    slots = {"language": "de", "subject": "city:trier:mayor", "facts": ["city.trier.mayor"]}
    tracker = make_tracker("ask_president", text="bis wann geht seine amtszeit", slots=slots)
    messages, _ = run_action(Governance(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.trier.mayor").answer_for("until", "de")


def test_the_network_overall_after_a_city_repeats_the_question_for_the_network() -> None:
    said = [{"event": "user", "text": "how many people live in metz"}, {"event": "user", "text": "x"}]
    slots = {"subject": "city:metz:population", "facts": ["city.metz.population"]}
    tracker = make_tracker("ask_follow_up", text="and in the network overall?", slots=slots, events=said)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.population").answer_for("how_many", "en")


def test_opening_hours_of_a_named_service_are_not_known_and_the_place_follows() -> None:
    from actions.services import ActionAnswerCityService

    tracker = make_tracker(
        "ask_city_service",
        text="wann hat das bürgeramt in saarbrücken offen",
        entities=[{"entity": "city", "value": "saarbruecken"}],
        slots={"language": "de", "service": "id_documents"},
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert responses(messages)[:2] == ["utter_unknown_hours", "utter_service_pointer"]


def test_a_count_the_short_answer_does_not_speak_of_gets_the_whole_fact() -> None:
    from actions.greater_region import ActionAnswerGreaterRegion

    text = "combien de frontaliers dans la grande region"
    tracker = make_tracker("ask_greater_region", text=text, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert any("250 000" in (m.get("fact") or "") for m in messages)


@pytest.mark.parametrize(
    ("intent", "text", "lang", "response"),
    [
        ("ask_follow_up", "wann hat das offen", "de", "utter_unknown_hours"),
        ("ask_office_contact", "et le numero de telephone ?", "fr", "utter_unknown_phone"),
    ],
)
def test_a_detail_right_after_a_service_address_is_about_that_place(intent, text, lang, response) -> None:
    slots = {"language": lang, "topic": "service", "service": "tourism", "city": "metz"}
    tracker = make_tracker(intent, text=text, slots=slots)
    action = ActionAnswerFollowUp() if intent == "ask_follow_up" else ActionAnswerOffice()
    messages, _ = run_action(action, tracker)
    assert responses(messages) == [response]
    assert messages[0]["pointer"] == STORE.pointers("tourism", "metz")[0].url


def test_after_a_person_named_while_the_conversation_is_about_the_presidents_is_the_next_president() -> None:
    slots = {"language": "de", "subject": "organ:president", "facts": ["governance.presidents"]}
    tracker = make_tracker("ask_follow_up", text="und wer war nach leibe dran", slots=slots)
    messages, events = run_action(ActionAnswerFollowUp(), tracker)
    assert "Polfer" in messages[0]["fact"]
    assert slot(events, "person") == "Lydie Polfer"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "bis wann ist er gewählt", "2031"),
        ("de", "welche partei", "SPD"),
        ("fr", "il est élu jusqu'à quand ?", "2031"),
    ],
)
def test_a_pronoun_question_about_the_mayor_just_named_is_about_his_office(lang, text, expected) -> None:
    slots = {"language": lang, "subject": "city:trier:mayor", "facts": ["city.trier.mayor"], "city": "trier"}
    tracker = make_tracker("ask_president_election", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert len(messages) == 1 and expected in messages[0]["fact"]
    assert "Präsident" not in messages[0]["fact"] and "président" not in messages[0]["fact"]


def test_is_he_still_mayor_after_his_presidency_gives_his_office_as_mayor() -> None:
    slots = {"subject": "organ:president", "facts": ["governance.presidents"], "person": "Wolfram Leibe"}
    tracker = make_tracker("ask_follow_up", text="is he still mayor", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("city.trier.mayor").text_for("en")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("was wolfram leibe ever president of quattropole", "Leibe"),
        ("and was Polfer president too?", "Polfer"),
    ],
)
def test_was_a_person_ever_in_a_role_gets_their_time_in_it(text: str, person: str) -> None:
    messages, events = run_action(ActionAnswerGovernance(), make_tracker("ask_president", text=text))
    assert [m["response"] for m in messages] == ["utter_fact"]
    assert person in messages[0]["fact"] and "20" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "text", "city", "person"),
    [
        ("fr", "il a quel age", "metz", "François Grosdidier"),
        ("en", "how old is she", "luxembourg", "Lydie Polfer"),
        ("de", "ist der verheiratet?", "saarbruecken", "Uwe Conradt"),
    ],
)
def test_a_persons_private_details_after_their_office_are_not_known(lang, text, city, person) -> None:
    slots = {"language": lang, "subject": f"city:{city}:mayor", "facts": [f"city.{city}.mayor"], "city": city}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert [(m["response"], m.get("subject")) for m in messages] == [("utter_unknown_personal", person)]


def test_a_citys_age_is_not_known_and_its_mayors_start_is_not_given_instead() -> None:
    slots = {
        "language": "de",
        "subject": "city:trier:overview",
        "facts": ["city.trier.overview"],
        "city": "trier",
    }
    tracker = make_tracker("ask_city_overview", text="wie alt ist die stadt", slots=slots)
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["response"] for m in messages] == ["utter_unknown_when"]


def test_the_greater_regions_president_is_the_summit_presidency_whichever_intent() -> None:
    from actions.greater_region import ActionAnswerGreaterRegion

    tracker = make_tracker(
        "ask_greater_region",
        text="qui est president de la grande region",
        entities=[{"entity": "organ", "value": "president"}],
        slots={"language": "fr"},
    )
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    summit = STORE.fact("greater_region.summit_presidency")
    assert [m["fact"] for m in messages] == [summit.answer_for("who", "fr")]


def test_a_count_right_after_the_greater_region_under_a_city_intent_is_the_regions() -> None:
    slots = {"language": "de", "subject": "greater_region", "facts": ["greater_region.summit_presidency"]}
    tracker = make_tracker("ask_city_population", text="wie viele einwohner hat die", slots=slots)
    messages, _ = run_action(ActionAnswerCity(), tracker)
    figures = STORE.fact("greater_region.figures")
    assert [m["fact"] for m in messages] == [figures.answer_for("how_many", "de")]


def test_visiting_without_an_appointment_after_the_office_is_its_hours_not_the_events() -> None:
    from actions.events import ActionAnswerEvents

    slots = {"language": "fr", "subject": "organ:office", "facts": ["office.contact"]}
    tracker = make_tracker("ask_events", text="on peut venir sans rendez vous ?", slots=slots)
    messages, _ = run_action(ActionAnswerEvents(), tracker)
    assert responses(messages)[0] == "utter_unknown_hours"
    assert "utter_no_upcoming_events" not in responses(messages)


def test_how_to_sign_up_after_a_project_is_that_projects_sign_up() -> None:
    slots = {"subject": "project:rencontres_citoyennes", "facts": ["project.rencontres_citoyennes"]}
    tracker = make_tracker("ask_quattropole_history", text="how do I sign up", slots=slots)
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    fact = STORE.fact("project.rencontres_citoyennes")
    assert [m["fact"] for m in messages] == [fact.answer_for("sign_up", "en")]


@pytest.mark.parametrize(
    ("intent", "text", "kind"),
    [
        ("ask_follow_up", "le 25e anniversaire c'etait quand", "when"),
        ("out_of_scope", "ou a eu lieu celle des 25 ans", "where"),
    ],
)
def test_a_first_question_without_subject_finds_the_network_fact_by_its_words(intent, text, kind) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    action = ActionAnswerFollowUp() if intent == "ask_follow_up" else ActionAnswerOutOfScope()
    messages, _ = run_action(action, make_tracker(intent, text=text, slots={"language": "fr"}))
    assert [m["fact"] for m in messages] == [STORE.fact("network.anniversary").answer_for(kind, "fr")]


def test_a_state_president_placed_out_of_scope_is_not_rescued_as_a_follow_up() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker(
        "out_of_scope", text="wer ist der präsident von frankreich", slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert responses(messages) == ["utter_out_of_scope"]


def test_the_second_after_the_first_president_is_the_next_one() -> None:
    slots = {"language": "fr", "subject": "organ:president", "facts": ["governance.presidents"]}
    first = make_tracker("ask_president_list", text="qui etait le premier president", slots=slots)
    _, events = run_action(ActionAnswerGovernance(), first)
    person = slot(events, "person")
    slots["person"] = person
    messages, _ = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="et le deuxieme ?", slots=slots)
    )
    assert "Gros" in messages[0]["fact"]


def test_is_it_free_after_a_project_is_its_cost() -> None:
    slots = {"subject": "project:rencontres_citoyennes", "facts": ["project.rencontres_citoyennes"]}
    messages, _ = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="is it free", slots=slots)
    )
    fact = STORE.fact("project.rencontres_citoyennes")
    assert [m["fact"] for m in messages] == [fact.answer_for("cost", "en")]


@pytest.mark.parametrize(
    ("intent", "text", "lang"),
    [
        ("ask_office_location", "Le siège juridique c'est où ?", "fr"),
        ("ask_quattropole_history", "wo ist der sitz des vereins", "de"),
    ],
)
def test_the_legal_seat_is_not_the_office(intent: str, text: str, lang: str) -> None:
    action = ActionAnswerOffice() if intent.startswith("ask_office") else ActionAnswerNetwork()
    messages, _ = run_action(action, make_tracker(intent, text=text, slots={"language": lang}))
    assert [m["fact"] for m in messages] == [STORE.fact("network.legal_seat").answer_for("where", lang)]


def test_when_was_he_president_is_about_the_person_of_the_conversation() -> None:
    slots = {"subject": "organ:president", "facts": ["governance.presidents"], "person": "Wolfram Leibe"}
    tracker = make_tracker("ask_president", text="when was he president exactly", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert len(messages) == 1 and "Leibe" in messages[0]["fact"] and "2019" in messages[0]["fact"]


def test_another_board_role_is_not_known_under_any_governance_intent() -> None:
    tracker = make_tracker("ask_president_election", text="who is the treasurer right now")
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert responses(messages)[0] == "utter_board_role_unknown_now"
    assert "Treasurer during Uwe Conradt's presidency (2022–2024): Wolfram Leibe." in str(messages)


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "when was it founded"), ("de", "und wann wurde es gegründet")]
)
def test_when_was_it_founded_after_the_president_is_the_founding(lang: str, text: str) -> None:
    slots = {"language": lang, "subject": "organ:president", "facts": ["governance.current_president"]}
    tracker = make_tracker("ask_quattropole_history", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert "2000" in messages[0]["fact"] and "2014" in messages[0]["fact"]


def test_a_city_service_placed_under_a_network_intent_is_that_service() -> None:
    tracker = make_tracker(
        "ask_quattropole_overview",
        text="Luxembourg public transport free?",
        entities=[{"entity": "city", "value": "luxembourg"}],
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert responses(messages) == ["utter_service_pointer"]
    assert "legal" not in str(messages)


def test_how_long_right_after_a_service_address_is_not_known_for_that_place() -> None:
    slots = {"topic": "service", "service": "id_documents", "city": "metz"}
    tracker = make_tracker("ask_president_election", text="how long does it take", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert responses(messages) == ["utter_unknown_how_long"]


def test_a_prize_named_preis_is_not_a_price() -> None:
    from bot.language.kinds import question_of

    assert "cost" not in question_of("gibt es den robert schuman preis noch", "de").kinds
    assert "cost" in question_of("was kostet das, welcher preis?", "de").kinds


def test_a_follow_up_naming_what_only_the_network_speaks_of_is_about_the_network() -> None:
    slots = {"language": "de", "subject": "organ:president", "facts": ["governance.current_president"]}
    tracker = make_tracker("ask_follow_up", text="und wann wurde es gegründet", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.history").answer_for("when", "de")


def test_no_upcoming_event_right_after_the_last_one_was_told_does_not_tell_it_again() -> None:
    from actions.events import ActionAnswerEvents
    from bot.facts.clock import today
    from bot.language.split import PART_KEY

    key = STORE.key_of(STORE.last_event(None, today()))
    fresh = make_tracker("ask_events", text="wann ist das nächste finale?", slots={"language": "de"})
    messages, _ = run_action(ActionAnswerEvents(), fresh)
    assert responses(messages)[:2] == ["utter_no_upcoming_events", "utter_last_event"]
    assert messages[2]["custom"]["qp"]["facts"] == [key]
    # asked again in a turn of its own, the last one is worth telling again ...
    told = make_tracker(
        "ask_events", text="wann ist das nächste finale?", slots={"language": "de", "facts": [key]}
    )
    messages, _ = run_action(ActionAnswerEvents(), told)
    assert responses(messages)[:2] == ["utter_no_upcoming_events", "utter_last_event"]
    # ... but not as the second question of a message whose first answer told it
    told.latest_message["metadata"] = {PART_KEY: 1}
    messages, _ = run_action(ActionAnswerEvents(), told)
    assert responses(messages) == ["utter_no_upcoming_events"]


def test_a_second_question_the_first_answer_covered_says_nothing_more() -> None:
    from bot.language.split import PART_KEY

    slots = {"language": "en", "subject": "network", "facts": ["network.history", "network.founders"]}
    alone = make_tracker("ask_follow_up", text="by whom?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), alone)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["network.founders"]]
    part = make_tracker("ask_follow_up", text="by whom?", slots=slots)
    part.latest_message["metadata"] = {PART_KEY: 1}
    messages, _ = run_action(ActionAnswerFollowUp(), part)
    assert messages == []


@pytest.mark.parametrize(
    ("action", "intent", "text", "lang"),
    [
        ("capabilities", "ask_capabilities", "hast du eine quelle dafür?", "de"),
        ("follow_up", "ask_follow_up", "woher hast du das?", "de"),
    ],
)
def test_a_source_request_the_nlu_took_for_help_gets_the_sources(action, intent, text, lang) -> None:
    from actions.fallback import ActionAnswerCapabilities

    slots = {"language": lang, "subject": "organ:president", "facts": ["governance.current_president"]}
    act = ActionAnswerCapabilities() if action == "capabilities" else ActionAnswerFollowUp()
    messages, _ = run_action(act, make_tracker(intent, text=text, slots=slots))
    assert responses(messages) == ["utter_source_again"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "are you sure about that? that seems outdated"),
        ("fr", "t'es sur ?"),
        ("de", "das ist doch veraltet"),
    ],
)
def test_doubt_after_a_fact_gets_its_date_and_where_to_check(lang: str, text: str) -> None:
    slots = {"language": lang, "subject": "organ:president", "facts": ["governance.current_president"]}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert responses(messages) == ["utter_fact_doubt"]


def test_the_founding_of_the_asso_after_the_president_is_the_networks() -> None:
    slots = {"language": "fr", "subject": "organ:president", "facts": ["governance.current_president"]}
    tracker = make_tracker(
        "ask_quattropole_history", text="c'etait quand la creation de l'asso ?", slots=slots
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["network.history"]


def test_the_legal_form_after_the_president_is_the_associations() -> None:
    slots = {"language": "fr", "subject": "organ:president", "facts": ["governance.current_president"]}
    tracker = make_tracker("ask_follow_up", text="c'est quoi comme forme juridique ?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert responses(messages) == ["utter_fact"]
    assert "legal_form" in STORE.fact(messages[0]["custom"]["qp"]["facts"][0]).kinds


def test_a_second_question_the_routes_answer_covered_says_nothing_more() -> None:
    from actions.travel import ActionAnswerTravel
    from bot.language.split import PART_KEY

    key = "travel.luxembourg.trier"
    said = STORE.fact(key).text_for("en")  # type: ignore[union-attr]  # a stored key
    before = [
        {"event": "user", "text": "how do i get from trier to luxembourg by train"},
        {"event": "bot", "text": said, "data": {"custom": {"qp": {"facts": [key]}}}},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_travel_note"}},
        {"event": "user", "text": "how long"},
    ]
    slots = {
        "language": "en",
        "travel_from": "trier",
        "travel_to": "luxembourg",
        "topic": "travel:trier:luxembourg",
    }
    tracker = make_tracker("ask_travel", text="how long", slots=slots, events=before)
    tracker.latest_message["metadata"] = {PART_KEY: 1}
    messages, _ = run_action(ActionAnswerTravel(), tracker)
    assert messages == []


@pytest.mark.parametrize(
    ("lang", "text", "organ", "fact"),
    [
        ("fr", "y a combien de membres dedans", "general_assembly", "governance.general_assembly"),
        ("en", "how many members does it have", "board", "governance.board"),
    ],
)
def test_members_counted_right_after_an_organ_are_the_organs(lang, text, organ, fact) -> None:
    slots = {"language": lang, "subject": f"organ:{organ}", "facts": [fact]}
    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_members", text=text, slots=slots)
    )
    assert [m["fact"] for m in messages] == [STORE.fact(fact).answer_for("how_many", lang)]


def test_how_many_projects_under_a_president_is_that_terms_count() -> None:
    slots = {"language": "en", "subject": "organ:president", "facts": ["governance.term.2021"]}
    tracker = make_tracker("ask_president", text="how many projects did they do under polfer", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["fact"] for m in messages] == [STORE.fact("governance.term.2021").answer_for("how_many", "en")]


def test_how_many_copies_after_the_guide_is_its_print_run() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {"language": "fr", "subject": "project:travel_guide", "facts": ["project.travel_guide"]}
    tracker = make_tracker("out_of_scope", text="tire a combien d'exemplaires", slots=slots)
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m["fact"] for m in messages] == [STORE.fact("project.travel_guide").answer_for("how_many", "fr")]


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        ("fr", "ask_city_population", "y avait combien de monde"),
        ("de", "ask_follow_up", "wie viele leute haben da mitgemacht?"),
        ("en", "ask_follow_up", "how many guests came?"),
    ],
)
def test_how_many_people_after_the_anniversary_is_its_guests_not_a_place(lang, intent, text) -> None:
    from actions.cities import ActionAnswerCity

    slots = {"language": lang, "subject": "network", "facts": ["network.anniversary"]}
    action = ActionAnswerCity() if intent == "ask_city_population" else ActionAnswerFollowUp()
    messages, _ = run_action(action, make_tracker(intent, text=text, slots=slots))
    assert [m["fact"] for m in messages] == [STORE.fact("network.anniversary").answer_for("how_many", lang)]


@pytest.mark.parametrize(
    ("lang", "text", "year"),
    [("de", "was hat quattropole 2023 gemacht?", 2023), ("en", "what did quattropole do in 2025", 2025)],
)
def test_what_went_on_in_a_year_is_that_years_events(lang: str, text: str, year: int) -> None:
    tracker = make_tracker(
        "ask_quattropole_history",
        text=text,
        entities=[{"entity": "year", "value": str(year)}],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    expected = [STORE.key_of(f) for f in STORE.events() if f.event.first_day().year == year]
    assert expected and [m["custom"]["qp"]["facts"][0] for m in messages] == expected


def test_a_year_without_events_says_so() -> None:
    tracker = make_tracker(
        "ask_quattropole_history",
        text="what did quattropole do in 2011",
        entities=[{"entity": "year", "value": "2011"}],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert responses(messages) == ["utter_no_events_in_year"]


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        ("fr", "c'etait en quelle annee", False),
        ("fr", "quelle est ta source ?", True),
        ("de", "Quelle?", True),
        ("de", "hast du eine quelle dafür?", True),
    ],
)
def test_french_quelle_is_not_a_request_for_the_source(lang: str, text: str, source: bool) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import answer_source_request

    slots = {"language": lang, "subject": "network", "facts": ["network.history"]}
    dispatcher = CollectingDispatcher()
    cited = answer_source_request(dispatcher, make_tracker("ask_follow_up", text=text, slots=slots), lang)
    assert (cited is not None) == source


def test_two_kinds_asked_of_one_fact_get_both_short_answers() -> None:
    slots = {"language": "de", "subject": "project:travel_guide", "facts": ["project.travel_guide"]}
    tracker = make_tracker("ask_follow_up", text="wer hat den rausgebracht und wann", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    fact = STORE.fact("project.travel_guide")
    assert len(messages) == 1
    assert fact.answer_for("who", "de") in messages[0]["fact"]
    assert fact.answer_for("when", "de") in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "text"), [("fr", "et aujourd'hui ?"), ("de", "und heute?"), ("en", "and now?")]
)
def test_and_today_after_the_office_head_is_who_heads_it_now(lang: str, text: str) -> None:
    slots = {"language": lang, "subject": "organ:office", "facts": ["office.management"]}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert [m["fact"] for m in messages] == [STORE.fact("office.management").answer_for("who", lang)]


def test_where_a_past_final_was_is_answered_for_its_year() -> None:
    slots = {"language": "de", "subject": "project:music_prize", "facts": ["project.music_prize"]}
    tracker = make_tracker(
        "ask_follow_up",
        text="wo war das finale 2023",
        entities=[{"entity": "year", "value": "2023"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["project.music_prize.laureates"]]
    assert "Saarbrücken" in messages[0]["fact"]


def test_is_the_current_president_still_x_gets_no_and_the_current_one() -> None:
    slots = {"language": "fr"}
    tracker = make_tracker(
        "ask_president", text="Le président actuel, c'est bien Wolfram Leibe ?", slots=slots
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_fact_not_so"
    assert [m["custom"]["qp"]["facts"] for m in messages[1:]] == [
        ["governance.current_president"],
        ["governance.term.2019"],
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "et le president c'est bien Wolfram Leibe ? je l'ai lu sur un vieux depliant"),
        ("en", "Leibe is the president, right?"),
        ("de", "ist Polfer noch Präsidentin?"),
    ],
)
def test_a_past_president_claimed_as_the_present_one_gets_no_and_the_current_one(
    lang: str, text: str
) -> None:
    tracker = make_tracker("ask_president", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_fact_not_so"
    assert messages[1]["custom"]["qp"]["facts"] == ["governance.current_president"]


def test_a_past_president_claimed_as_past_is_not_contradicted() -> None:
    tracker = make_tracker("ask_president", text="Leibe was president, right?", slots={"language": "en"})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert "utter_fact_not_so" not in [m.get("response") for m in messages]
    assert messages[0]["custom"]["qp"]["facts"] == ["governance.term.2019"]


def test_legal_form_and_seat_in_a_message_the_nlu_put_out_of_scope() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker(
        "out_of_scope", text="c'est quoi la forme juridique et le siege", slots={"language": "fr"}
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert messages[0]["response"].startswith("utter_fact")
    assert "legal_form" in STORE.fact(messages[0]["custom"]["qp"]["facts"][0]).kinds


@pytest.mark.parametrize(("text", "source"), [("D'où vient l'idée ?", False), ("d'où ça vient ?", True)])
def test_where_the_idea_comes_from_is_not_a_request_for_the_source(text: str, source: bool) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import answer_source_request

    slots = {"language": "fr", "subject": "network", "facts": ["network.purpose"]}
    cited = answer_source_request(
        CollectingDispatcher(), make_tracker("ask_follow_up", text=text, slots=slots), "fr"
    )
    assert (cited is not None) == source


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "qui l'a gagne la premiere fois ?"),
        ("de", "wer hat beim ersten mal gewonnen?"),
        ("en", "who won the first one?"),
    ],
)
def test_the_first_winner_of_the_music_prize_is_its_earliest_answer(lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {
        "language": lang,
        "subject": "project:music_prize",
        "facts": ["project.music_prize", "project.music_prize.final_2026"],
    }
    messages, _ = run_action(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots=slots))
    laureates = STORE.fact("project.music_prize.laureates")
    assert [m.get("fact") for m in messages] == [laureates.answer_for("winner", lang)]  # not the art prize


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fr", "et cette annee il y a une finale ?"), ("en", "and this year, is there a final?")],
)
def test_this_year_is_the_subjects_fact_of_the_current_year(lang: str, text: str, monkeypatch) -> None:
    import datetime as dt

    from actions.fallback import ActionAnswerOutOfScope
    from bot.facts import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 6))
    slots = {"language": lang, "subject": "project:music_prize", "facts": ["project.music_prize.laureates"]}
    messages, _ = run_action(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots=slots))
    assert messages[0]["fact"] == STORE.fact("project.music_prize.final_2026").text_for(lang)
    assert "2026" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("fr", "et l'an dernier ?", "ask_follow_up"),
        ("de", "welche Veranstaltungen gab es letztes Jahr?", "ask_events"),
        ("en", "any events last year?", "ask_events"),
    ],
)
def test_events_of_last_year_are_that_years_dated_events(
    lang: str, text: str, intent: str, monkeypatch
) -> None:
    import datetime as dt

    from actions.events import ActionAnswerEvents
    from actions.follow_up import ActionAnswerFollowUp
    from bot.facts import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 6))
    action = ActionAnswerFollowUp() if intent == "ask_follow_up" else ActionAnswerEvents()
    tracker = make_tracker(intent, text=text, slots={"language": lang, "topic": "events"})
    messages, _ = run_action(action, tracker)
    of_2025 = [f for f in STORE.events() if f.event is not None and f.event.first_day().year == 2025]
    assert of_2025 and [m.get("fact") for m in messages] == [f.text_for(lang) for f in of_2025]


def test_how_to_sign_up_in_a_long_message_is_about_the_subject() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    text = "comment je m'inscris, j'ai pas internet chez moi juste le telephone"
    slots = {
        "language": "fr",
        "subject": "project:rencontres_citoyennes",
        "facts": ["project.rencontres_citoyennes"],
    }
    messages, _ = run_action(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots=slots))
    fact = STORE.fact("project.rencontres_citoyennes")
    assert [m.get("fact") for m in messages] == [fact.answer_for("sign_up", "fr")]


@pytest.mark.parametrize(
    ("lang", "text"), [("fr", "qui etait la"), ("de", "wer war dabei?"), ("en", "who attended?")]
)
def test_who_came_to_an_event_just_told_is_no_guest_list_but_how_many(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "subject": "network", "facts": ["network.anniversary"]}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert [m["response"] for m in messages][0] == "utter_unknown_guests"
    assert messages[1]["fact"] == STORE.fact("network.anniversary").answer_for(
        "how_many", lang
    )  # not the signatories


@pytest.mark.parametrize("on", ["project.hackathon_2025", "project.health_hackathon_2023"])
@pytest.mark.parametrize(
    ("lang", "text"), [("en", "and the second one?"), ("de", "und der zweite?"), ("fr", "et le deuxième ?")]
)
def test_the_second_hackathon_is_the_2025_one_whichever_was_told_last(lang: str, text: str, on: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "subject": "project:hackathon_2025", "facts": [on]}
    if on.endswith("2023"):
        slots["subject"] = "project:health_hackathon_2023"
    messages, events = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots)
    )
    said = [m.get("fact") for m in messages]
    assert STORE.fact("project.hackathon_2025").text_for(lang) in said or any(
        "2025" in (f or "") for f in said
    )
    assert not any(m.get("response") == "utter_unknown_after" for m in messages)


def test_the_first_of_a_series_makes_it_the_subject() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": "en", "subject": "project:hackathon_2025", "facts": ["project.hackathon_2025"]}
    _, events = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="when was the first one", slots=slots)
    )
    assert {
        "event": "slot",
        "name": "subject",
        "value": "project:health_hackathon_2023",
        "timestamp": None,
    } in events


def test_what_a_prize_is_worth_asked_at_length_is_about_the_prize() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {"language": "en", "subject": "project:music_prize", "facts": ["project.music_prize"]}
    text = "how much money do you get with that prize?"
    messages, _ = run_action(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots=slots))
    assert [m.get("fact") for m in messages] == [STORE.fact("project.music_prize").answer_for("cost", "en")]


@pytest.mark.parametrize(
    ("text", "intent"),
    [("und welche ist die älteste", "nlu_fallback"), ("welche stadt is am größten", "ask_city_overview")],
)
def test_ranking_the_cities_after_one_city_ranks_all_four(text: str, intent: str) -> None:
    from actions.cities import ActionAnswerCity
    from actions.fallback import ActionAskRephrase

    action = ActionAskRephrase() if intent == "nlu_fallback" else ActionAnswerCity()
    slots = {
        "language": "de",
        "city": "trier",
        "topic": "city.population",
        "subject": "city:trier:population",
    }
    messages, _ = run_action(action, make_tracker(intent, text=text, slots=slots))
    responses = [m["response"] for m in messages]
    assert "utter_city_oldest_unknown" in responses or "utter_city_largest" in responses


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "what was the 2nd about?"), ("de", "worum ging es beim zweiten?")]
)
def test_what_the_second_edition_was_about_after_the_first(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {
        "language": lang,
        "subject": "project:health_hackathon_2023",
        "facts": ["project.health_hackathon_2023"],
    }
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert [m.get("fact") for m in messages] == [
        STORE.fact("project.hackathon_2025").answer_for("what", lang)
    ]


def test_since_when_is_not_answered_twice_with_when() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.answers import say_precise
    from bot.language.kinds import question_of

    fact = STORE.fact("network.history")
    dispatcher = CollectingDispatcher()
    q = question_of("seit wann gibt es das netzwerk überhaupt", "de")
    say_precise(dispatcher, "network.history", fact, "since", "de", q)
    assert dispatcher.messages[0]["fact"] == fact.answer_for("since", "de")


def test_taking_part_after_the_music_prize_under_the_network_is_not_known_for_the_prize() -> None:
    from actions.network import ActionAnswerNetwork

    slots = {"language": "en", "subject": "project:music_prize", "facts": ["project.music_prize"]}
    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_members", text="how do i take part", slots=slots)
    )
    assert messages[0]["response"] == "utter_unknown_sign_up"
    assert "Music Prize" in messages[0]["subject"]


def test_the_budget_asked_after_an_organ_is_the_associations() -> None:
    from actions.governance import ActionAnswerGovernance

    slots = {"language": "de", "subject": "organ:board", "facts": ["governance.board"]}
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker("ask_board", text="wie hoch ist das budget?", slots=slots)
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["network.budget"]]


def test_an_unknown_predecessor_does_not_repeat_the_fact_just_given() -> None:
    slots = {
        "language": "en",
        "subject": "city:trier:mayor",
        "facts": ["city.trier.mayor"],
        "city": "trier",
        "person": "Wolfram Leibe",
    }
    messages, _ = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="and before him?", slots=slots)
    )
    assert [m.get("response") for m in messages] == ["utter_unknown_before"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Qui étaient les maires signataires en 2000 ? Wikipédia cite Polfer et Britz, c'est juste ?"),
        ("en", "were Polfer and Britz the signatories of the 2000 declaration?"),
        ("de", "haben Polfer und Britz 2000 unterzeichnet?"),
    ],
)
def test_other_people_named_as_the_signatories_get_the_signatories(lang: str, text: str) -> None:
    from actions.fallback import ActionAskRephrase

    slots = {"language": lang, "subject": "network", "facts": ["network.history"]}
    messages, _ = run_action(ActionAskRephrase(), make_tracker("nlu_fallback", text=text, slots=slots))
    # no, those named did not sign; then who did
    assert messages[0]["response"] == "utter_not_signatories"
    assert "Polfer" in messages[0]["persons"] and "Britz" in messages[0]["persons"]
    assert [m["fact"] for m in messages[1:]] == [STORE.fact("network.founders").answer_for("who", lang)]


def test_several_board_offices_of_the_open_term_are_each_said_not_known_with_their_past_holders() -> None:
    from actions.governance import ActionAnswerGovernance

    text = "Quels sont les rôles au bureau : vice-président, trésorier, secrétaire ?"
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker("ask_board", text=text, slots={"language": "fr"})
    )
    unknown = [m["role"] for m in messages if m.get("response") == "utter_board_role_unknown_now"]
    assert unknown == [STORE.board_role_name(r, "fr") for r in ("vice_president", "treasurer", "secretary")]
    assert sum(1 for m in messages if m.get("fact")) == sum(
        len(STORE.board_role_holders(r)) for r in ("vice_president", "treasurer", "secretary")
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fr", "et a metz cest tjr grosdidier?"), ("de", "ist es in Metz immer noch Grosdidier?")],
)
def test_whether_it_is_still_that_person_is_their_fact_not_their_private_life(lang: str, text: str) -> None:
    from actions.cities import ActionAnswerCity

    entities = [{"entity": "city", "value": "metz"}]
    slots = {"language": lang, "city": "saarbruecken", "topic": "city.mayor"}
    messages, _ = run_action(
        ActionAnswerCity(), make_tracker("ask_city_mayor", text=text, entities=entities, slots=slots)
    )
    assert "utter_personal_unknown" not in [m.get("response") for m in messages]
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.metz.mayor"]]


def test_how_many_work_there_after_the_office_is_the_office_not_the_greater_region() -> None:
    from actions.greater_region import ActionAnswerGreaterRegion

    slots = {"language": "de", "subject": "organ:office", "facts": ["office.location"]}
    tracker = make_tracker("ask_greater_region", text="wie viele Leute arbeiten da?", slots=slots)
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    region = [k for k in STORE.keys() if k.startswith("greater_region.")]
    said = [m.get("fact") for m in messages]
    assert not any(STORE.fact(k).text_for("de") in said for k in region)


def test_a_city_follow_up_makes_its_fact_the_citys_topic_for_the_next_city() -> None:
    from actions.network import ActionAnswerNetwork

    slots = {
        "language": "fr",
        "city": "saarbruecken",
        "topic": "city.mayor",
        "subject": "city:saarbruecken:mayor",
        "facts": ["city.saarbruecken.mayor"],
    }
    tracker = make_tracker("ask_quattropole_population", text="et combien d'habitants ?", slots=slots)
    messages, events = run_action(ActionAnswerNetwork(), tracker)
    population = STORE.fact("city.saarbruecken.population")
    assert messages[0]["fact"] in (population.text_for("fr"), population.answer_for("how_many", "fr"))
    assert {"event": "slot", "name": "topic", "value": "city.population"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


def test_how_it_started_with_a_year_is_the_founding_not_that_years_events() -> None:
    from actions.network import ActionAnswerNetwork

    slots = {"language": "en", "subject": "network", "facts": ["network.overview"]}
    tracker = make_tracker(
        "ask_quattropole_history", text="and before that, how did it start? 2000?", slots=slots
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.history").text_for("en")


def test_when_the_statutes_were_adopted_is_their_year_not_the_roadmaps_date() -> None:
    from actions.network import ActionAnswerNetwork

    tracker = make_tracker(
        "ask_quattropole_history", text="when were the statutes adopted", slots={"language": "en"}
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.purpose").answer_for("when", "en")


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("de", "seit wann gibts das?", "network.history"),
        ("en", "since when does it exist", "network.history"),
        ("en", "when were the statutes adopted?", "network.purpose"),
        ("fr", "les statuts datent de quand ?", "network.purpose"),
    ],
)
def test_the_statutes_date_answers_when_only_when_the_statutes_are_named(
    lang: str, text: str, key: str
) -> None:
    # right after "what is quattropole?" (overview and purpose): "since when?" is the founding
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "subject": "network", "facts": ["network.overview", "network.purpose"]}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text, slots=slots))
    assert [m["custom"]["qp"]["facts"] for m in messages if m.get("custom")] == [[key]]


def test_a_second_question_about_what_the_first_short_answer_left_out_is_answered() -> None:
    # "when is the music prize 2026 and who won?": the first part told the final's date only
    from actions.events import ActionAnswerEvents
    from bot.language.split import PART_KEY

    key = "project.music_prize.final_2026"
    fact = STORE.fact(key)
    if fact is None:
        pytest.skip("no 2026 final in the store")
    before = [
        {"event": "user", "text": "when is the music prize 2026"},
        {"event": "bot", "text": fact.answer_for("when", "en"), "data": {"custom": {"qp": {"facts": [key]}}}},
        {"event": "user", "text": "who won?"},
    ]
    slots = {"language": "en", "subject": "project:music_prize", "facts": [key]}
    tracker = make_tracker("ask_events", text="who won?", slots=slots, events=before)
    tracker.latest_message["metadata"] = {PART_KEY: 1}
    messages, _ = run_action(ActionAnswerEvents(), tracker)
    assert messages and "won" in str(messages)


@pytest.mark.parametrize(("lang", "text"), [("fr", "par qui?"), ("de", "und von wem?"), ("en", "by whom?")])
def test_who_right_after_the_founding_is_the_signatories(lang: str, text: str) -> None:
    slots = {"language": lang, "subject": "network", "facts": ["network.history"]}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text, slots=slots))
    assert [m["custom"]["qp"]["facts"] for m in messages if m.get("custom")] == [["network.founders"]]


def test_when_naming_its_own_subject_after_a_dated_fact_is_no_as_of_date() -> None:
    slots = {"language": "fr", "subject": "organ:office", "facts": ["office.phone"]}
    text = "et les 25 ans c'était quand, ils ont fait une fête ?"
    tracker = make_tracker("ask_follow_up", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert "utter_fact_as_of" not in responses(messages)


def test_a_year_the_sources_do_not_give_for_the_founding_is_not_confirmed() -> None:
    tracker = make_tracker(
        "ask_quattropole_history", text="wasn't quattropole founded in 2004?", slots={"language": "en"}
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["response"] == "utter_claim_not_in_sources"
    assert "2000" in messages[1]["fact"]


def test_a_persons_name_names_no_network_fact_of_its_own() -> None:
    """ "is lydie polfer married": not the one network fact whose text names her."""
    from actions.answers import fact_named_by_words, network_subject
    from bot.language.kinds import question_of

    assert (
        fact_named_by_words(network_subject(()), question_of("is lydie polfer married", "en"), "en") is None
    )


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("de", "wann hat die Mitgliederversammlung das Leitbild beschlossen?", "when"),
        (
            "fr",
            "qu'est-ce que la « Vision d'avenir » adoptée par l'assemblée générale, et en quelle année ?",
            "when",
        ),
        ("en", "when did the general assembly adopt the roadmap?", "when"),
    ],
)
def test_a_fact_named_by_its_own_term_answers_under_an_organs_intent(lang: str, text: str, kind: str) -> None:
    # R41: the assembly's last meeting was given as the answer
    entities = [{"entity": "organ", "value": "general_assembly"}]
    tracker = make_tracker("ask_general_assembly", text=text, entities=entities, slots={"language": lang})
    messages, events = run_action(ActionAnswerGovernance(), tracker)
    roadmap = STORE.fact("network.roadmap")
    assert [m["fact"] for m in messages] == [roadmap.answer_for(kind, lang)]
    assert STORE.fact("governance.general_assembly_2025").text_for(lang) not in str(messages)
    assert slot(events, "facts") == ["network.roadmap"]


def test_a_fact_named_by_its_term_is_answered_when_the_nlu_put_it_out_of_scope() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    text = "Non, je parlais du Leitbild, la vision d'avenir de 2017."
    tracker = make_tracker("out_of_scope", text=text, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m.get("fact") for m in messages] == [STORE.fact("network.roadmap").text_for("fr")]


def test_the_words_of_the_assemblys_own_text_name_no_other_fact() -> None:
    # "Leitbilds" in the assembly's text is no term of the roadmap's: the assembly answers
    entities = [{"entity": "organ", "value": "general_assembly"}]
    text = "wer sitzt da alles drin in der Mitgliederversammlung"
    tracker = make_tracker("ask_general_assembly", text=text, entities=entities, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["fact"] == STORE.fact("governance.general_assembly").text_for("de")


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        (
            "de",
            "ist der sitz vom verein quattropole nicht in saarbrücken ich hab das in der zeitung gelesen",
            "saarbruecken",
        ),
        ("en", "is the HQ in Metz?", "metz"),
    ],
)
def test_a_claim_about_the_seat_the_nlu_could_not_place_is_the_seat(lang: str, text: str, city: str) -> None:
    from actions.fallback import ActionAskRephrase

    entities = [{"entity": "city", "value": city}]
    tracker = make_tracker("nlu_fallback", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m.get("fact") for m in messages] == [STORE.fact("network.legal_seat").answer_for("where", lang)]


def test_legal_form_and_seat_asked_together_get_the_whole_fact() -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker(
        "nlu_fallback", text="c'est quoi la forme juridique et le siège ?", slots={"language": "fr"}
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m.get("fact") for m in messages] == [STORE.fact("network.legal_seat").text_for("fr")]


def test_how_much_counting_nothing_after_a_prize_is_its_money() -> None:
    slots = {"language": "fr", "subject": "project:music_prize", "facts": ["project.music_prize"]}
    tracker = make_tracker("ask_follow_up", text="c combien", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    # R41: "je n'ai pas de chiffre", though the prize is worth €10,000
    assert [m.get("fact") for m in messages] == [STORE.fact("project.music_prize").answer_for("cost", "fr")]


def test_when_the_final_is_after_the_prize_is_the_finals_not_since_when_it_exists() -> None:
    slots = {"language": "fr", "subject": "project:music_prize", "facts": ["project.music_prize"]}
    tracker = make_tracker("ask_follow_up", text="c quand la finale", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    said = messages[0]["fact"]
    assert said != STORE.fact("project.music_prize").answer_for("since", "fr")
    assert "2026" in said and "Metz" in said


def test_how_many_sit_in_the_assembly_is_its_members() -> None:
    entities = [{"entity": "organ", "value": "general_assembly"}]
    text = "wie viele sitzen in der mitgliederversammlung"
    tracker = make_tracker("ask_general_assembly", text=text, entities=entities, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert "44" in messages[0]["fact"]
    assert "utter_unknown_how_many" not in responses(messages)


def test_how_many_from_each_city_after_a_project_is_the_projects_count_not_the_populations() -> None:
    slots = {
        "language": "en",
        "subject": "project:rencontres_citoyennes",
        "facts": ["project.rencontres_citoyennes"],
    }
    text = "ok and how many people got to go from each city?"
    tracker = make_tracker("ask_city_population", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerCity(), tracker)
    fact = STORE.fact("project.rencontres_citoyennes")
    assert [m.get("fact") for m in messages] == [fact.answer_for("how_many", "en")]


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        (
            "en",
            "ask_projects",
            "that sounds a bit vague tbh. is there anything concrete I can actually sign up for?",
        ),
        ("de", "ask_projects", "kann man bei quattropole irgendwo mitmachen?"),
    ],
)
def test_what_one_can_sign_up_for_is_the_project_that_says_how(lang: str, intent: str, text: str) -> None:
    tracker = make_tracker(intent, text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert [m.get("fact") for m in messages] == [STORE.fact("project.rencontres_citoyennes").text_for(lang)]
    assert "utter_unknown_sign_up" not in responses(messages)


def test_a_later_part_naming_a_country_is_no_question_about_the_assistants_languages() -> None:
    from actions.language import ActionSwitchLanguage

    slots = {"language": "en", "topic": "service", "service": "public_transport", "city": "luxembourg"}
    tracker = make_tracker("switch_language", text="also for me coming from germany?", slots=slots)
    messages, _ = run_action(ActionSwitchLanguage(), tracker)
    assert "utter_bot_languages" not in responses(messages)
    # asked about the assistant, it still answers about its languages
    tracker = make_tracker(
        "switch_language", text="kann ich auch englisch schreiben?", slots={"language": "de"}
    )
    messages, _ = run_action(ActionSwitchLanguage(), tracker)
    assert responses(messages) == ["utter_bot_languages"]


def test_what_is_in_the_house_of_the_greater_region_at_esch_is_no_trip() -> None:
    from actions.office import ActionAnswerOffice

    text = (
        "Bonsoir. Je souhaiterais savoir quelles institutions sont hébergées à la Maison de la Grande "
        "Région à Esch-sur-Alzette, et combien de personnes y travaillent, si vous disposez de cette information."
    )
    tracker = make_tracker("ask_office_tasks", text=text, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert "utter_travel_to_esch" not in responses(messages)
    assert not any("vdl.lu" in str(m.get("url", "")) for m in messages)


def test_how_many_cross_the_border_is_no_border_rule() -> None:
    from actions.greater_region import ActionAnswerGreaterRegion

    entities = [{"entity": "service", "value": "border_crossing"}]
    text = "how many ppl cross the border for work every day"
    tracker = make_tracker("ask_greater_region", text=text, entities=entities, slots={"language": "en"})
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert "utter_service_pointer" not in responses(messages)


def test_how_many_elected_members_founded_the_association() -> None:
    slots = {"language": "fr", "subject": "network", "facts": ["network.association"]}
    # the second part of "Et l'association de 2014, fondée où, et avec combien d'élus ?"
    tracker = make_tracker("ask_follow_up", text="et avec combien d'élus ?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    said = " ".join(str(m.get("fact")) for m in messages)
    assert "44" in said and "530" not in said


def test_jusqu_a_a_place_asks_no_end_date() -> None:
    from bot.language.kinds import question_of

    assert not question_of("le tram de lux il va jusqu'a l'aeroport ?", "fr").asks("until")
    assert question_of("il est maire jusqu'à quand ?", "fr").asks("until")
    assert question_of("son mandat court jusqu'à 2031 ?", "fr").asks("until")


def test_who_appoints_the_committee_with_a_guess_of_the_board_is_about_the_committee() -> None:
    text = "Wer ernennt die Mitglieder des Koordinationsausschusses? Der Vorstand?"
    entities = [{"entity": "organ", "value": "board", "start": text.index("Vorstand")}]
    tracker = make_tracker(
        "ask_coordination_committee", text=text, entities=entities, slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_unknown_appointment"
    assert messages[0]["subject"] == STORE.organ_name("coordination_committee", "de")


def test_visiting_the_house_of_the_greater_region_named_is_not_known_with_its_open_day() -> None:
    from actions.office import ActionAnswerOffice

    text = "Und kann man das Haus der Großregion in Esch besuchen? Wäre vielleicht interessant für den Sozialkundeunterricht."
    tracker = make_tracker("ask_house_greater_region", text=text, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert responses(messages)[0] == "utter_unknown_visit"


def test_where_to_buy_the_quattropole_card_says_no_card_is_known() -> None:
    text = "Ma voisine m'a parlé d'une carte QuattroPole qui donne des réductions. Où peut-on l'acheter ?"
    entities = [{"entity": "project", "value": "no_tourist_card"}]
    tracker = make_tracker("ask_project_detail", text=text, entities=entities, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert messages[0]["fact"] == STORE.fact("project.no_tourist_card").text_for("fr")


def test_next_events_this_year_say_none_is_ahead_before_this_years_past_ones() -> None:
    from actions.events import ActionAnswerEvents

    text = "quels sont les prochains événements organisés par QuattroPole cette année ?"
    tracker = make_tracker("ask_events", text=text, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerEvents(), tracker)
    assert responses(messages)[0] == "utter_no_upcoming_events"


def test_who_had_won_in_2019_asks_no_price() -> None:
    from bot.language.kinds import question_of

    assert "cost" not in question_of("Et qui l'avait gagné en 2019 ?", "fr").kinds
    assert "cost" not in question_of("qui a gagné le prix de musique ?", "fr").kinds
    assert "cost" in question_of("il gagne combien le maire ?", "fr").kinds


def test_can_you_book_tickets_is_answered_about_the_assistant_not_a_citys_buses() -> None:
    slots = {"language": "en", "topic": "service", "service": "public_transport", "city": "trier"}
    text = "great. can you book train tickets for me, or are you just info?"
    tracker = make_tracker("ask_city_service", text=text, slots=slots)
    from actions.services import ActionAnswerCityService

    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert responses(messages) == ["utter_travel_no_booking"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "also weißt dus nicht?"), ("en", "so you don't know?"), ("fr", "donc tu ne sais pas ?")],
)
def test_so_you_dont_know_after_an_answer_says_so_and_where_to_look(lang: str, text: str) -> None:
    from actions.fallback import ActionAskRephrase

    events = [
        {"event": "user", "text": "wer hat die wahl in metz gewonnen?", "metadata": {}},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text, "metadata": {}},
    ]
    slots = {"language": lang, "subject": "city:metz:mayor", "facts": ["city.metz.mayor"]}
    tracker = make_tracker("nlu_fallback", text=text, slots=slots, events=events)
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert responses(messages) == ["utter_nothing_more"]


def test_how_many_commute_counts_commuters_not_inhabitants() -> None:
    from bot.language.kinds import question_of

    assert (
        question_of("wie viele Leute pendeln jeden Tag in der Großregion über die Grenze?", "de").counted
        == "pendler"
    )
    assert question_of("how many people live in the greater region?", "en").counted != "pendler"


def test_when_was_the_last_one_after_the_events_is_the_last_events_date() -> None:
    from actions.events import ActionAnswerEvents

    first = make_tracker("ask_events", text="Are there any events next month?", slots={"language": "en"})
    _, events = run_action(ActionAnswerEvents(), first)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("facts") and slots.get("subject", "").startswith(("project:", "network"))


def test_since_when_after_a_service_is_not_known_with_its_page() -> None:
    slots = {"language": "en", "topic": "service", "service": "public_transport", "city": "luxembourg"}
    events = [
        {"event": "user", "text": "is public transport free in luxembourg?", "metadata": {}},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_service_pointer"}},
        {"event": "user", "text": "since when?", "metadata": {}},
    ]
    tracker = make_tracker("ask_follow_up", text="since when?", slots=slots, events=events)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert responses(messages) == ["utter_unknown_since"]
