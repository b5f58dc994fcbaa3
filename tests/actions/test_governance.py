"""ActionAnswerGovernance: the association's organs and presidents in each language."""

from __future__ import annotations

import pytest

from actions.cities import ActionAnswerCity
from actions.governance import KEY_BY_INTENT as GOVERNANCE_KEYS
from actions.governance import ActionAnswerGovernance
from actions.store import STORE
from bot.language import LANGS
from tests.actions.conftest import assert_says, make_tracker, run_action


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


def test_two_years_of_one_term_give_that_term_once() -> None:
    years = [{"entity": "year", "value": y} for y in ("2019", "2020")]
    tracker = make_tracker(
        "ask_president", text="wer war präsident 2019-2020?", entities=years, slots={"language": "de"}
    )
    messages, events = run_action(ActionAnswerGovernance(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["governance.term.2019"]]
    assert {"event": "slot", "name": "facts", "value": ["governance.term.2019"]} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Who were the QuattroPole presidents between 2017 and 2022, in order?"),
        ("de", "wer war zwischen 2017 und 2022 präsident?"),
        ("fr", "qui a présidé QuattroPole de 2017 à 2022 ?"),
    ],
)
def test_a_span_of_years_gives_every_term_in_it_in_order(lang: str, text: str) -> None:
    years = [{"entity": "year", "value": y} for y in ("2017", "2022")]
    tracker = make_tracker("ask_president_list", text=text, entities=years, slots={"language": lang})
    messages, events = run_action(ActionAnswerGovernance(), tracker)
    said = [m["custom"]["qp"]["facts"][0] for m in messages]
    # Gros, Leibe, Polfer and, from November 2022, Conradt: not only the terms of 2017 and 2022
    assert said == [
        "governance.term.2017",
        "governance.term.2019",
        "governance.term.2021",
        "governance.term.2022",
    ]
    # "and before that?" walks back from the first of them
    assert {"event": "slot", "name": "person", "value": "Dominique Gros"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


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


def test_several_bodies_in_one_question_get_each_answer() -> None:
    tracker = make_tracker(
        "ask_general_assembly",
        text="difference between the board and the general assembly",
        entities=[{"entity": "organ", "value": "board"}, {"entity": "organ", "value": "general_assembly"}],
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert_says(messages[0], "governance.board", "en")
    assert_says(messages[1], "governance.general_assembly", "en")


@pytest.mark.parametrize(
    "lang, text, holders",
    [
        ("de", "wer ist vize präsident", ["2019", "2021", "2022"]),
        ("fr", "qui est le vice-président ?", ["2019", "2021", "2022"]),
        ("en", "who is the treasurer", ["2019", "2022"]),
    ],
)
def test_a_current_board_role_is_unknown_and_the_known_holders_follow(
    lang: str, text: str, holders: list
) -> None:
    tracker = make_tracker("ask_president", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_board_role_unknown_now"
    assert messages[0]["president"] == "François Grosdidier"
    said = [m["custom"]["qp"]["facts"][0] for m in messages[1:-1]]
    assert said == [f"governance.term.{year}" for year in holders]
    assert messages[-1]["response"] == "utter_board_role_where"
    president = make_tracker("ask_president", text="who is the president", slots={"language": lang})
    assert_says(run_action(ActionAnswerGovernance(), president)[0][0], "governance.current_president", lang)


@pytest.mark.parametrize(
    ("intent", "text", "slots", "lang", "holder", "president"),
    [
        # the president the question names
        ("ask_president", "who was treasurer under Leibe?", {}, "en", "Dominique Gros", "Wolfram Leibe"),
        ("ask_president", "qui etait vice president sous polfer", {}, "fr", "Uwe Conradt", "Lydie Polfer"),
        # the year it names
        ("ask_board", "wer war 2023 schriftführerin", {}, "de", "Lydie Polfer", "Uwe Conradt"),
        # the term of the conversation, whichever intent the NLU chose
        (
            "ask_follow_up",
            "and the treasurer?",
            {"subject": "organ:president", "facts": ["governance.term.2022"]},
            "en",
            "Wolfram Leibe",
            "Uwe Conradt",
        ),
        (
            "ask_quattropole_overview",
            "und die schriftführerin?",
            {"subject": "organ:president", "facts": ["governance.term.2019"]},
            "de",
            "Charlotte Britz",
            "Wolfram Leibe",
        ),
    ],
)
def test_a_board_role_in_a_term_is_its_holder(intent, text, slots, lang, holder, president) -> None:
    from actions.follow_up import ActionAnswerFollowUp
    from actions.network import ActionAnswerNetwork

    action = {"ask_follow_up": ActionAnswerFollowUp, "ask_quattropole_overview": ActionAnswerNetwork}.get(
        intent, ActionAnswerGovernance
    )()
    years = [{"entity": "year", "value": y} for y in ("2023",) if y in text]
    tracker = make_tracker(intent, text=text, entities=years, slots={"language": lang, **slots})
    messages, events = run_action(action, tracker)
    assert len(messages) == 1
    assert messages[0]["fact"].endswith(f"{holder}.") and president in messages[0]["fact"]
    assert "source" in messages[0]
    assert {"event": "slot", "timestamp": None, "name": "person", "value": holder} in events


def test_was_a_holder_named_gets_every_known_holder() -> None:
    # "was Leibe ever treasurer?" names a president too, but he held the office himself
    tracker = make_tracker("ask_president", text="was Leibe ever treasurer?")
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert "Wolfram Leibe." in str([m.get("fact") for m in messages])


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
    ("lang", "text"),
    [
        ("en", "who is the president of the French Republic?"),
        ("de", "Wer ist der Bundespräsident?"),
        ("fr", "qui est le président de la République ?"),
    ],
)
def test_a_states_president_is_not_quattropoles(lang: str, text: str) -> None:
    tracker = make_tracker("ask_president", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m.get("response") for m in messages] == ["utter_out_of_scope"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "who holds the summit presidency now"),
        ("de", "wer hat gerade den Vorsitz im Gipfel der Großregion?"),
        ("fr", "qui préside le sommet de la Grande Région ?"),
    ],
)
def test_the_summit_presidency_is_the_greater_regions_not_quattropoles(lang: str, text: str) -> None:
    tracker = make_tracker("ask_president", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    said = " ".join(m.get("fact") or "" for m in messages)
    summit = STORE.fact("greater_region.summit_presidency")
    assert said in (summit.text_for(lang), summit.answer_for("who", lang))
    assert STORE.fact("governance.current_president").text_for(lang) not in said


def test_quattropoles_president_named_with_the_network_stays_quattropoles() -> None:
    text = "who is the president of QuattroPole now?"
    tracker = make_tracker("ask_president", text=text)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert "greater_region.summit_presidency" not in str(messages)
    assert any("current_president" in str(m.get("custom")) for m in messages)


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("ask_quattropole_members", "wer ist der präsident von frankreich"),
        ("ask_president", "qui est le président de l'eurométropole de metz"),
        ("ask_president", "who is the president of luxembourg"),
        ("ask_president_election", "who is the president of the european commission"),
    ],
)
def test_another_bodys_president_is_out_of_scope_whichever_intent(intent: str, text: str) -> None:
    from actions.network import ActionAnswerNetwork

    action = ActionAnswerNetwork() if intent.startswith("ask_quattropole") else ActionAnswerGovernance()
    messages, _ = run_action(action, make_tracker(intent, text=text))
    assert [m.get("response") for m in messages] == ["utter_out_of_scope"]


def test_a_presidency_asked_while_the_conversation_is_about_the_greater_region_is_the_summits() -> None:
    tracker = make_tracker(
        "ask_president",
        text="wer ist da gerade präsident",
        slots={"language": "de", "subject": "greater_region"},
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    summit = STORE.fact("greater_region.summit_presidency")
    assert messages[0]["fact"] in (summit.text_for("de"), summit.answer_for("who", "de"))


def test_a_mayors_party_is_not_politics_out_of_scope() -> None:
    tracker = make_tracker("ask_president", text="ist Grosdidier in einer Partei?", slots={"language": "de"})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert "utter_out_of_scope" not in [m.get("response") for m in messages]


def test_who_leads_it_while_the_conversation_is_about_the_office_is_the_offices_head() -> None:
    slots = {"language": "de", "subject": "organ:office", "facts": ["office.location"]}
    tracker = make_tracker("ask_president", text="wer leitet die aktuell", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["fact"] for m in messages] == [STORE.fact("office.management").text_for("de")]


def test_the_current_president_becomes_the_person_of_the_conversation() -> None:
    tracker = make_tracker("ask_president", text="who is the president of quattropole?")
    _, events = run_action(ActionAnswerGovernance(), tracker)
    person = next(e["value"] for e in events if e.get("name") == "person")
    assert person in STORE.fact("governance.current_president").text_for("en")


def test_how_many_members_does_it_have_after_the_coordination_committee_is_its_size() -> None:
    slots = {"subject": "organ:coordination_committee", "facts": ["governance.coordination_committee"]}
    tracker = make_tracker("ask_general_assembly", text="how many members does it have", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    committee = STORE.fact("governance.coordination_committee")
    assert [m["fact"] for m in messages] == [committee.answer_for("how_many", "en")]


@pytest.mark.parametrize("text", ["qui est le vice president en ce moment", "who is the vice president now?"])
def test_the_vice_president_is_not_the_president(text: str) -> None:
    tracker = make_tracker("ask_president", text=text, entities=[{"entity": "organ", "value": "president"}])
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_board_role_unknown_now"
    assert STORE.fact("governance.current_president").text_for("en") not in str(messages)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "wo ist der sitz"), ("fr", "ou est le siege"), ("en", "where are the headquarters?")],
)
def test_the_seat_is_the_legal_seat_and_the_office(lang: str, text: str) -> None:
    tracker = make_tracker("ask_board", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    seat = STORE.fact("network.legal_seat")
    assert [m["fact"] for m in messages] == [seat.answer_for("where", lang)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "list all presidents since 2014"),
        ("de", "alle präsidenten seit 2014"),
        ("fr", "tous les présidents depuis 2014"),
    ],
)
def test_all_presidents_since_a_year_is_the_list(lang: str, text: str) -> None:
    tracker = make_tracker(
        "ask_president_list",
        text=text,
        entities=[{"entity": "year", "value": "2014"}],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert_says(messages[0], "governance.presidents", lang)
    assert len(messages) == 1


def _said(text: str, action: str = "utter_fact") -> dict:
    return {"event": "bot", "text": text, "metadata": {"utter_action": action}}


def test_one_part_of_a_longer_reply_is_said_again_precisely() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.governance import say_board_role

    lines = []
    for term in STORE.board_role_holders("treasurer"):
        collector = CollectingDispatcher()
        say_board_role(collector, term, "treasurer", "en")
        lines.append(collector.messages[0]["fact"])
    events = [
        {"event": "user", "text": "and the treasurer?"},
        _said(
            "Treasurer during Lydie Polfer's presidency (2021–2022): my sources don't say.",
            "utter_board_role_unknown",
        ),
        *(_said(line) for line in lines),
        {"event": "user", "text": "who was treasurer under Leibe?"},
    ]
    tracker = make_tracker("ask_president", text="who was treasurer under Leibe?", events=events)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m.get("fact") for m in messages] == [lines[0]]


@pytest.mark.parametrize(
    ("text", "before", "slots", "expect"),
    [
        # "now" is the current term, whatever term the conversation is on
        (
            "and the treasurer now?",
            "who was treasurer under Leibe?",
            {"facts": ["governance.term.2019"]},
            "utter_board_role_unknown_now",
        ),
        # the office asked before, for the president named now
        ("und unter conradt?", "wer war schriftführerin", {}, "Lydie Polfer."),
    ],
)
def test_board_role_follow_ups(text: str, before: str, slots: dict, expect: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    events = [{"event": "user", "text": before}, _said("…"), {"event": "user", "text": text}]
    tracker = make_tracker(
        "ask_follow_up",
        text=text,
        events=events,
        slots={"language": "de" if "und" in text else "en", **slots},
    )
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    first = messages[0]
    assert first["response"] == expect or str(first.get("fact", "")).endswith(expect)


def test_how_many_on_the_board_after_the_assembly_is_the_boards_count() -> None:
    tracker = make_tracker(
        "ask_general_assembly",
        text="et le directoire, combien ?",
        entities=[{"entity": "organ", "value": "board"}],
        slots={
            "language": "fr",
            "subject": "organ:general_assembly",
            "facts": ["governance.general_assembly"],
        },
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["fact"] for m in messages] == [STORE.fact("governance.board").answer_for("how_many", "fr")]


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("fr", "le siège social de l'association est à Esch ?", "where"),
        ("fr", "l'association est de droit luxembourgeois alors ?", "legal_form"),
    ],
)
def test_yes_no_questions_on_the_seat_and_the_law(lang: str, text: str, kind: str) -> None:
    from actions.network import ActionAnswerNetwork

    tracker = make_tracker("ask_quattropole_overview", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert messages[0]["fact"] == STORE.fact("network.legal_seat").answer_for(kind, lang)


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [("de", "bis wann?", "until"), ("en", "until when?", "until"), ("fr", "depuis quand ?", "since")],
)
def test_until_or_since_when_after_a_past_term_is_that_terms_end_or_start(
    lang: str, text: str, kind: str
) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {
        "language": lang,
        "subject": "organ:president",
        "facts": ["governance.term.2021"],
        "person": "Lydie Polfer",
    }
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    term = STORE.fact("governance.term.2021")
    assert [m["fact"] for m in messages] == [term.answer_for(kind, lang)]


@pytest.mark.parametrize("told", ["term", "governance.current_president"])
def test_until_when_for_the_open_term_is_not_known(told: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    key = STORE.presidents()[-1].key()
    slots = {
        "language": "de",
        "subject": "organ:president",
        # the term, or the current president: either way it was just told, not again
        "facts": [key if told == "term" else told],
        "person": STORE.presidents()[-1].person,
    }
    messages, _ = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="bis wann?", slots=slots)
    )
    # the term was just told: the reply says its end is not known and where to look, then
    # what does hold: a presidency lasts two years
    assert [m["response"] for m in messages][0] == "utter_unknown_until"
    assert messages[0]["pointer"] == "https://www.quattropole.org"
    assert messages[1]["fact"] == STORE.fact("governance.president_election").answer_for("how_long", "de")
    assert len(messages) == 2


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "so who's next?"), ("fr", "et après lui ?"), ("de", "wer kommt danach?")],
)
def test_who_comes_after_the_current_president_gives_the_order_so_far_and_the_rotation(
    lang: str, text: str
) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    term = STORE.presidents()[-1]
    slots = {"language": lang, "subject": "organ:president", "facts": [term.key()], "person": term.person}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert messages[0]["response"] == "utter_unknown_after"
    assert_says(messages[2], "governance.presidents", lang)
    assert messages[3]["fact"] == STORE.fact("governance.president_election").answer_for("frequency", lang)


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("en", "when did luxembourg hold it", "ask_city_service"),
        ("fr", "et trèves c'était quand ?", "ask_follow_up"),
        ("de", "und wann war Saarbrücken dran?", "ask_city_overview"),
    ],
)
def test_when_a_city_held_it_right_after_the_presidency_is_its_terms(
    lang: str, text: str, intent: str
) -> None:
    from actions.follow_up import ActionAnswerFollowUp
    from actions.services import ActionAnswerCityService

    city = STORE.cities_in(text)[0]
    action = {
        "ask_city_service": ActionAnswerCityService(),
        "ask_follow_up": ActionAnswerFollowUp(),
        "ask_city_overview": ActionAnswerCity(),
    }[intent]
    slots = {"language": lang, "topic": "ask_president_election", "subject": "organ:president"}
    tracker = make_tracker(intent, text=text, entities=[{"entity": "city", "value": city}], slots=slots)
    messages, _ = run_action(action, tracker)
    terms = [t for t in STORE.presidents() if t.city == city]
    assert terms and [m["fact"] for m in messages] == [
        STORE.term_fact(t).answer_for("when", lang) for t in terms
    ]


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        ("de", "wann war denn trier mal mit der präsidentschaft dran", "trier"),
        ("fr", "quand est-ce que metz a eu la présidence ?", "metz"),
    ],
)
def test_when_a_city_held_the_presidency_is_its_terms(lang: str, text: str, city: str) -> None:
    tracker = make_tracker(
        "ask_president", text=text, entities=[{"entity": "city", "value": city}], slots={"language": lang}
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    terms = [t for t in STORE.presidents() if t.city == city]
    assert [m["custom"]["qp"]["facts"] for m in messages] == [[t.key()] for t in terms]


def test_the_vice_president_under_a_short_surname_is_that_terms() -> None:
    slots = {"language": "fr", "subject": "organ:president", "facts": ["governance.term.2022"]}
    tracker = make_tracker("ask_president", text="et le vice-président sous gros ?", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    # "gros" alone is a French word, but after "sous" it is Dominique Gros, whose vice-president
    # the sources do not name (not Conradt's term, which the conversation was about)
    assert messages[0]["response"] == "utter_board_role_unknown"
    assert messages[0]["president"] == "Dominique Gros"


def test_two_board_offices_asked_again_under_another_president_are_both_given() -> None:
    before = [
        {"event": "user", "text": "qui etait vice-president et tresorier sous leibe ?"},
        {"event": "bot", "text": "..."},
        {"event": "user", "text": "et sous la presidence de Conradt ?"},
    ]
    slots = {"language": "fr", "subject": "organ:president", "facts": ["governance.term.2019"]}
    tracker = make_tracker(
        "ask_president", text="et sous la presidence de Conradt ?", slots=slots, events=before
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    conradt = next(t for t in STORE.presidents() if t.person == "Uwe Conradt")
    said = [m["fact"] for m in messages]
    assert (
        len(said) == 2
        and conradt.board["vice_president"] in said[0]
        and conradt.board["treasurer"] in said[1]
    )


def test_what_happened_during_a_presidency_is_its_terms_events() -> None:
    slots = {
        "language": "en",
        "subject": "organ:president",
        "facts": ["governance.term.2022"],
        "person": "Uwe Conradt",
    }
    tracker = make_tracker("ask_president", text="what happened during his presidency", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    from tests.actions.conftest import term_event_keys

    expected = term_event_keys("Uwe Conradt")
    assert expected and [m["custom"]["qp"]["facts"][0] for m in messages] == expected


@pytest.mark.parametrize(
    ("lang", "text", "intent", "city"),
    [
        ("fr", "c'est qui le prochain alors ? ce sera le tour de trier ?", "ask_city_service", "trier"),
        ("en", "so after metz who's next?", "ask_city_overview", "metz"),
        ("en", "the presidency rotates right? in what order", "ask_president_election", None),
        ("de", "wer ist als nächstes dran?", "ask_follow_up", None),
    ],
)
def test_the_next_president_is_not_known_so_the_order_so_far(lang: str, text: str, intent: str, city) -> None:
    from actions.follow_up import ActionAnswerFollowUp
    from actions.services import ActionAnswerCityService

    action = {
        "ask_city_service": ActionAnswerCityService(),
        "ask_city_overview": ActionAnswerCity(),
        "ask_president_election": ActionAnswerGovernance(),
        "ask_follow_up": ActionAnswerFollowUp(),
    }[intent]
    entities = [{"entity": "city", "value": city}] if city else []
    slots = {"language": lang, "topic": "ask_president", "subject": "organ:president"}
    messages, _ = run_action(action, make_tracker(intent, text=text, entities=entities, slots=slots))
    # who comes next is not known; "in what order?" asks for the order itself
    assert (messages[0]["response"] == "utter_unknown_after") is ("order" not in text)
    assert any(m.get("fact") == STORE.fact("governance.presidents").text_for(lang) for m in messages)


def test_who_is_next_right_after_the_order_does_not_repeat_it() -> None:
    slots = {"language": "en", "topic": "ask_president_list", "facts": ["governance.presidents"]}
    tracker = make_tracker("ask_follow_up", text="so who's next?", slots=slots)
    from actions.follow_up import ActionAnswerFollowUp

    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert [m["response"] for m in messages] == ["utter_unknown_after"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "bin journalist aus trier, wer ist momentan praesident"),
        ("en", "i live in trier, who is the president now?"),
    ],
)
def test_a_city_named_beside_who_is_president_now_is_not_that_citys_term(lang: str, text: str) -> None:
    tracker = make_tracker(
        "ask_president", text=text, entities=[{"entity": "city", "value": "trier"}], slots={"language": lang}
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    leibe = [t for t in STORE.presidents() if t.city == "trier"]
    assert not any(m.get("fact") == STORE.term_fact(t).text_for(lang) for t in leibe for m in messages)
    assert "Grosdidier" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "text"), [("fr", "qui sont les maires des 4 villes"), ("de", "wer sind die bürgermeister")]
)
def test_the_mayors_asked_under_a_network_intent_are_the_four_cities(lang: str, text: str) -> None:
    from actions.network import ActionAnswerNetwork

    tracker = make_tracker("ask_quattropole_members", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert [m.get("fact") for m in messages] == [
        STORE.fact(f"city.{c}.mayor").text_for(lang) for c in STORE.cities
    ]


def test_who_came_next_after_a_past_term_is_the_following_term() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    leibe = next(t for t in STORE.presidents() if t.city == "trier")
    slots = {
        "language": "en",
        "topic": "ask_president",
        "subject": "organ:president",
        "facts": [leibe.key()],
        "person": leibe.person,
    }
    tracker = make_tracker("ask_follow_up", text="and who came next", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    following = STORE.presidents()[STORE.presidents().index(leibe) + 1]
    assert [m.get("fact") for m in messages] == [STORE.term_fact(following).text_for("en")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_next_general_assembly_is_not_known_so_the_last_one_told_as_past(lang: str) -> None:
    tracker = make_tracker(
        "ask_general_assembly",
        text={
            "de": "wann ist die nächste Mitgliederversammlung?",
            "fr": "c'est quand la prochaine assemblée générale ?",
            "en": "when is the next general assembly?",
        }[lang],
        entities=[{"entity": "organ", "value": "general_assembly"}],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["response"] for m in messages][:2] == ["utter_unknown_next", "utter_closest"]
    assert_says(messages[2], "governance.general_assembly_2025", lang)


def test_how_often_the_general_assembly_meets_is_not_how_often_the_presidency_changes() -> None:
    tracker = make_tracker(
        "ask_general_assembly",
        text="how often does the general assembly meet?",
        entities=[{"entity": "organ", "value": "general_assembly"}],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["response"] for m in messages] == ["utter_unknown_how_often"]


def test_the_next_final_after_the_music_prize_is_the_prizes_not_the_presidency() -> None:
    slots = {"language": "en", "subject": "project:music_prize", "facts": ["project.music_prize.laureates"]}
    tracker = make_tracker("ask_president_election", text="when is the next final", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["response"] for m in messages][:2] == ["utter_unknown_next", "utter_closest"]
    assert_says(messages[2], "project.music_prize.final_2026", "en")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "how was she elected?"),
        ("fr", "et elle a été élue comment ?"),
        ("de", "und wie wurde sie gewählt?"),
    ],
)
def test_how_a_past_president_was_elected_is_the_election_fact(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {
        "language": lang,
        "subject": "organ:president",
        "facts": ["governance.term.2021"],
        "person": "Lydie Polfer",
    }
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["governance.president_election"]]


def test_a_follow_up_naming_a_topic_no_fact_is_about_stays_unclear() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {
        "language": "en",
        "subject": "organ:president",
        "facts": ["governance.term.2021"],
        "person": "Lydie Polfer",
    }
    messages, _ = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="and the projects?", slots=slots)
    )
    assert [m.get("response") for m in messages] == ["utter_follow_up_unclear"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fr", "c koi quattropole en fait, en 2 phrases"), ("de", "was ist quattropole in 2 sätzen")],
)
def test_what_the_network_is_under_a_governance_intent_is_the_overview(lang: str, text: str) -> None:
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker("ask_president", text=text, slots={"language": lang})
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["network.overview"], ["network.purpose"]]


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "until when is the term?"), ("fr", "son mandat se termine quand ?")]
)
def test_until_when_right_after_the_current_president_is_the_open_term(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {"language": lang, "subject": "organ:president", "facts": ["governance.current_president"]}
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert messages[0]["response"] == "utter_unknown_until"
    assert not any("Britz" in (m.get("fact") or "") for m in messages)


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        (
            "de",
            "Wer hat die QuattroPole-Präsidentschaft nach Uwe Conradt übernommen?",
            "governance.term.2025",
        ),
        (
            "en",
            "wait actually first - who is the current president of quattropole?",
            "governance.current_president",
        ),
    ],
)
def test_first_and_after_read_as_they_are_meant(lang: str, text: str, key: str) -> None:
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker("ask_president", text=text, slots={"language": lang})
    )
    assert messages[0]["custom"]["qp"]["facts"] == [key]
    assert "Britz" not in messages[0]["fact"] and "Conradt" not in messages[0]["fact"]


@pytest.mark.parametrize(
    ("intent", "lang", "text"),
    [
        (
            "ask_coordination_committee",
            "en",
            "hi, i work for the city of trier. how is quattropole organised?",
        ),
        ("ask_board", "de", "wie ist der verein eigentlich aufgebaut?"),
        ("ask_general_assembly", "fr", "c'est quoi la structure de l'association ?"),
    ],
)
def test_how_the_association_is_organised_is_its_organs(intent: str, lang: str, text: str) -> None:
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker(intent, text=text, slots={"language": lang})
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] == [
        ["governance.board"],
        ["governance.general_assembly"],
        ["governance.coordination_committee"],
        ["office.tasks"],
    ]


def test_a_named_organ_is_not_the_whole_structure() -> None:
    text = "how is the board organised?"
    entities = [{"entity": "organ", "value": "board"}]
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker("ask_board", text=text, entities=entities)
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["governance.board"]]


def test_still_president_after_the_elections_is_who_is_president_now() -> None:
    text = "Zurück zu meiner ersten Frage: ist er heute noch Präsident, nach den Kommunalwahlen im März?"
    entities = [{"entity": "organ", "value": "president"}]
    tracker = make_tracker("ask_president_election", text=text, entities=entities, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["governance.current_president"]


def test_how_the_president_is_elected_stays_the_election() -> None:
    text = "wie wird der präsident heute gewählt?"
    tracker = make_tracker("ask_president_election", text=text, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["governance.president_election"]


def test_a_named_organ_is_not_answered_by_a_sibling_sharing_a_verb() -> None:
    text = "wer sitzt da alles drin in der mitgliederversammlung"
    entities = [{"entity": "organ", "value": "general_assembly"}]
    tracker = make_tracker("ask_general_assembly", text=text, entities=entities, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["governance.general_assembly"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "wer waehlt den eigentlich"), ("en", "and who elects them?"), ("fr", "qui l'élit ?")],
)
def test_who_elects_after_a_term_is_the_election(lang: str, text: str) -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {
        "language": lang,
        "subject": "organ:president",
        "facts": ["governance.term.2022"],
        "person": "Uwe Conradt",
    }
    messages, _ = run_action(ActionAnswerFollowUp(), make_tracker("ask_follow_up", text=text, slots=slots))
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["governance.president_election"]]


def test_who_was_president_then_is_not_the_election() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    slots = {
        "language": "en",
        "subject": "organ:president",
        "facts": ["governance.term.2022"],
        "person": "Uwe Conradt",
    }
    messages, _ = run_action(
        ActionAnswerFollowUp(), make_tracker("ask_follow_up", text="and who came before him?", slots=slots)
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] != [["governance.president_election"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Organisiert QuattroPole irgendetwas im Dezember, Konzerte oder so etwas?"),
        ("fr", "quattropole a organisé un concert cette année ?"),
        ("en", "has quattropole organised any events lately?"),
    ],
)
def test_organising_something_is_not_how_the_association_is_organised(lang: str, text: str) -> None:
    from bot.language.concepts import action_words

    assert not action_words().says(text, "structure")


@pytest.mark.parametrize(
    ("lang", "text", "slots"),
    [
        ("en", "ok. who runs it", {"subject": "network", "facts": ["network.overview"]}),
        ("de", "wer leitet das eigentlich?", {"subject": "network"}),
    ],
)
def test_who_runs_the_network_is_its_president_and_board_whatever_the_intent(lang, text, slots) -> None:
    from actions.cities import ActionAnswerCity
    from actions.governance import CURRENT_PRESIDENT

    tracker = make_tracker("ask_city_mayor", text=text, slots={"language": lang, **slots})
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m.get("fact") for m in messages] == [
        STORE.fact(CURRENT_PRESIDENT).text_for(lang),
        STORE.fact("governance.board").text_for(lang),
    ]


def test_a_past_president_named_as_the_boss_now_gets_todays_president_and_their_term() -> None:
    from actions.cities import ActionAnswerCity
    from actions.governance import CURRENT_PRESIDENT

    text = "wer ist denn da zur Zeit der Chef von dem ganzen, immer noch der Conradt ?"
    slots = {"language": "de", "subject": "organ:office", "facts": ["office.location"]}
    tracker = make_tracker(
        "ask_city_mayor", text=text, entities=[{"entity": "person", "value": "Uwe Conradt"}], slots=slots
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    conradt = next(t for t in STORE.presidents() if t.person == "Uwe Conradt")
    assert messages[0].get("response") == "utter_fact_not_so"  # "immer noch der Conradt?": no
    assert [m.get("fact") for m in messages[1:]] == [
        STORE.fact(CURRENT_PRESIDENT).text_for("de"),
        STORE.fact(conradt.key()).text_for("de"),
    ]


def test_who_was_president_right_after_a_dated_event_is_who_held_it_then() -> None:
    slots = {
        "language": "de",
        "subject": "organ:general_assembly",
        "facts": ["governance.general_assembly_2025"],
    }
    tracker = make_tracker("ask_president", text="wer war da Präsident?", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m.get("fact") for m in messages] == [STORE.president_in_year(2025).text_for("de")]


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        (
            "fr",
            "ask_quattropole_history",
            "Quel est l'ordre des présidences depuis la création de l'association ?",
        ),
        (
            "en",
            "ask_quattropole_history",
            "in what order did the cities hold the presidency since the start?",
        ),
    ],
)
def test_the_order_of_the_presidencies_is_the_list_under_any_intent(
    lang: str, intent: str, text: str
) -> None:
    from actions.network import ActionAnswerNetwork

    messages, _ = run_action(ActionAnswerNetwork(), make_tracker(intent, text, slots={"language": lang}))
    assert messages[0]["custom"]["qp"]["facts"] == ["governance.presidents"]


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        ("de", "das ist falsch, Trier hat doch gerade den Vorsitz oder?", "trier"),
        ("en", "isnt luxembourg holding the presidency right now?", "luxembourg"),
    ],
)
def test_a_claim_that_another_city_holds_the_presidency_now_is_corrected(
    lang: str, text: str, city: str
) -> None:
    slots = {"language": lang, "topic": "ask_president", "subject": "organ:president"}
    tracker = make_tracker("ask_president", text, [{"entity": "city", "value": city}], slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_fact_not_so"
    assert messages[1]["custom"]["qp"]["facts"] == ["governance.current_president"]


@pytest.mark.parametrize(
    ("lang", "intent", "text", "context", "person_key"),
    [
        # right after the president: not Polfer now, and her term
        (
            "de",
            "ask_capabilities",
            "war das nicht die Frau Polfer, das habe ich so gelesen",
            "president",
            "2021",
        ),
        # right after Trier's mayor: not Conradt, who is Saarbrücken's
        ("en", "ask_city_mayor", "wasnt it Conradt? i read that", "mayor", "city.saarbruecken.mayor"),
    ],
)
def test_a_doubt_naming_someone_else_is_answered_no_with_what_is_known_of_them(
    lang: str, intent: str, text: str, context: str, person_key: str
) -> None:
    from actions.fallback import ActionAnswerCapabilities

    if context == "president":
        slots = {"language": lang, "subject": "organ:president", "facts": ["governance.current_president"]}
        action = ActionAnswerCapabilities()
    else:
        slots = {
            "language": lang,
            "subject": "city:trier:mayor",
            "facts": ["city.trier.mayor"],
            "city": "trier",
        }
        action = ActionAnswerCity()
    events = [
        {"event": "user", "text": "…"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text},
    ]
    messages, _ = run_action(action, make_tracker(intent, text, slots=slots, events=events))
    assert messages[0]["response"] == "utter_fact_not_so"
    said = [k for m in messages[1:] for k in m["custom"]["qp"]["facts"]]
    assert len(said) == 2 and (
        person_key in said[1] or any(person_key in str(m.get("fact")) for m in messages)
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "Bonjour, je souhaiterais adresser un courrier officiel à la présidence de QuattroPole. "
            "À quelle adresse dois-je l'envoyer ?",
        ),
        ("de", "an welche Adresse schicke ich einen Brief an den Präsidenten?"),
        ("en", "what's the postal address of the president?"),
    ],
)
def test_a_letter_to_the_presidency_goes_to_the_offices_address(lang: str, text: str) -> None:
    tracker = make_tracker("ask_president", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["office.contact"]
    assert "Esch-sur-Alzette" in messages[0]["fact"]


def test_who_chairs_and_since_when_is_the_presidency_not_the_twinning() -> None:
    from actions.network import ActionAnswerNetwork

    text = "Hi, could you tell me who currently chairs QuattroPole and since when? Please cite a source."
    for action, intent in (
        (ActionAnswerNetwork(), "ask_quattropole_history"),
        (ActionAnswerGovernance(), "ask_president"),
    ):
        messages, _ = run_action(action, make_tracker(intent, text=text, slots={"language": "en"}))
        said = [k for m in messages for k in (m.get("custom") or {}).get("qp", {}).get("facts", [])]
        assert "network.twinning" not in said
        assert said and said[0] == "governance.current_president"  # not the founding either


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("de", "Und der Koordinationsausschuss, wer ernennt den eigentlich?", "ask_coordination_committee"),
        (
            "fr",
            "Pour revenir au comité de coordination : est-il nommé par le directoire ?",
            "ask_coordination_committee",
        ),
        ("en", "who appoints the coordination committee?", "ask_coordination_committee"),
    ],
)
def test_who_appoints_a_body_is_not_known_and_its_make_up_follows(lang: str, text: str, intent: str) -> None:
    entities = [{"entity": "organ", "value": "coordination_committee"}]
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker(intent, text=text, entities=entities, slots={"language": lang})
    )
    assert messages[0]["response"] == "utter_unknown_appointment"
    assert messages[1]["custom"]["qp"]["facts"] == ["governance.coordination_committee"]


def test_how_the_president_is_chosen_is_still_the_election() -> None:
    entities = [{"entity": "organ", "value": "president"}]
    tracker = make_tracker("ask_president_election", text="who appoints the president?", entities=entities)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0].get("response") != "utter_unknown_appointment"


def test_who_leads_the_office_asked_before_a_sentence_of_its_own_is_the_offices_head() -> None:
    from actions.office import ActionAnswerOffice

    text = "Wer leitet die Geschäftsstelle derzeit? Ich brauche einen Namen für die Anrede."
    start = text.index("Geschäftsstelle")
    office = {"entity": "organ", "value": "office", "start": start, "end": start + 15}
    messages, _ = run_action(
        ActionAnswerOffice(),
        make_tracker("ask_office_location", text=text, entities=[office], slots={"language": "de"}),
    )
    assert messages[0]["custom"]["qp"]["facts"] == ["office.management"]


@pytest.mark.parametrize(
    ("lang", "text", "intent", "key"),
    [
        ("de", "wie setzt sich der vorstand zusammen?", "ask_board", "governance.board"),
        ("fr", "de quoi est composée la grande région ?", "ask_greater_region", "greater_region.basics"),
        ("fr", "comment est composé QuattroPole ?", "ask_quattropole_members", "network.members"),
    ],
)
def test_what_a_body_is_made_of_is_its_members_not_a_person_or_a_presidency(lang, text, intent, key) -> None:
    """ "de quoi est composée la grande région ?" is not who holds the summit presidency."""
    from actions.greater_region import ActionAnswerGreaterRegion
    from actions.network import ActionAnswerNetwork

    action = {"ask_greater_region": ActionAnswerGreaterRegion(), "ask_board": ActionAnswerGovernance()}.get(
        intent, ActionAnswerNetwork()
    )
    messages, _ = run_action(action, make_tracker(intent, text=text, slots={"language": lang}))
    said = [k for m in messages for k in m.get("custom", {}).get("qp", {}).get("facts", [])]
    assert said[0] == key
    assert not [m for m in messages if str(m.get("response", "")).startswith("utter_unknown")]


def test_presidents_since_a_year_are_every_term_not_the_first() -> None:
    entities = [{"entity": "organ", "value": "president"}, {"entity": "year", "value": "2014"}]
    text = "Qui ont été les présidents successifs de l'association depuis 2014 ?"
    tracker = make_tracker("ask_president_list", text=text, entities=entities, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m.get("fact") for m in messages] == [STORE.fact("governance.presidents").text_for("fr")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Qui présidait entre Polfer et Grosdidier ?"),
        ("de", "wer war zwischen Polfer und Grosdidier Präsident?"),
        ("en", "who was president in between polfer and grosdidier"),
    ],
)
def test_the_president_between_two_named_presidents_is_the_term_between(lang: str, text: str) -> None:
    tracker = make_tracker("ask_president_list", text=text, slots={"language": lang})
    messages, events = run_action(ActionAnswerGovernance(), tracker)
    assert len(messages) == 1 and "Conradt" in messages[0]["fact"]
    assert "Uwe Conradt" in [e.get("value") for e in events if e.get("name") == "person"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "Welche Organe hat der Verein?"), ("en", "what are the organs of the association?")],
)
def test_the_organs_of_the_association_are_all_of_them(lang: str, text: str) -> None:
    tracker = make_tracker("ask_board", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    said = " ".join(str(m.get("fact")) for m in messages)
    assert "44" in said and len(messages) >= 3


@pytest.mark.parametrize(
    ("lang", "intent", "text", "city", "person"),
    [
        ("de", "ask_board", "Wer war Präsident, als Trier dran war?", "trier", "Wolfram Leibe"),
        (
            "fr",
            "ask_president_election",
            "qui était président quand c'était le tour de Metz ?",
            "metz",
            "Dominique Gros",
        ),
    ],
)
def test_who_was_president_in_a_citys_turn_is_that_citys_terms(
    lang: str, intent: str, text: str, city: str, person: str
) -> None:
    entities = [{"entity": "city", "value": city}] if lang == "fr" else []
    tracker = make_tracker(intent, text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert person in messages[0]["fact"]


def test_who_was_president_in_a_citys_turn_the_nlu_could_not_place() -> None:
    from actions.fallback import ActionAskRephrase

    text = "who was president when it was Luxembourg's turn?"
    entities = [{"entity": "organ", "value": "president"}, {"entity": "city", "value": "luxembourg"}]
    tracker = make_tracker("nlu_fallback", text=text, entities=entities, slots={"language": "en"})
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert "Polfer" in messages[0]["fact"]


def test_after_her_it_was_gros_is_about_gros_not_who_came_after_him() -> None:
    slots = {
        "language": "fr",
        "subject": "organ:president",
        "facts": ["governance.term.2015"],
        "person": "Charlotte Britz",
    }
    tracker = make_tracker(
        "ask_president_election",
        text="et apres elle c'etait Dominique Gros de Metz je crois, il a fait quoi pendant sa presidence ?",
        entities=[{"entity": "city", "value": "metz"}, {"entity": "organ", "value": "president"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    gros = next(t for t in STORE.presidents() if t.person == "Dominique Gros")
    assert [m["custom"]["qp"]["facts"] for m in messages] == [[gros.key()]]


def test_a_term_of_two_years_asked_by_both_years_is_told_once() -> None:
    from actions.fallback import ActionAskRephrase

    slots = {"language": "fr", "subject": "organ:president", "facts": ["governance.term.2019"]}
    tracker = make_tracker(
        "nlu_fallback",
        text="non, je demande sur Gros, 2017-2018",
        entities=[{"entity": "year", "value": "2017"}, {"entity": "year", "value": "2018"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    gros = next(t for t in STORE.presidents() if t.person == "Dominique Gros")
    assert [m["custom"]["qp"]["facts"] for m in messages] == [[gros.key()]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "Und wer sind diese vier Personen namentlich?"), ("en", "who are they?"), ("fr", "c'est qui ?")],
)
def test_who_the_board_members_are_right_after_the_board_is_each_mayor_by_name(lang: str, text: str) -> None:
    slots = {"language": lang, "subject": "organ:board", "facts": ["governance.board"]}
    tracker = make_tracker("ask_board", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_board_is_the_mayors"
    assert [m["custom"]["qp"]["facts"] for m in messages[1:]] == [[f"city.{c}.mayor"] for c in STORE.cities]


def test_who_sits_on_the_board_first_is_the_board_itself() -> None:
    tracker = make_tracker(
        "ask_board",
        text="Wer sitzt im Vorstand?",
        entities=[{"entity": "organ", "value": "board"}],
        slots={"language": "de"},
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["governance.board"]


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [("de", "seit wann gibt es die Satzung?", "since"), ("de", "Was steht da als Vereinsziel drin?", None)],
)
def test_the_statutes_named_are_the_statutes_fact(lang: str, text: str, kind) -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker("nlu_fallback", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAskRephrase(), tracker)
    purpose = STORE.fact("network.purpose")
    said = purpose.answer_for(kind, lang) if kind else purpose.text_for(lang)
    assert [m.get("fact") for m in messages] == [said]


@pytest.mark.parametrize("intent", ["ask_city_mayor", "out_of_scope", "ask_president"])
def test_who_came_between_two_presidents_is_answered_whatever_the_intent(intent: str) -> None:
    from actions.cities import ActionAnswerCity
    from actions.fallback import ActionAnswerOutOfScope

    action = {"ask_city_mayor": ActionAnswerCity(), "out_of_scope": ActionAnswerOutOfScope()}.get(
        intent, ActionAnswerGovernance()
    )
    text = "Also war zwischen Leibe und Conradt noch jemand oder nicht?"
    messages, _ = run_action(action, make_tracker(intent, text=text, slots={"language": "de"}))
    polfer = next(t for t in STORE.presidents() if t.person == "Lydie Polfer")
    assert [m["custom"]["qp"]["facts"] for m in messages] == [[polfer.key()]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Is QuattroPole itself an EGTC?"),
        ("de", "Ist QuattroPole ein EVTZ?"),
        ("fr", "QuattroPole est un GECT ?"),
    ],
)
def test_whether_it_is_an_egtc_is_its_legal_form(lang: str, text: str) -> None:
    from bot.language.kinds import question_of

    assert question_of(text, lang).kind == "legal_form"


def test_who_sits_there_right_after_the_assembly_is_the_assembly_whatever_the_intent() -> None:
    slots = {
        "language": "de",
        "subject": "organ:general_assembly",
        "facts": ["governance.general_assembly_2025"],
        "topic": "ask_general_assembly",
    }
    tracker = make_tracker("ask_coordination_committee", text="und wer da sitzt?", slots=slots)
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["governance.general_assembly"]]


def test_the_ones_before_are_every_president_not_the_one_before() -> None:
    tracker = make_tracker(
        "ask_president_list",
        text="ok fair. and who's the president now? and who were the ones before?",
        entities=[{"entity": "organ", "value": "president"}],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerGovernance(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["governance.presidents"]]
