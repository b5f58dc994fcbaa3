"""Everyday city services: where to go for an identity card, a bus ticket, a job, the weather.

The assistant does not run these services; it points to the right office or operator for the
city and topic, from the facts store's pointers (data/facts/services.yml), each with its
address. Without a city it asks which one; a topic it has no pointer for gets the city's
website."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (
    UNKNOWN_RESPONSES,
    answer_follow_up,
    context_subject,
    entity_subject,
    subject_events,
)
from actions.common import (
    FactAction,
    entity_values,
    last_reply,
    member_cities_named,
    names_own_subject,
    question,
    say_fact,
)
from actions.store import STORE
from actions.travel import OFFICE_CONTACT
from bot.facts.store import Pointer
from bot.language import fold
from bot.language.concepts import action_words
from bot.language.kinds import asked_sentences
from bot.language.split import is_question

#: The broadest topic: of the NLU's entities, a message that names it and another one is
#: about the other one ("frontalier, mes impôts ?" is about taxes).
BROADEST_TOPIC = "jobs"
#: A local bus or tram ride named as a means of transport is a public-transport question.
LOCAL_TRANSPORT = {"bus"}


def service_topic(tracker: Tracker) -> Optional[str]:
    """The service the latest message asks about, else the one asked about just before.

    The store's words for the topics count first, a whole alias before a part of one ("Kita-
    Anmeldung" is childcare, not registering an address), and of several topics the one named
    last ("ich bin neu in Luxemburg und brauche einen Job", "frontalier, mes impôts ?"); then
    the NLU's entities, the broadest last; then a bus named as transport."""
    text = tracker.latest_message.get("text") or ""
    places = STORE.service_topic_places(text, loose=False) or STORE.service_topic_places(text)
    if len(places) > 1 and BROADEST_TOPIC in places and action_words().says(text, "work_marker"):
        # "and residence permit? im indian, job is in luxembourg": where the user works, not
        # what is asked
        del places[BROADEST_TOPIC]
    transport = set(entity_values(tracker, "transport"))
    if action_words().says(text, "free_of_charge") and (transport or _RIDING.search(fold(text))):
        # "gilt das umsonst fahren in luxemburg auch für touris?": the free transport, not the
        # tourist office
        return "public_transport"
    if places:
        return sorted(places, key=lambda t: (-places[t][0], -places[t][1], t == BROADEST_TOPIC))[0]
    topics = [t for t in entity_values(tracker, "service") if t in STORE.service_topics]
    if not topics and (
        LOCAL_TRANSPORT & transport or (transport and action_words().says(text, "free_of_charge"))
    ):
        topics = ["public_transport"]  # "a bus ticket?", "c gratuit le train au luxembourg ?"
    if topics:
        return sorted(topics, key=lambda t: t == BROADEST_TOPIC)[0]
    # a short follow-up ("und in Trier?") is about the service just asked; a question of its
    # own ("is there a christmas market in metz right now") is not
    previous = tracker.get_slot("service")
    short = len(text.split()) <= SERVICE_FOLLOW_UP_WORDS
    return previous if short and previous in STORE.service_topics else None


#: riding public transport, without naming a means of transport ("umsonst fahren")
_RIDING = re.compile(
    r"\b(?:fahren|fahre|fahrt|mitfahren|ride|riding|voyager|rouler|circuler|oepnv|opnv|nahverkehr"
    r"|public transport|transports? (?:en commun|publics?))\b"
)


#: What a service question asks: where to go, how to reach it, when it is open, what it
#: costs. "Wie viele davon sind Grenzgänger?" names a service topic but asks a number.
SERVICE_KINDS = {"where", "contact", "hours", "cost", "what", "list", "sign_up"}  # "s'inscrire à l'école"


def names_service(tracker: Tracker, lang: str) -> bool:
    """True when the latest message names a city-service topic the store has words for
    ("Touristen-Info Luxemburg", "ma carte d'identité") and asks nothing but where to go for
    it, whatever intent the NLU gave it."""
    text = tracker.latest_message.get("text") or ""
    if not STORE.service_topics_in(text, loose=False):
        return False
    asked = asked_sentences(text)
    if len(asked.split()) >= 3 and STORE.cities_in(asked) and not STORE.service_topics_in(asked, loose=False):
        # "Welche Sprachen spricht man in Luxemburg? Meine Schüler können nur Deutsch.": the
        # question asks about a city and names no service; the pupils are only told about
        # ("Ich habe meinen Ausweis verloren. Was soll ich tun?" still asks for the service)
        return False
    return set(question(tracker, lang).kinds) <= SERVICE_KINDS


#: What a pointer never says: the place's opening hours, prices, phone number, how long the
#: procedure takes.
POINTER_LACKS = {"hours", "cost", "phone", "how_long", "since", "until"}
#: A follow-up on a service answer is short ("what do i need to bring?"); a longer message
#: is a question of its own.
SERVICE_FOLLOW_UP_WORDS = 8


def service_just_answered(tracker: Tracker) -> bool:
    """The reply just before was about a city service (slot `topic`), and it said so: a
    project's answer in between ("c'était quand le dernier ?" after the hackathon) leaves the
    slot as it was, but the service is no longer the conversation's subject."""
    if tracker.get_slot("topic") != "service":
        return False
    reply = [(e.get("metadata") or {}).get("utter_action") or "" for e in last_reply(tracker)]
    if not reply or any(r.startswith("utter_service") for r in reply):
        return True
    # "opening hours: not known" about the service's place, not about a project or an organ
    subject = tracker.get_slot("subject") or ""
    return any(r.startswith("utter_unknown") for r in reply) and not subject.startswith(("project", "organ"))


def say_pointer(dispatcher: CollectingDispatcher, pointer: Pointer, lang: str) -> None:
    """Where to go, with the place's own page."""
    citation = STORE.pointer_citation(pointer, lang)
    dispatcher.utter_message(
        response="utter_service_pointer",
        where=pointer.text_for(lang),
        url=pointer.url,
        label=citation.label if citation else pointer.url,
    )


def say_lacking(
    dispatcher: CollectingDispatcher, kind: str, topic: str, lang: str, url: Optional[str]
) -> None:
    """ "Ausweise und Pässe: Öffnungszeiten habe ich nicht", and the page to look at."""
    dispatcher.utter_message(
        response=UNKNOWN_RESPONSES[kind], subject=STORE.service_topics[topic].names[lang], pointer=url
    )


def city_pointers(topic: str, cities: Sequence[str]) -> List[Pointer]:
    """Each city's own places for `topic` (not the region-wide ones), city by city."""
    return [p for c in cities for p in STORE.pointers(topic, c) if p.city == c]


def place_pointers(topic: str, city: Optional[str]) -> List[Pointer]:
    """The places for `topic` in `city`, else the region-wide ones."""
    pointers = STORE.pointers(topic, city)
    return [p for p in pointers if p.city == city] or pointers


def answer_service_lacking(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "wann hat das offen?", "et le numéro de téléphone ?" right after a service's address:
    what the store never has about the place; the reply says so and points to its page. "Can
    QuattroPole do it for me?" gets a no and the place again. None when the last answer was
    not a service, or the message asks something else or names a subject of its own."""
    topic, city = tracker.get_slot("service"), tracker.get_slot("city")
    q = question(tracker, lang)
    if not service_just_answered(tracker) or topic not in STORE.service_topics:
        return None
    city = city if city in STORE.cities else None
    pointers = place_pointers(topic, city)
    if action_words().says(q.text, "responsible") and not STORE.service_topics_in(q.text, loose=False):
        # "kann QuattroPole mir da helfen, oder seid ihr nicht zuständig?": no, the place is
        dispatcher.utter_message(response="utter_service_not_us")
        for pointer in pointers[:1]:
            say_pointer(dispatcher, pointer, lang)
        if not pointers:  # no address stored for the topic (waste, schools): the city's website
            website = STORE.city_website(city) if city in STORE.cities else STORE.network_website
            dispatcher.utter_message(response="utter_service_city_website", pointer=website)
        return []
    if q.kind not in POINTER_LACKS or names_own_subject(tracker) or entity_values(tracker, "transport"):
        return None  # "and how long is the drive?" after the border's rules: the drive
    website = STORE.city_website(city) if city else STORE.network_website
    say_lacking(dispatcher, q.kind, topic, lang, pointers[0].url if pointers else website)
    return []


def answer_service_follow_up(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "opening hours?" right after a service's address: the store has only the address, so
    the reply says so and points to that place's own page; None when the last answer was not
    a service or the message asks something else."""
    topic, city = tracker.get_slot("service"), tracker.get_slot("city")
    q = question(tracker, lang)
    if not service_just_answered(tracker) or topic not in STORE.service_topics:
        return None
    if STORE.service_topics_in(q.text):  # "et pour déclarer mon déménagement ?": that topic
        return ActionAnswerCityService().answer(dispatcher, tracker, lang)
    pointers = place_pointers(topic, city if city in STORE.cities else None)
    if len(q.text.split()) > SERVICE_FOLLOW_UP_WORDS or not (q.kinds or is_question(q.text)):
        return None
    lacking = answer_service_lacking(dispatcher, tracker, lang)
    if lacking is not None:  # "c ouvert le samedi ?"
        return lacking
    if not pointers:
        return None
    # "bis wann muss ich das machen?", "what do I need to bring?": what the store has is the
    # place's own short description and its page
    # the place was just given: its page, not its whole text again
    dispatcher.utter_message(response="utter_service_details", pointer=pointers[0].url, page=pointers[0].url)
    return []


def answer_service_place(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "where is the office and do i need an appointment?" right after a service's place (the
    Bürgeramt): that place's own page, not QuattroPole's office; None when the last answer was
    not a service's place, or the message names QuattroPole's office, a service or a city."""
    topic, city = tracker.get_slot("service"), tracker.get_slot("city")
    text = tracker.latest_message.get("text") or ""
    if not service_just_answered(tracker) or topic not in STORE.service_topics:
        return None
    words = action_words()
    if not words.says(text, "service_place") or words.says(text, "own_office"):
        return None
    if STORE.service_topics_in(text, loose=False) or entity_values(tracker, "city"):
        return None  # "et le bureau à Metz ?", "the office for my ID card?": a question of its own
    kept = [SlotSet("topic", "service")]  # the service stays the conversation's subject
    pointers = place_pointers(topic, city if city in STORE.cities else None)
    if not pointers:
        return None
    kind = question(tracker, lang).kind
    if kind in POINTER_LACKS:  # "when is the office open?": not known, the place's page
        say_lacking(dispatcher, kind, topic, lang, pointers[0].url)
        return kept
    dispatcher.utter_message(response="utter_service_details", pointer=pointers[0].url, page=pointers[0].url)
    return kept


#: The topic whose region-wide pointer advises cross-border workers (EURES), and the topics it
#: helps with when a city has no place of its own stored
CROSS_BORDER_TOPIC = "jobs"
CROSS_BORDER_MATTERS = ("taxes", "health", "residence_permit", "housing")
#: The state each city is in: living in one and working in another crosses a border
STATE_OF = {"luxembourg": "LU", "metz": "FR", "saarbruecken": "DE", "trier": "DE"}


#: The states named by their own names ("ma sécu, c'est en France ou au Lux ?")
_STATE_NAMES = {
    "FR": re.compile(r"\b(?:france|frankreich)\b"),
    "DE": re.compile(r"\b(?:allemagne|deutschland|germany)\b"),
    "LU": re.compile(r"\b(?:luxembourg|luxemburg|lux|letzebuerg|grand-duche|grossherzogtum)\b"),
}


def names_a_country(text: str) -> bool:
    """France or Germany named as a country ("the oldest city in Germany"); Luxembourg is also
    a city, so it does not count."""
    folded = fold(text)
    return any(_STATE_NAMES[state].search(folded) for state in ("FR", "DE"))


#: a job or internship with someone (not "frontaliers", whom the network's work is for)
_JOB_AT = re.compile(
    r"\b(?:interns?|internships?|jobs?|vacanc\w*|stages?|stagiaires?|praktik\w*|stellen?|stellenangebot\w*"
    r"|emplois?|postes? (?:a pourvoir|vacants?|libres?))\b"
)


def answer_network_jobs(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Does QuattroPole take interns?": whether the association itself offers internships or
    jobs is not known; its office is who to ask (not the region's job advisers, nor what the
    network is). None unless the message names the network and a job, and no city."""
    text = tracker.latest_message.get("text") or ""
    q = question(tracker, lang)
    if not q.names_network or not _JOB_AT.search(fold(text)) or entity_values(tracker, "city"):
        return None
    dispatcher.utter_message(response="utter_unknown_network_jobs")
    say_fact(dispatcher, OFFICE_CONTACT, lang)
    return [SlotSet("subject", "organ:office"), SlotSet("facts", [OFFICE_CONTACT])]


def crosses_a_border(tracker: Tracker, cities: Sequence[str]) -> bool:
    """The user lives in one country and works in another: two cities or states of different
    countries named ("j'habite à Sarrebruck et je bosse à Metz", "ma sécu c'est en France ou au
    Lux ?"), or cross-border work named."""
    text = tracker.latest_message.get("text") or ""
    folded = fold(text)
    states = {STATE_OF.get(c) for c in cities} | {
        s for s, words in _STATE_NAMES.items() if words.search(folded)
    }
    # "i work in LU but live in DE": where one lives and where one works, named apart
    lives_and_works = action_words().says(text, "home_marker") and action_words().says(text, "work_marker")
    return len(states - {None}) > 1 or lives_and_works or CROSS_BORDER_TOPIC in STORE.service_topics_in(text)


def other_asked_pointers(text: str, topic: str, city: Optional[str]) -> List[Pointer]:
    """The city's place for a second service a message asks about with a question of its own
    (two question marks): "do the kids need tickets for the tram? And where is the tourist
    office?" is the tourist office and the trams. None for a topic only named in passing."""
    if city is None or text.count("?") < 2:
        return []
    others = [t for t in STORE.service_topic_places(text, loose=False) if t not in (topic, BROADEST_TOPIC)]
    return [p for t in others[:1] for p in STORE.pointers(t, city) if p.city == city]


class ActionAnswerCityService(FactAction):
    def name(self) -> str:
        return "action_answer_city_service"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        from actions.cities import answer_event_in_city
        from actions.travel import answer_trip, cities_in_message, home_cities

        q = question(tracker, lang)
        mayors = [c for c in entity_values(tracker, "city") if c in STORE.cities]
        if "mayor" in q.roles and mayors and (q.asks("who") or q.now):
            # "je commence un stage à Sarrebruck, c qui le maire ?": the mayor, not the job
            # advisers the internship named
            for each in mayors:
                say_fact(dispatcher, f"city.{each}.mayor", lang)
            return [SlotSet("topic", "city.mayor"), SlotSet("city", mayors[-1])]
        if (
            entity_values(tracker, "transport")
            and len({c for c, _ in cities_in_message(tracker)}) >= 2
            and not STORE.decisive_topic_in(
                tracker.latest_message.get("text") or ""
            )  # "my passport to drive to Metz?"
            # "donc mon train metz-lux c payant quand même ?": riding for free, not the route
            and not action_words().says(q.text, "free_of_charge")
        ):
            # "job in Luxembourg, I live in Trier: best way to go to work, train or car?": the
            # commute, not the job advisers
            trip = answer_trip(dispatcher, tracker, lang, strict=False)
            if trip is not None:
                return trip

        local = LOCAL_TRANSPORT & set(entity_values(tracker, "transport"))
        if not STORE.service_topics_in(tracker.latest_message.get("text") or "") and not local:
            # ("the local buses in trier, who runs them?" is the city's transport, not the
            # conversation's subject)
            context = context_subject(tracker)
            if q.kind and context is not None and any(f.answers_kind(q.kind) for _, f in context.facts()):
                # "Etait-ce à l'initiative de Metz ?" right after the network's history: where
                # it came from, not the city's services (the city names no service)
                told = answer_follow_up(dispatcher, tracker, q, lang)
                if told is not None:
                    return told
            named = [c for c in entity_values(tracker, "city") if c in STORE.cities]
            at_event = answer_event_in_city(dispatcher, tracker, named, lang)
            if at_event is not None:  # "wo war das in Saarbrücken?" right after the hackathon
                return at_event
        topic = service_topic(tracker)
        text = tracker.latest_message.get("text") or ""
        # the store also sees a city inside a service's name ("work in Luxembourg") and in
        # words made from it ("carte d'identité luxembourgeoise")
        cities = member_cities_named(tracker)
        # "et ma carte d'identité française ?": the papers come from the holder's own state
        states = STORE.nationality_cities(topic, text) if topic else []
        home = home_cities(tracker)
        if topic and not states and home:
            # "personalausweis verloren in lux, was tun? wohn in saarbrücken": the papers of the
            # state one lives in, at home
            states = STORE.state_cities(topic, home[0])
            cities = [home[0], *cities] if states else cities
        here = [c for c in [*cities, tracker.get_slot("city")] if c in states]
        if states:
            cities = here[:1] or states
        if topic == "tourism" and len(cities) > 1:
            # "teacher in Metz, school trip to Trier, what is there to see?": the place visited
            # is named last, unless the last is where the trip starts ("… in metz, worth a day
            # trip from trier?")
            starts = {city for city, marker in cities_in_message(tracker) if marker == "from"}
            cities = [c for c in cities if c not in starts][-1:] or cities[-1:]
        # "I live in Metz and work in Luxembourg, where do I pay taxes?": the city that has a
        # place for the topic
        with_pointer = [c for c in cities if topic and any(p.city == c for p in STORE.pointers(topic, c))]
        if len(with_pointer) > 1 and topic and action_words().says(text, "free_of_charge"):
            # "mon train metz-lux c payant ?": the city whose place speaks of riding for free
            free = [
                c
                for c in with_pointer
                if any(
                    p.city == c and action_words().says(p.text_for(lang), "free_of_charge")
                    for p in STORE.pointers(topic, c)
                )
            ]
            with_pointer = free + [c for c in with_pointer if c not in free]
        city: Optional[str] = (with_pointer or cities or [tracker.get_slot("city")])[0]
        city = city if city in STORE.cities else None
        organ = entity_subject(tracker, None) if topic is None else None
        if organ is not None:
            # "the office is in luxembourg city, right?": no city service, the office the
            # message names
            for key in organ.keys:
                say_fact(dispatcher, key, lang)
            return subject_events(organ, list(organ.keys))
        if topic is None:
            dispatcher.utter_message(response="utter_service_unknown_topic")
            if city:  # the city's own website knows its services
                dispatcher.utter_message(
                    response="utter_service_city_website", pointer=STORE.city_website(city)
                )
            return [SlotSet("city", city)] if city else []
        pointers = STORE.pointers(topic, city)
        q = question(tracker, lang)
        if city is None and (q.names_network or action_words().says(text, "all_cities")):
            # "is there a tourist office for QuattroPole?", "... in each city?": no joint one
            # is known; each city's own
            own = city_pointers(topic, STORE.cities)
            if own:
                dispatcher.utter_message(response="utter_service_each_city")
                for pointer in own:
                    say_pointer(dispatcher, pointer, lang)
                return [SlotSet("service", topic), SlotSet("topic", "service"), SlotSet("subject", None)]
        if city is None and any(p.city for p in pointers) and not any(p.city is None for p in pointers):
            dispatcher.utter_message(response="utter_ask_city")
            return [SlotSet("service", topic), SlotSet("topic", "service")]
        own = [p for p in pointers if p.city == city] if city else []
        if states and not here:  # "my German ID card": each German city's office
            own = city_pointers(topic, states)
        chosen = own or [p for p in pointers if p.city is None] or pointers[:0]
        if not chosen:  # each city's own website knows its services
            # "Maut zwischen Metz und Luxemburg?": both cities' websites
            websites = [
                STORE.city_website(c)
                for c in (cities if len(cities) > 1 else [city] if city else STORE.cities)
            ]
            dispatcher.utter_message(
                response="utter_service_no_pointer",
                topic=STORE.service_topics[topic].names[lang],
                pointer=", ".join(w for w in websites if w) or STORE.network_website,
            )
            advice = [p for p in STORE.pointers(CROSS_BORDER_TOPIC, None) if p.city is None]
            if topic in CROSS_BORDER_MATTERS and advice and crosses_a_border(tracker, cities):
                # "I live in Saarbrücken and work in Metz, where do I pay taxes?": the joint
                # advice for cross-border workers
                dispatcher.utter_message(response="utter_service_cross_border")
                say_pointer(dispatcher, advice[0], lang)
        lacking = [k for k in q.kinds if k in ("hours", "phone")]
        if chosen and lacking:  # "wann hat das Bürgeramt offen?": not known; the place follows
            say_lacking(dispatcher, lacking[0], topic, lang, chosen[0].url)
        for pointer in chosen[:2]:
            say_pointer(dispatcher, pointer, lang)
        for pointer in other_asked_pointers(text, topic, city)[:1]:
            # "do the kids need tickets for the tram? And where is the tourist office?": each
            say_pointer(dispatcher, pointer, lang)
        events = [SlotSet("service", topic), SlotSet("topic", "service"), SlotSet("subject", None)]
        return events + ([SlotSet("city", city)] if city else [])
