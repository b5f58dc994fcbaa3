"""Questions about one of the four cities, and follow-ups such as "und Trier?"."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (
    Subject,
    answer_follow_up,
    city_subject,
    fact_named_by_words,
    network_subject,
    organ_subject,
    subject_events,
)
from actions.common import (
    FactAction,
    entity_values,
    latest_intent,
    member_cities_named,
    names_all_cities,
    previous_question,
    question,
    said_last_turn,
    say_fact,
    years_in_message,
)
from actions.governance import say_presidents_in_years
from actions.services import ActionAnswerCityService, names_service
from actions.store import STORE
from actions.travel import (
    OFFICE_HOUSE,
    answer_mode_only,
    answer_office_trip,
    answer_return_trip,
    answer_trip,
    assign,
    cities_in_message,
    corrected_route,
    onward_origin,
    outside_place,
    route_of_topic,
    route_topic,
    say_route,
    travel_topic,
)
from bot.facts import clock
from bot.language import LANGS, fold
from bot.language.concepts import action_words, project_lexicon
from bot.language.kinds import Question, question_of
from bot.language.split import PART_KEY

#: intent -> fact topic (the key is city.<id>.<topic>)
TOPIC_BY_INTENT = {
    "ask_city_overview": "overview",
    "ask_city_country": "country",
    "ask_city_population": "population",
    "ask_city_mayor": "mayor",
    "ask_city_languages": "languages",
    "ask_city_station": "station",
    "ask_city_airport": "airport",
    "ask_city_names": "names",
}
CITY_TOPIC_PREFIX = "city."
#: lexicon concept -> city fact, for a question that names several ("hat Trier einen Flughafen
#: und nen ICE-Bahnhof?" asks for the airport and the station)
TOPIC_BY_CONCEPT = {
    "airport": "airport",
    "station": "station",
    "mayor": "mayor",
    "inhabitants": "population",
    "languages": "languages",
}


def topics_asked(text: str, topic: str) -> List[str]:
    """The intent's city topic, then the other city topics the message names, when it names
    the intent's own and at least one more; else just the intent's."""
    named = [TOPIC_BY_CONCEPT[c] for c in project_lexicon().concepts_of(text) if c in TOPIC_BY_CONCEPT]
    if topic not in named or len(set(named)) < 2:
        return [topic]
    return list(dict.fromkeys([topic, *named]))


# "... of Paris?", "... von Nancy", "... à Thionville ?": a place named after a preposition.
# If that word is not one of our cities (nor a word the facts store knows, nor a generic word
# like "city"), the question is about somewhere we do not cover.
_NAMED_PLACE = re.compile(
    # not French "il y a une finale": "a" there is no "à"
    # nor "il a été": the verb "a" there is no "à" either
    r"(?<!y )(?<!il )(?<!elle )(?<!on )(?<!qui )\b(?:of|in|for|von|im|für|fuer|de|du|des|à|a|pour|en|hat|has)\s+"
    r"(?:(?:the|der|die|das|dem|den|la|le|les|l'|l’|a|an|ein|eine|einen|einem|einer|un|une|des)\s+)?"
    r"(?P<place>[^\W\d_][\w'’-]{2,})",
    re.IGNORECASE | re.UNICODE,
)
# Words that follow a preposition in questions about a city already in the conversation.
#: months follow a preposition too: "il a été réélu en mars ?" names no place
_MONTHS = set(
    "janvier fevrier février mars avril mai juin juillet aout août septembre octobre novembre decembre décembre"
    " januar februar märz marz april juni juli august oktober dezember"
    " january february march may june july october december".split()
)
_GENERIC = _MONTHS | {
    "all",
    "alle",
    "tous",
    "toutes",
    "each",
    "every",
    "city",
    "town",
    "there",
    "it",
    "this",
    "that",
    "total",
    "general",
    "office",
    "german",
    "french",
    "english",
    "stadt",
    "dort",
    "da",
    "ort",
    "gesamt",
    "deutsch",
    "englisch",
    "französisch",
    "ville",
    "cette",
    "ce",
    "cet",
    "là",
    "français",
    "francais",
    "allemand",
    "anglais",
    "quattropole",
    "network",
    "netzwerk",
    "réseau",
    "reseau",
    # months: "im März", "en mars", "in May" are dates
    "januar",
    "februar",
    "märz",
    "maerz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "october",
    "december",
    # "combien de monde ?" counts people, "de gens", "de personnes" too
    "monde",
    "gens",
    "personnes",
    "people",
    "leute",
    # question words after "a" / "de" ("y a combien d'habitants ?")
    "combien",
    # French "en tant que", "en fait", "en effet", "en général" are no places
    "tant",
    "fait",
    "effet",
    "gros",
    "bref",
    "plus",
    "four",
    "vier",
    "quatre",
    "quand",
    "comment",
    "pourquoi",
    "quoi",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "wann",
    "wie",
    "was",
    "wer",
    "when",
    "how",
    "what",
    "who",
    "much",
    "many",
    "sie",
    "ihr",
    "ihm",
    "uns",
    "euch",
    "elle",
    "lui",
    "eux",
    "she",
    "her",
    "him",
    "they",
    "them",
}


# The member cities' countries and the wider area, as where a city is: "the oldest city in
# Germany" is about Trier, but "the capital of France" is not a member city.
_AREAS = {"germany", "deutschland", "allemagne", "france", "frankreich", "europe", "europa", "world", "welt"}
_IN = {"in", "im", "en"}


#: lexicon concepts whose words are places ("France"); a word of any other concept ("Bahnhof",
#: "gare") names a thing, not a place
PLACE_CONCEPTS = {"country", "greater_region"}


def named_unknown_place(text: str, entity_spans: Sequence[Tuple[int, int]] = ()) -> Optional[str]:
    """A place named after a preposition that is not a QuattroPole city, if any."""
    for match in _NAMED_PLACE.finditer(text or ""):
        place = match.group("place")
        start = match.start("place")
        if any(a <= start < b for a, b in entity_spans):
            continue
        if place.lower() in _GENERIC or STORE.resolve_city(place) is not None:
            continue
        if any(ch.isdigit() for ch in place):  # "in km2", "in 2026": not a place
            continue
        if set(project_lexicon().concepts_of(place)) - PLACE_CONCEPTS:  # "hat einen ICE-Bahnhof": a thing
            continue
        if place.lower() in _AREAS and match.group(0).split()[0].lower() in _IN:
            continue
        if match.group(0).split()[0].lower() == "a" and STORE.cities_in(text):
            continue  # "is trier worth a day": English "a", beside a city of the four
        if match.group(0).split()[0].lower() == "pour" and _INFINITIVE.search(place.lower()):
            continue  # "ok mais pour sortir ?": a verb, not a place
        return place
    return None


#: A French infinitive after "pour" ("pour sortir", "pour manger", "pour y aller").
_INFINITIVE = re.compile(r"(?:er|ir|re|oir)$")

#: Words around a place named alone ("und Paris?", "what about Nancy then?").
_LINKING = frozenset(
    "und et and what about how was ist mit pour in à a en nach von from to alors then dann denn so donc"
    " la le les the de du".split()
)
#: A place named alone has at most this many words ("Esch-sur-Alzette", "Pont-à-Mousson", "Bad Ems").
PLACE_WORDS = 2


def another_unknown_place(dispatcher: CollectingDispatcher, tracker: Tracker, q: Question) -> bool:
    """ "und Paris?" right after "I only know the four cities" about Nancy: the same answer.
    True when it was said."""
    if q.kinds or not said_last_turn(tracker, "utter_unknown_city") or STORE.cities_in(q.text):
        return False
    named = [word for word in re.findall(r"[\w'’-]+", q.text) if word.lower() not in _LINKING]
    if len(named) > PLACE_WORDS:  # "il faut changer ?" names no place
        return False
    dispatcher.utter_message(response="utter_unknown_city")
    return True


def entity_spans(tracker: Tracker) -> List[Tuple[int, int]]:
    return [
        (e["start"], e["end"])
        for e in tracker.latest_message.get("entities", []) or []
        if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    ]


#: A message of at most this many words that names a city and asks nothing ("und in Trier?",
#: "aus Saarbrücken", "what about Metz") continues the conversation's topic for that city.
CITY_ONLY_WORDS = 4


def only_names_a_city(tracker: Tracker, lang: str) -> bool:
    q = question(tracker, lang)
    return not (q.kinds or q.relation) and len(q.text.split()) <= CITY_ONLY_WORDS


#: the number of people living there, not of councillors or projects
_POPULATION = re.compile(
    r"popul|einwohner|habitant|inhabitant|resident|bevolkerung|wohnen|live in|people live"
)


def rank_by_population(
    dispatcher: CollectingDispatcher, text: str, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Which city is the biggest?", "et la plus petite ?": the four cities by the population
    their facts give (`count`), each figure with its own source and date; None when the
    message asks for neither the largest nor the smallest."""
    words = action_words()
    smallest = words.says(text, "smallest")
    facts = [(c, STORE.fact(f"city.{c}.population")) for c in STORE.cities]
    if (
        words.says(text, "each_one")
        and _POPULATION.search(fold(text))
        and question_of(text, lang).asks("how_many")
    ):
        # "what's the population of each of the four cities?": each figure with its date
        for _, fact in facts:
            if fact is not None:
                say_fact(dispatcher, fact, lang, text=fact.answer_for("how_many", lang))
        return [SlotSet("topic", CITY_TOPIC_PREFIX + "population")]
    if not (smallest or words.says(text, "largest")):
        return answer_oldest(dispatcher, text, lang)
    counted = [(c, f) for c, f in facts if f is not None and f.count is not None]
    if len(counted) < len(STORE.cities):
        return None
    counted.sort(key=lambda cf: cf[1].count or 0, reverse=not smallest)
    first = counted[0][0]
    dispatcher.utter_message(
        response="utter_city_smallest" if smallest else "utter_city_largest",
        city=STORE.city_name(first, lang),
    )
    for _, fact in counted:
        say_fact(dispatcher, fact, lang, text=fact.answer_for("how_many", lang))
    answer_oldest(dispatcher, text, lang)  # "biggest? and oldest?"
    return [SlotSet("topic", CITY_TOPIC_PREFIX + "population"), SlotSet("city", first)]


def say_each_city(
    action: FactAction, dispatcher: CollectingDispatcher, topic: str, lang: str, but: Optional[str] = None
) -> List[Dict[str, Any]]:
    """Each city's fact of `topic` ("mayor"), with its website, but the city `but`; the topic
    for follow-ups."""
    for city in STORE.cities:
        if city != but:
            action.say_key(dispatcher, f"city.{city}.{topic}", lang, pointer=STORE.city_website(city))
    return [SlotSet("topic", CITY_TOPIC_PREFIX + topic)]


def answer_oldest(dispatcher: CollectingDispatcher, text: str, lang: str) -> Optional[List[Dict[str, Any]]]:
    """ "which city is the oldest?": the store compares no founding dates, so it says so and
    gives the city facts that speak of being the oldest (Trier's); None when not asked."""
    if not action_words().says(text, "oldest"):
        return None
    dispatcher.utter_message(response="utter_city_oldest_unknown")
    claims = [
        (city, fact)
        for city in STORE.cities
        for fact in [STORE.fact(f"city.{city}.overview")]
        if fact is not None and action_words().says(fact.text_for(lang), "oldest")
    ]
    for _, fact in claims:
        say_fact(dispatcher, fact, lang)
    return [SlotSet("topic", CITY_TOPIC_PREFIX + "overview"), *(SlotSet("city", c) for c, _ in claims[:1])]


def answer_mayors(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Wer sind aktuell die vier Stadtoberhäupter?", "Wer ist OB in Saarbrücken, Metz,
    Luxemburg und Trier?": each city's mayor, by name, whatever intent the NLU chose (the
    board's description only says "the four mayors"). None unless the message asks who the
    mayors of several cities are (not which of them is president)."""
    if "mayor" not in q.roles or "presidency" in q.roles or not q.asks("who") or q.relation or q.years:
        return None
    if STORE.persons_named(q.text) or action_words().says(q.text, "signatories"):
        return None  # "qui étaient les maires signataires en 2000 ?": the signatories
    named = [c for c in STORE.cities_in(q.text) if c in STORE.cities]
    cities = named if len(named) >= 2 else list(STORE.cities) if names_all_cities(q.text) else []
    if len(cities) < 2:
        return None
    for city in cities:
        say_fact(dispatcher, f"{CITY_TOPIC_PREFIX}{city}.mayor", lang)
    return [
        SlotSet("topic", CITY_TOPIC_PREFIX + "mayor"),
        SlotSet("city", cities[-1]),
        SlotSet("subject", None),
    ]


def answer_election_opponent(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "who did he beat?" right after Saarbrücken's mayor, "Donc c'est M. Conradt qui l'a battue
    en 2019 ?": the mayor fact's answer on who came before, which says whom they beat. None
    unless the message speaks of beating someone and a mayor with such an answer is meant."""
    if not action_words().says(q.text, "beaten"):
        return None
    named = STORE.persons_named(q.text) or [p for p in [tracker.get_slot("person")] if p]
    keys = [k for person in named for k in STORE.facts_about(person) if k.endswith(".mayor")]
    cities = member_cities_named(tracker) or [c for c in [tracker.get_slot("city")] if c in STORE.cities]
    keys += [f"{CITY_TOPIC_PREFIX}{c}.mayor" for c in cities]
    for key in dict.fromkeys(keys):
        fact = STORE.fact(key)
        text = fact.answer_for("before", lang) if fact is not None else None
        if fact is not None and text:
            say_fact(dispatcher, key, lang, text=text)
            return [SlotSet("topic", CITY_TOPIC_PREFIX + "mayor"), SlotSet("facts", [key])]
    return None


#: The names of people asked (folded): "wer sind diese vier Personen namentlich?"
_NAMES_ASKED = re.compile(
    r"\b(?:namentlich|namen|heissen|noms|s.appellent|names|called|wer sind die|who are the)\b"
)


def answer_board_members(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Und wer sind diese vier Personen namentlich?" right after the board, "who are the board
    members?": the board is the four mayors, so each city's mayor by name, with the date and
    caveat of each. None unless the board is named or was just told, and names are asked."""
    just_told = tracker.get_slot("subject") == "organ:board"
    board = "board" in entity_values(tracker, "organ") or just_told
    if not board or not (_NAMES_ASKED.search(fold(q.text)) or (just_told and q.asks("who"))):
        return None  # (not "Wer sitzt im Vorstand?" first: the board itself, its four mayors)
    if q.relation or q.years or "presidency" in q.roles or STORE.persons_named(q.text):
        return None  # "who was on the board in 2019?", "wer hat den Vorsitz?": not the names now
    keys = [f"{CITY_TOPIC_PREFIX}{city}.mayor" for city in STORE.cities]
    dispatcher.utter_message(response="utter_board_is_the_mayors")
    for key in keys:
        say_fact(dispatcher, key, lang)
    return [
        SlotSet("topic", CITY_TOPIC_PREFIX + "mayor"),
        SlotSet("subject", "organ:board"),
        SlotSet("facts", keys),
    ]


#: a founding asked about: "when was Trier founded?", "wann wurde Metz gegründet?"
FOUNDED = re.compile(r"\b(?:gegrundet|grundung\w*|founded|founding|fondee?s?|fondation|creee?)\b")


def answer_city_founding(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "When was Treves founded?": the store has no founding year for the cities, so the
    reply says so and gives the city's profile (Trier "founded as Augusta Treverorum"), not
    QuattroPole's founding. None unless one member city is named, the network is not, and
    the message asks when it was founded."""
    cities = member_cities_named(tracker)
    if len(cities) != 1 or q.names_network or not q.asks("when", "since") or not FOUNDED.search(fold(q.text)):
        return None
    city = cities[0]
    dispatcher.utter_message(
        response="utter_unknown_when", subject=STORE.city_name(city, lang), pointer=STORE.city_website(city)
    )
    dispatcher.utter_message(response="utter_closest")
    say_fact(dispatcher, f"{CITY_TOPIC_PREFIX}{city}.overview", lang)
    return [SlotSet("city", city), SlotSet("topic", CITY_TOPIC_PREFIX + "overview"), SlotSet("subject", None)]


def answer_past_mayor(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Who was mayor of Saarbrücken in 2000?": a fact that names people, the city and that
    year (the 2000 signatories, "Hajo Hoffmann (Saarbrücken)"). None unless the message asks
    who was mayor of one city in a past year and such a fact exists."""
    cities = member_cities_named(tracker)
    past = [y for y in q.years if y < clock.today().year]
    if "mayor" not in q.roles or not q.asks("who") or len(cities) != 1 or len(past) != 1:
        return None
    names = {fold(STORE.city_name(cities[0], each)) for each in LANGS}
    for key in STORE.keys():
        fact = STORE.fact(key)
        if fact is None or not fact.persons:
            continue
        text = fact.text_for(lang)
        if str(past[0]) in text and any(n in fold(text) for n in names):
            say_fact(dispatcher, fact, lang)
            return [SlotSet("subject", None), SlotSet("facts", [key])]
    return None


def answer_mayoral_election(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "qui a gagné les municipales à Metz en mars ?": who won a city's mayoral election is its
    mayor as the store knows them, with the date and the caveat of an election since (not a
    prize's winner). None unless the message asks who won or was elected mayor of one city."""
    cities = member_cities_named(tracker)
    if "mayor" not in q.roles or not action_words().says(q.text, "election") or len(cities) != 1:
        return None
    if not q.asks("who", "winner") or q.years and any(y < clock.today().year - 1 for y in q.years):
        return None  # (a past year's mayor is answer_past_mayor's)
    key = f"city.{cities[0]}.mayor"
    if STORE.fact(key) is None:
        return None
    from actions.answers import city_subject, subject_events

    say_fact(dispatcher, key, lang)
    return [
        *subject_events(city_subject(cities[0], "mayor"), [key]),
        SlotSet("city", cities[0]),
        SlotSet("topic", CITY_TOPIC_PREFIX + "mayor"),
    ]


def answer_cities_together(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "und alle 4 zusammen?" right after one city's population: the network's own figure for
    the four together ("network.population"); None when the message does not take them
    together, the last topic was no city fact, or the network has no fact of that topic."""
    topic = tracker.get_slot("topic") or ""
    text = tracker.latest_message.get("text") or ""
    if not topic.startswith(CITY_TOPIC_PREFIX) or not action_words().says(text, "together"):
        return None
    key = "network." + topic[len(CITY_TOPIC_PREFIX) :]
    fact = STORE.fact(key)
    if fact is None:
        return None
    say_fact(dispatcher, fact, lang)
    return subject_events(network_subject([key]), [key])  # the topic stays: "und Trier?"


def other_city_fact_named(
    dispatcher: CollectingDispatcher, tracker: Tracker, cities: Sequence[str], topic: str, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """The one fact of the named city that a word of the question names, when it is not the
    intent's topic and it answers what is asked (its kind, or a number the question quotes):
    "is it true that 70% of people in Luxembourg City are foreigners?" under the population
    intent is the share of foreigners, not the headcount. None otherwise."""
    if len(cities) != 1 or cities[0] not in STORE.cities:
        return None
    q = question(tracker, lang)
    named = fact_named_by_words(city_subject(cities[0]), q, lang)
    if named is None or named[0] == f"city.{cities[0]}.{topic}":
        return None
    key, fact = named
    said = fact.text_for(lang)
    quotes = any(number in said for number in re.findall(r"\d+", q.text))
    if not ((q.kind and fact.answers_kind(q.kind)) or quotes):
        return None
    say_fact(dispatcher, fact, lang)
    return [SlotSet("topic", CITY_TOPIC_PREFIX + key.rsplit(".", 1)[-1]), SlotSet("city", cities[0])]


def asks_other_cities(tracker: Tracker) -> bool:
    """ "et les autres maires ?", "and in the other three?": the cities but the conversation's."""
    text = tracker.latest_message.get("text") or ""
    return tracker.get_slot("city") in STORE.cities and action_words().says(text, "other_cities")


def compare_population(
    dispatcher: CollectingDispatcher,
    text: str,
    cities: Sequence[str],
    lang: str,
    context_city: Optional[str] = None,
) -> Optional[List[Dict[str, Any]]]:
    """ "is Saarbrücken bigger than Metz?", "c'est plus grand que metz sarrebruck ?": the two
    cities by the population their facts give, each figure with its source and date; None when
    the message does not compare two cities. With one city named, "und ist das größer als
    Metz?" compares it with the conversation's city (`context_city`)."""
    words = action_words()
    two = list(dict.fromkeys(c for c in cities if c in STORE.cities))
    if len(two) == 1 and context_city in STORE.cities and context_city != two[0]:
        if not words.says(text, "compare_size"):
            return None  # "und die größte?" names no second city to compare with
        two = [context_city, two[0]]
    if len(two) != 2 or not (
        words.says(text, "compare_size") or words.says(text, "largest") or words.says(text, "smallest")
    ):
        return None
    facts = [
        (c, f) for c in two if (f := STORE.fact(f"city.{c}.population")) is not None and f.count is not None
    ]
    if len(facts) != 2:
        return None
    facts.sort(key=lambda cf: cf[1].count or 0, reverse=True)
    dispatcher.utter_message(
        response="utter_city_compare",
        bigger=STORE.city_name(facts[0][0], lang),
        smaller=STORE.city_name(facts[1][0], lang),
    )
    for _, fact in facts:
        say_fact(dispatcher, fact, lang, text=fact.answer_for("how_many", lang))
    return [SlotSet("topic", CITY_TOPIC_PREFIX + "population"), SlotSet("city", two[-1])]


#: What only a city has: a mayor, inhabitants. Asked of no city after a project or an organ,
#: the reply asks which city.
CITY_ONLY_TOPICS = ("mayor", "population")

#: What a short question naming a city asks about an event held in several cities.
EVENT_KINDS = ("where", "when", "how_many")


def answer_event_in_city(
    dispatcher: CollectingDispatcher, tracker: Tracker, cities: Sequence[str], lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "et à Trèves c'était où ?" right after a project held in the four cities: the project's
    answer to that kind (its venues name the city's), not the city's overview. None when the
    conversation is not about a project, or the message is more than a short question."""
    from actions.answers import answer_kind, context_subject, subject_events

    context = context_subject(tracker)
    q = question(tracker, lang)
    if context is None or not context.id.startswith("project:") or len(cities) != 1:
        return None
    if q.kind not in EVENT_KINDS or len(q.text.split()) > CITY_ONLY_WORDS + 2:
        return None
    if q.kind == "how_many" and _POPULATION.search(fold(q.text)):
        return None  # "combien d'habitants a luxembourg ville ?" after e-learning: the city's
    answered = answer_kind(dispatcher, context, q, lang, follow_up=True)
    return None if answered is None else subject_events(context, answered.keys)


#: Where the country's figures are published (data/facts/sources.yml).
COUNTRY_STATISTICS = "guichet_statec"


def answer_country_population(
    dispatcher: CollectingDispatcher, tracker: Tracker, cities: Sequence[str], lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "whats the population of luxembourg the country, not the city": the store has the
    city's figure only; the reply says so, points to STATEC and gives the city's. None when
    the question is not about the whole of Luxembourg."""
    text = tracker.latest_message.get("text") or ""
    source = STORE.source(COUNTRY_STATISTICS)
    if (
        latest_intent(tracker) != "ask_city_population"
        or list(cities) != ["luxembourg"]
        or not action_words().says(text, "whole_country")
        or source is None
    ):
        return None
    dispatcher.utter_message(response="utter_city_not_country", pointer=source.url)
    say_fact(dispatcher, "city.luxembourg.population", lang)
    return [SlotSet("topic", CITY_TOPIC_PREFIX + "population"), SlotSet("city", "luxembourg")]


#: The association's budget, the closest fact to what one city pays into it.
NETWORK_BUDGET = "network.budget"


def answer_city_contribution(
    dispatcher: CollectingDispatcher, tracker: Tracker, cities: List[str], lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Combien la Ville de Luxembourg verse-t-elle chaque année à l'association ?": what one
    city pays is not in the sources; the reply says so, where to ask, and the old estimate of
    the whole budget. Not its population. None unless one city is named with words of paying
    and of the network or its money."""
    text = tracker.latest_message.get("text") or ""
    words = action_words()
    budget = STORE.fact(NETWORK_BUDGET)
    names_network = question_of(text, lang).names_network or words.says(text, "money")
    if len(cities) != 1 or budget is None or not (words.says(text, "contribution") and names_network):
        return None
    dispatcher.utter_message(
        response="utter_unknown_cost",
        subject=STORE.city_name(cities[0], lang),
        pointer=STORE.network_website or "https://www.quattropole.org",
    )
    dispatcher.utter_message(response="utter_closest")
    say_fact(dispatcher, NETWORK_BUDGET, lang)
    return [SlotSet("subject", "network"), SlotSet("facts", [NETWORK_BUDGET]), SlotSet("city", cities[0])]


def asks_of_the_project(tracker: Tracker, lang: str) -> bool:
    """The conversation is about a project, and the message, naming no city, asks how many
    of something that project's facts count ("how many people went from each city?")."""
    from actions.answers import context_subject, find_answer

    context = context_subject(tracker)
    q = question(tracker, lang)
    if context is None or not context.id.startswith("project:") or not q.asks("how_many"):
        return False
    try:
        found = find_answer(context, q, lang, follow_up=True)
    except LookupError:
        return False
    return isinstance(found, tuple) and found[2] == "how_many"


class ActionAnswerCity(FactAction):
    def name(self) -> str:
        return "action_answer_city"

    def answer_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        if names_service(tracker, lang):  # "touristen info luxemburg": where to go, not the city
            return ActionAnswerCityService().answer(dispatcher, tracker, lang)
        trip = answer_trip(dispatcher, tracker, lang)
        if trip is not None:  # "aus Saarbrücken", the trip asked before a question in between
            return trip
        cities = [c for c in entity_values(tracker, "city") if c in STORE.cities]
        paid = answer_city_contribution(dispatcher, tracker, cities, lang)
        if paid is not None:  # "combien la Ville de Luxembourg verse-t-elle à l'association ?"
            return paid
        house = STORE.fact(OFFICE_HOUSE)
        if (
            not cities
            and latest_intent(tracker) == "ask_city_station"
            and (tracker.get_slot("subject") or "").startswith("organ:office")
            and house is not None
        ):
            # "ist das am Bahnhof?" right after the office: its building is at Esch station
            say_fact(dispatcher, OFFICE_HOUSE, lang, text=house.answer_for("where", lang))
            return subject_events(organ_subject("office", [OFFICE_HOUSE], "office."), [OFFICE_HOUSE])
        if tracker.get_slot("topic") == "office" and len(cities) == 1 and only_names_a_city(tracker, lang):
            # "und von Trier aus?" right after the way to the office: the way from Trier
            return answer_office_trip(dispatcher, tracker, lang)
        text = tracker.latest_message.get("text") or ""
        if not cities and asks_other_cities(tracker):
            # "et les autres maires ?": not the conversation's city again
            return self.answer(dispatcher, tracker, lang)
        if not cities and asks_of_the_project(tracker, lang):
            # "ok and how many people got to go from each city?" after the Rencontres
            # Citoyennes: its participants, not the four cities' populations
            events = answer_follow_up(dispatcher, tracker, question(tracker, lang), lang)
            if events is not None:
                return events
        if not cities and self.lacks_its_city(tracker, lang):
            # "c'est qui le maire ?" after a project, "Wie viele Einwohner hat die Stadt?" after
            # the House of the Greater Region: which city
            dispatcher.utter_message(response="utter_ask_city")
            return [SlotSet("topic", CITY_TOPIC_PREFIX + TOPIC_BY_INTENT[latest_intent(tracker)])]
        if not cities or (len(cities) == 1 and names_all_cities(text)):
            # "welche stadt is am größten" after Trier: all four, ranked; "exchange student in
            # trier, which of the 4 cities is the biggest?" too
            ranking = rank_by_population(dispatcher, text, lang)
            if ranking is not None:
                return ranking
        place = outside_place(tracker)
        if place is not None and entity_values(tracker, "transport"):
            # "le tgv metz paris ca prend combien ?": a trip outside, not Metz's population
            dispatcher.utter_message(response="utter_route_outside", place=place)
            return []
        at_event = answer_event_in_city(dispatcher, tracker, cities, lang)
        if at_event is not None:  # "et à Trèves c'était où ?" after the hackathon
            return at_event
        country = answer_country_population(dispatcher, tracker, cities, lang)
        if country is not None:  # "population of luxembourg the country, not the city"
            return country
        compared = compare_population(dispatcher, text, cities, lang, tracker.get_slot("city"))
        if compared is not None:  # "is Saarbrücken bigger than Metz?"
            return compared
        if cities and only_names_a_city(tracker, lang) and tracker.get_slot("topic") == "service":
            # "und in Trier?" after the ID card
            return ActionAnswerCityService().answer(dispatcher, tracker, lang)
        return super().answer_question(dispatcher, tracker, lang)

    def lacks_its_city(self, tracker: Tracker, lang: str) -> bool:
        """A question about what only a city has (a mayor, inhabitants) that names no city,
        with no city in the conversation and a subject that is not a city, the network or the
        region: "the city" or "the mayor" cannot point back to a project or an organ."""
        topic = TOPIC_BY_INTENT.get(latest_intent(tracker) or "")
        about = (tracker.get_slot("subject") or "").split(":")[0]
        if topic not in CITY_ONLY_TOPICS or tracker.get_slot("city") in STORE.cities:
            return False
        if not about or about in ("city", "network", "greater_region") or tracker.get_slot("person"):
            return False
        q = question(tracker, lang)
        if q.names_network or names_all_cities(q.text) or asks_other_cities(tracker):
            return False
        if STORE.persons_named(q.text) or entity_values(tracker, "person"):
            return False  # "immer noch der Conradt?": about that person
        if topic == "mayor":
            return "mayor" in q.roles  # (not "wer ist da der Chef?", which asks who leads)
        return bool(re.search(r"\b(?:stadt|ville|city|town)\b", fold(q.text)))

    def subject(self, tracker: Tracker) -> Optional[Subject]:
        """One city (named, or the conversation's) and the topic asked; None for a bare
        "und Trier?", which repeats the previous topic for another city."""
        intent = latest_intent(tracker)
        if intent not in TOPIC_BY_INTENT:
            return None
        cities = entity_values(tracker, "city")
        if not cities and named_unknown_place(
            tracker.latest_message.get("text") or "", entity_spans(tracker)
        ):
            return None  # "... de Nancy": not the conversation's city
        city = cities[0] if len(cities) == 1 else None if cities else tracker.get_slot("city")
        if city not in STORE.cities:
            return None
        return city_subject(city, TOPIC_BY_INTENT[intent])

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker)
        topic = TOPIC_BY_INTENT.get(intent) or self._previous_topic(tracker)
        cities = entity_values(tracker, "city")
        other = other_city_fact_named(dispatcher, tracker, cities, topic, lang)
        if other is not None:  # "is it true that 70% of people in Luxembourg City are foreigners?"
            return other
        previous_from, previous_to = route_of_topic(tracker.get_slot("topic"))
        if not (previous_from and previous_to) and not cities and entity_values(tracker, "transport"):
            # "and by train instead?" after "metz to trier by car? and is parking easy?": the
            # route the question in between did not end
            previous_from, previous_to = route_of_topic(route_topic(tracker))
        back = answer_return_trip(dispatcher, tracker, lang)
        if back is not None:  # "und zurück?" right after a route
            return back
        if intent == "inform_city" and tracker.get_slot("topic") == "service" and cities:
            # "et au luxembourg ?" right after Metz's tourist office: Luxembourg's
            return ActionAnswerCityService().answer(dispatcher, tracker, lang)
        if intent == "inform_city" and previous_from and previous_to:
            # "und nach Trier?" / "and by bus?" after a travel answer: same origin;
            # "and from Metz?": same destination.
            found = cities_in_message(tracker)
            destination = cities[-1] if cities else previous_to
            swapped = corrected_route(tracker)
            if swapped is not None:  # "sorry, I meant Saarbrücken not Trier": that end replaced
                previous_from, destination = swapped
            elif len(found) >= 2:  # "et sarrebruck trier ?": that route, by the same means
                first, second = assign(found, None, None, None)
                previous_from, destination = first or previous_from, second or destination
            elif found and found[-1][1] == "from":
                previous_from, destination = found[-1][0], previous_to
            elif onward_origin(tracker):  # "und dann weiter nach Metz?": from where it ended
                previous_from = previous_to
            modes = entity_values(tracker, "transport") or ["train"]
            if destination == previous_from:
                previous_from = previous_to
            kind = "how_long" if question(tracker, lang).asks("how_long") else None
            say_route(dispatcher, previous_from, destination, modes, lang, kind)
            return [SlotSet("topic", travel_topic(previous_from, destination)), SlotSet("subject", None)]
        years = years_in_message(tracker)
        if not cities and years and tracker.get_slot("topic") == "ask_president":
            # "und 2018?" after a question about the president
            return say_presidents_in_years(dispatcher, years, lang, tracker.latest_message.get("text") or "")
        if not cities:
            text = tracker.latest_message.get("text") or ""
            ranking = rank_by_population(dispatcher, text, lang)
            if ranking is not None:  # "quelle ville est la plus grande ?", "the biggest of the four"
                return ranking
            others = asks_other_cities(tracker)
            q = question(tracker, lang)
            if others or (
                intent in TOPIC_BY_INTENT and names_all_cities(text) and (q.kinds or not q.names_network)
            ):
                # (not "was bringt dieses quattropole, ausser reisen für die bürgermeister?":
                # the network, asked nothing of the mayors)
                # "who are the mayors of all four?": each city's; "et les autres maires ?",
                # "and in the other three?": each but the conversation's
                but = tracker.get_slot("city") if others else None
                return say_each_city(self, dispatcher, topic, lang, but)
            modes = entity_values(tracker, "transport")
            if intent == "inform_city" and modes:
                # "et en voiture ?" while a trip waits for its start: what holds without it
                # (the car's hour, the cycling map), else the trip's start is asked again
                return answer_mode_only(dispatcher, tracker, modes, lang)
            if intent == "inform_city" or named_unknown_place(text, entity_spans(tracker)):
                dispatcher.utter_message(response="utter_unknown_city")
                # "und von Trier?" after "the mayor of Paris": still the mayor
                return [SlotSet("topic", CITY_TOPIC_PREFIX + topic)] if intent in TOPIC_BY_INTENT else []
            context_city = tracker.get_slot("city")
            if context_city not in STORE.cities:
                q = question(tracker, lang)
                about = tracker.get_slot("subject") or ""
                # "how many ppl live there" / "wie viele Einwohner hat die" after the Greater
                # Region, "is he still mayor?" after his presidency
                # (not "c'est qui le maire ?" after a project, nor "wie viele Einwohner hat die
                # Stadt?" after the House of the Greater Region: which city is asked)
                of_context = topic not in CITY_ONLY_TOPICS or about.split(":")[0] in (
                    "network",
                    "greater_region",
                )
                # "die Stadt" points back to a city, which the House of the Greater Region is not
                names_a_city = bool(re.search(r"\b(?:stadt|ville|city|town)\b", fold(q.text)))
                if (
                    (q.here and (of_context or not names_a_city))
                    or tracker.get_slot("person")
                    or (q.kinds and not about.startswith("city:") and about and of_context)
                ):
                    events = answer_follow_up(dispatcher, tracker, q, lang)
                    if events is not None:
                        return events
                dispatcher.utter_message(response="utter_ask_city")
                return [SlotSet("topic", CITY_TOPIC_PREFIX + topic)]
            cities = [context_city]
        text = tracker.latest_message.get("text") or ""
        # "und trier?" after "wie viele einwohner hat saarbrücken und wer ist da OB?": both
        wanted = self._previous_topics(tracker) if intent not in TOPIC_BY_INTENT else []
        asked_topics = list(dict.fromkeys(t for w in (wanted or [topic]) for t in topics_asked(text, w)))
        for city in cities:
            for asked in asked_topics:
                self.say_key(dispatcher, f"city.{city}.{asked}", lang, pointer=STORE.city_website(city))
        # the conversation is now about the last city: "seit wann ist da der OB im Amt?"
        last = city_subject(cities[-1], topic)
        return [
            SlotSet("topic", CITY_TOPIC_PREFIX + topic),
            SlotSet("city", cities[-1]),
            *subject_events(last, list(last.keys)),
        ]

    @staticmethod
    def _previous_topics(tracker: Tracker) -> List[str]:
        """The city topics of every part of the previous message, when it asked two or more
        ("population and mayor"); else none."""
        found: List[str] = []
        latest = True
        for event in reversed(tracker.events):
            if event.get("event") == "user":
                if latest:
                    latest = False
                    continue
                if not (event.get("metadata") or {}).get(PART_KEY):
                    break  # the previous message's first part: done
            elif not latest and event.get("event") == "slot" and event.get("name") == "topic":
                value = event.get("value") or ""
                if not value.startswith(CITY_TOPIC_PREFIX):
                    return []
                found.insert(0, value[len(CITY_TOPIC_PREFIX) :])
        topics = list(dict.fromkeys(found))
        return topics if len(topics) > 1 else []

    @staticmethod
    def _previous_topic(tracker: Tracker) -> str:
        previous = tracker.get_slot("topic") or ""
        if previous.startswith(CITY_TOPIC_PREFIX):
            return previous[len(CITY_TOPIC_PREFIX) :]
        # "und Luxemburg?" after the Greater Region's population: Luxembourg's population
        asked = previous_question(tracker)
        if asked is not None and asked.kind == "how_many":
            return "population"
        if asked is not None and "mayor" in asked.roles:
            return "mayor"
        return "overview"
