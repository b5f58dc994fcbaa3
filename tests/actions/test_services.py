"""actions.services: the right place for a city service, for the city and the holder."""

from __future__ import annotations

import pytest

from actions.services import ActionAnswerCityService
from actions.store import STORE
from tests.actions.conftest import make_tracker, run_action


def pointer_cities(messages: list) -> list:
    urls = [m.get("url") for m in messages if m.get("response") == "utter_service_pointer"]
    return [p.city for url in urls for p in STORE.pointers("id_documents") if p.url == url]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "et ma carte d'identité française ?"),
        ("de", "und meinen französischen Personalausweis?"),
        ("en", "what about my French passport?"),
    ],
)
def test_a_named_nationality_picks_that_states_papers_over_the_conversations_city(lang, text) -> None:
    slots = {"language": lang, "city": "luxembourg", "service": "id_documents", "topic": "service"}
    tracker = make_tracker("ask_city_service", text=text, slots=slots)
    messages, events = run_action(ActionAnswerCityService(), tracker)
    assert pointer_cities(messages) == ["metz"]


def test_german_papers_without_a_german_city_give_both_german_offices() -> None:
    slots = {"language": "en", "city": "metz"}
    tracker = make_tracker("ask_city_service", text="where do I renew my German ID card?", slots=slots)
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert pointer_cities(messages) == ["saarbruecken", "trier"]


def test_german_papers_in_a_german_city_give_that_citys_office() -> None:
    slots = {"language": "de", "city": "trier"}
    tracker = make_tracker(
        "ask_city_service", text="wo beantrage ich einen deutschen Reisepass?", slots=slots
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert pointer_cities(messages) == ["trier"]


def test_nationality_words_only_count_for_topics_that_declare_them() -> None:
    assert STORE.nationality_cities("id_documents", "carte d'identite francaise") == ["metz"]
    assert STORE.nationality_cities("public_transport", "ticket de bus français") == []
    assert STORE.nationality_cities("id_documents", "my passport") == []


@pytest.mark.parametrize(
    ("lang", "text", "city", "topic"),
    [
        ("de", "wann ist in saarbrücken müllabfuhr in meiner strasse", "saarbruecken", "waste"),
        (
            "de",
            "führerschein umschreiben wenn ich nach luxemburg ziehe, wer ist zuständig",
            "luxembourg",
            "driving_licence",
        ),
        ("de", "kita anmeldung saarbrücken wie läuft das", "saarbruecken", "childcare"),
        ("fr", "je cherche une place en creche a metz", "metz", "childcare"),
        ("en", "where can i park my car in trier", "trier", "parking"),
    ],
)
def test_a_topic_without_an_address_says_so_and_gives_the_citys_website(lang, text, city, topic) -> None:
    # slots from an earlier bus-ticket question: a new topic is not that one
    slots = {"language": lang, "service": "public_transport", "topic": "service"}
    entities = [{"entity": "city", "value": city}]
    messages, events = run_action(
        ActionAnswerCityService(), make_tracker("ask_city_service", text=text, entities=entities, slots=slots)
    )
    assert [m["response"] for m in messages] == ["utter_service_no_pointer"]
    assert messages[0]["topic"] == STORE.service_topics[topic].names[lang]
    assert messages[0]["pointer"] == STORE.city_website(city)
    assert {"event": "slot", "name": "service", "value": topic} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


def test_a_topic_without_an_address_or_a_city_gives_every_citys_website() -> None:
    tracker = make_tracker(
        "ask_city_service", text="where do i exchange my driving licence?", slots={"language": "en"}
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert messages[0]["response"] == "utter_service_no_pointer"
    assert messages[0]["pointer"].split(", ") == [STORE.city_website(c) for c in STORE.cities]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("ich bin neu in luxemburg und brauche einen job, wo suche ich", "jobs"),
        ("frontalier, mes impôts ?", "taxes"),
        ("I just moved to Metz, where do I get a bus ticket?", "public_transport"),
    ],
)
def test_the_topic_asked_is_the_one_named_last(text: str, topic: str) -> None:
    from actions.services import service_topic

    assert service_topic(make_tracker("ask_city_service", text=text)) == topic


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "kann quattropole mir da überhaupt helfen oder seid ihr für sowas nicht zuständig"),
        ("en", "can you do it for me?"),
    ],
)
def test_asking_whether_quattropole_handles_it_gets_a_no_and_the_place(lang: str, text: str) -> None:
    from actions.cities import ActionAnswerCity

    slots = {"language": lang, "city": "trier", "service": "id_documents", "topic": "service"}
    tracker = make_tracker("ask_city_overview", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerCity(), tracker)
    assert [m["response"] for m in messages] == ["utter_service_not_us", "utter_service_pointer"]
    assert pointer_cities(messages) == ["trier"]


def test_where_was_it_in_a_city_after_a_project_is_not_a_city_service() -> None:
    slots = {"language": "de", "subject": "project:hackathon_2025", "facts": ["project.hackathon_2025"]}
    tracker = make_tracker(
        "ask_city_service",
        text="wo war das in saarbrücken",
        entities=[{"entity": "city", "value": "saarbruecken"}],
        slots=slots,
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert [m["fact"] for m in messages] == [STORE.fact("project.hackathon_2025").answer_for("where", "de")]


def test_is_the_train_free_in_luxembourg_is_public_transport() -> None:
    from actions.services import service_topic

    tracker = make_tracker(
        "ask_city_service",
        text="au fait c gratuit le train au luxembourg ?",
        entities=[{"entity": "transport", "value": "train"}, {"entity": "city", "value": "luxembourg"}],
    )
    assert service_topic(tracker) == "public_transport"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("und was kann man in trier anschauen", "trier"),
        ("que voir a metz ?", "metz"),
        ("what to see in luxembourg", "luxembourg"),
    ],
)
def test_what_to_see_in_a_city_is_its_tourist_office(text: str, city: str) -> None:
    from actions.services import service_topic

    assert service_topic(make_tracker("ask_city_service", text=text)) == "tourism"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "is there a tourist information office for quattropole"),
        ("fr", "y a t il un office de tourisme commun aux 4 villes"),
        ("en", "are there tourist offices in each city"),
    ],
)
def test_a_joint_service_for_the_network_is_each_citys_own(lang: str, text: str) -> None:
    messages, _ = run_action(
        ActionAnswerCityService(), make_tracker("ask_city_service", text=text, slots={"language": lang})
    )
    assert messages[0]["response"] == "utter_service_each_city"
    urls = [m["url"] for m in messages[1:]]
    assert urls == [p.url for c in STORE.cities for p in STORE.pointers("tourism", c) if p.city == c]


def test_a_question_of_its_own_is_not_the_service_asked_before() -> None:
    from actions.services import service_topic

    slots = {"service": "parking", "topic": "service"}
    assert (
        service_topic(
            make_tracker("ask_city_service", text="is there a flea market in metz right now", slots=slots)
        )
        is None
    )
    assert service_topic(make_tracker("ask_city_service", text="und in Trier?", slots=slots)) == "parking"


def test_asking_whether_quattropole_handles_a_topic_without_an_address_gets_the_city_website() -> None:
    from actions.cities import ActionAnswerCity

    slots = {"language": "fr", "city": "metz", "service": "waste", "topic": "service"}
    tracker = make_tracker("ask_city_overview", text="quattropole peut nous aider pour ca ?", slots=slots)
    messages, _ = run_action(ActionAnswerCity(), tracker)
    # the reply "c'est ce service qui s'en occupe :" must not end there
    assert [m["response"] for m in messages] == ["utter_service_not_us", "utter_service_city_website"]
    assert messages[1]["pointer"] == STORE.city_website("metz")


def test_enrolling_at_school_named_under_out_of_scope_is_the_city_service() -> None:
    from actions.fallback import ActionAnswerOutOfScope

    text = "et pour inscrire les enfants a l'ecole primaire ?"
    slots = {"language": "fr", "city": "metz", "service": "registration", "topic": "service"}
    tracker = make_tracker(
        "out_of_scope", text=text, entities=[{"entity": "service", "value": "schools"}], slots=slots
    )
    messages, _ = run_action(ActionAnswerOutOfScope(), tracker)
    assert "utter_out_of_scope" not in [m["response"] for m in messages]
    assert STORE.city_website("metz") in [m.get("pointer") for m in messages]


@pytest.mark.parametrize(
    "text", ["where is the citizens office", "wo ist das Bürgeramt?", "le Bierger-Center c'est où ?"]
)
def test_the_citizens_office_is_the_registration_service(text: str) -> None:
    assert STORE.service_topics_in(text) == ["registration"]


@pytest.mark.parametrize(
    ("lang", "text", "first", "last"),
    [
        ("fr", "je suis prof à Metz et on fait une sortie à Trèves, il y a quoi à voir ?", "Metz", "Trèves"),
        (
            "en",
            "we live in Saarbrücken and are visiting Luxembourg, what to see there?",
            "Saarbrücken",
            "Luxembourg",
        ),
    ],
)
def test_sights_with_two_cities_are_in_the_one_visited(lang: str, text: str, first: str, last: str) -> None:
    ids = {"Metz": "metz", "Trèves": "trier", "Saarbrücken": "saarbruecken", "Luxembourg": "luxembourg"}
    entities = [
        {"entity": "city", "value": ids[name], "start": text.index(name), "end": text.index(name) + len(name)}
        for name in (first, last)
    ] + [{"entity": "service", "value": "tourism"}]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": lang})
    messages, events = run_action(ActionAnswerCityService(), tracker)
    pointer = STORE.pointers("tourism", ids[last])[0]
    assert pointer.city == ids[last]
    assert any(pointer.url in str(m) for m in messages)


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        (
            "de",
            "ich wohn in saarbrücken und arbeite ab januar in metz. wo zahl ich steuern?",
            ("saarbrücken", "metz"),
        ),
        ("fr", "j'habite a sarrebruck et je bosse a metz, et pour la sécu ?", ("sarrebruck", "metz")),
    ],
)
def test_a_cross_border_worker_without_a_city_place_gets_the_joint_advice(
    lang: str, text: str, names: tuple
) -> None:
    ids = ("saarbruecken", "metz")
    entities = [
        {"entity": "city", "value": c, "start": text.index(n), "end": text.index(n) + len(n)}
        for c, n in zip(ids, names)
    ]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    responses = [m.get("response") for m in messages]
    assert "utter_service_cross_border" in responses
    assert any("eures" in str(m).lower() for m in messages)


def test_one_city_without_a_place_gets_no_cross_border_advice() -> None:
    text = "wo zahl ich in saarbrücken steuern?"
    start = text.index("saarbrücken")
    entities = [
        {"entity": "city", "value": "saarbruecken", "start": start, "end": start + len("saarbrücken")}
    ]
    messages, _ = run_action(
        ActionAnswerCityService(),
        make_tracker("ask_city_service", text=text, entities=entities, slots={"language": "de"}),
    )
    assert "utter_service_cross_border" not in [m.get("response") for m in messages]


@pytest.mark.parametrize(
    ("intent", "lang", "text", "city"),
    [
        ("ask_city_overview", "fr", "le train au luxembourg c'est gratuit non ?", "luxembourg"),
        ("ask_follow_up", "fr", "et le bus est gratuit la bas ?", None),
    ],
)
def test_free_transport_under_another_intent_is_the_citys_transport(intent, lang, text, city) -> None:
    from actions.cities import ActionAnswerCity
    from actions.follow_up import ActionAnswerFollowUp

    mode = "train" if "train" in text else "bus"
    entities = [{"entity": "transport", "value": mode}]
    if city:
        start = text.index("luxembourg")
        entities.append({"entity": "city", "value": city, "start": start, "end": start + len("luxembourg")})
    slots = {"language": lang, "city": "luxembourg", "service": "parking", "topic": "service"}
    action = ActionAnswerCity() if intent == "ask_city_overview" else ActionAnswerFollowUp()
    messages, _ = run_action(action, make_tracker(intent, text=text, entities=entities, slots=slots))
    pointer = STORE.pointers("public_transport", "luxembourg")[0]
    assert any(pointer.url in str(m) for m in messages)


def test_a_city_alone_after_a_service_is_that_service_there() -> None:
    from actions.cities import ActionAnswerCity

    text = "et au luxembourg ?"
    start = text.index("luxembourg")
    entities = [{"entity": "city", "value": "luxembourg", "start": start, "end": start + len("luxembourg")}]
    slots = {"language": "fr", "city": "metz", "service": "tourism", "topic": "service"}
    messages, _ = run_action(
        ActionAnswerCity(), make_tracker("inform_city", text=text, entities=entities, slots=slots)
    )
    pointer = STORE.pointers("tourism", "luxembourg")[0]
    assert any(pointer.url in str(m) for m in messages)


@pytest.mark.parametrize(
    ("lang", "text", "city"),
    [
        ("en", "do I need a passport to go from france to luxembourg?", "luxembourg"),
        ("fr", "faut-il un passeport pour aller de metz à luxembourg ?", "luxembourg"),
        ("de", "brauche ich meinen Ausweis wenn ich nach Luxemburg fahre?", "luxembourg"),
    ],
)
def test_papers_to_cross_a_border_are_the_schengen_rules_not_where_to_apply(lang, text, city) -> None:
    entities = [{"entity": "service", "value": "id_documents"}, {"entity": "city", "value": city}]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    border = STORE.pointers("border_crossing")
    assert [m.get("url") for m in messages if m.get("response") == "utter_service_pointer"] == [border[0].url]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("wo beantrage ich einen reisepass in trier?", "id_documents"),
        ("ich habe meinen pass verloren", "id_documents"),
        ("Touristen Info Trier", "tourism"),
        ("welche museen lohnen sich in luxemburg stadt", "tourism"),
        ("was gibts in metz zu sehen", "tourism"),
        # a name inside a two-word pair is that word's, not the pair's
        ("do I need a passport to go", "border_crossing"),
    ],
)
def test_the_longer_name_ending_last_is_the_topic(text: str, topic: str) -> None:
    from actions.services import service_topic

    assert service_topic(make_tracker("ask_city_service", text=text)) == topic


@pytest.mark.parametrize(
    ("lang", "text", "response"),
    [
        ("en", "where is the office and do i need an appointment", "utter_service_details"),
        ("de", "wo ist das amt und brauche ich einen termin?", "utter_service_details"),
        ("fr", "c'est où le bureau, faut un rdv ?", "utter_service_details"),
        ("en", "when is the office open?", "utter_unknown_hours"),
    ],
)
def test_the_office_right_after_a_service_is_that_services_place(lang: str, text: str, response: str) -> None:
    from actions.office import ActionAnswerOffice

    slots = {"language": lang, "city": "trier", "service": "registration", "topic": "service"}
    entities = [{"entity": "organ", "value": "office"}]  # as the NLU tags "office", "Amt", "bureau"
    tracker = make_tracker("ask_office_location", text=text, entities=entities, slots=slots)
    messages, events = run_action(ActionAnswerOffice(), tracker)
    assert messages[0]["response"] == response
    # nothing about QuattroPole's own office, and the service stays the subject
    assert not any(m.get("custom", {}).get("qp", {}).get("facts") for m in messages)
    assert {"event": "slot", "timestamp": None, "name": "topic", "value": "service"} in events
    place = STORE.pointers("registration", "trier")[0]
    assert place.url in str(messages)


@pytest.mark.parametrize(
    "text",
    ["where is the quattropole office?", "c'est où le secrétariat à Esch ?", "and the office in Metz?"],
)
def test_quattropoles_office_or_another_city_named_after_a_service_is_not_its_place(text: str) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.services import answer_service_place

    entities = [{"entity": "city", "value": "metz"}] if "Metz" in text else []
    slots = {"language": "en", "city": "trier", "service": "registration", "topic": "service"}
    tracker = make_tracker("ask_office_location", text=text, entities=entities, slots=slots)
    assert answer_service_place(CollectingDispatcher(), tracker, "en") is None


def test_the_second_part_asking_for_the_same_place_says_it_once() -> None:
    """ "where is the office and do i need an appointment" after a service: two parts, one
    answer (the place's page), not the same two messages twice."""
    from actions.fallback import ActionAskRephrase
    from actions.office import ActionAnswerOffice
    from bot.language.split import PART_KEY

    slots = {"language": "en", "city": "trier", "service": "registration", "topic": "service"}
    first = make_tracker(
        "ask_office_location",
        text="where is the office",
        entities=[{"entity": "organ", "value": "office"}],
        slots=slots,
    )
    said, _ = run_action(ActionAnswerOffice(), first)
    assert [m["response"] for m in said] == ["utter_service_details"]
    events = [
        {"event": "user", "text": "where is the office", "metadata": {}},
        *(
            {
                "event": "bot",
                "text": m.get("where") or m.get("page") or m["response"],
                "metadata": {"utter_action": m["response"]},
            }
            for m in said
        ),
        {"event": "user", "text": "do i need an appointment", "metadata": {PART_KEY: 1}},
    ]
    second = make_tracker("nlu_fallback", text="do i need an appointment", slots=slots, events=events)
    second.latest_message["metadata"] = {PART_KEY: 1}
    messages, _ = run_action(ActionAskRephrase(), second)
    assert messages == []
    # asked alone, it is answered
    alone = make_tracker("nlu_fallback", text="do i need an appointment", slots=slots)
    messages, _ = run_action(ActionAskRephrase(), alone)
    assert [m["response"] for m in messages] == ["utter_service_details"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "ma secu c en france ou au lux?? jsuis malade"),
        ("de", "krankenkasse in frankreich oder luxemburg?"),
    ],
)
def test_two_states_named_are_a_cross_border_matter(lang: str, text: str) -> None:
    entities = [{"entity": "city", "value": "luxembourg"}, {"entity": "service", "value": "health"}]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": lang})
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert "utter_service_cross_border" in [m.get("response") for m in messages]


def test_a_commute_by_train_or_car_named_with_a_job_is_the_trip_not_the_job_advisers() -> None:
    text = "hi, i just started job in luxembourg kirchberg and i live in trier. whats the best way to go to work every day, train or car?"
    entities = [
        {
            "entity": "city",
            "value": "luxembourg",
            "start": text.index("luxembourg"),
            "end": text.index("luxembourg") + 10,
        },
        {"entity": "city", "value": "trier", "start": text.index("trier"), "end": text.index("trier") + 5},
        {
            "entity": "transport",
            "value": "train",
            "start": text.index("train"),
            "end": text.index("train") + 5,
        },
        {"entity": "transport", "value": "car", "start": text.index("car"), "end": text.index("car") + 3},
        {"entity": "service", "value": "jobs"},
    ]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": "en"})
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert "utter_service_pointer" not in [m.get("response") for m in messages]
    route = STORE.key_of(STORE.route("trier", "luxembourg").fact)
    assert any(route in m.get("custom", {}).get("qp", {}).get("facts", []) for m in messages)


def test_where_one_lives_and_works_named_apart_is_a_cross_border_matter() -> None:
    text = "i need health insurance, i work in LU but live in DE. which one i must have"
    tracker = make_tracker("ask_city_service", text=text, entities=[{"entity": "service", "value": "health"}])
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert "utter_service_cross_border" in [m.get("response") for m in messages]


def test_a_project_answered_in_between_ends_the_service_follow_ups() -> None:
    from actions.services import service_just_answered

    slots = {"language": "fr", "service": "jobs", "topic": "service", "subject": "project:hackathon_2025"}
    events = [
        {"event": "user", "text": "ma carte vitale marche en allemagne ?", "metadata": {}},
        {"event": "bot", "text": "EURES ...", "metadata": {"utter_action": "utter_service_pointer"}},
        {"event": "user", "text": "et le hackathon, je peux participer ?", "metadata": {}},
        {"event": "bot", "text": "je ne sais pas", "metadata": {"utter_action": "utter_unknown_sign_up"}},
        {"event": "user", "text": "c etait quand le dernier", "metadata": {}},
    ]
    tracker = make_tracker("ask_follow_up", text="c etait quand le dernier", slots=slots, events=events)
    assert not service_just_answered(tracker)
    # right after the service, it is
    assert service_just_answered(
        make_tracker("ask_follow_up", text="c ouvert le samedi ?", slots=slots, events=events[:3])
    )


def test_the_mayor_asked_beside_an_internship_is_the_mayor_not_the_job_advisers() -> None:
    text = "bjr jcommence un stage a saarbrucken en fevrier, c qui le maire de sarrebruck"
    entities = [{"entity": "city", "value": "saarbruecken"}, {"entity": "service", "value": "jobs"}]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": "fr"})
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["city.saarbruecken.mayor"]]


def test_how_long_the_drive_is_after_a_service_is_no_question_about_the_service() -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.services import answer_service_lacking

    slots = {"language": "en", "service": "border_crossing", "topic": "service"}
    entities = [{"entity": "transport", "value": "car"}]
    tracker = make_tracker("ask_travel", text="and how long is the drive?", entities=entities, slots=slots)
    assert answer_service_lacking(CollectingDispatcher(), tracker, "en") is None


@pytest.mark.parametrize(
    ("lang", "text", "city", "topic"),
    [
        ("de", "welche Universitäten gibt es in Trier?", "trier", "universities"),
        ("en", "is there a university in luxembourg?", "luxembourg", "universities"),
        ("fr", "le marché de noël de Metz ouvre quand ?", "metz", "christmas_markets"),
        ("de", "wann ist der Weihnachtsmarkt in Saarbrücken?", "saarbruecken", "christmas_markets"),
    ],
)
def test_a_topic_the_store_knows_nothing_about_says_so_with_the_citys_website(
    lang, text, city, topic
) -> None:
    entities = [{"entity": "city", "value": city}]
    messages, _ = run_action(
        ActionAnswerCityService(),
        make_tracker("ask_city_service", text=text, entities=entities, slots={"language": lang}),
    )
    assert [m["response"] for m in messages] == ["utter_service_no_pointer"]
    assert messages[0]["topic"] == STORE.service_topics[topic].names[lang]
    assert messages[0]["pointer"] == STORE.city_website(city)


def test_only_decisive_topics_win_over_what_else_a_message_names() -> None:
    assert STORE.decisive_topic_in("gibt es Maut zwischen Metz und Luxemburg?") == "tolls"
    assert STORE.decisive_topic_in("Royaume-Uni ou États-Unis ?") is None
    assert STORE.decisive_topic_in("das ist ja toll, danke") is None
    assert STORE.decisive_topic_in("wo ist die Uni in Trier, und wie komme ich hin?") is None


def test_a_job_named_as_where_one_works_is_not_the_topic_asked() -> None:
    from actions.services import service_topic

    text = "ok thx. and residence permit? im indian, job is in luxembourg"
    assert service_topic(make_tracker("ask_city_service", text=text)) == "residence_permit"
    # a job asked for is the topic
    assert (
        service_topic(make_tracker("ask_city_service", text="ich bin neu in Luxemburg und brauche einen Job"))
        == "jobs"
    )


def test_a_sight_asked_after_a_station_is_the_tourist_office() -> None:
    from actions.services import service_topic

    text = "und wo ist die Kathedrale vom Bahnhof aus, kann man da laufen?"
    assert service_topic(make_tracker("ask_city_station", text=text, slots={"city": "metz"})) == "tourism"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Does QuattroPole take interns?"), ("de", "kann man bei QuattroPole ein Praktikum machen?")],
)
def test_an_internship_at_quattropole_itself_is_not_known_and_its_office_is_who_to_ask(lang, text) -> None:
    from actions.network import ActionAnswerNetwork

    messages, _ = run_action(
        ActionAnswerNetwork(), make_tracker("ask_quattropole_overview", text=text, slots={"language": lang})
    )
    assert messages[0]["response"] == "utter_unknown_network_jobs"
    assert messages[1]["fact"] == STORE.fact("office.contact").text_for(lang)


def test_a_word_that_contains_a_topics_name_but_is_not_about_it_names_no_topic() -> None:
    assert STORE.service_topics_in("wer zahlt das, wir steuerzahler?") == []
    assert STORE.service_topics_in("wo mache ich meine Steuererklärung?") == ["taxes"]


@pytest.mark.parametrize(
    "text",
    ["where to sleep in trier?", "gibt es eine Jugendherberge in Saarbrücken?", "un hôtel pas cher à Metz ?"],
)
def test_a_place_to_sleep_is_the_tourist_office(text: str) -> None:
    assert STORE.service_topics_in(text, loose=False) == ["tourism"]


def test_the_town_hall_is_no_hotel() -> None:
    assert "tourism" not in STORE.service_topics_in("l'hôtel de ville de Metz est où ?", loose=False)


def test_a_city_in_a_question_of_a_kind_the_last_subject_answers_is_no_service_question() -> None:
    # "Etait-ce à l'initiative de Metz ?" right after the network's history: where it came from
    text = "Etait-ce à l'initiative de Metz ?"
    slots = {"language": "fr", "subject": "network", "facts": ["network.history", "network.founders"]}
    tracker = make_tracker("ask_city_service", text, [{"entity": "city", "value": "metz"}], slots)
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages if m.get("custom")] == [["network.history"]]
    assert not any(m["response"].startswith("utter_service") for m in messages)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "how do i register my newborn? born in luxembourg city"),
        ("fr", "comment déclarer une naissance à metz ?"),
        ("de", "wo kann ich in trier die geburt anmelden"),
    ],
)
def test_a_birth_is_civil_status_not_registering_an_address(lang: str, text: str) -> None:
    from actions.store import STORE

    assert STORE.decisive_topic_in(text) == "civil_status"
    messages, events = run_action(
        ActionAnswerCityService(), make_tracker("ask_city_service", text, slots={"language": lang})
    )
    assert "registration" not in str(events) and messages


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "yo kurze frage, gilt das umsonst fahren in luxemburg auch für touris aus deutschland"),
        ("en", "can tourists ride for free in luxembourg?"),
    ],
)
def test_riding_for_free_is_public_transport_not_the_tourist_office(lang: str, text: str) -> None:
    from actions.services import service_topic

    tracker = make_tracker(
        "ask_city_service", text, [{"entity": "city", "value": "luxembourg"}], {"language": lang}
    )
    assert service_topic(tracker) == "public_transport"


def test_christmas_markets_are_the_question_whatever_else_is_named() -> None:
    from actions.store import STORE

    assert (
        STORE.decisive_topic_in("bonjour. les marches de noel dans les 4 villes c quand ?")
        == "christmas_markets"
    )


def test_two_services_asked_with_two_questions_get_each_place() -> None:
    """ "do the kids need tickets for the tram? And where is the tourist office?": both."""
    text = "In Luxembourg City on Sunday - do the kids need tickets for the tram? And where is the tourist office?"
    tracker = make_tracker(
        "ask_city_service",
        text=text,
        entities=[
            {"entity": "city", "value": "luxembourg"},
            {"entity": "service", "value": "public_transport"},
            {"entity": "service", "value": "tourism"},
        ],
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    said = str(messages)
    for topic in ("public_transport", "tourism"):
        pointer = next(p for p in STORE.pointers(topic, "luxembourg") if p.city == "luxembourg")
        assert pointer.url in said, topic


def test_a_lost_id_card_in_another_city_is_replaced_where_one_lives() -> None:
    """ "personalausweis verloren in lux, was tun? wohn in saarbrücken": Saarbrücken's citizen
    offices, not how Luxembourgers apply for theirs."""
    text = "personalausweis verloren in lux, was tun? wohn in saarbrücken"
    lux, home = text.index("lux"), text.index("saarbrücken")
    entities = [
        {"entity": "city", "value": "luxembourg", "start": lux, "end": lux + 3},
        {"entity": "city", "value": "saarbruecken", "start": home, "end": home + len("saarbrücken")},
    ]
    tracker = make_tracker("ask_city_service", text=text, entities=entities, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    said = str(messages)
    assert any(
        p.url in said for p in STORE.pointers("id_documents", "saarbruecken") if p.city == "saarbruecken"
    )
    assert not any(
        p.url in said for p in STORE.pointers("id_documents", "luxembourg") if p.city == "luxembourg"
    )


def test_an_app_for_a_citys_bus_tickets_is_that_citys_transport_not_the_networks_website() -> None:
    text = "fair. how do i get a bus ticket in trier, is there an app"
    tracker = make_tracker(
        "ask_city_service",
        text=text,
        entities=[{"entity": "service", "value": "public_transport"}, {"entity": "city", "value": "trier"}],
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert "utter_network_website" not in [m.get("response") for m in messages]
    assert any(p.url in str(messages) for p in STORE.pointers("public_transport", "trier"))


def test_who_runs_a_citys_buses_is_its_transport_not_the_networks_president() -> None:
    tracker = make_tracker(
        "ask_city_service",
        text="no i mean the local buses in trier. who runs them",
        entities=[{"entity": "transport", "value": "bus"}, {"entity": "city", "value": "trier"}],
        slots={"language": "en", "subject": "organ:president", "facts": ["governance.current_president"]},
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert [m.get("response") for m in messages] == ["utter_service_pointer"]
    assert any(p.url in str(messages) for p in STORE.pointers("public_transport", "trier"))


def test_where_is_the_office_right_after_a_service_names_its_page_once_not_nothing_more() -> None:
    from actions.office import ActionAnswerOffice

    slots = {"language": "en", "city": "luxembourg", "service": "registration", "topic": "service"}
    pointer = STORE.pointers("registration", "luxembourg")[0]
    events = [
        {"event": "user", "text": "how do I register my address in luxembourg city?", "metadata": {}},
        {
            "event": "bot",
            "text": f"{pointer.text_for('en')}\nHere: {pointer.url}",
            "metadata": {"utter_action": "utter_service_pointer"},
        },
        {"event": "user", "text": "where's the office exactly", "metadata": {}},
    ]
    entities = [{"entity": "organ", "value": "office"}]
    tracker = make_tracker(
        "ask_office_location",
        text="where's the office exactly",
        entities=entities,
        slots=slots,
        events=events,
    )
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    assert [m["response"] for m in messages] == ["utter_service_details"]
    assert messages[0]["pointer"] == pointer.url


def test_a_service_word_only_told_beside_a_question_about_a_city_is_no_service_question() -> None:
    from actions.services import names_service

    text = "Welche Sprachen spricht man in Luxemburg? Meine Schüler können nur Deutsch und ein bisschen Französisch."
    tracker = make_tracker(
        "ask_city_languages", text=text, entities=[{"entity": "city", "value": "luxembourg"}]
    )
    assert not names_service(tracker, "de")
    lost = make_tracker(
        "ask_city_overview", text="Ich habe meinen Personalausweis verloren. Was soll ich tun?"
    )
    assert names_service(lost, "de")


@pytest.mark.parametrize(
    ("text", "city", "topic"),
    [
        (
            "cool. I need a new ID photo for my residence permit, where's the foreigners office in saarbrücken?",
            "saarbruecken",
            "residence_permit",
        ),
        ("no i mean the Bürgeramt, where is the office", "trier", "registration"),
    ],
)
def test_a_citys_office_for_a_service_is_not_quattropoles_office(text: str, city: str, topic: str) -> None:
    from actions.office import ActionAnswerOffice

    entities = [{"entity": "organ", "value": "office"}]
    if city in text:
        entities.append({"entity": "city", "value": city})
    slots = {"language": "en", "city": city}
    tracker = make_tracker("ask_office_location", text=text, entities=entities, slots=slots)
    messages, _ = run_action(ActionAnswerOffice(), tracker)
    # the city's service (its place, or that none is stored for it), never the office in Esch
    assert [m["response"] for m in messages] in (["utter_service_pointer"], ["utter_service_no_pointer"])
    assert not any("Esch" in str(m.get("fact", "")) for m in messages)
