"""actions/common.py. say_fact: the citation (label, date, address) in the reader's language,
once per reply, and the structured data the web widget and feedback read. FactAction: no
language yet means asking for one."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.cities import ActionAnswerCity
from actions.common import citation_text, say_fact
from actions.store import STORE
from bot.facts import clock
from tests.actions.conftest import make_tracker, run_action


def test_say_fact_by_key_cites_label_date_and_url() -> None:
    dispatcher = CollectingDispatcher()
    assert say_fact(dispatcher, "office.location", "de")
    [message] = dispatcher.messages
    assert message["response"] == "utter_fact"
    assert message["source"] == (
        "Rathaus-Zeitung, Stadt Trier – trier.de (23. Juni 2015) – "
        "https://www.trier.de/rathaus-buerger-in/aktuelles/rathaus-zeitung/kooperation-auf-neuen-fluren/"
    )
    assert message["custom"] == {
        "qp": {
            "facts": ["office.location"],
            "sources": [
                {
                    "label": "Rathaus-Zeitung, Stadt Trier – trier.de",
                    "url": "https://www.trier.de/rathaus-buerger-in/aktuelles/rathaus-zeitung/kooperation-auf-neuen-fluren/",
                    "date": "23. Juni 2015",
                }
            ],
        }
    }


def test_say_fact_with_a_fact_object_finds_its_key() -> None:
    dispatcher = CollectingDispatcher()
    fact = STORE.fact("city.trier.mayor")
    say_fact(dispatcher, fact, "en")
    [message] = dispatcher.messages
    assert message["response"] == "utter_fact_dated"
    assert message["custom"]["qp"]["facts"] == ["city.trier.mayor"]
    assert message["as_of"] == "as of September 2022"


@pytest.mark.parametrize(("lang", "site"), [("fr", "/fr/"), ("en", "/en/")])
def test_source_in_the_readers_language(lang: str, site: str) -> None:
    dispatcher = CollectingDispatcher()
    say_fact(dispatcher, "project.fair_trade", lang)
    assert site in dispatcher.messages[0]["source"]


def test_the_same_source_twice_in_one_reply_is_shown_once() -> None:
    dispatcher = CollectingDispatcher()
    # both cite the same quattropole.org page
    say_fact(dispatcher, "governance.board", "de")
    say_fact(dispatcher, "governance.coordination_committee", "de")
    first, second = dispatcher.messages
    assert first["response"] == "utter_fact" and "source" in first
    assert second["response"] == "utter_fact_plain" and "source" not in second
    # the structured data still names the source of each fact
    assert second["custom"]["qp"]["sources"] == first["custom"]["qp"]["sources"]
    # a new reply (a new dispatcher) shows it again
    fresh = CollectingDispatcher()
    say_fact(fresh, "governance.coordination_committee", "de")
    assert fresh.messages[0]["response"] == "utter_fact"


def test_dated_fact_whose_source_was_shown_keeps_its_date() -> None:
    dispatcher = CollectingDispatcher()
    say_fact(dispatcher, "city.metz.population", "de")
    say_fact(dispatcher, "city.metz.population", "de")
    assert dispatcher.messages[1]["response"] == "utter_fact_dated_plain"
    assert dispatcher.messages[1]["as_of"].startswith("Stand:")


def test_short_answer_replaces_the_text() -> None:
    dispatcher = CollectingDispatcher()
    fact = STORE.fact("city.trier.mayor")
    say_fact(dispatcher, fact, "en", text=fact.answer_for("until", "en"))
    assert dispatcher.messages[0]["fact"] == "Wolfram Leibe's second term runs until 31 March 2031."


def test_past_event_is_said_in_the_past(monkeypatch: pytest.MonkeyPatch) -> None:
    key = "project.music_prize.final_2026"
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 3, 1))
    before = CollectingDispatcher()
    say_fact(before, key, "en")
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 6))
    after = CollectingDispatcher()
    say_fact(after, key, "en")
    assert "takes place" in before.messages[0]["fact"]
    assert "took place" in after.messages[0]["fact"]


def test_unknown_key_says_nothing() -> None:
    dispatcher = CollectingDispatcher()
    assert say_fact(dispatcher, "no.such.fact", "de") is False
    assert dispatcher.messages == []


def test_citation_text_without_a_date() -> None:
    citation = STORE.citation("city.trier.names", "de")
    assert citation.date_text is None
    assert citation_text(citation) == "Stadt Trier – trier.de – https://www.trier.de"


def test_no_language_yet_asks_for_one_instead_of_guessing() -> None:
    tracker = make_tracker(
        "ask_city_mayor", entities=[{"entity": "city", "value": "metz"}], slots={"language": None}
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["response"] for m in messages] == ["utter_choose_language"]


def _exchange(before: str, reply: str) -> list:
    return [
        {"event": "user", "text": before},
        {"event": "bot", "text": reply},
        {"event": "user", "text": "latest"},
    ]


def test_a_reply_that_would_repeat_the_last_one_word_for_word_says_so_instead() -> None:
    from actions.network import ActionAnswerNetwork

    first = make_tracker(
        "ask_quattropole_history", text="wann wurde quattropole gegründet", slots={"language": "de"}
    )
    said, _ = run_action(ActionAnswerNetwork(), first)
    reply = [m["fact"] + "\nQuelle: …" for m in said]
    events = [{"event": "user", "text": "wann wurde quattropole gegründet"}]
    events += [{"event": "bot", "text": text} for text in reply] + [
        {"event": "user", "text": "und der verein?"}
    ]
    again = make_tracker(
        "ask_quattropole_history", text="und der verein?", slots={"language": "de"}, events=events
    )
    messages, _ = run_action(ActionAnswerNetwork(), again)
    assert [m["response"] for m in messages] == ["utter_nothing_more"]
    assert messages[0]["pointer"].startswith("https://")
    # the same question again is answered again
    same = make_tracker(
        "ask_quattropole_history",
        text="Wann wurde QuattroPole gegründet?",
        slots={"language": "de"},
        events=events,
    )
    messages, _ = run_action(ActionAnswerNetwork(), same)
    assert [m["fact"] for m in messages] == [m["fact"] for m in said]


@pytest.mark.parametrize("lang", ["de", "fr", "en"])
def test_a_text_that_tells_its_own_date_gets_no_second_one(lang: str) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.common import say_fact

    fact = STORE.fact("governance.term.2025")
    short = fact.answer_for("since", lang)
    dispatcher = CollectingDispatcher()
    say_fact(dispatcher, fact, lang, text=short)
    assert dispatcher.messages[0]["response"] in ("utter_fact", "utter_fact_plain")
    # a text without its date in its own words gets it once, after it
    dispatcher = CollectingDispatcher()
    say_fact(dispatcher, STORE.fact("city.metz.population"), lang)
    assert dispatcher.messages[0]["response"] in ("utter_fact_dated", "utter_fact_dated_plain")


@pytest.mark.parametrize(
    ("text", "word", "kept"),
    [
        ("saarbrucken to luxembourg without a car", "car", []),
        ("ohne Auto nach Metz", "Auto", []),
        ("sans voiture, comment aller à Metz", "voiture", []),
        ("je n'ai pas d'auto", "auto", []),
        ("no, by car", "car", ["car"]),
        ("by car please", "car", ["car"]),
    ],
)
def test_a_means_of_transport_ruled_out_is_not_asked_about(text: str, word: str, kept: list) -> None:
    from actions.common import entity_values

    at = text.index(word)
    entities = [{"entity": "transport", "value": "car", "start": at, "end": at + len(word)}]
    assert entity_values(make_tracker("ask_travel", text=text, entities=entities), "transport") == kept


def test_a_doubt_about_what_the_last_reply_said_gets_yes_and_the_fact_again() -> None:
    from actions.cities import ActionAnswerCity
    from actions.store import STORE

    overview = STORE.fact("city.trier.overview")
    assert overview is not None and not overview.time_bound
    first_text = "tell me about trier"
    events = [
        {"event": "user", "text": first_text},
        {"event": "bot", "text": overview.text_for("en") + "\nSource: …"},
        {"event": "user", "text": "is it true trier is the oldest city in germany"},
    ]
    text = "is it true trier is the oldest city in germany"
    start = text.index("trier")
    tracker = make_tracker(
        "ask_city_info",
        text=text,
        entities=[{"entity": "city", "value": "trier", "start": start, "end": start + 5}],
        slots={"language": "en", "city": "trier", "topic": "city.overview"},
        events=events,
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["response"] for m in messages][:1] == ["utter_fact_confirmed"]
    assert messages[1]["fact"] == overview.text_for("en")


def test_the_oldest_city_in_a_country_is_not_the_four_compared() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.common import answer_ranking
    from bot.language.kinds import question_of

    text = "is it true trier is the oldest city in germany"
    tracker = make_tracker("ask_city_info", text=text, entities=[{"entity": "city", "value": "trier"}])
    assert answer_ranking(CollectingDispatcher(), tracker, question_of(text, "en"), "en") is None
    text = "which of the four cities is the oldest?"
    tracker = make_tracker("ask_city_info", text=text)
    assert answer_ranking(CollectingDispatcher(), tracker, question_of(text, "en"), "en") is not None


def test_an_unsure_guess_with_off_topic_words_and_nothing_the_store_names_is_off_topic() -> None:
    from actions.projects import ActionAnswerProjects

    tracker = make_tracker(
        "ask_projects", text="je dois acheter des actions lesquelles", slots={"language": "fr"}
    )
    tracker.latest_message["intent"]["confidence"] = 0.53
    messages, _ = run_action(ActionAnswerProjects(), tracker)
    assert [m["response"] for m in messages] == ["utter_out_of_scope"]
    # a sure one is answered
    sure = make_tracker("ask_projects", text="quelles actions mène le réseau ?", slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerProjects(), sure)
    assert "utter_out_of_scope" not in [m.get("response") for m in messages]
    # an unsure one that names the network is about it
    art = make_tracker(
        "ask_projects", text="Macht QuattroPole auch etwas mit Kunst oder Musik?", slots={"language": "de"}
    )
    art.latest_message["intent"]["confidence"] = 0.5
    messages, _ = run_action(ActionAnswerProjects(), art)
    assert "utter_out_of_scope" not in [m.get("response") for m in messages]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Do I need euros in all four cities or do they use something else?"),
        ("de", "welche Währung hat man in Luxemburg?"),
        ("fr", "on paye en euros partout ?"),
    ],
)
def test_the_currency_is_the_euro_not_the_networks_budget(lang: str, text: str) -> None:
    from actions.fallback import ActionAskRephrase
    from actions.store import STORE

    messages, _ = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", text=text, slots={"language": lang})
    )
    assert [m.get("fact") for m in messages] == [STORE.fact("network.currency").text_for(lang)]


def test_a_prizes_euros_are_not_the_currency() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.common import answer_currency
    from bot.language.kinds import question_of

    text = "combien d'euros reçoit le gagnant du prix de musique ?"
    tracker = make_tracker("ask_project_detail", text=text, slots={"language": "fr"})
    assert answer_currency(CollectingDispatcher(), tracker, question_of(text, "fr"), "fr") is None


def _facts_said(messages: list) -> list:
    return [k for m in messages for k in (m.get("custom") or {}).get("qp", {}).get("facts", [])]


@pytest.mark.parametrize(
    ("lang", "intent", "text", "city", "said"),
    [
        # the mayor and one city: that city's mayor, whichever governance intent won; the next
        # election is not known, and for Trier the term's end is the closest thing known
        (
            "en",
            "ask_president_election",
            "when is the next mayoral election in trier",
            "trier",
            "city.trier.mayor",
        ),
        (
            "de",
            "ask_president_election",
            "wann ist die nächste OB-Wahl in Trier?",
            "trier",
            "city.trier.mayor",
        ),
        ("fr", "ask_president_election", "c'est quand les prochaines municipales à metz ?", "metz", None),
    ],
)
def test_a_mayors_next_election_is_the_citys_mayor_not_the_presidency(
    lang: str, intent: str, text: str, city: str, said: str | None
) -> None:
    from actions.governance import ActionAnswerGovernance

    tracker = make_tracker(intent, text, [{"entity": "city", "value": city}], {"language": lang})
    messages, events = run_action(ActionAnswerGovernance(), tracker)
    assert messages[0]["response"] == "utter_unknown_next"
    assert messages[0]["subject"] == STORE.city_name(city, lang)
    assert _facts_said(messages) == ([said] if said else [])
    if said:
        assert "2031" in messages[-1]["fact"] and "general_assembly" not in str(messages)
    assert {"event": "slot", "timestamp": None, "name": "subject", "value": f"city:{city}:mayor"} in events


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "which city is the president from now"),
        ("fr", "le président vient de quelle ville en ce moment ?"),
    ],
)
def test_which_city_holds_the_presidency_is_metz_not_the_assemblys_venue(lang: str, text: str) -> None:
    from actions.governance import ActionAnswerGovernance

    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker("ask_president", text, slots={"language": lang})
    )
    assert _facts_said(messages) == ["governance.current_president"]
    assert "Metz" in messages[0]["fact"] and "Grosdidier" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        ("fr", "ask_projects", "qui prend les decisions chez quattropole concretement ?"),
        ("en", "ask_projects", "who makes the decisions in quattropole?"),
        ("de", "ask_quattropole_overview", "wer trifft bei quattropole die entscheidungen?"),
    ],
)
def test_who_makes_the_decisions_gets_the_organs_not_the_projects(lang: str, intent: str, text: str) -> None:
    from actions.network import ActionAnswerNetwork
    from actions.projects import ActionAnswerProjects

    action = ActionAnswerProjects() if intent == "ask_projects" else ActionAnswerNetwork()
    messages, _ = run_action(action, make_tracker(intent, text, slots={"language": lang}))
    said = _facts_said(messages)
    assert "governance.board" in said and "governance.general_assembly" in said


@pytest.mark.parametrize(
    ("lang", "intent", "text"),
    [
        ("fr", "ask_house_greater_region", "Et qui étaient les maires signataires à l'époque ?"),
        ("en", "ask_president_list", "who were the signatories back then?"),
        ("de", "ask_quattropole_history", "wer hat damals unterzeichnet?"),
    ],
)
def test_the_signatories_are_the_founders_under_any_intent(lang: str, intent: str, text: str) -> None:
    from actions.common import FactAction
    from actions.governance import ActionAnswerGovernance
    from actions.network import ActionAnswerNetwork
    from actions.office import ActionAnswerOffice

    actions: dict[str, FactAction] = {
        "ask_house_greater_region": ActionAnswerOffice(),
        "ask_president_list": ActionAnswerGovernance(),
        "ask_quattropole_history": ActionAnswerNetwork(),
    }
    messages, _ = run_action(actions[intent], make_tracker(intent, text, slots={"language": lang}))
    assert _facts_said(messages) == ["network.founders"]
    assert "Helminger" in messages[0]["fact"]


def test_the_cooperation_agreement_is_no_question_about_the_signatories() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.answers import answer_signatories
    from bot.language.kinds import question_of

    text = "who signed the cooperation agreement?"
    assert answer_signatories(CollectingDispatcher(), question_of(text, "en"), "en") is None


def test_a_region_in_a_self_introduction_is_no_fact_of_its_own() -> None:
    from actions.network import ActionAnswerNetwork

    text = (
        "Bonjour, je suis un retraité messin et je m'intéresse à l'histoire de notre région. "
        "Pourriez-vous me dire quand QuattroPole a été créé ?"
    )
    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_history", text, slots={"language": "fr"})
    )
    assert "network.history" in _facts_said(messages) and "network.purpose" not in _facts_said(messages)


def test_the_next_election_there_right_after_a_citys_mayor_is_that_mayors() -> None:
    from actions.governance import ActionAnswerGovernance

    text = "when is the next election there?"
    slots = {"language": "en", "city": "trier", "subject": "city:trier:mayor", "facts": ["city.trier.mayor"]}
    messages, _ = run_action(
        ActionAnswerGovernance(), make_tracker("ask_president_election", text, slots=slots)
    )
    assert messages[0]["response"] == "utter_unknown_next" and messages[0]["subject"] == "Trier"
    assert "general_assembly" not in str(messages)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "ich meine das war 1962, stimmt das?"), ("fr", "c'était pas en 1957 ? c'est vrai ?")],
)
def test_a_year_the_sources_do_not_name_is_not_confirmed(lang: str, text: str) -> None:
    from actions.fallback import ActionAskRephrase

    history = STORE.fact("network.history")
    assert history is not None
    said = history.text_for(lang)
    events = [
        {"event": "user", "text": "seit wann gibt es die städtepartnerschaft?"},
        {"event": "bot", "text": said, "data": {"custom": {"qp": {"facts": ["network.history"]}}}},
        {"event": "user", "text": text},
    ]
    slots = {"language": lang, "subject": "network", "facts": ["network.history"]}
    tracker = make_tracker("nlu_fallback", text, slots=slots, events=events)
    messages, _ = run_action(ActionAskRephrase(), tracker)
    responses = [m["response"] for m in messages]
    assert "utter_fact_confirmed" not in responses
    assert "utter_claim_not_in_sources" in responses or "utter_fact_doubt" in responses


def test_a_claim_the_sources_say_is_confirmed() -> None:
    dispatcher = CollectingDispatcher()
    from actions.common import say_confirmed

    say_confirmed(dispatcher, "is it true it was founded in 2000?", [STORE.fact("network.history")], "en")
    assert [m["response"] for m in dispatcher.messages] == ["utter_fact_confirmed"]


def test_still_so_after_a_dated_fact_is_yes_with_its_date_not_nothing_more() -> None:
    first = make_tracker(
        "ask_city_mayor", text="who is mayor of trier", entities=[{"entity": "city", "value": "trier"}]
    )
    said, _ = run_action(ActionAnswerCity(), first)
    events = [{"event": "user", "text": "who is mayor of trier"}]
    events += [{"event": "bot", "text": m["fact"] + "\nSource: …"} for m in said]
    events += [{"event": "user", "text": "is leibe still mayor?"}]
    again = make_tracker(
        "ask_city_mayor", text="is leibe still mayor?", slots={"city": "trier"}, events=events
    )
    messages, _ = run_action(ActionAnswerCity(), again)
    assert [m["response"] for m in messages] == ["utter_still_so"]
    assert messages[0]["pointer"] == STORE.city_website("trier")
    assert "2022" in messages[0]["as_of"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "und luxemburg, die polfer noch?"), ("fr", "et à luxembourg, c'est encore polfer ?")],
)
def test_a_person_named_with_still_gets_their_office_and_its_date_not_a_personal_refusal(
    lang: str, text: str
) -> None:
    tracker = make_tracker(
        "inform_city",
        text=text,
        entities=[{"entity": "city", "value": "luxembourg"}],
        slots={"language": lang, "subject": "city:metz:mayor", "city": "metz"},
    )
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m.get("response") for m in messages][-1] == "utter_still_so"
    assert messages[0]["custom"]["qp"]["facts"] == ["city.luxembourg.mayor"]
    assert messages[-1]["pointer"] == STORE.city_website("luxembourg")


def test_still_x_of_a_person_another_took_over_from_is_no_not_yes() -> None:
    """ "Michael Sohn still?" after the office's head: Florence Guillemin came after him, so
    not "according to my sources, yes"."""
    from actions.common import say_still_so

    tracker = make_tracker("ask_office_management", text="Michael Sohn still?", slots={"language": "en"})
    dispatcher = CollectingDispatcher()
    assert say_still_so(dispatcher, tracker, [STORE.fact("office.management")], "https://quattropole.org")
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses[0] == "utter_fact_not_so"
    assert "utter_still_so" not in responses
    assert "Guillemin" in dispatcher.messages[1]["fact"]


def _verdict(text: str, lang: str, fact_key: str) -> list:
    from actions.common import claim_verdict

    dispatcher = CollectingDispatcher()
    say_fact(dispatcher, fact_key, lang)
    claim_verdict(dispatcher, make_tracker("ask_office_location", text=text, slots={"language": lang}))
    return [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize(
    ("lang", "text", "key", "verdict"),
    [
        ("de", "die geschäftsstelle ist in trier, stimmt's?", "office.location", "utter_fact_not_so"),
        ("en", "the office is in luxembourg city, right?", "office.location", "utter_fact_not_so"),
        ("fr", "le siège est à Luxembourg, non ?", "network.legal_seat", "utter_fact_not_so"),
        ("fr", "le bureau est à Esch, c'est ça ?", "office.location", "utter_fact_confirmed"),
        ("en", "the office moved to Esch in 2016, correct?", "office.location", "utter_claim_not_in_sources"),
        ("en", "Is Michael Sohn still secretary-general?", "office.management", "utter_fact_not_so"),
        (
            "en",
            "the president is the mayor of Trier, right?",
            "governance.current_president",
            "utter_fact_not_so",
        ),
    ],
)
def test_a_tagged_claim_gets_yes_or_no_before_the_facts(lang: str, text: str, key: str, verdict: str) -> None:
    responses = _verdict(text, lang, key)
    assert responses[0] == verdict
    assert len(responses) == 2


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Metz hat ungefähr 120000 Einwohner, oder?", "city.metz.population"),  # a figure: no verdict
        ("wo ist die geschäftsstelle?", "office.location"),  # no claim
        ("Grosdidier ist Präsident, oder?", "governance.current_president"),  # may have changed
        ("QuattroPole wurde 2000 in Luxemburg gegründet, oder?", "network.founders"),  # more places told
    ],
)
def test_no_verdict_where_the_reply_does_not_settle_the_claim(text: str, key: str) -> None:
    responses = _verdict(text, "de", key)
    assert "utter_fact_not_so" not in responses
    assert "utter_fact_confirmed" not in responses


def test_the_words_of_a_projects_name_ask_nothing() -> None:
    from actions.common import question

    text = "ya des trucs genre rencontres entre habitants des 4 villes?"
    start = text.index("rencontres")
    entity = {"entity": "project", "value": "rencontres_citoyennes", "start": start, "end": start + 27}
    tracker = make_tracker("ask_project_detail", text=text, entities=[entity], slots={"language": "fr"})
    assert "how_many" not in question(tracker, "fr").kinds
    assert "how_many" in question(make_tracker("ask_project_detail", text=text), "fr").kinds


def test_a_figure_the_facts_do_not_give_is_not_confirmed() -> None:
    """ "250000 vers le lux ? c pas plutot 200000 ?" after the Greater Region's figures."""
    from actions.common import say_confirmed

    dispatcher = CollectingDispatcher()
    facts = [STORE.fact("greater_region.figures")]
    say_confirmed(dispatcher, "250000 vers le lux ? c pas plutot 200000 ?", facts, "fr")
    assert [m["response"] for m in dispatcher.messages] == ["utter_claim_not_in_sources"]
    assert dispatcher.messages[0]["years"] == "200000"
    confirmed = CollectingDispatcher()
    say_confirmed(confirmed, "c'est bien 250 000 frontaliers ?", facts, "fr")
    assert [m["response"] for m in confirmed.messages] == ["utter_fact_confirmed"]
