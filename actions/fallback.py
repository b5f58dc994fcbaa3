"""What the assistant says when it did not understand.

Rasa's built-in affirmation step speaks English only; ours asks to rephrase in the conversation
language instead. When the message was in a language we don't speak (or Luxembourgish), the
notice sent by action_validate_slot_mappings already answered it, so no second message follows."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (
    FOUNDERS,
    answer_about_person,
    answer_by_shared_words,
    answer_follow_up,
    answer_kind,
    answer_personal,
    answer_signatories,
    city_subject,
    context_subject,
    entity_subject,
    fact_named_by_words,
    network_subject,
    organ_subject,
    subject_events,
    with_previous_kinds,
)
from actions.cities import FOUNDED, another_unknown_place, named_unknown_place, rank_by_population
from actions.common import (
    ABOUT_THE_ASSISTANT,
    LEGAL_SEAT,
    VISIT_KINDS,
    answer_anywhere,
    answer_say_again,
    asked_for_a_city_twice,
    citation_text,
    drop_repeated_part,
    drop_travel_form,
    entity_values,
    first_answer,
    is_later_part,
    last_reply_facts,
    named_place_unsaid,
    names_own_subject,
    names_politics,
    places_claimed,
    places_of_fact,
    previous_question,
    question,
    reply_language,
    said_last_turn,
    say_confirmed,
    say_fact,
    say_part_not_answered,
    say_still_so,
    say_unknown,
    say_what_the_network_is,
)
from actions.governance import answer_board_role, answer_term_events
from actions.services import ActionAnswerCityService, answer_service_follow_up, names_service
from actions.store import NETWORK_WEBSITE, STORE
from actions.travel import (
    answer_city_long_distance,
    answer_corrected_route,
    answer_distance,
    answer_office_trip,
    answer_outside_trip,
    answer_route_follow_up,
    answer_trip,
    answer_unmarked_route,
    asks_a_trip,
    asks_about_a_trip,
    route_of_topic,
    trip_to_office,
)
from bot.facts import clock
from bot.language import fold
from bot.language.concepts import action_words, project_lexicon
from bot.language.format import format_as_of
from bot.language.kinds import Question, asks_what_the_network_is, written_years
from bot.language.split import is_question
from bot.language.text import words
from bot.store_url import retention_days

ANSWERED_BY_NOTICE = {"unsupported", "luxembourgish"}


#: A message this short that asks a kind of question ("und die nächste Verleihung?") may be a
#: follow-up on the conversation's subject even when the NLU could not place it.
FOLLOW_UP_WORDS = 8
#: Kinds so particular that a message of any length asking one is about the conversation's
#: subject when its facts answer it ("how do I sign up?", "who won?").
TOLD_BY_CONTEXT = ("sign_up", "winner")


#: Replies that state no fact: a source request right after one gets `utter_source_none`.
SAID_NOTHING_KNOWN = (
    "utter_fact_unknown",
    "utter_out_of_scope",
    "utter_unknown_cost",
    "utter_unknown_next",
    "utter_unknown_who",
    "utter_unknown_composition",
    "utter_unknown_phone",
    "utter_unknown_hours",
    "utter_service_no_pointer",
    "utter_service_unknown_topic",
    "utter_part_not_answered",
)

#: "tu peux me donner la source stp" is a request for a source; a longer message is more
SOURCE_REQUEST_WORDS = 8
#: "Et le chiffre de 530 000 habitants, il vient d'où ?" asks where a number is from
NUMBER_SOURCE_WORDS = 16


def answer_number_origin(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> List[Dict[Text, Any]] | None:
    """ "Et le chiffre de 530 000 habitants, il vient d'où ?": the facts that give that number,
    with their sources, whatever the conversation was about; None when the message quotes no
    number of the store or does not ask where it is from."""
    text = tracker.latest_message.get("text") or ""
    if len(text.split()) > NUMBER_SOURCE_WORDS or not action_words().says(text, "number_origin"):
        return None
    numbered = STORE.facts_with_number(text)
    if not numbered:
        return None
    for key in numbered:
        say_fact(dispatcher, key, lang)
    return [SlotSet("facts", numbered)]


def answer_source_request(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> List[Dict[Text, Any]] | None:
    """ "Quelle?", "source for that?": the sources of the facts just said, each once; None when
    the message does not ask for a source or nothing was said with one."""
    text = tracker.latest_message.get("text") or ""
    numbered = answer_number_origin(dispatcher, tracker, lang)
    if numbered is not None:
        return numbered
    bare_quelle = lang == "de" and fold(text).strip(" ?!.") == "quelle"  # German "Quelle?" alone
    if (
        not (bare_quelle or action_words().says(text, "source_request"))
        or len(text.split()) > SOURCE_REQUEST_WORDS
        or action_words().says(text, "money")  # "woher kommt das Geld?": who pays
    ):
        return None
    facts = [f for f in (STORE.fact(k) for k in tracker.get_slot("facts") or ()) if f is not None]
    citations = list(dict.fromkeys(c for c in (STORE.citation(f, lang) for f in facts) if c is not None))
    if not citations and any(said_last_turn(tracker, response) for response in SAID_NOTHING_KNOWN):
        # "source?" after "I don't have that": there is none, and why (not "I'm a chatbot")
        dispatcher.utter_message(response="utter_source_none")
        return []
    if not citations:
        return None
    for citation in citations:
        dispatcher.utter_message(response="utter_source_again", source=citation_text(citation))
    return []


def follow_up_instead(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]] | None:
    """Answer a short question of a known kind about the conversation's subject; None if the
    message is not one, or the conversation has no subject."""
    lang = reply_language(tracker)
    if lang is None:
        return None
    q = question(tracker, lang)
    if names_politics(q.text):  # "wer ist der Präsident von Frankreich?": out of scope
        return None
    pushed = answer_pushback(dispatcher, tracker)
    if pushed is not None:  # "das war nicht meine Frage"
        return pushed
    doubted = answer_doubt(dispatcher, tracker, q)
    if doubted is not None:  # "bist du sicher? es gab doch Wahlen 2026"
        return doubted
    cited = answer_source_request(dispatcher, tracker, lang)
    if cited is not None:  # "Quelle?" right after a fact
        return cited
    signatories = answer_signatories(dispatcher, q, lang)
    if signatories is not None:  # "Wikipédia cite Polfer et Britz, c'est juste ?"
        return signatories
    board = answer_board_role(dispatcher, tracker, lang)
    if board is not None:  # "qui était vice-président sous Polfer ?" the NLU could not place
        return board
    term = answer_term_events(dispatcher, tracker, lang)
    if term is not None:  # "what happened during his presidency?" the NLU could not place
        return term
    if q.asks("legal_form"):  # "c'est quoi la forme juridique et le siège ?": the association's
        network = network_subject(())
        answered = answer_kind(dispatcher, network, q, lang, follow_up=True)
        if answered is not None:
            return subject_events(network, answered.keys)
    distance = answer_distance(dispatcher, tracker, lang)
    if distance is not None:  # "how far apart are they, the 4 cities" the NLU could not place
        return distance
    ranks = any(action_words().says(q.text, c) for c in ("all_cities", "oldest", "largest", "smallest"))
    if "city" in project_lexicon().concepts_of(q.text) or ranks:
        ranked = rank_by_population(dispatcher, q.text, lang)
        if (
            ranked is not None
        ):  # "... which of the four cities has the most people?", "und welche ist die älteste"
            return ranked
    trip = answer_trip(dispatcher, tracker, lang, strict=False)
    if trip is not None:  # "non, plutôt de Trèves à Sarrebruck" right after a route; "familie aus
        return trip  # saarbrücken, ... tagesausflug nach trier, wie kommen wir hin?" out of scope
    if q.kind in VISIT_KINDS and (tracker.get_slot("subject") or "").startswith("organ:office"):
        # "can I just drop by or do I need an appointment?", "opening hours?" after the office,
        # however long (before the way there: "hours" is also a travel word)
        events = answer_follow_up(dispatcher, tracker, q, lang)
        if events is not None:
            return events
    context = context_subject(tracker)
    # "that prize": a cost, when the message names nothing of its own
    kind = q.kind or ""
    told = kind in TOLD_BY_CONTEXT or (kind == "cost" and not tracker.latest_message.get("entities"))
    if told and context is not None and any(f.answers_kind(kind) for _, f in context.facts()):
        # "comment je m'inscris, j'ai pas internet chez moi juste le téléphone" after the
        # Rencontres Citoyennes, however long: how to sign up for them; "how much money do you
        # get with that prize?" after the music prize
        events = answer_follow_up(dispatcher, tracker, q, lang)
        if events is not None:
            return events
    if trip_to_office(tracker) and asks_a_trip(q):
        # "how do I get there by train from Luxembourg station?" after the office
        return answer_office_trip(dispatcher, tracker, lang)
    if names_service(tracker, lang):  # "is there a tourist office for QuattroPole?"
        return ActionAnswerCityService().answer(dispatcher, tracker, lang)
    organ = entity_subject(tracker, None, q)
    if organ is not None and q.kinds:  # "wann hat die Geschäftsstelle offen?" the NLU could not place
        answered = answer_kind(dispatcher, organ, q, lang, follow_up=True)
        if answered is not None:
            return subject_events(organ, answered.keys)
    if q.kind in ("internal", "phone"):  # "what's the wifi password?": not known, and how to write
        office = organ_subject("office", (), "office.")
        answered = answer_kind(dispatcher, office, q, lang, follow_up=True)
        if answered is not None:
            return subject_events(office, answered.keys)
    q = with_previous_kinds(tracker, q)
    if q.kinds and q.names_network:  # "whats quattropoles yearly budget", "wie viele hat das Netz"
        answered = answer_kind(dispatcher, network_subject(()), q, lang)
        if answered is not None:
            return subject_events(network_subject(()), answered.keys)
    context = context_subject(tracker)
    if q.names_network or context is None or context.id == network_subject(()).id:
        named = fact_named_by_words(network_subject(()), q, lang)
        if named is not None:  # "and the motto?" about the network
            key, fact = named
            kind = next((k for k in q.kinds if k in fact.kinds), "what")
            say_fact(dispatcher, fact, lang, text=fact.answer_for(kind, lang))
            return subject_events(network_subject([key]), [key])
    if context is None or context.id == network_subject(()).id:
        shared = answer_by_shared_words(dispatcher, network_subject(()), q, lang)
        if shared is not None:  # "où a eu lieu celle des 25 ans ?": the anniversary
            return shared
    if len(words(q.text)) > FOLLOW_UP_WORDS and asks_about_a_trip(tracker, q):
        # "fährt der jeden tag oder nur am wochenende? ich hab mal gehört nur samstags" right
        # after a route: how often it runs, however long the message
        events = answer_route_follow_up(dispatcher, tracker, lang)
        if events is not None:
            return events
    context = context_subject(tracker)
    if (
        len(words(q.text)) > FOLLOW_UP_WORDS
        and q.relation
        and context is not None
        and context.id.startswith("project:")
    ):
        # "et le premier, celui sur la santé, y avait des prix à gagner ?" right after the 2025
        # hackathon: the first of the series, however long the message
        events = answer_follow_up(dispatcher, tracker, q, lang)
        if events is not None:
            return events
    if len(words(q.text)) > FOLLOW_UP_WORDS:  # "?" is no word
        return None
    if another_unknown_place(dispatcher, tracker, q):
        return []
    events = answer_route_follow_up(dispatcher, tracker, lang)
    if events is None:
        events = answer_service_follow_up(dispatcher, tracker, lang)
    if events is not None:  # "how long?" right after a route, "opening hours?" after an office
        return events
    if q.kinds or q.relation or q.roles or q.years:  # "et cette année ?": that year's
        events = answer_follow_up(dispatcher, tracker, q, lang)
        if events is not None:
            return events
    events = answer_personal(dispatcher, tracker, q, lang)
    if events is not None:
        return events
    if named_unknown_place(q.text):  # "combien d'habitants a Nancy ?"
        dispatcher.utter_message(response="utter_unknown_city")
        return []
    return None


def answer_doubt_about_now(
    dispatcher: CollectingDispatcher, context: Any, q: Question, lang: str
) -> List[Dict[Text, Any]] | None:
    """ "et aujourd'hui c'est toujours Grosdidier ? il y a eu les municipales" right after
    Conradt's past term: a doubt about now, so the subject's fact of today (the one that says
    since when, and what the elections may have changed), not "yes" to the past term. None
    when the doubt is not about now or the last fact is one of today."""
    fact = STORE.fact(context.keys[0]) if context.keys else None
    if fact is None or fact.time_bound or not (q.now or action_words().says(q.text, "election")):
        return None
    current = [
        k for k, f in context.facts() if f.time_bound and f.answers_kind("who") and f.answers_kind("since")
    ]
    if not current:
        return None
    say_fact(dispatcher, current[0], lang)
    return [SlotSet("facts", current[:1])]


def answer_pushback(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]] | None:
    """ "sie haben meine Frage nicht beantwortet", "that's not what I asked": sorry, the question
    it was about, that nothing more precise was found, where to look and how to ask again
    (not the help menu or "alright"). None when the message does not say so, asks a question
    of its own ("not what I asked: when is the office open?"), or follows no question."""
    text = tracker.latest_message.get("text") or ""
    lang = reply_language(tracker)
    if lang is None or not action_words().says(text, "pushback"):
        return None
    q = question(tracker, lang)
    if names_own_subject(tracker):
        return None
    if q.kinds:
        # "that's not what I asked, I asked whether I can sign up" after the music prize: that
        # question (the questions answered whatever the intent first: "ils font quoi pour le
        # tourisme ?"), else about the conversation's subject (None: as the NLU placed it)
        anywhere = answer_anywhere(dispatcher, tracker, q, lang)
        if anywhere is not None:
            return anywhere
        return answer_follow_up(dispatcher, tracker, q, lang) if context_subject(tracker) else None
    asked = previous_question(tracker)
    if asked is None:
        return None
    context = context_subject(tracker)
    pointer = context.where_to_look() if context is not None else STORE.network_website
    dispatcher.utter_message(response="utter_pushback", asked=_quoted(asked.text), pointer=pointer)
    return []


def _quoted(text: Text, longest: int = 80) -> Text:
    """A user's message to quote back: one line, cut at a word after `longest` characters."""
    text = " ".join(text.split())
    if len(text) <= longest:
        return text
    return text[:longest].rsplit(" ", 1)[0] + " …"


def answer_doubt(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question
) -> List[Dict[Text, Any]] | None:
    """ "Are you sure?", "is that still true after the 2026 election?" right after a fact: the
    date the fact holds for, and where to check what is newer. None when the message does not
    doubt, or the conversation has no fact to doubt."""
    context = context_subject(tracker)
    lang = reply_language(tracker) or "en"
    doubts = action_words().says(q.text, "doubt")
    if context is not None and FOUNDERS in context.keys and doubts:
        # "Wikipedia dit Polfer, Rausch, Britz et Leibe" right after the signatories: no, and
        # who did sign
        corrected = answer_signatories(dispatcher, q, lang, after_them=True)
        if corrected is not None:
            return corrected
    persons = STORE.persons_named(q.text)
    named = set(persons) - {tracker.get_slot("person")}
    told = " ".join(f.text_for(lang) for k, f in context.facts() if k in context.keys) if context else ""
    about_context = all(person.split()[-1] in told for person in persons)
    now = (
        answer_doubt_about_now(dispatcher, context, q, lang) if doubts and context and about_context else None
    )
    if now is not None:
        return now
    others = [p for p in named if p.split()[-1] not in told]
    if doubts and others and context is not None and context.keys and not (q.roles or q.kinds):
        # "war das nicht die Frau Polfer?" right after the president: no, who it is, and what
        # the store knows of her in that role
        topic = context.keys[0].rsplit(".", 1)[-1]  # "wasn't it Conradt?" after Trier's mayor: his office
        theirs = [
            k
            for k in STORE.facts_about(q.text)
            if (k.startswith(tuple(context.scope)) or k.endswith("." + topic)) and k not in context.keys
        ]
        fact = STORE.fact(context.keys[0])
        if theirs and fact is not None:
            dispatcher.utter_message(response="utter_fact_not_so")
            say_fact(dispatcher, fact, lang, text=fact.answer_for("who", lang))
            other = STORE.fact(theirs[0])
            if other is not None:
                say_fact(dispatcher, other, lang, text=other.answer_for("when", lang))
            return [SlotSet("facts", [context.keys[0], theirs[0]])]
    if named and (q.roles or q.kinds or others):
        # "c'est vrai que Dominique Gros a été président ?", "is it true that Leibe was
        # president?": a claim of its own about someone (in a role, or whom the last answer did
        # not name), answered as a question, not a doubt about that answer
        return None
    if (context is None or not context.keys) and doubts and last_reply_facts(tracker):
        # "hmm that's wrong, i think there is a direct train" right after a route, which names
        # no subject of its own: the route's fact
        origin, destination = route_of_topic(tracker.get_slot("topic"))
        route = STORE.route(origin, destination) if origin and destination else None
        if route is not None and route.fact.key:
            context = network_subject([route.fact.key])
    if (context is None or not context.keys) and doubts:
        if any(said_last_turn(tracker, response) for response in SAID_NOTHING_KNOWN):
            # "das glaube ich nicht, irgendwas müsst ihr doch wissen" after "I don't have that":
            # there is nothing to check, and nothing is made up
            dispatcher.utter_message(response="utter_doubt_nothing_known", pointer=STORE.network_website)
            return []
    # "es gab doch Wahlen 2026": a year written out ("cette année" asks about this year's facts)
    written = written_years(q.text)
    later = any(year > clock.today().year - 1 for year in written)
    if context is None or not context.keys or not (doubts or later):
        return None
    fact = STORE.fact(context.keys[0])
    if fact is None:
        return None
    placed = answer_place_claim(dispatcher, tracker, q)
    if placed is not None:
        return placed
    if not fact.time_bound and not later:
        # "c'est vrai que Dominique Gros a été président ?" right after his term: a past fact
        # does not change; yes, and what the source says
        say_confirmed(dispatcher, q.text, [fact], lang)
        say_fact(dispatcher, fact, lang)
        return []
    dispatcher.utter_message(
        response="utter_fact_doubt", as_of=format_as_of(fact.as_of, lang), pointer=context.where_to_look()
    )
    return []


#: "der Verein sitzt in …", "l'association siège à …": where the association has its seat
_SITS = re.compile(r"\b(?:verein|association|asso)\b.{0,20}\b(?:sitzt|siege|is based|is registered)\b")


#: The association's founding, where it took place (data/facts/network.yml)
ASSOCIATION_FOUNDING = "network.association"


def answer_place_claim(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question
) -> List[Dict[Text, Any]] | None:
    """ "c'est vrai qu'elle est à Luxembourg-Ville ?" right after the office in Esch: no, and
    where it is; "is it true it's in Esch?": yes. The claim names places and nothing else the
    NLU found (a project or an organ makes it a question of its own). None when the message
    doubts nothing, names no place, or the conversation has no fact."""
    context = context_subject(tracker)
    claimed = places_claimed(q.text)
    entities = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
    if not claimed or not entities <= {"city"} or context is None or not context.keys:
        return None
    if not action_words().says(q.text, "doubt"):
        return None
    # "stimmt nicht, der verein sitzt doch in saarbrücken": a claim about the seat is about
    # the seat's fact, whatever was said before
    key = LEGAL_SEAT if action_words().says(q.text, "seat") or _SITS.search(fold(q.text)) else context.keys[0]
    if q.asks("where") and FOUNDED.search(fold(q.text)):
        # "wo genau wurde der gegründet? War das nicht im Rathaus?": where it was founded
        key = ASSOCIATION_FOUNDING
    fact = STORE.fact(key)
    if fact is None or (key != LEGAL_SEAT and not fact.answers_kind("where")) or "%" in q.text:
        # "is it true that 70% of people in Luxembourg City are foreigners?" after Trier's
        # languages: a question of its own, not where the last fact puts something
        return None
    lang = reply_language(tracker) or "en"
    placed = places_of_fact(fact.answer_for("where", lang) or fact.text_for(lang))
    if not placed:
        return None  # the fact puts nothing anywhere: the claim is no doubt about it
    agrees = bool(claimed & placed)
    said = fact.answer_for("where", lang) or fact.text_for(lang)
    if agrees and named_place_unsaid(q.text, said):
        # "Saarbrücken, im Rathaus St. Johann?": the city is right, the building is not in the
        # sources; the facts speak for themselves
        say_fact(dispatcher, fact, lang)
        return []
    dispatcher.utter_message(response="utter_fact_confirmed" if agrees else "utter_fact_not_so")
    say_fact(dispatcher, fact, lang)
    return []


def ask_to_rephrase(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    if tracker.get_slot("language_notice") in ANSWERED_BY_NOTICE:
        return
    if not say_part_not_answered(dispatcher, tracker):
        dispatcher.utter_message(response="utter_ask_rephrase")


def answer_still_in_office(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[Text, Any]]]:
    """ "wait is that guy still mayor tho, i think france had elections" right after a mayor or
    the president, which the NLU could not place: that office's fact (with what the elections
    may have changed) and "according to my sources, yes (as of ...)". None otherwise."""
    words = action_words()
    if not (words.says(q.text, "still") or words.says(q.text, "election")) or words.says(q.text, "doubt"):
        return None  # "bist du sicher? es gab doch wahlen": a doubt, answered as one
    subject = tracker.get_slot("subject") or ""
    parts = subject.split(":")
    if len(parts) == 3 and parts[0] == "city" and parts[2] == "mayor" and parts[1] in STORE.cities:
        key, pointer = f"city.{parts[1]}.mayor", STORE.city_website(parts[1])
    elif subject == "organ:president":
        key, pointer = "governance.current_president", NETWORK_WEBSITE
    else:
        return None
    if q.roles and not {"mayor", "presidency"} & set(q.roles):
        return None
    fact = STORE.fact(key)
    if fact is None:
        return None
    say_fact(dispatcher, key, lang)
    say_still_so(dispatcher, tracker, [fact], pointer)
    return [SlotSet("facts", [key])]


def answer_known_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[Text, Any]]]:
    """Questions the actions answer whatever the intent, also when the NLU could not place them
    or put them out of scope: a strike, a bike on the train, fares, the twinning, which city
    is oldest or biggest, what QuattroPole is, a trip to a place outside the four, whether the
    presidency has changed."""
    from actions.cities import answer_cities_together
    from actions.governance import answer_city_presidency, answer_president_now
    from actions.projects import answer_for_a_group, answer_what_to_sign_up_for

    q = question(tracker, lang)
    events = first_answer(
        # "vous parlez allemand aussi ? mon petit fils est à Sarrebruck": the assistant's languages
        lambda: answer_bot_languages(dispatcher, tracker) if asks_the_bots_language(q.text) else None,
        lambda: answer_anywhere(dispatcher, tracker, q, lang),
        # "as a regular person in trier is there anything i can actually take part in" (not
        # "inscrire les enfants à l'école": a city service)
        lambda: (
            None
            if entity_values(tracker, "service")
            else answer_what_to_sign_up_for(dispatcher, tracker, lang)
        ),
        lambda: answer_outside_trip(dispatcher, tracker),
        lambda: answer_unmarked_route(dispatcher, tracker, lang),  # "metz lux en train cb de temps ?"
        lambda: answer_city_long_distance(
            dispatcher, tracker, lang
        ),  # "depuis quand Trèves n'a plus d'ICE ?"
        lambda: answer_city_presidency(dispatcher, tracker, lang),  # "when it was Luxembourg's turn?"
        lambda: answer_president_now(dispatcher, tracker, lang),  # "la présidence a-t-elle changé ?"
        lambda: answer_still_in_office(dispatcher, tracker, q, lang),  # "is that guy still mayor tho?"
        lambda: answer_cities_together(dispatcher, tracker, lang),  # "so whats the total for all 4"
        # "kann man da als rentner mitmachen? ausflüge oder so": the closest project for them
        lambda: (
            answer_for_a_group(dispatcher, tracker, lang) if q.asks("sign_up") or q.names_network else None
        ),
    )
    if events is None and asks_what_the_network_is(q.text):
        events = say_what_the_network_is(dispatcher, lang)
    return events


class ActionAskRephrase(Action):
    def name(self) -> Text:
        return "action_ask_rephrase"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # "fährt der täglich oder nicht?" after the travel form asked twice for a start: it
        # stops asking
        dropped = drop_travel_form(tracker) if asked_for_a_city_twice(tracker) else []
        return [*dropped, *await self.answer(dispatcher, tracker)]

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
        if tracker.get_slot("language_notice") not in ANSWERED_BY_NOTICE:
            lang = reply_language(tracker)
            if action_words().says(tracker.latest_message.get("text") or "", "privacy"):
                # "et mes questions sont-elles enregistrées ?" (and who runs it, if asked too)
                say_about_the_assistant(dispatcher, tracker.latest_message.get("text") or "")
                return []
            rescued = answer_known_question(dispatcher, tracker, lang) if lang else None
            if rescued is not None:  # "streikt die bahn diese woche?" after a route
                drop_repeated_part(dispatcher, tracker)
                return rescued
            events = follow_up_instead(dispatcher, tracker)
            if events is not None:  # "wann wurde es gegründet und von wem?": not the signatories twice
                drop_repeated_part(dispatcher, tracker)
                return events
            text = tracker.latest_message.get("text") or ""
            if lang and STORE.persons_named(text) and not names_politics(text):
                # "Metz hatte 2026 Kommunalwahlen. Ist Grosdidier noch Bürgermeister?": what the
                # store knows of that person, with its date
                events = answer_about_person(dispatcher, tracker, question(tracker, lang), lang)
                if events is not None:
                    return events
            if lang and _ADDRESSES_BOT.search(fold(text)) and say_about_the_assistant(dispatcher, text):
                return []  # "are you run by quattropole? do you save what we type"
            if reply_language(tracker) and (project_lexicon().says(text, "offtopic") or names_politics(text)):
                # ("Qui est le président de la France ?": national politics are not QuattroPole's)
                # "je dois acheter des actions lesquelles ?": understood well enough to say it
                # is not QuattroPole's, rather than "please rephrase"
                dispatcher.utter_message(response="utter_out_of_scope")
                return []
        ask_to_rephrase(dispatcher, tracker)
        return []


class ActionDefaultAskAffirmation(ActionAskRephrase):
    """Replaces Rasa's English-only affirmation step with the rephrase request."""

    def name(self) -> Text:
        return "action_default_ask_affirmation"


class ActionAnswerOutOfScope(Action):
    """Out of scope, unless it is a short follow-up on the conversation's subject."""

    def name(self) -> Text:
        return "action_answer_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        lang = reply_language(tracker)
        text = tracker.latest_message.get("text") or ""
        if lang and question(tracker, lang).asks("personal") and _ASKS_THE_BOT.search(fold(text)):
            # "wie alt bist du?": about the assistant, not the age of the conversation's city
            dispatcher.utter_message(response="utter_iamabot")
            return []
        if action_words().says(text, "privacy"):
            say_privacy(dispatcher)  # "do you store my data?", "mes questions sont-elles enregistrées ?"
            return []
        rescued = answer_known_question(dispatcher, tracker, lang) if lang else None
        if rescued is not None:  # "if there's a strike in france what are my options"
            drop_repeated_part(dispatcher, tracker)
            return rescued
        events = follow_up_instead(dispatcher, tracker)
        if events is not None:
            drop_repeated_part(dispatcher, tracker)
            return events
        if lang and names_service(tracker, lang):  # "ma carte d'identité ?": where to go for it
            return ActionAnswerCityService().answer(dispatcher, tracker, lang)

        if action_words().says(text, "freshness") and (
            _ADDRESSES_BOT.search(fold(text)) or len(words(text)) <= 6
        ):
            # "wie aktuell ist das alles?": how current the facts are, and where they come from
            dispatcher.utter_message(response="utter_bot_freshness")
            return []
        if lang and STORE.persons_named(text) and not names_politics(text):
            # "ist Grosdidier nach der Wahl überhaupt noch Bürgermeister?": what the store
            # knows of that person, with its date
            events = answer_about_person(dispatcher, tracker, question(tracker, lang), lang)
            if events is not None:
                return events
        cities = [
            e.get("value")
            for e in tracker.latest_message.get("entities") or []
            if e.get("entity") == "city" and e.get("value") in STORE.cities
        ]
        if cities and lang:
            # "et il y a des cours à Metz, en présentiel ?": not "I only know the four cities"
            # about one of them; that city's own website may know
            dispatcher.utter_message(
                response="utter_out_of_scope_city",
                city=STORE.city_name(cities[0], lang),
                pointer=STORE.city_website(cities[0]),
            )
            return []
        if not say_part_not_answered(dispatcher, tracker):  # "… ? il faut un interprète ?"
            dispatcher.utter_message(response="utter_out_of_scope")
        return []


class ActionAnswerCapabilities(Action):
    """What the assistant can do, unless the message is a short question about the service or
    the route just answered that the NLU took for a request for help ("what documents do I
    need?" after where to apply for a passport)."""

    def name(self) -> Text:
        return "action_answer_capabilities"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        lang = reply_language(tracker)
        cited = answer_source_request(dispatcher, tracker, lang) if lang else None
        if cited is not None:  # "hast du eine Quelle dafür?" right after a fact
            return cited
        reacted = answer_reaction(dispatcher, tracker, lang, say_again=True)
        if reacted is not None:  # "versteh ich nicht", "war das nicht die Frau Polfer?": not the menu
            return reacted
        if action_words().says(text, "privacy"):  # "do you store what i write?"
            say_privacy(dispatcher)
            return []
        concepts = project_lexicon().concepts_of(text)
        if lang and not {"help", "bot"} & set(concepts):
            events = answer_anywhere(dispatcher, tracker, question(tracker, lang), lang)
            if events is not None:  # "kann man das besichtigen?" after the Haus der Großregion
                return events
            events = answer_route_follow_up(dispatcher, tracker, lang)
            if events is None:
                events = answer_service_follow_up(dispatcher, tracker, lang)
            q = question(tracker, lang)
            if events is None and q.kinds and context_subject(tracker) is not None:
                # "what was the theme of the 2nd?" after the hackathons: about them
                events = answer_follow_up(dispatcher, tracker, q, lang)
            if events is not None:
                return events
        if lang and names_service(tracker, lang):  # "can they help me with my permit?"
            return ActionAnswerCityService().answer(dispatcher, tracker, lang)
        if not say_part_not_answered(dispatcher, tracker):  # the menu is no answer to a later part
            dispatcher.utter_message(response="utter_capabilities")
        return []


def answer_reaction(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: Optional[str], say_again: bool
) -> List[Dict[Text, Any]] | None:
    """A reaction to the last answer that the NLU took for a question about the assistant or a
    request for help: pushback ("you didn't answer my question"), with `say_again` a request to
    hear it again ("versteh ich nicht"), or a doubt ("war das nicht die Frau Polfer?"). None
    when the message is none of these."""
    pushed = answer_pushback(dispatcher, tracker)
    if pushed is not None:
        return pushed
    if lang is None:
        return None
    again = answer_say_again(dispatcher, tracker, lang) if say_again else None
    if again is not None:
        return again
    if action_words().says(tracker.latest_message.get("text") or "", "doubt"):
        return follow_up_instead(dispatcher, tracker)
    return None


def say_about_the_assistant(dispatcher: CollectingDispatcher, text: Text) -> bool:
    """Who runs the assistant and what it keeps, each when asked ("are you run by quattropole?
    do you save what we type"); False when the message asks neither."""
    words = action_words()
    said = False
    if words.says(text, "maker"):
        dispatcher.utter_message(response="utter_who_made_me")
        said = True
    if words.says(text, "privacy"):
        say_privacy(dispatcher)
        said = True
    return said


def say_privacy(dispatcher: CollectingDispatcher) -> None:
    """What is kept of the conversation and for how long (as web/privacy.html says)."""
    days = retention_days()
    dispatcher.utter_message(response="utter_privacy", days=f"{days:g}")


class ActionAnswerBot(Action):
    """ "Are you a bot?", and the questions after it: who made it, how to reach a person.
    Each gets its own answer, so the same text does not come back for a different question."""

    def name(self) -> Text:
        return "action_answer_bot"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        words = action_words()
        lang = reply_language(tracker)
        cited = answer_source_request(dispatcher, tracker, lang) if lang else None
        if cited is not None:  # "source ?" right after a fact: its source, not "I'm a bot"
            return cited
        reacted = answer_reaction(dispatcher, tracker, lang, say_again=False)
        if reacted is not None:  # "vous êtes sûr ? il y a eu les municipales": not about the bot
            return reacted
        if lang and STORE.persons_named(text) and not _ADDRESSES_BOT.search(fold(text)):
            # "jsp c ki grosdidier lol il fait koi": about that person, not about the bot
            events = answer_about_person(dispatcher, tracker, question(tracker, lang), lang)
            if events is not None:
                return events
        if words.says(text, "privacy"):  # "do you store my data?"
            say_privacy(dispatcher)
        elif words.says(text, "freshness"):  # "woher hast du deine infos? wie aktuell?"
            dispatcher.utter_message(response="utter_bot_freshness")
        elif words.says(text, "maker"):  # "who made you?"
            dispatcher.utter_message(response="utter_who_made_me")
        elif words.says(text, "human") and said_last_turn(tracker, "utter_iamabot"):
            # "can I talk to a real person?" right after "I'm a chatbot"
            dispatcher.utter_message(response="utter_human_contact")
        else:
            dispatcher.utter_message(response="utter_iamabot")
        return []


_ADDRESSES_BOT = re.compile(
    r"\b(?:du|dich|dir|kannst|sprichst|tu|toi|te|t'|vous|you|u|ya|bot|assistant|chatbot)\b"
    r"|^\s*(?:sprechen|konnen|verstehen) sie\b"
)


#: a personal question put to the assistant itself: "wie alt bist du?", "t'as quel âge ?"
_ASKS_THE_BOT = re.compile(
    r"\b(?:bist du|du bist|sind sie|tu as|t as|t'as|es-tu|es tu|tu es|are you|are u|r u|you are)\b"
)


#: Asking whether the assistant speaks or answers in a language (folded): "vous parlez allemand
#: aussi ?", "je demandais si vous répondez en allemand", "sprichst du französisch?"
_ASKS_BOTS_LANGUAGE = re.compile(
    r"\b(?:tu parles|vous parlez|parles[ -]tu|parlez[ -]vous|tu comprends|vous comprenez|vous repondez|tu reponds"
    r"|sprichst du|sprechen sie|redest du|verstehst du|antwortest du|do you speak|can you speak|you speak"
    r"|do you understand|do you (?:answer|reply))\b"
)
_LANGUAGE_NAME = re.compile(
    r"\b(?:deutsch\w*|german|allemand|franz\w*|french|francais|english|englisch|anglais|luxemb\w*|letzebuergesch)\b"
)


def asks_the_bots_language(text: str) -> bool:
    """The message asks whether the assistant speaks or answers in a language it names."""
    folded = fold(text)
    return bool(_ASKS_BOTS_LANGUAGE.search(folded) and _LANGUAGE_NAME.search(folded))


def answer_bot_languages(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """ "Sprichst du Französisch?" is about the assistant; "sprechen die da deutsch?", "on peut
    leur parler en français ?" are about the people of the conversation's city (its languages)
    or of the network and its office (the network's languages)."""
    text = tracker.latest_message.get("text") or ""
    lang = reply_language(tracker)
    subject = tracker.get_slot("subject") or ""
    # "which languages exactly?" right after a city or the network asks about it, unless it
    # speaks to the assistant ("du", "tu", "you", "Sprechen Sie ...?")
    about_context = (subject.startswith("city:") or subject == "network") and not _ADDRESSES_BOT.search(
        fold(text)
    )
    if lang is None or not (about_context or action_words().says(text, "others_speak")):
        dispatcher.utter_message(response="utter_bot_languages")
        return []
    cities = [c for c in entity_values(tracker, "city") if c in STORE.cities]
    if not cities and subject.startswith("city:"):
        cities = [subject.split(":")[1]]
    key = f"city.{cities[0]}.languages" if len(cities) == 1 else "network.languages"
    fact = STORE.fact(key)
    if fact is None:
        say_unknown(dispatcher)
        return []
    say_fact(dispatcher, fact, lang)
    if len(cities) == 1:
        return [*subject_events(city_subject(cities[0], "languages"), [key]), SlotSet("city", cities[0])]
    return subject_events(network_subject([key]), [key])


class ActionAnswerBotLanguages(Action):
    """`ask_bot_languages`: the assistant's languages, unless the question is about others'."""

    def name(self) -> Text:
        return "action_answer_bot_languages"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return answer_bot_languages(dispatcher, tracker)


class ActionAnswerYesNo(Action):
    """`affirm` / `deny` outside a pending question: "anything else?", unless the message asks
    about the conversation's subject ("no direct one?", "sicher?"), which the NLU may take for
    a yes or a no: that is answered as a question the NLU could not place."""

    def name(self) -> Text:
        return "action_answer_yes_no"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = (tracker.latest_message.get("text") or "").strip()
        lang = reply_language(tracker)
        pushed = answer_pushback(dispatcher, tracker)
        if pushed is not None:  # "that's not what I asked"
            return pushed
        corrected = answer_corrected_route(dispatcher, tracker, lang) if lang else None
        if corrected is not None:  # "non pardon je voulais dire de Metz, pas de Trèves"
            return corrected
        if lang and action_words().says(text, "doubt") and last_reply_facts(tracker):
            # "das glaube ich nicht" right after a fact doubts it, "?" or not; after "anything
            # else?" it is a plain no
            doubted = answer_doubt(dispatcher, tracker, question(tracker, lang))
            if doubted is not None:
                return doubted
        if lang and "?" in text:  # "no direct train?? seriously"
            events = answer_route_follow_up(dispatcher, tracker, lang)
            if events is None:  # "no direct train?? seriously" right after a route
                events = follow_up_instead(dispatcher, tracker)
            if events is not None:
                return events
            if len(words(text)) >= 3:
                # "ya des concerts ?" ("ya": "il y a", not "yeah") asks something not placed
                ask_to_rephrase(dispatcher, tracker)
                return []
        if lang and len(words(text)) >= 3 and question(tracker, lang).kinds:
            # "nein, das datum der konferenz!!": a correction that asks again, not a no
            events = answer_known_question(dispatcher, tracker, lang) or follow_up_instead(
                dispatcher, tracker
            )
            if events is not None:
                return events
        if is_later_part(tracker) and "?" in text:
            # "... i get like 550k?? which one is right": a question after the one just
            # answered in the same message, not a yes to "anything else?"
            return []
        dispatcher.utter_message(response="utter_anything_else")
        return []


def question_instead(
    dispatcher: CollectingDispatcher, tracker: Tracker, rephrase: bool
) -> List[Dict[Text, Any]] | None:
    """A message the NLU took for a goodbye or a greeting that asks something: answered as a
    question it could not place; else, with `rephrase`, the user is asked to rephrase ([])."""
    text = tracker.latest_message.get("text") or ""
    if ABOUT_THE_ASSISTANT.search(fold(text)) or _ADDRESSES_BOT.search(fold(text)):
        if action_words().says(text, "freshness"):
            # "Vos informations sont-elles à jour ?", which the NLU took for a greeting
            dispatcher.utter_message(response="utter_bot_freshness")
            return []
        if say_about_the_assistant(dispatcher, text):  # "do you keep what I write? bye"
            return []
    events = follow_up_instead(dispatcher, tracker)
    if events is None and rephrase:
        ask_to_rephrase(dispatcher, tracker)
        return []
    return events


class ActionAnswerGoodbye(Action):
    """`goodbye`: goodbye, unless the message asks something without saying goodbye ("c loin
    d'ici ?", "bon ok. la prochaine réunion c'est quand ?"), which the NLU may take for one:
    that is answered as a question the NLU could not place."""

    def name(self) -> Text:
        return "action_answer_goodbye"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = (tracker.latest_message.get("text") or "").strip()
        lang = reply_language(tracker)
        again = answer_say_again(dispatcher, tracker, lang) if lang else None
        if again is not None:  # "nochmal bitte", which the NLU took for a goodbye
            return again
        farewell = "farewell" in project_lexicon().concepts_of(text)
        if lang and not farewell and text.endswith("?"):
            return question_instead(dispatcher, tracker, rephrase=True) or []
        dispatcher.utter_message(response="utter_goodbye")
        return []


class ActionAnswerGreet(Action):
    """`greet`: the greeting, unless the message asks something without greeting ("und zurück
    am Abend, geht das auch so?", "tomorrow morning" right after a route), which the NLU may
    take for one: that is answered as a question the NLU could not place."""

    def name(self) -> Text:
        return "action_answer_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = (tracker.latest_message.get("text") or "").strip()
        lang = reply_language(tracker)
        # a greeting opens the message ("guten Abend", "hi there"); "am Abend" later is none
        greeting = "greeting" in project_lexicon().concepts_of(" ".join(text.split()[:2]))
        if lang and not greeting and len(words(text)) >= 2:
            # "c'est à jour ?" with nothing to answer is asked to be rephrased, not welcomed
            events = question_instead(dispatcher, tracker, rephrase=is_question(text))
            if events is not None:
                return events
        dispatcher.utter_message(response="utter_greet")
        return []
