"""ActionAnswerProjects: the overview and one project's detail."""

from __future__ import annotations

import pytest

from actions.projects import ActionAnswerProjects
from actions.store import STORE
from bot.language import LANGS
from tests.actions.conftest import assert_says, make_tracker, run_action


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


@pytest.mark.parametrize(
    ("lang", "text", "project", "kind", "key"),
    [
        ("de", "und die letzte?", "rencontres_citoyennes", "when", "project.rencontres_citoyennes"),
        ("fr", "c'était où la dernière ?", "music_prize", "where", "project.music_prize.final_2026"),
        ("en", "and the last one?", "music_prize", "when", "project.music_prize.final_2026"),
    ],
)
def test_the_last_one_is_the_latest_past_event_told_as_past(lang, text, project, kind, key) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "subject": f"project:{project}", "facts": [f"project.{project}"]}
    messages, events = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots)
    )
    assert [m.get("fact") for m in messages] == [STORE.fact(key).answer_for(kind, lang)]
    assert {"event": "slot", "timestamp": None, "name": "facts", "value": [key]} in events


@pytest.mark.parametrize(
    ("lang", "text", "told", "kind", "key"),
    [
        ("fr", "et la précédente c'était où ?", "final_2026", "where", "final_2023"),
        ("en", "and the one before?", "final_2026", "when", "final_2023"),
        ("de", "und das davor?", "final_2023", "when", "final_2021"),
    ],
)
def test_the_one_before_an_event_just_told_is_the_event_before_it(lang, text, told, kind, key) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "subject": "project:music_prize", "facts": [f"project.music_prize.{told}"]}
    messages, events = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots)
    )
    key = f"project.music_prize.{key}"
    assert [m.get("fact") for m in messages] == [STORE.fact(key).answer_for(kind, lang)]
    assert {"event": "slot", "timestamp": None, "name": "facts", "value": [key]} in events


def test_the_last_one_of_a_person_office_is_not_an_event() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.answers import answer_last_event, organ_subject
    from bot.language.kinds import question_of

    subject = organ_subject("president", ["governance.presidents"])
    assert (
        answer_last_event(CollectingDispatcher(), subject, question_of("und der letzte?", "de"), "de") is None
    )


@pytest.mark.parametrize(
    ("lang", "text", "project"),
    [
        ("fr", "c'est tous les combien", "music_prize"),
        ("de", "wie oft wird der vergeben?", "robert_schuman_prize"),
    ],
)
def test_how_often_a_prize_is_awarded(lang: str, text: str, project: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "subject": f"project:{project}", "facts": [f"project.{project}"]}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert [m.get("fact") for m in messages] == [
        STORE.fact(f"project.{project}").answer_for("frequency", lang)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "project", "kind"),
    [
        ("en", "prize money?", "health_hackathon_2023", "cost"),
        ("en", "who published it", "travel_guide", "who"),
        ("de", "wer hat den herausgebracht?", "travel_guide", "who"),
    ],
)
def test_a_project_fact_answers_the_kinds_its_text_holds(
    lang: str, text: str, project: str, kind: str
) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "subject": f"project:{project}", "facts": [f"project.{project}"]}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert messages[0]["fact"] == STORE.fact(f"project.{project}").answer_for(kind, lang)


@pytest.mark.parametrize(("lang", "text"), [("fr", "c'était quand exactement ?"), ("de", "und wann genau")])
def test_when_exactly_after_a_prize_and_its_final_is_the_final(lang: str, text: str) -> None:
    # a bare follow-up: about the facts just said (the 2026 final), not the prize's "since 2019"
    slots = {
        "language": lang,
        "subject": "project:music_prize",
        "facts": ["project.music_prize", "project.music_prize.final_2026"],
    }
    messages, _ = run_action(
        ActionAnswerProjects(), make_tracker("ask_project_detail", text=text, slots=slots)
    )
    assert [m["fact"] for m in messages] == [
        STORE.fact("project.music_prize.final_2026").answer_for("when", lang)
    ]


def test_a_project_and_its_latest_event_are_both_the_conversations_facts() -> None:
    tracker = make_tracker(
        "ask_project_detail",
        text="le prix de musique c'est quoi",
        entities=[{"entity": "project", "value": "music_prize"}],
    )
    _, events = run_action(ActionAnswerProjects(), tracker)
    facts = next(e["value"] for e in events if e.get("name") == "facts")
    assert facts == ["project.music_prize", "project.music_prize.final_2026"]


@pytest.mark.parametrize(
    ("intent", "lang", "text", "eures"),
    [
        ("ask_quattropole_overview", "fr", "quattropole sert a quoi pr les frontaliers concretement", True),
    ],
)
def test_an_offer_for_a_group_is_not_known_and_the_general_work_is_said_as_such(
    intent, lang, text, eures
) -> None:
    from actions.network import ActionAnswerNetwork

    action = ActionAnswerNetwork() if intent.startswith("ask_quattropole") else ActionAnswerProjects()
    messages, _ = run_action(action, make_tracker(intent, text=text, slots={"language": lang}))
    assert messages[0]["response"] == "utter_unknown_group_offer"
    assert messages[1]["fact"] == STORE.fact("projects.overview").text_for(lang)
    assert ("utter_service_pointer" in [m.get("response") for m in messages]) is eures


def test_a_project_for_a_group_that_the_store_knows_is_that_project() -> None:
    entities = [{"entity": "project", "value": "youth_projects"}]
    tracker = make_tracker(
        "ask_projects", text="gibt es was für jugendliche?", entities=entities, slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert "utter_unknown_group_offer" not in [m.get("response") for m in messages]


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        ("de", "ask_quattropole_overview", "was hat quattropole für die bahnanbindung gemacht"),
        ("fr", "ask_projects", "est-ce que quattropole fait du lobbying pour le train ?"),
        ("en", "ask_quattropole_overview", "what did quattropole do for transport?"),
    ],
)
def test_what_the_network_does_for_getting_around_is_its_rail_campaign(
    lang: str, intent: str, text: str
) -> None:
    from actions.network import ActionAnswerNetwork

    action = ActionAnswerProjects() if intent == "ask_projects" else ActionAnswerNetwork()
    messages, _ = run_action(action, make_tracker(intent, text, slots={"language": lang}))
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["project.rail_lobbying"]]


def test_a_ticket_for_the_train_is_a_fare_not_the_rail_campaign() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.projects import answer_network_for_field

    tracker = make_tracker(
        "ask_quattropole_overview", "does quattropole have a ticket for the train?", slots={"language": "en"}
    )
    assert answer_network_for_field(CollectingDispatcher(), tracker, "en") is None


@pytest.mark.parametrize(
    ("lang", "text", "keys"),
    [
        (
            "fr",
            "ca repond pas a ma question. ils font quoi pour le tourisme ?",
            ["project.travel_guide", "project.cycling_map"],
        ),
        (
            "fr",
            "et pour les commerçants? ils aident les commerces du centre ville ?",
            ["project.economic_forum", "project.business_brochure"],
        ),
        (
            "en",
            "does quattropole do anything for the climate?",
            ["project.climate_declaration", "project.fair_trade"],
        ),
        (
            "de",
            "was macht quattropole für die kultur?",
            ["project.robert_schuman_prize", "project.music_prize"],
        ),
    ],
)
def test_what_the_network_does_for_a_field_is_that_fields_projects(lang: str, text: str, keys: list) -> None:
    from actions.network import ActionAnswerNetwork

    slots = {"language": lang, "subject": "network", "facts": ["network.overview"]}
    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_overview", text, slots=slots)
    )
    assert [k for m in messages for k in m["custom"]["qp"]["facts"]] == keys


def test_what_the_network_is_asked_beside_a_field_is_not_that_fields_projects() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.projects import answer_network_for_field

    # the user is "doing a rail trip": they ask what QuattroPole is, not what it does for rail
    tracker = make_tracker(
        "ask_quattropole_overview",
        "hi there, doing a rail trip round luxembourg and germany next month. whats quattropole anyway?",
        slots={"language": "en"},
    )
    assert answer_network_for_field(CollectingDispatcher(), tracker, "en") is None


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("de", "kann man da als rentner mitmachen? ausflüge oder so", "project.rencontres_citoyennes"),
        ("de", "was macht quattropole für familien mit kindern?", "project.rencontres_citoyennes"),
        ("de", "Gibt es bei QuattroPole etwas für Schulklassen, z.B. Austausch?", "project.youth_projects"),
        ("en", "does quattropole do anything for students?", "project.youth_projects"),
        ("fr", "y a-t-il quelque chose pour les jeunes ?", "project.youth_projects"),
    ],
)
def test_a_group_without_its_own_offer_gets_the_closest_project(lang: str, text: str, key: str) -> None:
    messages, _ = run_action(
        ActionAnswerProjects(), make_tracker("ask_projects", text=text, slots={"language": lang})
    )
    assert messages[0]["response"] == "utter_group_offer_closest"
    assert messages[1]["custom"]["qp"]["facts"] == [key]


def test_other_cultural_projects_besides_the_prizes_are_the_other_ones() -> None:
    from actions.network import ActionAnswerNetwork

    text = "bonjour, il y a d'autres projets culturels quattropole a part les prix ?"
    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_projects", text=text, slots={"language": "fr"})
    )
    said = [k for m in messages for k in m["custom"]["qp"]["facts"]]
    assert said and "project.music_prize" not in said and "project.robert_schuman_prize" not in said
    assert "project.swing_exchange" in said


def test_besides_the_named_prize_other_cultural_things_are_the_rest() -> None:
    from actions.network import ActionAnswerNetwork

    text = "besides the music prize, what other cultural stuff does quattropole do?"
    tracker = make_tracker(
        "ask_project_detail",
        text=text,
        entities=[{"entity": "project", "value": "music_prize"}],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    said = [k for m in messages for k in m["custom"]["qp"]["facts"]]
    assert "project.music_prize" not in said
    assert said[:2] == ["project.robert_schuman_prize", "project.swing_exchange"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wann war die 11. fair trade towns konferenz?"),
        ("en", "when was the fair trade conference in saarbrücken?"),
    ],
)
def test_the_fair_trade_conference_has_its_date(lang: str, text: str) -> None:
    entities = [{"entity": "project", "value": "fair_trade"}]
    tracker = make_tracker("ask_project_detail", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert messages[0]["fact"] == STORE.fact("project.fair_trade.conference").answer_for("when", lang)
    assert "2017" in messages[0]["fact"]


def test_a_correction_starting_with_no_asks_again() -> None:
    from actions.fallback import ActionAnswerYesNo

    slots = {"language": "de", "subject": "project:fair_trade", "facts": ["project.fair_trade.conference"]}
    tracker = make_tracker("deny", text="nein, das datum der konferenz!!", slots=slots)
    messages, _ = run_action(ActionAnswerYesNo(), tracker)
    assert [m.get("response") for m in messages] != ["utter_anything_else"]
    assert "2017" in str(messages)


def test_which_was_first_after_the_fair_trade_towns_is_the_fact_that_says_it() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": "de", "subject": "project:fair_trade", "facts": ["project.fair_trade"]}
    tracker = make_tracker("ask_follow_up", text="und welche war die erste", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert "utter_unknown_first" not in [m.get("response") for m in messages]


def test_who_won_is_the_winner_once_not_also_who_the_first_winner_was() -> None:
    tracker = make_tracker(
        "ask_project_detail",
        text="wer hat 2019 den Musikpreis gewonnen",
        entities=[{"entity": "project", "value": "music_prize"}, {"entity": "year", "value": "2019"}],
        slots={"language": "de"},
    )
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    laureates = STORE.fact("project.music_prize.laureates")
    assert [m.get("fact") for m in messages] == [laureates.answer_for("winner", "de")]


def test_a_project_asked_right_after_a_route_is_the_project_not_the_route_again() -> None:
    text = "et les rencontres citoyennes, c'est quoi, il y en a a Treves ?"
    events = [
        {"event": "user", "text": "comment aller de Metz à Trèves ?"},
        {"event": "slot", "name": "travel_from", "value": "metz"},
        {"event": "slot", "name": "travel_to", "value": "trier"},
        {"event": "action", "name": "action_answer_travel"},
        {"event": "slot", "name": "travel_from", "value": None},
        {"event": "slot", "name": "travel_to", "value": None},
        {"event": "slot", "name": "topic", "value": "travel:metz:trier"},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        "ask_project_detail",
        text=text,
        entities=[
            {"entity": "project", "value": "rencontres_citoyennes", "start": 7, "end": 28},
            {"entity": "city", "value": "trier", "start": 54, "end": 60},
        ],
        slots={"language": "fr", "topic": "travel:metz:trier", "city": "trier"},
        events=events,
    )
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["project.rencontres_citoyennes"]


def test_what_is_not_known_of_a_project_named_by_its_term_is_said_not_known() -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker("nlu_fallback", text="le guide, on le trouve où ?", slots={"language": "fr"})
    messages, events = run_action(ActionAskRephrase(), tracker)
    assert [m.get("response") for m in messages] == ["utter_unknown_where"]
    assert {"event": "slot", "timestamp": None, "name": "subject", "value": "project:travel_guide"} in events


def test_the_price_of_a_project_named_by_its_term_is_not_its_print_run() -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker("nlu_fallback", text="le guide, il coute combien ?", slots={"language": "fr"})
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m.get("response") for m in messages] == ["utter_unknown_cost"]


def test_a_past_president_claimed_now_under_a_project_intent_is_corrected() -> None:
    tracker = make_tracker(
        "ask_project_detail",
        text="my guidebook says the president is Wolfram Leibe. Is that still right",
        entities=[{"entity": "project", "value": "travel_guide"}],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert messages[0]["response"] == "utter_fact_not_so"
    assert messages[1]["custom"]["qp"]["facts"] == ["governance.current_president"]
