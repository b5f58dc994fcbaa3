"""The fallback actions: rephrase unless a language notice already answered."""

from __future__ import annotations

import pytest

from actions.store import STORE
from tests.actions.conftest import make_tracker, run_action


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


def test_a_question_about_the_service_just_answered_is_not_a_request_for_help() -> None:
    from actions.fallback import ActionAnswerCapabilities

    slots = {"language": "en", "topic": "service", "service": "id_documents", "city": "trier"}
    tracker = make_tracker("ask_capabilities", text="what documents do i need", slots=slots)
    messages, _ = run_action(ActionAnswerCapabilities(), tracker)
    assert [m.get("response") for m in messages] == ["utter_service_details"]


@pytest.mark.parametrize("text", ["what can you do?", "help", "are you a bot?"])
def test_a_request_for_help_after_a_service_gets_the_capabilities(text: str) -> None:
    from actions.fallback import ActionAnswerCapabilities

    slots = {"language": "en", "topic": "service", "service": "id_documents", "city": "trier"}
    tracker = make_tracker("ask_capabilities", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerCapabilities(), tracker)
    assert [m.get("response") for m in messages] == ["utter_capabilities"]


@pytest.mark.parametrize(
    ("text", "said_before", "response"),
    [
        ("are you a bot?", None, "utter_iamabot"),
        ("wer hat dich gebaut?", "utter_iamabot", "utter_who_made_me"),
        ("qui t'a fait ?", None, "utter_who_made_me"),
        ("who made u", None, "utter_who_made_me"),
        ("can i talk to a real person", "utter_iamabot", "utter_human_contact"),
    ],
)
def test_questions_about_the_bot_each_get_their_own_answer(text, said_before, response) -> None:
    from actions.fallback import ActionAnswerBot

    events = [{"event": "user", "text": "are you a bot"}]
    if said_before:
        events.append({"event": "bot", "text": "…", "metadata": {"utter_action": said_before}})
    events.append({"event": "user", "text": text})
    messages, _ = run_action(ActionAnswerBot(), make_tracker("bot_challenge", text=text, events=events))
    assert [m["response"] for m in messages] == [response]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("bist du sicher? es gab doch wahlen 2026", "de"), ("is that still true?", "en"), ("tu es sûr ?", "fr")],
)
def test_doubting_the_last_fact_gets_its_date_and_where_to_check(text: str, lang: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {"language": lang, "subject": "city:metz:mayor", "facts": ["city.metz.mayor"], "city": "metz"}
    messages, _ = run_action(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots=slots))
    assert [m["response"] for m in messages] == ["utter_fact_doubt"]
    assert messages[0]["pointer"].startswith("https://")


@pytest.mark.parametrize(
    ("action", "intent", "text"),
    [
        ("bot", "bot_challenge", "do you store my data?"),
        ("oos", "out_of_scope", "speichert ihr meine daten?"),
    ],
)
def test_what_is_kept_of_the_conversation_is_said_with_the_retention_period(
    action, intent, text, monkeypatch
) -> None:
    from actions.fallback import ActionAnswerBot, ActionAnswerOutOfScope

    monkeypatch.setenv("QP_RETENTION_DAYS", "30")
    runner = ActionAnswerBot() if action == "bot" else ActionAnswerOutOfScope()
    messages, _ = run_action(runner, make_tracker(intent, text=text))
    assert [(m["response"], m.get("days")) for m in messages] == [("utter_privacy", "30")]


def test_a_kind_asked_about_a_named_organ_the_nlu_could_not_place_is_answered() -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker(
        "nlu_fallback",
        text="wann hat die geschäftsstelle offen? öffnungszeiten?",
        entities=[{"entity": "organ", "value": "office"}],
        slots={"language": "de"},
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert messages[0]["response"] == "utter_unknown_hours"


def test_an_off_topic_question_the_nlu_could_not_place_is_out_of_scope_not_rephrase() -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker(
        "nlu_fallback", text="je dois acheter des actions lesquelles", slots={"language": "fr"}
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m["response"] for m in messages] == ["utter_out_of_scope"]
    gibberish = make_tracker("nlu_fallback", text="asdf qwer zxcv", slots={"language": "fr"})
    messages, _ = run_action(ActionAskRephrase(), gibberish)
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]


@pytest.mark.parametrize(
    ("text", "lang", "slots", "entities", "key"),
    [
        # about the people of the conversation's city
        (
            "on parle francais la bas ?",
            "fr",
            {"subject": "city:saarbruecken:population"},
            [],
            "city.saarbruecken.languages",
        ),
        (
            "do people speak english there?",
            "en",
            {"subject": "city:luxembourg:mayor"},
            [],
            "city.luxembourg.languages",
        ),
        (
            "versteht man mich in metz auf deutsch?",
            "de",
            {},
            [{"entity": "city", "value": "metz"}],
            "city.metz.languages",
        ),
        # about the people of the office or the network
        (
            "sprechen die da deutsch?",
            "de",
            {"subject": "organ:office", "facts": ["office.location"]},
            [],
            "network.languages",
        ),
        ("on peut leur parler en francais ?", "fr", {"subject": "organ:office"}, [], "network.languages"),
    ],
)
def test_a_question_about_others_languages_is_not_about_the_assistant(
    text: str, lang: str, slots: dict, entities: list, key: str
) -> None:
    from actions.fallback import ActionAnswerBotLanguages
    from tests.actions.conftest import assert_says

    tracker = make_tracker(
        "ask_bot_languages", text=text, entities=entities, slots={"language": lang, **slots}
    )
    messages, _ = run_action(ActionAnswerBotLanguages(), tracker)
    assert len(messages) == 1
    assert_says(messages[0], key, lang)


@pytest.mark.parametrize(
    "text",
    [
        "sprichst du französisch?",
        "Can you speak Luxembourgish?",
        "tu parles anglais ?",
        "vous parlez allemand ?",
    ],
)
def test_a_question_about_the_assistants_languages_is_about_it(text: str) -> None:
    from actions.fallback import ActionAnswerBotLanguages

    tracker = make_tracker("ask_bot_languages", text=text, slots={"subject": "city:metz:mayor"})
    messages, _ = run_action(ActionAnswerBotLanguages(), tracker)
    assert [m["response"] for m in messages] == ["utter_bot_languages"]


@pytest.mark.parametrize(
    ("intent", "text", "lang"),
    [
        ("nlu_fallback", "quelle?", "de"),
        ("ask_follow_up", "source for that?", "en"),
        ("out_of_scope", "une source ?", "fr"),
    ],
)
def test_a_source_request_gets_the_sources_of_the_facts_just_said(intent: str, text: str, lang: str) -> None:
    from actions.common import citation_text
    from actions.fallback import ActionAnswerOutOfScope, ActionAskRephrase
    from actions.follow_up import ActionAnswerFollowUp
    from actions.store import STORE

    action = {"nlu_fallback": ActionAskRephrase, "ask_follow_up": ActionAnswerFollowUp}.get(
        intent, ActionAnswerOutOfScope
    )()
    slots = {"language": lang, "subject": "organ:president", "facts": ["governance.current_president"]}
    messages, _ = run_action(action, make_tracker(intent, text=text, slots=slots))
    citation = STORE.citation(STORE.fact("governance.current_president"), lang)
    assert [(m["response"], m["source"]) for m in messages] == [
        ("utter_source_again", citation_text(citation))
    ]


def test_a_source_request_the_nlu_took_for_a_bot_question_gets_the_source() -> None:
    from actions.fallback import ActionAnswerBot

    slots = {"language": "fr", "facts": ["governance.term.2019"]}
    messages, _ = run_action(ActionAnswerBot(), make_tracker("bot_challenge", text="source ?", slots=slots))
    assert [m["response"] for m in messages] == ["utter_source_again"]
    # without a fact just said, "what are your sources?" is about the assistant's facts
    messages, _ = run_action(ActionAnswerBot(), make_tracker("bot_challenge", text="what are your sources?"))
    assert [m["response"] for m in messages] == ["utter_bot_freshness"]


@pytest.mark.parametrize(
    ("text", "lang", "slots", "goodbye"),
    [
        ("Tschüss", "de", {}, True),
        ("au revoir et merci", "fr", {}, True),
        ("bye, see you?", "en", {}, True),
        # questions the NLU took for a goodbye
        ("c loin d ici ?", "fr", {"city": "luxembourg"}, False),
        ("bon ok. la prochaine reunion c quand ?", "fr", {}, False),
    ],
)
def test_a_question_taken_for_a_goodbye_is_not_answered_goodbye(
    text: str, lang: str, slots: dict, goodbye: bool
) -> None:
    from actions.fallback import ActionAnswerGoodbye

    messages, _ = run_action(
        ActionAnswerGoodbye(), make_tracker("goodbye", text=text, slots={"language": lang, **slots})
    )
    responses = [m.get("response") for m in messages]
    assert (responses == ["utter_goodbye"]) is goodbye
    assert responses  # never silent


@pytest.mark.parametrize(
    ("text", "lang", "slots", "expected"),
    [
        ("ok", "en", {}, ["utter_anything_else"]),
        ("nein danke", "de", {}, ["utter_anything_else"]),
        # a question about the route just given that the NLU took for a yes or a no
        ("no direct one?", "en", {"topic": "travel:luxembourg:saarbruecken"}, ["utter_route_not_direct"]),
    ],
)
def test_a_question_taken_for_yes_or_no_is_answered(
    text: str, lang: str, slots: dict, expected: list
) -> None:
    from actions.fallback import ActionAnswerYesNo

    messages, _ = run_action(
        ActionAnswerYesNo(), make_tracker("affirm", text=text, slots={"language": lang, **slots})
    )
    assert [m.get("response") for m in messages] == expected


@pytest.mark.parametrize(
    "text",
    [
        "we're coming in summer with the kids, so which of the four cities actually has the most people?",
        "ok and whats the biggest city out of the four",
    ],
)
def test_the_biggest_city_in_a_message_the_nlu_put_out_of_scope(text: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    messages, _ = run_action(
        ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots={"language": "en"})
    )
    assert messages[0]["response"] == "utter_city_largest"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("which languages exactly", "city.luxembourg.languages"),
        ("can you speak luxembourgish?", None),
        ("Sprechen Sie Englisch?", None),
    ],
)
def test_languages_right_after_a_city_are_the_citys_unless_asked_of_the_assistant(
    text: str, expected
) -> None:
    from actions.fallback import ActionAnswerBotLanguages

    slots = {"language": "en", "subject": "city:luxembourg:overview", "facts": ["city.luxembourg.overview"]}
    messages, _ = run_action(
        ActionAnswerBotLanguages(), make_tracker("ask_bot_languages", text=text, slots=slots)
    )
    if expected is None:
        assert [m["response"] for m in messages] == ["utter_bot_languages"]
    else:
        assert [m["custom"]["qp"]["facts"] for m in messages] == [[expected]]


def test_opening_hours_after_the_office_the_nlu_put_out_of_scope_are_not_known() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {"language": "en", "subject": "organ:office", "facts": ["office.contact"]}
    messages, _ = run_action(
        ActionAnswerOutOfScope(), make_tracker("out_of_scope", text="opening hours?", slots=slots)
    )
    assert messages[0]["response"] == "utter_unknown_hours"


def test_since_when_at_esch_is_the_office_there() -> None:
    from actions.follow_up import ActionAnswerFollowUp
    from actions.store import STORE

    slots = {"language": "fr", "subject": "network", "facts": ["network.legal_seat"]}
    tracker = make_tracker("ask_follow_up", text="depuis quand ils sont a esch ?", slots=slots)
    messages, _ = run_action(ActionAnswerFollowUp(), tracker)
    assert [f for m in messages for f in m["custom"]["qp"]["facts"]] == ["office.location"]
    assert messages[0]["fact"] == STORE.fact("office.location").answer_for("since", "fr")


def test_what_happened_during_his_presidency_the_nlu_could_not_place() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {
        "language": "en",
        "subject": "organ:president",
        "facts": ["governance.term.2022"],
        "person": "Uwe Conradt",
    }
    tracker = make_tracker("nlu_fallback", text="what happened during his presidency", slots=slots)
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    from tests.actions.conftest import term_event_keys

    expected = term_event_keys("Uwe Conradt")
    assert expected and [m["custom"]["qp"]["facts"][0] for m in messages] == expected


def test_do_you_store_what_i_write_taken_for_help_is_the_privacy_answer() -> None:
    from actions.fallback import ActionAnswerCapabilities

    tracker = make_tracker("ask_capabilities", text="do you store what i write?", slots={"language": "en"})
    messages, _ = run_action(ActionAnswerCapabilities(), tracker)
    assert [m["response"] for m in messages] == ["utter_privacy"]


@pytest.mark.parametrize(("lang", "text"), [("en", "are you sure?"), ("de", "sicher?"), ("fr", "t'es sûr ?")])
def test_a_doubt_the_nlu_took_for_a_yes_gets_the_facts_date(lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerYesNo

    slots = {"language": lang, "subject": "organ:president", "facts": ["governance.current_president"]}
    messages, _ = run_action(ActionAnswerYesNo(), make_tracker("affirm", text=text, slots=slots))
    assert [m["response"] for m in messages] == ["utter_fact_doubt"]


@pytest.mark.parametrize(
    ("text", "greets"),
    [
        ("hallo", True),
        ("guten abend", True),
        ("hi there", True),
        ("und zurück am abend, geht das auch so?", False),
    ],
)
def test_a_greeting_is_greeted_but_a_question_the_nlu_took_for_one_is_answered(
    text: str, greets: bool
) -> None:
    from actions.fallback import ActionAnswerGreet

    slots = {"language": "de", "topic": "travel:saarbruecken:trier"}
    messages, _ = run_action(ActionAnswerGreet(), make_tracker("greet", text=text, slots=slots))
    assert ([m["response"] for m in messages] == ["utter_greet"]) is greets
    if not greets:  # the way back on the route just given
        assert messages[0]["response"] == "utter_route_back"


def test_a_question_about_the_subject_the_nlu_took_for_help_is_answered() -> None:
    from actions.fallback import ActionAnswerCapabilities
    from actions.store import STORE

    slots = {"language": "en", "subject": "project:hackathon_2025", "facts": ["project.hackathon_2025"]}
    tracker = make_tracker("ask_capabilities", text="what was the 2nd about?", slots=slots)
    messages, _ = run_action(ActionAnswerCapabilities(), tracker)
    assert [m.get("fact") for m in messages] == [
        STORE.fact("project.hackathon_2025").answer_for("what", "en")
    ]
    # asking what the assistant can do is still the menu
    help_me = make_tracker("ask_capabilities", text="what can you do?", slots=slots)
    assert [m["response"] for m in run_action(ActionAnswerCapabilities(), help_me)[0]] == [
        "utter_capabilities"
    ]


@pytest.mark.parametrize("intent", ["bot_challenge", "nlu_fallback"])
def test_source_after_an_answer_without_a_fact_says_there_is_none(intent: str) -> None:
    from actions.fallback import ActionAnswerBot, ActionAskRephrase

    said = [
        {"event": "user", "text": "what is the budget?"},
        {"event": "bot", "metadata": {"utter_action": "utter_unknown_cost"}},
        {"event": "user", "text": "source?"},
    ]
    action = ActionAnswerBot() if intent == "bot_challenge" else ActionAskRephrase()
    tracker = make_tracker(intent, text="source?", slots={"language": "en"}, events=said)
    messages, _ = run_action(action, tracker)
    assert [m["response"] for m in messages] == ["utter_source_none"]


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("de", "Ist Grosdidier nach der Wahl in Frankreich überhaupt noch Bürgermeister?", "city.metz.mayor"),
        ("en", "is polfer still the mayor?", "city.luxembourg.mayor"),
        ("fr", "Leibe il est toujours maire ?", "city.trier.mayor"),
    ],
)
def test_a_known_person_the_nlu_put_out_of_scope_gets_their_fact(lang: str, text: str, key: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    messages, _ = run_action(
        ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots={"language": lang})
    )
    assert "utter_out_of_scope" not in [m.get("response") for m in messages]
    assert [m["custom"]["qp"]["facts"] for m in messages if m.get("fact")] == [[key]]
    assert not any(m.get("response", "").startswith("utter_unknown") for m in messages)


@pytest.mark.parametrize(
    ("intent", "lang", "text"),
    [
        ("out_of_scope", "de", "wie aktuell ist das alles?"),
        ("bot_challenge", "de", "woher hast du deine infos?"),
        ("out_of_scope", "fr", "tes infos sont à jour ?"),
        ("bot_challenge", "en", "where do you get your information from?"),
    ],
)
def test_how_current_the_facts_are_is_answered(intent: str, lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerBot, ActionAnswerOutOfScope

    action = ActionAnswerBot() if intent == "bot_challenge" else ActionAnswerOutOfScope()
    messages, _ = run_action(action, make_tracker(intent, text=text, slots={"language": lang}))
    assert [m.get("response") for m in messages] == ["utter_bot_freshness"]


def test_an_up_to_date_question_about_something_else_is_not_about_the_facts() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    text = "is the weather forecast for the whole Moselle valley up to date this week?"
    messages, _ = run_action(
        ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots={"language": "en"})
    )
    assert "utter_bot_freshness" not in [m.get("response") for m in messages]


@pytest.mark.parametrize(
    ("lang", "text", "entities", "expected"),
    [
        (
            "de",
            "kann ich mein fahrrad mitnehmen?",
            [{"entity": "transport", "value": "bike"}],
            "utter_travel_bike_carriage",
        ),
        ("en", "is trier twinned with metz?", [], "network.history"),
        ("fr", "c koi quattropole en 2 mots", [], "network.overview"),
        ("en", "which of the four cities is the oldest?", [], "utter_city_oldest_unknown"),
        (
            "fr",
            "salut je bosse a luxembourg et j'habite vers thionville, le train ça met combien ?",
            [{"entity": "transport", "value": "train"}],
            "utter_route_outside",
        ),
    ],
)
def test_questions_the_nlu_could_not_place_are_still_answered(
    lang: str, text: str, entities: list, expected: str
) -> None:
    from actions.fallback import ActionAskRephrase

    messages, _ = run_action(
        ActionAskRephrase(),
        make_tracker("nlu_fallback", text=text, entities=entities, slots={"language": lang}),
    )
    said = [m.get("response") for m in messages] + [
        k for m in messages for k in (m.get("custom") or {}).get("qp", {}).get("facts", [])
    ]
    assert expected in said
    assert "utter_ask_rephrase" not in said


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Et suite aux municipales de mars 2026, la présidence a-t-elle changé ?"),
        ("en", "has the president changed after the french elections?"),
        ("de", "ist das immer noch der Präsident?"),
    ],
)
def test_whether_the_presidency_changed_is_todays_president_with_the_election_caveat(lang, text) -> None:
    from actions.fallback import ActionAskRephrase
    from tests.actions.conftest import assert_says

    entities = [{"entity": "organ", "value": "president"}]
    tracker = make_tracker("nlu_fallback", text=text, entities=entities, slots={"language": lang})
    messages, events = run_action(ActionAskRephrase(), tracker)
    assert len(messages) == 1
    assert_says(messages[0], "governance.current_president", lang)
    assert {"event": "slot", "name": "person", "value": "François Grosdidier", "timestamp": None} in events


@pytest.mark.parametrize(
    ("text", "source"),
    [("woher kommt das geld", False), ("woher kommt das?", True)],
)
def test_where_the_money_comes_from_is_no_request_for_a_source(text: str, source: bool) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import answer_source_request

    slots = {"language": "de", "facts": ["network.history"]}
    tracker = make_tracker("ask_follow_up", text=text, slots=slots)
    assert (answer_source_request(CollectingDispatcher(), tracker, "de") is not None) is source


def test_a_person_in_a_long_message_the_nlu_could_not_place_gets_their_fact() -> None:
    from actions.fallback import ActionAskRephrase

    text = "Metz hatte im März 2026 Kommunalwahlen. Ist Grosdidier noch Bürgermeister?"
    entities = [
        {"entity": "city", "value": "metz", "start": 0, "end": 4},
        {"entity": "year", "value": "2026"},
    ]
    tracker = make_tracker("nlu_fallback", text=text, entities=entities, slots={"language": "de"})
    messages, _ = run_action(ActionAskRephrase(), tracker)
    # the mayor, with its date; not the signatories, whose text also says "Bürgermeister"
    assert [m["custom"]["qp"]["facts"] for m in messages if m.get("fact")] == [["city.metz.mayor"]]


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        ("fr", "et il ya des cours a metz en vrai, genre en presentiel", "metz"),
        ("en", "any good football clubs in trier?", "trier"),
    ],
)
def test_out_of_scope_about_a_member_city_points_to_its_website_without_only_four_cities(
    lang, text, city
) -> None:
    from actions.fallback import ActionAnswerOutOfScope
    from actions.store import STORE

    entities = [{"entity": "city", "value": city}]
    tracker = make_tracker("out_of_scope", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m["response"] for m in messages] == ["utter_out_of_scope_city"]
    assert messages[0]["pointer"] == STORE.city_website(city)
    assert messages[0]["city"] == STORE.city_name(city, lang)


@pytest.mark.parametrize(
    ("lang", "text", "entities"),
    [
        ("fr", "c'est vrai que Dominique Gros a été président?", []),
        ("en", "is it true that Lydie Polfer is still mayor?", []),
    ],
)
def test_a_claim_of_its_own_is_no_doubt_about_the_last_answer(lang: str, text: str, entities: list) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import answer_doubt
    from bot.language.kinds import question_of

    # the last answer named neither of them
    slots = {"language": lang, "subject": "network", "facts": ["network.history"]}
    tracker = make_tracker("ask_follow_up", text=text, entities=entities, slots=slots)
    assert answer_doubt(CollectingDispatcher(), tracker, question_of(text, lang)) is None
    # "c'est vrai ?" alone still doubts the last answer
    alone = make_tracker("ask_follow_up", text="c'est vrai ?", slots=slots)
    assert answer_doubt(CollectingDispatcher(), alone, question_of("c'est vrai ?", lang)) is not None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "c'est vrai que Dominique Gros a été président?"),
        ("en", "are you sure?"),
        ("de", "stimmt das?"),
    ],
)
def test_doubting_a_past_fact_gets_yes_and_the_fact_not_that_it_may_have_changed(
    lang: str, text: str
) -> None:
    from actions.fallback import ActionAskRephrase
    from actions.store import STORE
    from tests.actions.conftest import assert_says

    term = next(t for t in STORE.presidents() if t.person == "Dominique Gros")
    assert not STORE.term_fact(term).time_bound
    slots = {
        "language": lang,
        "subject": "organ:president",
        "facts": [term.key()],
        "person": "Dominique Gros",
    }
    messages, _ = run_action(ActionAskRephrase(), make_tracker("nlu_fallback", text=text, slots=slots))
    assert messages[0]["response"] == "utter_fact_confirmed"
    assert_says(messages[1], term.key(), lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Wikipedia dit Polfer, Rausch, Britz et Leibe"),
        ("en", "wikipedia says Polfer and Britz signed it"),
    ],
)
def test_a_counter_claim_about_the_signatories_just_given_gets_no_and_who_signed(
    lang: str, text: str
) -> None:
    from actions.fallback import ActionAskRephrase
    from actions.store import STORE

    slots = {"language": lang, "subject": "network", "facts": ["network.founders"]}
    messages, _ = run_action(ActionAskRephrase(), make_tracker("nlu_fallback", text=text, slots=slots))
    assert messages[0]["response"] == "utter_not_signatories"
    assert "Polfer" in messages[0]["persons"] and "Rausch" not in messages[0]["persons"]
    assert messages[1]["fact"] == STORE.fact("network.founders").answer_for("who", lang)


def test_doubting_a_person_the_last_answer_named_is_a_doubt_not_a_personal_question() -> None:
    from actions.fallback import ActionAskRephrase

    slots = {"language": "fr", "subject": "organ:president", "facts": ["governance.presidents"]}
    tracker = make_tracker(
        "nlu_fallback", text="t'es sûr pour Leibe ? Wikipedia dit autre chose", slots=slots
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert messages[0]["response"] in ("utter_fact_confirmed", "utter_fact_doubt")


def test_a_claim_about_a_role_of_someone_the_last_answer_named_is_a_question() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import answer_doubt
    from bot.language.kinds import question_of

    # Conradt's term names Leibe as treasurer; "was Leibe president?" asks about his own term
    slots = {"language": "en", "subject": "organ:president", "facts": ["governance.term.2022"]}
    text = "is it true that Leibe was president?"
    tracker = make_tracker("ask_president", text=text, slots=slots)
    assert answer_doubt(CollectingDispatcher(), tracker, question_of(text, "en")) is None


@pytest.mark.parametrize(
    ("lang", "text", "says"),
    [
        ("fr", "c'est vrai qu'elle est à Luxembourg-Ville ?", "utter_fact_not_so"),
        ("de", "stimmt es, dass die in Saarbrücken sitzt?", "utter_fact_not_so"),
        ("en", "is it true it's in Esch?", "utter_fact_confirmed"),
        # Esch is in the country Luxembourg: "au Luxembourg" is no counter-claim
        ("fr", "c'est vrai qu'elle est au Luxembourg ?", "utter_fact_confirmed"),
    ],
)
def test_a_claim_that_puts_the_office_elsewhere_gets_no_and_where_it_is(
    lang: str, text: str, says: str
) -> None:
    from actions.fallback import ActionAskRephrase
    from tests.actions.conftest import assert_says

    slots = {"language": lang, "subject": "organ:office", "facts": ["office.location"]}
    messages, _ = run_action(ActionAskRephrase(), make_tracker("nlu_fallback", text=text, slots=slots))
    assert messages[0]["response"] == says
    assert_says(messages[1], "office.location", lang)


def test_the_places_of_a_claim_and_of_a_fact() -> None:
    from actions.common import places_claimed, places_of_fact

    assert places_claimed("c'est vrai qu'elle est à Luxembourg-Ville ?") == {"luxembourg"}
    assert places_claimed("c'est vrai qu'elle est au Luxembourg ?") == set()
    assert places_claimed("is it in Metz or in Esch?") == {"metz", "esch"}
    assert places_of_fact("im Haus der Großregion in Esch-sur-Alzette, Luxemburg") == {"esch"}


def test_a_place_claim_under_a_city_intent_is_checked_against_the_fact_just_given() -> None:
    from actions.cities import ActionAnswerCity

    text = "c'est vrai qu'elle est à Luxembourg-Ville ?"
    start = text.index("Luxembourg")
    entities = [{"entity": "city", "value": "luxembourg", "start": start, "end": start + 10}]
    slots = {"language": "fr", "subject": "organ:office", "facts": ["office.location"]}
    messages, _ = run_action(ActionAnswerCity(), make_tracker("ask_city_info", text, entities, slots))
    assert [m.get("response") for m in messages][:1] == ["utter_fact_not_so"]
    assert messages[1]["fact"] == STORE_FACT("office.location", "fr")


def STORE_FACT(key: str, lang: str) -> str:
    from actions.store import STORE

    return STORE.fact(key).text_for(lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "Und was ist mit dem Blorx?"), ("fr", "et le zorglub ?"), ("en", "and the quux gizmo?")],
)
def test_a_later_part_nothing_answers_is_named_not_met_with_please_rephrase(lang: str, text: str) -> None:
    from actions.fallback import ActionAskRephrase
    from bot.language.split import PART_KEY

    tracker = make_tracker("nlu_fallback", text=text, slots={"language": lang})
    tracker.latest_message["metadata"] = {PART_KEY: 2}
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m["response"] for m in messages] == ["utter_part_not_answered"]
    assert messages[0]["part"] == text
    # a turn of its own is asked to rephrase
    messages, _ = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", text=text, slots={"language": lang})
    )
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]


def test_two_cities_with_a_way_to_travel_and_no_from_or_to_are_the_route_in_that_order() -> None:
    from actions.fallback import ActionAskRephrase
    from actions.store import STORE

    text = "ok et metz lux en train ca prend cb de temps?"
    entities = [
        {"entity": "city", "value": "metz", "start": 6, "end": 10},
        {"entity": "city", "value": "luxembourg", "start": 11, "end": 14},
        {"entity": "transport", "value": "train", "start": 18, "end": 23},
    ]
    messages, events = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", text, entities, {"language": "fr"})
    )
    route = STORE.route("metz", "luxembourg")
    assert route is not None and route.fact is not None
    assert any(route.fact.answer_for("how_long", "fr") == m.get("fact") for m in messages)


def test_long_distance_trains_and_one_city_the_nlu_could_not_place_are_its_station() -> None:
    from actions.fallback import ActionAskRephrase

    text = "Et depuis quand Trèves n'a plus de TGV/ICE ?"
    start = text.index("Trèves")
    entities = [{"entity": "city", "value": "trier", "start": start, "end": start + 6}]
    messages, events = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", text, entities, {"language": "fr"})
    )
    assert messages[0]["fact"] == STORE_FACT("city.trier.station", "fr")


@pytest.mark.parametrize(
    ("lang", "text", "key"),
    [
        ("fr", "Et le chiffre de 530 000 habitants, il vient d'où ?", "network.population"),
        ("de", "woher stammt die Zahl 530.000?", "network.population"),
        ("en", "where does the 530,000 figure come from?", "network.population"),
    ],
)
def test_a_number_quoted_with_where_from_gets_the_fact_that_gives_it_and_its_source(
    lang: str, text: str, key: str
) -> None:
    from actions.cities import ActionAnswerCity

    # the conversation was about long-distance trains; the NLU took it for a population question
    slots = {"language": lang, "facts": ["travel.airports_stations"]}
    messages, events = run_action(ActionAnswerCity(), make_tracker("ask_city_population", text, slots=slots))
    assert messages[0]["fact"] == STORE_FACT(key, lang)
    assert messages[0]["response"] in ("utter_fact", "utter_fact_dated")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Und was war zwischen 2000 und 2014, ist da gar nichts passiert?"),
        ("fr", "et entre 2000 et 2014 il s'est passé quoi ?"),
        ("en", "what happened between 2000 and 2014?"),
    ],
)
def test_what_happened_between_two_years_is_what_the_store_dates_in_between(lang: str, text: str) -> None:
    from actions.network import ActionAnswerNetwork

    slots = {"language": lang, "subject": "network", "facts": ["network.history"]}
    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_history", text, slots=slots)
    )
    assert messages[0]["response"] == "utter_between_years"
    said = [m.get("fact") for m in messages[1:]]
    assert STORE_FACT("network.cooperation_agreement", lang) in said
    assert STORE_FACT("network.history", lang) not in said


def test_who_held_an_office_between_two_years_is_not_what_happened() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.network import answer_between_years
    from bot.language.kinds import question_of

    text = "wer war von 2022 bis 2024 Präsident?"
    tracker = make_tracker("ask_president", text)
    assert answer_between_years(CollectingDispatcher(), tracker, question_of(text, "de"), "de") is None


def test_a_later_part_out_of_scope_or_taken_for_help_is_named_not_answered_with_a_menu() -> None:
    from actions.fallback import ActionAnswerCapabilities, ActionAnswerOutOfScope
    from bot.language.split import PART_KEY

    tracker = make_tracker("out_of_scope", text="il faut un interprète ?", slots={"language": "fr"})
    tracker.latest_message["metadata"] = {PART_KEY: 3}
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m["response"] for m in messages] == ["utter_part_not_answered"]
    tracker = make_tracker("ask_capabilities", text="and can you tell me more?", slots={"language": "en"})
    tracker.latest_message["metadata"] = {PART_KEY: 2}
    messages, _ = run_action(ActionAnswerCapabilities(), tracker)
    assert [m["response"] for m in messages] == ["utter_part_not_answered"]


def test_a_service_named_in_a_request_for_help_is_that_service() -> None:
    from actions.fallback import ActionAnswerCapabilities

    tracker = make_tracker(
        "ask_capabilities", text="can they help me with my permit?", slots={"language": "en", "city": "trier"}
    )
    messages, events = run_action(ActionAnswerCapabilities(), tracker)
    assert "utter_capabilities" not in [m.get("response") for m in messages]
    assert {"event": "slot", "name": "service", "value": "residence_permit"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


def test_a_claim_about_the_associations_seat_is_checked_against_the_seat_not_the_office() -> None:
    from actions.fallback import ActionAskRephrase

    text = "stimmt nicht, der verein sitzt doch in saarbrücken"
    start = text.index("saarbrücken")
    entities = [{"entity": "city", "value": "saarbruecken", "start": start, "end": start + 11}]
    slots = {"language": "de", "subject": "organ:office", "facts": ["office.tasks"]}
    messages, _ = run_action(ActionAskRephrase(), make_tracker("nlu_fallback", text, entities, slots))
    assert [m.get("response") for m in messages][:1] == ["utter_fact_confirmed"]


def test_a_place_claim_about_a_fact_that_names_no_place_is_not_answered_no() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import answer_place_claim
    from bot.language.kinds import question_of

    text = "stimmt nicht, das ist doch in Trier"
    tracker = make_tracker(
        "nlu_fallback",
        text,
        [{"entity": "city", "value": "trier"}],
        {"language": "de", "subject": "organ:office", "facts": ["office.tasks"]},
    )
    assert answer_place_claim(CollectingDispatcher(), tracker, question_of(text, "de")) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "das glaube ich nicht, irgendwas müsst ihr doch wissen"),
        ("fr", "j'y crois pas"),
        ("en", "i don't believe that"),
    ],
)
@pytest.mark.parametrize("unknown", ["utter_unknown_cost", "utter_service_unknown_topic"])
def test_a_doubt_after_i_dont_have_that_says_nothing_is_made_up(lang: str, text: str, unknown: str) -> None:
    from actions.fallback import ActionAskRephrase

    events = [
        {"event": "user", "text": "was kostet das?"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": unknown}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker("nlu_fallback", text=text, slots={"language": lang}, events=events)
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m["response"] for m in messages] == ["utter_doubt_nothing_known"]


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        ("de", "ask_capabilities", "sie haben meine Frage nicht beantwortet"),
        ("de", "deny", "das war nicht die frage"),
        ("fr", "bot_challenge", "vous n'avez pas répondu à ma question"),
        ("fr", "deny", "c'est pas ce que j'ai demandé"),
        ("en", "deny", "that's not what i asked"),
        ("en", "bot_challenge", "you didnt answer my question"),
        ("fr", "deny", "c'est vague ça. vous savez ou pas ?"),
    ],
)
def test_pushback_names_the_question_and_where_to_look_not_the_menu(
    lang: str, intent: str, text: str
) -> None:
    from actions.fallback import ActionAnswerBot, ActionAnswerCapabilities, ActionAnswerYesNo

    action = {
        "ask_capabilities": ActionAnswerCapabilities,
        "bot_challenge": ActionAnswerBot,
        "deny": ActionAnswerYesNo,
    }
    asked = "wann hat die geschäftsstelle offen und kann man da einfach vorbeikommen ohne termin oder muss man vorher anrufen"
    events = [
        {"event": "user", "text": asked},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text},
    ]
    slots = {"language": lang, "subject": "organ:office", "facts": ["office.tasks"]}
    tracker = make_tracker(intent, text=text, slots=slots, events=events)
    messages, _ = run_action(action[intent](), tracker)
    assert [m["response"] for m in messages] == ["utter_pushback"]
    quoted = messages[0]["asked"]
    assert (
        quoted.startswith("wann hat die geschäftsstelle offen")
        and quoted.endswith(" …")
        and len(quoted) <= 82
    )
    assert messages[0]["pointer"].startswith("http")


def test_pushback_with_a_question_of_its_own_is_answered_as_that_question() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import answer_pushback

    text = "not what i asked: when is the office open?"
    events = [{"event": "user", "text": "what does the office do"}, {"event": "user", "text": text}]
    tracker = make_tracker(
        "ask_capabilities", text, [{"entity": "organ", "value": "office"}], {"language": "en"}, events
    )
    assert answer_pushback(CollectingDispatcher(), tracker) is None


@pytest.mark.parametrize(("lang", "text"), [("de", "das glaube ich nicht"), ("fr", "je ne crois pas")])
def test_a_plain_doubt_right_after_a_fact_doubts_it_and_after_anything_else_it_is_a_no(
    lang: str, text: str
) -> None:
    from actions.fallback import ActionAnswerYesNo

    after_fact = [
        {"event": "user", "text": "wer ist präsident"},
        {"event": "bot", "text": "François Grosdidier …", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text},
    ]
    slots = {"language": lang, "subject": "organ:president", "facts": ["governance.current_president"]}
    messages, _ = run_action(ActionAnswerYesNo(), make_tracker("deny", text, slots=slots, events=after_fact))
    assert messages[0]["response"] == "utter_fact_doubt" and "2025" in messages[0]["as_of"]

    after_question = after_fact[:2] + [
        {"event": "user", "text": "danke"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_anything_else"}},
        {"event": "user", "text": text},
    ]
    messages, _ = run_action(
        ActionAnswerYesNo(), make_tracker("deny", text, slots=slots, events=after_question)
    )
    assert [m["response"] for m in messages] == ["utter_anything_else"]


def test_a_question_to_the_bot_that_names_a_known_person_is_about_them() -> None:
    from actions.fallback import ActionAnswerBot

    text = "jsp c ki grosdidier lol il fait koi"
    messages, _ = run_action(ActionAnswerBot(), make_tracker("bot_challenge", text, slots={"language": "fr"}))
    assert messages[0]["response"] != "utter_iamabot" and "Grosdidier" in messages[0]["fact"]


def test_pushback_that_asks_a_kind_again_is_answered_about_the_conversations_subject() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    text = "that's not what I asked, I asked whether I can sign up"
    events = [{"event": "user", "text": "can I apply?"}, {"event": "user", "text": text}]
    slots = {"language": "en", "subject": "project:music_prize", "facts": ["project.music_prize"]}
    messages, _ = run_action(
        ActionAnswerOutOfScope(), make_tracker("out_of_scope", text, slots=slots, events=events)
    )
    assert messages[0]["response"] == "utter_unknown_sign_up"
    assert messages[0]["subject"] == STORE.project_name("music_prize", "en")


@pytest.mark.parametrize(
    ("lang", "text"), [("de", "wie alt bist du"), ("en", "how old are you?"), ("fr", "t'as quel âge ?")]
)
def test_a_personal_question_to_the_assistant_is_about_the_assistant(lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {"language": lang, "city": "luxembourg", "subject": "city:luxembourg:overview"}
    messages, _ = run_action(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text, slots=slots))
    assert [m["response"] for m in messages] == ["utter_iamabot"]


def test_a_question_the_nlu_took_for_a_yes_is_asked_again_not_answered_with_anything_else() -> None:
    from actions.fallback import ActionAnswerYesNo

    text = "ya des concerts ?"  # "ya": "il y a", not "yeah"
    messages, _ = run_action(ActionAnswerYesNo(), make_tracker("affirm", text, slots={"language": "fr"}))
    assert messages and messages[0]["response"] != "utter_anything_else"


def test_a_doubt_put_to_the_bot_right_after_a_fact_gets_its_date() -> None:
    from actions.fallback import ActionAnswerBot

    text = "vous êtes sûr ? il y a eu les municipales en mars"
    events = [
        {"event": "user", "text": "qui est le maire de metz"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text},
    ]
    slots = {"language": "fr", "subject": "city:metz:mayor", "facts": ["city.metz.mayor"], "city": "metz"}
    messages, _ = run_action(
        ActionAnswerBot(), make_tracker("bot_challenge", text, slots=slots, events=events)
    )
    assert messages[0]["response"] == "utter_fact_doubt"


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        ("fr", "ask_president", "pouvez-vous, oui ou non, faire parvenir mon opinion au président ?"),
        ("de", "out_of_scope", "können sie das an den präsidenten weiterleiten?"),
        ("en", "ask_capabilities", "can you pass on my complaint to the mayors?"),
    ],
)
def test_a_message_to_pass_on_gets_whom_to_write_to(lang: str, intent: str, text: str) -> None:
    from actions.fallback import ActionAnswerCapabilities, ActionAnswerOutOfScope
    from actions.governance import ActionAnswerGovernance

    action = {
        "ask_president": ActionAnswerGovernance,
        "out_of_scope": ActionAnswerOutOfScope,
        "ask_capabilities": ActionAnswerCapabilities,
    }[intent]()
    messages, _ = run_action(action, make_tracker(intent, text, slots={"language": lang}))
    assert [m["response"] for m in messages] == ["utter_forward_message"]


def test_who_runs_the_assistant_and_what_it_keeps_when_the_nlu_could_not_place_it() -> None:
    from actions.fallback import ActionAskRephrase

    text = "last thing, are you run by quattropole? do you save what we type"
    messages, _ = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", text, slots={"language": "en"})
    )
    assert [m["response"] for m in messages] == ["utter_who_made_me", "utter_privacy"]


def test_pushback_that_asks_the_day_again_is_answered_about_the_anniversary() -> None:
    from actions.fallback import ActionAskRephrase

    text = (
        "Je vous remercie, mais vous ne m'avez point indiqué le jour exact de la célébration au "
        "Cercle Cité, ni si les citoyens ordinaires pouvaient y assister."
    )
    events = [
        {"event": "user", "text": "comment s'est passée la célébration des 25 ans ?"},
        {"event": "user", "text": text},
    ]
    slots = {"language": "fr", "subject": "network", "facts": ["network.anniversary"]}
    messages, _ = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", text, slots=slots, events=events)
    )
    said = [k for m in messages for k in (m.get("custom") or {}).get("qp", {}).get("facts", [])]
    assert said and "2025" in str(messages) and "coordination" not in str(said)


@pytest.mark.parametrize(
    ("lang", "text"), [("de", "nochmal bitte"), ("fr", "tu peux répéter ?"), ("en", "say that again please")]
)
def test_asking_to_hear_it_again_repeats_the_last_answer_not_goodbye(lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerGoodbye

    slots = {"language": lang, "subject": "city:trier:mayor", "facts": ["city.trier.mayor"]}
    messages, _ = run_action(ActionAnswerGoodbye(), make_tracker("goodbye", text, slots=slots))
    assert messages[0]["response"] == "utter_said_again"
    assert [m["custom"]["qp"]["facts"] for m in messages[1:]] == [["city.trier.mayor"]]


def test_not_understanding_the_last_answer_gets_it_again_not_the_menu() -> None:
    from actions.fallback import ActionAnswerCapabilities

    slots = {"language": "de", "subject": "city:trier:mayor", "facts": ["city.trier.mayor"]}
    messages, _ = run_action(
        ActionAnswerCapabilities(), make_tracker("ask_capabilities", "versteh ich nicht", slots=slots)
    )
    assert [m["response"] for m in messages][:1] == ["utter_said_again"]


@pytest.mark.parametrize(
    "text",
    [
        "et aujourd'hui c'est toujours grosdidier? il y a eu les municipales en mars",
        "et aujourd'hui c'est toujours grosdidier?",
    ],
)
def test_a_doubt_about_now_right_after_a_past_term_gets_todays_president_not_yes(text: str) -> None:
    from actions.fallback import ActionAskRephrase

    events = [
        {"event": "user", "text": "qui etait president en 2023"},
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_fact"}},
        {"event": "user", "text": text},
    ]
    slots = {
        "language": "fr",
        "subject": "organ:president",
        "facts": ["governance.term.2022"],
        "person": "Uwe Conradt",
    }
    messages, _ = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", text, slots=slots, events=events)
    )
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["governance.current_president"]]
    assert "utter_fact_confirmed" not in [m["response"] for m in messages]


def test_a_share_claimed_about_a_city_is_no_claim_about_where_the_last_fact_is() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import answer_place_claim
    from bot.language.kinds import question_of

    text = "Is it true that 70% of people in Luxembourg City are foreigners?"
    slots = {"language": "en", "subject": "city:trier:languages", "facts": ["city.trier.languages"]}
    tracker = make_tracker("ask_city_population", text, [{"entity": "city", "value": "luxembourg"}], slots)
    assert answer_place_claim(CollectingDispatcher(), tracker, question_of(text, "en")) is None


def test_where_the_assistants_answers_come_from_is_about_the_assistant_under_any_intent() -> None:
    from actions.cities import ActionAnswerCity

    text = "where do your answers come from, are they up to date?"
    slots = {
        "language": "en",
        "city": "trier",
        "subject": "city:trier:overview",
        "facts": ["city.trier.overview"],
    }
    messages, _ = run_action(ActionAnswerCity(), make_tracker("ask_city_overview", text, slots=slots))
    assert [m["response"] for m in messages] == ["utter_bot_freshness"]


def test_a_pensioner_asking_to_take_part_out_of_scope_gets_the_citizens_shuttles() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker(
        "out_of_scope", text="kann man da als rentner mitmachen? ausflüge oder so", slots={"language": "de"}
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert messages[0]["response"] == "utter_group_offer_closest"
    assert messages[1]["custom"]["qp"]["facts"] == ["project.rencontres_citoyennes"]


def test_a_doubted_year_that_the_fact_gives_is_confirmed_with_the_fact() -> None:
    from actions.network import ActionAnswerNetwork

    first = make_tracker(
        "ask_quattropole_members",
        text="les villes de Metz et Trèves sont jumelées depuis quand ?",
        slots={"language": "fr"},
    )
    said, _ = run_action(ActionAnswerNetwork(), first)
    events = [{"event": "user", "text": "les villes de Metz et Trèves sont jumelées depuis quand ?"}]
    events += [{"event": "bot", "text": m["fact"] + "\nSource : …"} for m in said]
    events += [{"event": "user", "text": "c'est pas 1957 ?"}]
    again = make_tracker(
        "ask_quattropole_members",
        text="c'est pas 1957 ? le jumelage",
        slots={"language": "fr"},
        events=events,
    )
    messages, _ = run_action(ActionAnswerNetwork(), again)
    assert messages[0]["response"] == "utter_fact_confirmed"
    assert "1957" in messages[1]["fact"]


def test_still_mayor_the_nlu_put_out_of_scope_after_a_mayor_is_that_mayor_as_far_as_known() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {"language": "en", "subject": "city:metz:mayor", "city": "metz", "facts": ["city.metz.mayor"]}
    tracker = make_tracker(
        "out_of_scope", text="wait is that guy still mayor tho, i think france had elections", slots=slots
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["city.metz.mayor"]
    assert "2026" in messages[0]["fact"]  # the elections that may have changed it
    assert messages[-1]["response"] == "utter_still_so"


def test_the_total_of_the_four_the_nlu_put_out_of_scope_after_a_city_figure_is_the_networks() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    slots = {
        "language": "en",
        "topic": "city.population",
        "city": "trier",
        "facts": ["city.trier.population"],
    }
    tracker = make_tracker("out_of_scope", text="so whats the total for all 4", slots=slots)
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["network.population"]


def test_the_first_of_a_series_asked_at_length_after_one_edition_is_that_first_edition() -> None:
    """ "et le premier, celui sur la santé, y avait des prix a gagner ?" right after the 2025
    hackathon: the 2023 health hackathon's prize money, not "I only know about QuattroPole"."""
    from actions.fallback import ActionAnswerOutOfScope

    slots = {"language": "fr", "subject": "project:hackathon_2025", "facts": ["project.hackathon_2025"]}
    text = "et le premier, celui sur la santé, y avait des prix a gagner ?"
    messages, _ = run_action(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text=text, slots=slots))
    assert messages[0]["custom"]["qp"]["facts"] == ["project.health_hackathon_2023"]
    assert "22" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "je peux te citer dans mon article ?"),
        ("de", "darf ich dich zitieren?"),
        ("en", "can I quote you in my piece?"),
    ],
)
def test_asking_to_quote_the_assistant_points_to_the_sources(lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker("out_of_scope", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m.get("response") for m in messages] == ["utter_quote_me"]


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("out_of_scope", "merci. vous parlez allemand aussi ? mon petit fils est a Sarrebruck"),
        ("nlu_fallback", "je demandais si VOUS, le robot, vous repondez en allemand"),
    ],
)
def test_whether_the_assistant_speaks_a_language_is_its_languages(intent: str, text: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope, ActionAskRephrase

    action = ActionAnswerOutOfScope() if intent == "out_of_scope" else ActionAskRephrase()
    entities = [{"entity": "city", "value": "saarbruecken"}] if "Sarrebruck" in text else []
    tracker = make_tracker(intent, text=text, entities=entities, slots={"language": "fr"})
    messages, _ = run_action(action, tracker)
    assert [m.get("response") for m in messages] == ["utter_bot_languages"]


def test_a_corrected_route_the_nlu_took_for_a_no_is_the_corrected_route_by_the_same_means() -> None:
    from actions.fallback import ActionAnswerYesNo

    events = [
        {
            "event": "user",
            "text": "combien de temps en voiture de Treves a Luxembourg ?",
            "parse_data": {"entities": [{"entity": "transport", "value": "car"}]},
        },
        {"event": "slot", "name": "topic", "value": "travel:trier:luxembourg:car"},
        {"event": "user", "text": "non pardon je voulais dire de Metz, pas de Treves", "parse_data": {}},
    ]
    tracker = make_tracker(
        "deny",
        text="non pardon je voulais dire de Metz, pas de Treves",
        entities=[{"entity": "city", "value": "metz"}, {"entity": "city", "value": "trier"}],
        slots={"language": "fr", "topic": "travel:trier:luxembourg:car"},
        events=events,
    )
    messages, slots = run_action(ActionAnswerYesNo(), tracker)
    assert "utter_anything_else" not in [m.get("response") for m in messages]
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "topic",
        "value": "travel:metz:luxembourg:car",
    } in slots


def test_a_later_question_the_nlu_took_for_a_yes_is_not_anything_else() -> None:
    from actions.fallback import ActionAnswerYesNo
    from bot.language.split import PART_KEY

    tracker = make_tracker("affirm", text="which one is right?", slots={"language": "en"})
    tracker.latest_message["metadata"] = {PART_KEY: 1}
    messages, _ = run_action(ActionAnswerYesNo(), tracker)
    assert "utter_anything_else" not in [m.get("response") for m in messages]


@pytest.mark.parametrize(
    ("intent", "text", "response"),
    [
        ("nlu_fallback", "Et mes questions sont-elles enregistrees ?", "utter_privacy"),
        ("ask_city_overview", "wait first, how old is this info u have", "utter_bot_freshness"),
    ],
)
def test_what_the_assistant_keeps_and_how_old_its_facts_are(intent: str, text: str, response: str) -> None:
    from actions.cities import ActionAnswerCity
    from actions.fallback import ActionAskRephrase

    action = ActionAskRephrase() if intent == "nlu_fallback" else ActionAnswerCity()
    tracker = make_tracker(intent, text=text, slots={"language": "fr" if "Et mes" in text else "en"})
    messages, _ = run_action(action, tracker)
    assert [m.get("response") for m in messages] == [response]


def test_550k_is_the_networks_figure_against_the_cities_sum() -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker(
        "nlu_fallback", text="but if i add ur numbers i get like 550k??", slots={"language": "en"}
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["network.population"]]
    assert "550,000" in messages[0]["fact"]


def test_whether_the_facts_are_up_to_date_taken_for_a_greeting_is_the_freshness_answer() -> None:
    from actions.fallback import ActionAnswerGreet

    tracker = make_tracker("greet", text="Vos informations sont-elles à jour ?", slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerGreet(), tracker)
    assert [m.get("response") for m in messages] == ["utter_bot_freshness"]


def test_what_quattropole_is_asked_with_a_service_named_in_passing_is_what_it_is() -> None:
    from actions.services import ActionAnswerCityService

    tracker = make_tracker(
        "ask_city_service",
        text="hi! I'm an erasmus student in saarbrucken, someone at uni mentioned quattropole. what is it?",
        entities=[
            {"entity": "city", "value": "saarbruecken"},
            {"entity": "service", "value": "universities"},
        ],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert messages[0]["custom"]["qp"]["facts"][0].startswith("network.")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "sag mal gibts quattropole auch auf facebook oder insta"),
        ("en", "is quattropole on instagram?"),
    ],
)
def test_social_media_accounts_are_not_known_and_the_website_is(lang: str, text: str) -> None:
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker("out_of_scope", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m.get("response") for m in messages] == ["utter_social_media"]


def test_national_politics_the_nlu_could_not_place_is_out_of_scope() -> None:
    from actions.fallback import ActionAskRephrase

    tracker = make_tracker(
        "nlu_fallback",
        text="Qui est le président de la France ?",
        entities=[{"entity": "organ", "value": "president"}],
        slots={"language": "fr"},
    )
    messages, _ = run_action(ActionAskRephrase(), tracker)
    assert [m.get("response") for m in messages] == ["utter_out_of_scope"]


def test_a_service_asked_as_a_follow_up_is_that_service_in_the_conversations_city() -> None:
    from actions.follow_up import ActionAnswerFollowUp

    tracker = make_tracker(
        "ask_follow_up",
        text="ok and what about museums?",
        entities=[{"entity": "service", "value": "tourism"}],
        slots={"language": "en", "city": "metz"},
    )
    messages, events = run_action(ActionAnswerFollowUp(), tracker)
    assert {"event": "slot", "timestamp": None, "name": "service", "value": "tourism"} in events
    assert "utter_follow_up_unclear" not in [m.get("response") for m in messages]


def test_what_a_citizen_can_take_part_in_out_of_scope_is_what_one_can_sign_up_for() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    tracker = make_tracker(
        "out_of_scope",
        text="as a regular person in trier is there anything i can actually take part in",
        entities=[{"entity": "city", "value": "trier"}],
        slots={"language": "en"},
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert messages[0]["custom"]["qp"]["facts"][0].startswith("project.")


def test_a_doubt_naming_a_building_the_facts_do_not_name_gets_no_yes() -> None:
    from actions.fallback import ActionAnswerYesNo

    slots = {"language": "de", "subject": "network", "facts": ["network.association"]}
    tracker = make_tracker("deny", text="War das nicht im Rathaus St. Johann?", slots=slots)
    messages, _ = run_action(ActionAnswerYesNo(), tracker)
    assert "utter_fact_confirmed" not in [m.get("response") for m in messages]
