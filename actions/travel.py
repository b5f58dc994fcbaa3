"""Getting from one QuattroPole city to another, and the region's airports and stations.

A travel question starts `travel_form`. Its validator reads every city the message names, in
order, and uses the words around them ("nach", "to", "à", "from", "von", "de") to tell origin
from destination, then the form asks for whatever is still missing."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import OFFICE_HOUSE, UNKNOWN_RESPONSES
from actions.common import (
    FactAction,
    ends_with_tag,
    entity_values,
    latest_intent,
    mentions_esch,
    names_all_cities,
    names_own_subject,
    question,
    reply_language,
    ruled_out_modes,
    said_last_turn,
    say_fact,
    say_unknown,
)
from actions.store import STORE
from bot.facts.store import Route
from bot.language import fold
from bot.language.concepts import action_words, project_lexicon
from bot.language.kinds import Question, question_of
from bot.language.text import words


def route_label(origin: str, destination: str, lang: str) -> str:
    """ "Trier – Metz": a route as the replies name it."""
    return f"{STORE.city_name(origin, lang)} – {STORE.city_name(destination, lang)}"


def previous_value(tracker: Tracker, slot: str) -> str | None:
    """The slot's value before the latest user message (form slots are re-extracted on it)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


#: a city right after these is the one the user no longer means ("plutôt que de Metz")
_INSTEAD_OF = re.compile(
    r"(?:\bplutot que|\bau lieu de|\bpas depuis|\bstatt|\banstatt|\bnicht (?:von|ab|aus|nach)|\binstead of"
    r"|\brather than|\bnot from|\bnot to)(?:\s+(?:de|d'|du|von|ab|aus|nach|from|to|a))?\s*$"
)


def cities_in_message(tracker: Tracker) -> List[Tuple[str, str]]:
    """(city id, marker) for each city the latest message names; marker is to/from/''."""
    text = tracker.latest_message.get("text") or ""
    found: List[Tuple[str, str]] = []
    words = action_words()
    previous_end: Optional[int] = None
    for ent in tracker.latest_message.get("entities", []) or []:
        if ent.get("entity") != "city" or ent.get("value") not in STORE.cities:
            continue
        before = text[: ent["start"]] if isinstance(ent.get("start"), int) else ""
        if _INSTEAD_OF.search(fold(before)):
            continue  # "partir de sarrebruck plutôt que de metz": not Metz
        # "nach Metz", "to Metz", "vers Metz" / "von Metz", "from Metz", "de Metz"
        # (to_marker / from_marker in data/action_words.yml)
        marker = (
            "from"
            if words.ends_with(before, "home_marker")
            else "to"
            if words.ends_with(before, "work_marker")
            else "to"
            if words.ends_with(before, "to_marker")
            else "from"
            if words.ends_with(before, "from_marker")
            else ""
        )
        known = next((i for i, (city, _) in enumerate(found) if city == ent["value"]), None)
        if known is None:
            if (
                not marker
                and len(found) == 1
                and not found[0][1]
                and isinstance(previous_end, int)
                and _ROUTE_JOIN.match(text[previous_end : ent["start"]])
            ):
                # "saarbrücken-trier", "Metz → Luxembourg": a route written as its two ends
                found[0] = (found[0][0], "from")
                marker = "to"
            found.append((ent["value"], marker))
        elif marker and not found[known][1]:
            found[known] = (ent["value"], marker)  # "de sarrebruck ... train sarrebruck luxembourg"
        previous_end = ent.get("end")
    return found


#: What joins the two ends of a route written as one ("saarbrücken-trier", "Metz → Trier").
_ROUTE_JOIN = re.compile(r"^\s*(?:-|–|—|/|>|->|→|=>|<->|↔)\s*$")


def assign(
    found: List[Tuple[str, str]],
    requested: str | None,
    current_from: str | None,
    current_to: str | None,
) -> Tuple[str | None, str | None]:
    """Decide origin and destination from the cities of one message."""
    origin, destination = current_from, current_to
    ends_to = [city for city, marker in found if marker == "to"]
    if len(found) >= 3 and len(ends_to) == 1:
        # "ich wohn in trier und arbeite in lux, gibts nen zug nach metz?": to Metz, from the
        # city marked "from", else the first one named
        starts = [city for city, marker in found if marker == "from"] or [c for c, m in found if m != "to"]
        return starts[0], ends_to[0]
    if len(found) >= 2:
        (first, m1), (second, m2) = found[0], found[1]
        if m1 == "to" or m2 == "from":
            return second, first
        return first, second
    if len(found) == 1:
        city, marker = found[0]
        if marker == "to" or (not marker and requested == "travel_to"):
            destination = city
        elif marker == "from" or requested == "travel_from" or origin is None:
            origin = city
        else:
            destination = city
    return origin, destination


def is_correction(tracker: Tracker, found: List[Tuple[str, str]]) -> bool:
    """ "actually no, I mean Metz": one city without "to" or "from", with a word that takes
    back what was said (the `correction` words of data/action_words.yml)."""
    if len(found) != 1 or found[0][1]:
        return False
    return action_words().says(tracker.latest_message.get("text") or "", "correction")


def asks_booking(tracker: Tracker) -> bool:
    """ "can you book me a train ticket": buying a ticket, which only the operators do."""
    return action_words().says(tracker.latest_message.get("text") or "", "booking")


def home_cities(tracker: Tracker) -> List[str]:
    """The cities the latest message names as the user's home ("ich wohn in Trier", "I live
    in Metz"): where they come from, not a place the question is about."""
    text = tracker.latest_message.get("text") or ""
    return [
        ent["value"]
        for ent in tracker.latest_message.get("entities", []) or []
        if ent.get("entity") == "city"
        and isinstance(ent.get("start"), int)
        and action_words().ends_with(text[: ent["start"]], "home_marker")
    ]


def cities_asked_about(tracker: Tracker) -> List[Tuple[str, str]]:
    """`cities_in_message` without the user's home: "kann ich in luxemburg kostenlos bus
    fahren? ich wohn in trier" asks about Luxembourg alone."""
    home = home_cities(tracker)
    return [(city, marker) for city, marker in cities_in_message(tracker) if city not in home]


def asks_local_transport(tracker: Tracker) -> bool:
    """ "kann ich in Luxemburg gratis Bus fahren?": one city, no "to" or "from", and riding
    for free: the city's public transport (a city service), not a trip to ask the other end of;
    the user's home named beside it is no end of a trip."""
    found = cities_asked_about(tracker)
    # "going back to luxembourg, is public transport free there?" names the city with "to"
    if len(found) != 1 or found[0][1] == "from":
        return False
    return action_words().says(tracker.latest_message.get("text") or "", "free_of_charge")


def reused_route(tracker: Tracker) -> Tuple[Optional[str], Optional[str]]:
    """A travel question naming no city right after a route ("en voiture, combien de temps ?",
    "how long does it take?") is about that route: its (origin, destination), else Nones."""
    if latest_intent(tracker) != "ask_travel" or cities_in_message(tracker):
        return None, None
    # "et le dernier train ?" after a question in between: still the route before it
    return route_of_topic(route_topic(tracker))


def onward_origin(tracker: Tracker) -> Optional[str]:
    """ "und dann weiter nach Metz?" right after a route: the next leg starts where that route
    ended; None when the message is not an onward trip to one city."""
    found = cities_in_message(tracker)
    if len(found) != 1 or found[0][1] == "from":
        return None
    if not action_words().says(tracker.latest_message.get("text") or "", "onward"):
        return None
    destination = route_of_topic(tracker.get_slot("topic"))[1]
    return destination if destination and destination != found[0][0] else None


def trip_there(tracker: Tracker) -> Tuple[Optional[str], Optional[str]]:
    """The conversation's city as one end of a trip the message points at with "there":
    "how do I get there from Trier?" after a question about Metz goes to Metz, "how do I get
    from there to Luxembourg?" after Saarbrücken starts there. (origin, destination), with
    None for the end the message gives; two Nones when it says no "there" or names both."""
    # the slot as it was before this message: a city it names has already been put there
    city = previous_value(tracker, "city") or tracker.get_slot("city")
    text = tracker.latest_message.get("text") or ""
    words = action_words()
    found = cities_in_message(tracker)
    if city not in STORE.cities or len(found) > 1 or city in (c for c, _ in found):
        return None, None
    if found and found[0][1] == "to" and words.says(text, "onward"):  # "from there to X"
        return str(city), None
    if words.says(text, "there") and not any(marker == "to" for _, marker in found):
        return None, str(city)
    return None, None


def outside_place(tracker: Tracker) -> Optional[str]:
    """ "how long from Saarbrücken to Paris?", "le TGV Metz Paris": the place outside the
    network the message travels to or from, as written; None when it names none."""
    text = tracker.latest_message.get("text") or ""
    words = action_words()
    for word in re.findall(r"[^\W\d_][\w-]{2,}", text):
        if words.says(word, "outside_places"):  # data/action_words.yml
            return word
    return None


#: A city taken back: "nicht Trier", "not Trier", "pas Trèves", "statt Trier", "instead of Trier"
_NOT_CITY = re.compile(
    r"\b(?:nicht|not|pas|statt|anstatt|instead of|au lieu de|plutot que)\s+(?:nach |to |a |de |von |from )?(\w[\w-]*)"
)


def corrected_route(tracker: Tracker) -> Optional[Tuple[str, str]]:
    """ "sorry, meinte metz nicht trier" right after Saarbrücken to Trier: the route with the
    city taken back replaced by the other one named (Saarbrücken to Metz); None when the
    message takes back no end of the route just asked."""
    text = fold(tracker.latest_message.get("text") or "")
    taken_back = {STORE.resolve_city(m) for m in _NOT_CITY.findall(text)} - {None}
    named = [c for c, _ in cities_in_message(tracker)]
    others = [c for c in dict.fromkeys(named) if c not in taken_back]
    if len(taken_back) != 1 or len(others) != 1:
        return None
    route = previous_value(tracker, "travel_from"), previous_value(tracker, "travel_to")
    if not all(route):
        route = route_of_topic(route_topic(tracker))
    old = next(iter(taken_back))
    if not all(route) or old not in route or others[0] in route:
        return None
    origin, destination = (others[0] if end == old else end for end in route)
    return (str(origin), str(destination))


def previous_modes(tracker: Tracker) -> List[str]:
    """The means of travel the user's message before the latest one named ("en voiture")."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    if len(users) < 2:
        return []
    entities = (users[-2].get("parse_data") or {}).get("entities") or []
    return list(dict.fromkeys(e.get("value") for e in entities if e.get("entity") == "transport"))


def answer_corrected_route(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "non pardon je voulais dire de Metz, pas de Trèves" right after a route, which the NLU
    may take for a no: the route with that end replaced, by the same means; None otherwise."""
    swapped = corrected_route(tracker)
    if swapped is None:
        return None
    modes = entity_values(tracker, "transport") or previous_modes(tracker) or ["train"]
    say_route(dispatcher, swapped[0], swapped[1], modes, lang, None)
    return [SlotSet("topic", travel_topic(swapped[0], swapped[1], modes)), SlotSet("subject", None)]


def about_another_city(tracker: Tracker, city: str) -> bool:
    """The message before was about a city's facts or services, and not about `city`: "et
    depuis Metz ?" after Trier's sights goes to Trier."""
    before = previous_value(tracker, "city") or tracker.get_slot("city")
    topic = tracker.get_slot("topic") or ""
    return (topic.startswith("city.") or topic == "service") and before in STORE.cities and before != city


class ValidateTravelForm(FormValidationAction):
    def name(self) -> str:
        return "validate_travel_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        """Nothing to ask for "how long by car?": the answer holds for every pair of cities;
        nor for "can you book me a ticket?" or "is the bus free in Luxembourg?", which
        action_answer_travel answers without a route."""
        starting = not tracker.get_slot("requested_slot")
        if starting and (asks_local_transport(tracker) or trip_to_office(tracker) or outside_place(tracker)):
            return []
        if starting and long_distance_from_one_city(tracker):
            # "can i get an ICE train from trier to somewhere?": that city's station
            return []
        without_ends = set(entity_values(tracker, "transport")) in ({"car"}, {"bike"})
        found = cities_in_message(tracker)
        if starting and without_ends and len(found) == 1 and not about_another_city(tracker, found[0][0]):
            # "combien de temps en voiture depuis metz ?": the car's answer holds from any of
            # the four cities; there is no other end to ask for
            return []
        if found or tracker.get_slot("travel_from") or tracker.get_slot("travel_to"):
            return domain_slots
        if without_ends or (starting and asks_booking(tracker)):
            return []
        return domain_slots

    async def extract_travel_from(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Fills the form from the route a question without cities refers to (reused_route)."""
        if tracker.get_slot("travel_from") or tracker.get_slot("travel_to"):
            return {}
        origin, destination = reused_route(tracker)
        return {"travel_from": origin} if origin and destination else {}

    async def extract_travel_to(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """ "wie komme ich dahin?" after a question about a city: that city (trip_there)."""
        if (
            tracker.get_slot("travel_from")
            or tracker.get_slot("travel_to")
            or tracker.get_slot("requested_slot")
        ):
            return {}
        there = trip_there(tracker)[1]
        return {"travel_to": there} if there else {}

    def _resolve(self, tracker: Tracker) -> Dict[str, Any]:
        swapped = corrected_route(tracker)
        if swapped is not None:  # "sorry, meinte metz nicht trier" after Saarbrücken to Trier
            return {"travel_from": swapped[0], "travel_to": swapped[1]}
        before = previous_value(tracker, "travel_from"), previous_value(tracker, "travel_to")
        onward = onward_origin(tracker)
        if onward and before == (None, None):
            before = (onward, None)  # "und dann weiter nach Metz?"
        if before == (None, None):
            # "ok, ich fahr ab Trier" after a question in between: the trip the form was asking
            # about still has its other end
            before = waiting_trip(tracker)
        if before == (None, None):
            before = reused_route(tracker)
        if before == (None, None) and not tracker.get_slot("requested_slot"):
            before = trip_there(tracker)  # "how do I get there from Trier?", "from there to X"
        found = cities_in_message(tracker)
        if before == (None, None) and len(found) == 1 and found[0][1] in ("to", "from"):
            # "ach nee, doch lieber nach Luxemburg" right after a route: its other end stays;
            # "and back from Metz?" after Saarbrücken to Metz: the way back
            before = route_of_topic(tracker.get_slot("topic"))
            city, marker = found[0]
            if city == (before[1] if marker == "from" else before[0]):
                before = (before[1], before[0])
        requested = tracker.get_slot("requested_slot")
        if is_correction(tracker, found) and requested in ("travel_from", "travel_to"):
            # "actually no, I mean Metz" while asked where from: the destination just given
            # was wrong; the form asks for the start again
            given = "travel_to" if requested == "travel_from" else "travel_from"
            slots = {"travel_from": before[0], "travel_to": before[1]}
            if slots[given]:
                slots[given], slots[requested] = found[0][0], None
                return slots
        origin, destination = assign(found, requested, *before)
        city = previous_value(tracker, "city") or tracker.get_slot("city")
        if (
            origin
            and not destination
            and not requested
            and [m for _, m in found] == ["from"]
            and about_another_city(tracker, origin)
        ):
            # "et depuis Metz en train ?" right after a question about Luxembourg: to it
            destination = city
        return {"travel_from": origin, "travel_to": destination}

    def validate_travel_from(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return self._resolve(tracker)

    def validate_travel_to(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        resolved = self._resolve(tracker)
        if resolved["travel_to"] and resolved["travel_to"] == resolved["travel_from"]:
            found = cities_in_message(tracker)
            if tracker.get_slot("requested_slot") == "travel_to" and found == [(resolved["travel_to"], "")]:
                # "trier" when asked where to, the start having been taken from the conversation
                # (not said): Trier is where they go; the form asks where they start
                return {"travel_from": None, "travel_to": resolved["travel_to"]}
            dispatcher.utter_message(response="utter_travel_same_city")
            resolved["travel_to"] = None
        return resolved


TRAVEL_TOPIC = "travel"


def travel_topic(origin: Optional[str], destination: Optional[str], modes: Sequence[str] = ()) -> str:
    """The `topic` slot after a travel answer: "travel:<from>:<to>", for follow-ups, and
    ":car" after a car answer, so that "what about Trier to Saarbrücken?" stays by car."""
    topic = f"{TRAVEL_TOPIC}:{origin or ''}:{destination or ''}"
    return f"{topic}:car" if list(modes) == ["car"] else topic


def route_of_topic(topic: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """(origin, destination) of the last travel answer, from the `topic` slot."""
    parts = (topic or "").split(":")
    if len(parts) not in (3, 4) or parts[0] != TRAVEL_TOPIC:
        return None, None
    return parts[1] or None, parts[2] or None


#: A route stays the one a route question comes back to for this many user turns ("au fait,
#: c'est quoi la Maison de la Grande Région ?" in between, then "et le retour ?"); each
#: question of a message with two counts as a turn ("… sortir à Sarrebruck ? et en train depuis
#: Metz ?", two questions on going out, then "et le dernier train pour rentrer à Metz ?").
ROUTE_MEMORY_TURNS = 5


def route_topic(tracker: Tracker) -> Optional[str]:
    """The `topic` of the last route answer: the slot itself right after one, else the last
    route topic set within ROUTE_MEMORY_TURNS user turns; None when there is none."""
    topic = tracker.get_slot("topic")
    if all(route_of_topic(topic)):
        return topic
    turns = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            turns += 1
            if turns > ROUTE_MEMORY_TURNS:
                break
        elif (
            event.get("event") == "slot"
            and event.get("name") == "topic"
            and all(route_of_topic(event.get("value")))
        ):
            return event.get("value")
    return None


def asks_route_again(tracker: Tracker, q: Question) -> bool:
    """A message naming no city that can only be about a route: the way back, direct or not,
    the last train, how long, how often."""
    if asks_about_a_trip(tracker, q):
        return True
    words = action_words()
    return not cities_in_message(tracker) and (
        words.says(q.text, "return_trip") or words.says(q.text, "departure")
    )


def modes_of_topic(topic: Optional[str]) -> List[str]:
    """The means of transport of the last travel answer: ["car"] after a car answer, else []."""
    parts = (topic or "").split(":")
    return parts[3:] if len(parts) == 4 and parts[0] == TRAVEL_TOPIC and parts[3] else []


#: What a route does not state of the kinds `route_kind` asks: how often trains or buses run is
#: the timetable's (not the general "how often it takes place").
ROUTE_UNKNOWN = {"how_long": UNKNOWN_RESPONSES["how_long"], "frequency": "utter_unknown_frequency"}


def route_kind(q: Question) -> Optional[str]:
    """What a question about a route asks for besides the route: its time or how often."""
    return next((k for k in ("how_long", "frequency") if q.asks(k)), None)


def time_kind(route: Optional[Route], modes: Sequence[str]) -> Optional[str]:
    """ "how_long" when the route's time is the precise answer to a question about it that asks
    nothing else ("und mit dem Bus?" right after it): a route that states its time, not by car."""
    if route is None or "car" in modes or not route.fact.answers_kind("how_long"):
        return None
    return "how_long"


def asks_timetable(q: Question) -> bool:
    """A question about departures ("the next train", "le dernier train", opening hours):
    there are no timetables here."""
    return q.asks("next", "hours") or action_words().says(q.text, "departure")


def say_route(
    dispatcher: CollectingDispatcher,
    origin: Optional[str],
    destination: Optional[str],
    modes: List[str],
    lang: str,
    kind: Optional[str] = None,
    note: bool = True,
    again: bool = True,
) -> None:
    """Car: the network's one-hour rule; bike: no cycling times, the joint cycling map;
    train/bus: the route between the two cities.

    With `kind` "how_long" ("and how long by train?") or "frequency" ("how often?") the short
    answer is the travel time or the service's frequency, not the whole route again; a route
    without one says so, then gives the route, unless `again` is False (the route was the
    answer just before)."""
    if "bike" in modes:
        say_cycling(dispatcher, lang)
        modes = [mode for mode in modes if mode != "bike"]
        if not modes:
            return
    if "car" in modes:
        car = STORE.fact("travel.car")
        if car is None:
            say_unknown(dispatcher)
        else:
            say_fact(dispatcher, car, lang, text=car.answer_for(kind, lang) if kind else None)
    if origin and destination and modes != ["car"]:
        route = STORE.route(origin, destination)
        if route is None:
            say_unknown(dispatcher)
            return
        if "bus" in modes and "bus" not in route.covers:
            dispatcher.utter_message(response="utter_travel_no_bus")
        short = route.fact.answer_for(kind, lang) if kind else None
        if kind and short is None:
            dispatcher.utter_message(
                response=ROUTE_UNKNOWN[kind],
                subject=route_label(origin, destination, lang),
                pointer=OPERATORS,  # a route's time or frequency is the operators', not ours
            )
            if not again:
                return
        say_fact(dispatcher, route.fact, lang, text=short)
        if note:
            dispatcher.utter_message(response="utter_travel_note")


#: The joint cycling map: what the store has for "und mit dem Rad?" (no cycling times).
CYCLING_MAP = "project.cycling_map"


def say_cycling(dispatcher: CollectingDispatcher, lang: str) -> None:
    """No cycling times between the cities; the cycling map the four published is what there is."""
    dispatcher.utter_message(response="utter_travel_no_bike")
    cycling = STORE.fact(CYCLING_MAP)
    if cycling is None:
        say_unknown(dispatcher)
    else:
        say_fact(dispatcher, cycling, lang)


def say_direct(
    dispatcher: CollectingDispatcher,
    route: Route,
    origin: str,
    destination: str,
    lang: str,
    modes: Sequence[str] = (),
) -> None:
    """Whether a direct train runs on the route: yes, no, or not known (`direct_train`).
    "is there a direct bus instead?" asks about the bus: the route's bus time where its text
    covers the bus, else that no bus is known (and the train)."""
    if "bus" in modes and "train" not in modes:
        if "bus" in route.covers:
            say_fact(dispatcher, route.fact, lang, text=route.fact.answer_for("how_long", lang))
            return
        dispatcher.utter_message(response="utter_travel_no_bus")
    responses = {
        True: "utter_route_direct",
        False: "utter_route_not_direct",
        None: "utter_route_direct_unknown",
    }
    dispatcher.utter_message(
        response=responses[route.direct_train],
        route=route_label(origin, destination, lang),
    )


def answer_route_follow_up(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "combien de temps ?", "and by bus?" right after a route: about that route; None when
    the last answer was not a route or the message asks nothing about one, or when it names
    a project or an organ and speaks of no travel ("et les rencontres citoyennes, il y en a à
    Trèves ?" right after Metz–Trier)."""
    if (entity_values(tracker, "project") or entity_values(tracker, "organ")) and not asks_a_trip(
        question(tracker, lang)
    ):
        return None
    if long_distance_from_one_city(tracker) and all(route_of_topic(tracker.get_slot("topic"))):
        # "Et il y a toujours des ICE à Trèves ?" right after Trier–Luxembourg: Trier's station
        return answer_city_long_distance(dispatcher, tracker, lang)
    trip = answer_trip(dispatcher, tracker, lang)
    if trip is not None:
        return trip
    station = answer_station_follow_up(dispatcher, tracker, lang)
    if station is not None:
        return station
    events = _about_the_route(dispatcher, tracker, lang)
    # the route is what the conversation is about now, not the office or the president asked
    # about in between ("wie lange dauert das?" after "und zurück?")
    return None if events is None else [SlotSet("subject", None), *events]


def _about_the_route(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    topic = tracker.get_slot("topic")
    origin, destination = route_of_topic(topic)
    q = question(tracker, lang)
    if not (origin and destination) and any(waiting_trip(tracker)) and asks_about_a_trip(tracker, q):
        return resume_trip(tracker)  # "il faut changer ?" while a trip waits for its start
    if not (origin and destination) and asks_route_again(tracker, q):
        # "et le retour ?" after a question in between: the route before it
        topic = route_topic(tracker)
        origin, destination = route_of_topic(topic)
    if not (origin and destination) or names_own_subject(tracker):
        return None
    if (tracker.get_slot("subject") or "").startswith("project") and not entity_values(tracker, "transport"):
        # "et comment il s'inscrit, c'est quand la prochaine édition ?" right after the music
        # prize: about the prize, not the next train of a route asked before
        return None
    if "project" in project_lexicon().concepts_of(q.text) or set(STORE.service_topics_in(q.text)) - {
        "public_transport"
    }:
        # "il y a des événements quattropole bientôt ?", "where do i pay income tax?" after a
        # route: not about it
        return None
    back = answer_return_trip(dispatcher, tracker, lang, topic)
    if back is not None:
        return back
    modes = entity_values(tracker, "transport")
    if (
        asks_price(q.text) and not modes
    ):  # "was kostet das Ticket?", "c combien le billet" right after the route
        # a fare, not a budget: the operators publish them (not the city's transport page)
        dispatcher.utter_message(
            response="utter_travel_fare_unknown",
            route=route_label(origin, destination, lang),
        )
        return [SlotSet("topic", topic)]
    route = STORE.route(origin, destination)
    how_often = q.asks("frequency") and route is not None and route.fact.answers_kind("frequency")
    if not modes and asks_timetable(q) and not how_often:
        # "und der letzte heute Abend?": no timetables here, and the route was just given
        # ("fährt der jeden Tag?" is how often it runs, which the route may say)
        dispatcher.utter_message(response="utter_travel_no_timetable_only")
        return [SlotSet("topic", topic)]
    if action_words().says(q.text, "direct") and route is not None:
        # "c'est direct ?" right after the route: yes or no, from the store, or not known
        say_direct(dispatcher, route, origin, destination, lang, modes)
        return [SlotSet("topic", topic)]
    lacking = route_lacks(q, origin, destination)
    if lacking is not None and not modes:
        # "since when?" right after the direct train Trier–Metz: not known, and who knows
        say_route_lacks(dispatcher, lacking, origin, destination, lang)
        return [SlotSet("topic", topic)]
    if not (modes or q.asks("how_long", "frequency")):
        return None
    modes = modes or modes_of_topic(topic)
    # "und mit dem Bus?" right after the route: its time, not the route again
    kind = route_kind(q) or time_kind(route, modes)
    # the route was the last answer: a kind it lacks is said to be unknown, not the route again;
    # after the car's answer ("and how long by train?") the train route was not given yet
    again = "car" in modes_of_topic(topic) and "car" not in modes
    say_route(dispatcher, origin, destination, modes or ["train"], lang, kind, note=False, again=again)
    return [SlotSet("topic", travel_topic(origin, destination, modes))]


#: What a follow-up may ask about a route that its facts rarely say ("since when does it
#: run?"): said to be unknown, with who knows, not the route again nor "what do you mean?"
ROUTE_LACKS = ("since", "until", "why", "who")
#: who publishes what the store does not know about a route
OPERATORS = "CFL, SNCF, DB"


def route_lacks(q: Question, origin: Optional[str], destination: Optional[str]) -> Optional[str]:
    """The first kind in ROUTE_LACKS the question asks that the route's fact does not answer."""
    route = STORE.route(origin, destination) if origin and destination else None
    return next((k for k in q.kinds if k in ROUTE_LACKS and not (route and route.fact.answers_kind(k))), None)


def say_route_lacks(
    dispatcher: CollectingDispatcher, kind: str, origin: str, destination: str, lang: str
) -> None:
    dispatcher.utter_message(
        response=UNKNOWN_RESPONSES[kind], subject=route_label(origin, destination, lang), pointer=OPERATORS
    )


def asks_about_a_trip(tracker: Tracker, q: Question) -> bool:
    """A short question about a route that names no city: direct or not, how long, how often."""
    return not cities_in_message(tracker) and (action_words().says(q.text, "direct") or bool(route_kind(q)))


def answer_return_trip(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, topic: Optional[str] = None
) -> Optional[List[Dict[str, Any]]]:
    """ "und zurück?", "et le retour ?" right after a route (or the route `topic` given): the
    same connection the other way, told short (its time), not the whole answer again; None
    otherwise."""
    topic = topic or tracker.get_slot("topic")
    origin, destination = route_of_topic(topic)
    text = tracker.latest_message.get("text") or ""
    if (
        not (origin and destination)
        or cities_in_message(tracker)
        or not action_words().says(text, "return_trip")
    ):
        return None
    modes = entity_values(tracker, "transport") or modes_of_topic(topic) or ["train"]
    dispatcher.utter_message(
        response="utter_route_back",
        route=route_label(destination, origin, lang),
    )
    q = question(tracker, lang)
    if asks_timetable(q):
        # "und zurück abends, wann fährt der letzte?": no timetables here
        dispatcher.utter_message(response="utter_travel_no_timetable_only")
        return [SlotSet("topic", travel_topic(destination, origin, modes))]
    kind = route_kind(q) or time_kind(STORE.route(origin, destination), modes)
    say_route(dispatcher, destination, origin, modes, lang, kind, note=False, again=False)
    return [SlotSet("topic", travel_topic(destination, origin, modes))]


def answer_mode_only(
    dispatcher: CollectingDispatcher, tracker: Tracker, modes: List[str], lang: str
) -> List[Dict[str, Any]]:
    """ "et en voiture ?", "und mit dem Rad?" with no route just given: the car's hour and the
    cycling map hold for every pair of cities; by train or bus, the travel form asks for the
    trip's ends (keeping the one it was waiting with)."""
    if say_without_ends(dispatcher, tracker, modes, lang):
        return []
    return resume_trip(tracker, modes[0])


#: Means of transport whose answer holds for every pair of cities: the car's hour, the
#: cycling map.
WITHOUT_ENDS = ("car", "bike")


def say_without_ends(
    dispatcher: CollectingDispatcher, tracker: Tracker, modes: Sequence[str], lang: str
) -> bool:
    """Say what holds without a trip's ends for the modes that have it (WITHOUT_ENDS); True
    when something was said."""
    without_ends = [mode for mode in modes if mode in WITHOUT_ENDS]
    if without_ends:
        say_route(dispatcher, None, None, without_ends, lang, route_kind(question(tracker, lang)))
    return bool(without_ends)


def resume_trip(tracker: Tracker, mode: Optional[str] = None) -> List[Dict[str, Any]]:
    """The travel form again, for the trip it was waiting with (or the one a question in
    between dropped, `trip_waiting`): it asks for the missing end."""
    origin, destination = tracker.get_slot("travel_from"), tracker.get_slot("travel_to")
    if not (origin or destination):
        origin, destination = waiting_trip(tracker)
    return [
        SlotSet("travel_from", origin),
        SlotSet("travel_to", destination),
        SlotSet("travel_mode", mode),
        FollowupAction("travel_form"),
    ]


#: Words that only acknowledge (folded): "ok. metz" after a question in between is the city
_ACKNOWLEDGEMENT = re.compile(
    r"\b(?:ok|okay|oki|bon|ben|alors|ah|merci|danke|thanks|thx|so|also|na|gut|yes|oui|ja|d.?accord|dac|sure|voila)\b"
)


def answer_trip(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, strict: bool = True
) -> Optional[List[Dict[str, Any]]]:
    """A trip the message itself completes, whatever intent the NLU gave it; None otherwise:
    - two cities with "from" and "to" ("de Trèves à Luxembourg", which the NLU may take for
      a question about the two cities) are that route; right after a route, so are two cities
      with "to" ("what about Trier to Saarbrücken?"), by the same means as that route;
    - while a trip dropped by a question in between waits for its other end (`trip_waiting`),
      one city with "to" or "from" and nothing else asked ("bon, depuis Metz": "depuis" also
      reads as "since") completes it.
    Not `strict` (a message the NLU could not place, or out of scope): two cities with "from"
    and "to" are that route whatever else the message says ("familie aus Saarbrücken, ... einen
    Tagesausflug nach Trier, wie kommen wir hin?")."""
    found = cities_in_message(tracker)
    markers = {marker for _, marker in found}
    rest = rest_of_trip(tracker, lang)
    waiting_from, waiting_to = waiting_trip(tracker)
    kind, _, asked = (tracker.get_slot("trip_waiting") or "").partition(":")
    bare = (
        len(found) == 1
        and not markers - {""}
        and rest is not None
        and not re.sub(r"[\W_]+", "", _ACKNOWLEDGEMENT.sub(" ", fold(rest.text)))
    )
    if bare and kind == "asked" and asked in ("travel_from", "travel_to"):
        # "luxemburg" after a question in between, when the form had asked for it with no end
        # known: that end, and the form asks for the other
        return [SlotSet("trip_waiting", None), SlotSet(asked, found[0][0]), FollowupAction("travel_form")]
    if bare and (waiting_from or waiting_to):
        # "saarbrücken" alone after a question in between: the start the form was asking for
        found = [(found[0][0], "from" if waiting_to else "to")]
        markers = {found[0][1]}
    both_ends = len(found) == 2 and markers == {"to", "from"}
    modes = entity_values(tracker, "transport")
    if rest is not None and commute_named(tracker) and not (modes or names_travel(rest.text) or rest.kinds):
        # "ça change quoi pour moi ? j'habite à Metz et je travaille au Luxembourg": where
        # the user lives and works, not a trip asked for
        return None
    if (
        not markers - {""}
        or rest is None
        or (not only_a_trip(rest, station_after_city(tracker)) and (strict or not both_ends))
    ):
        return None
    topic = tracker.get_slot("topic")
    # right after a route, two cities with one "to" or "from" are the next route ("and
    # saarbrucken from trier?")
    if len(found) == 2 and (
        markers == {"to", "from"} or (markers & {"to", "from"} and all(route_of_topic(topic)))
    ):
        origin, destination = assign(found, None, None, None)
        modes = modes or modes_of_topic(topic)
    else:
        # "et le dernier train pour rentrer à Metz ?" a few questions after Saarbrücken–Metz:
        # the route the conversation is on, not a new trip without a start
        last_from, last_to = route_of_topic(topic if any(route_of_topic(topic)) else route_topic(tracker))
        if len(found) != 1 or not (waiting_from or waiting_to or last_from or last_to):
            return None
        if (topic or "").startswith("city.") and not (waiting_from or waiting_to or modes):
            # "il y a un aéroport à Sarrebruck ? et à Metz ?" a few turns after a route: the
            # city fact just asked, for Metz, not the route again
            return None
        city, marker = found[0]
        if not (waiting_from or waiting_to):
            # "actually no, from saarbrucken" right after a route: that end changes, the other
            # end and the means stay; "und dann weiter nach Metz?": from where it ended
            onward = onward_origin(tracker)
            waiting_from, waiting_to = (onward, None) if onward else (last_from, last_to)
            modes = modes or modes_of_topic(topic)
            if city == (waiting_to if marker == "from" else waiting_from):
                # "the last train back from metz" after Saarbrücken to Metz: the way back
                waiting_from, waiting_to = waiting_to, waiting_from
        origin, destination = (city, waiting_to) if marker == "from" else (waiting_from, city)
    if not (origin and destination) or origin == destination:
        return None
    if asks_timetable(rest) and action_words().says(rest.text, "service_runs"):
        # "fährt der Expressbus von Saarbrücken auch sonntags?": no timetables; "am Samstag
        # einen Ausflug nach Trier, wie kommen wir hin?" asks the way only
        dispatcher.utter_message(response="utter_travel_no_timetable")
    say_route(dispatcher, origin, destination, modes or ["train"], lang, route_kind(rest))
    return [
        SlotSet("trip_waiting", None),
        SlotSet("topic", travel_topic(origin, destination, modes)),
        SlotSet("subject", None),  # the route is what the conversation is about now
    ]


def answer_unmarked_route(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "ok et metz lux en train ca prend cb de temps ?", which the NLU could not place: two
    member cities without "from" or "to", with a way to travel or "how long", are the route in
    the order named. None otherwise (also when the user lives or works in one of them)."""
    found = cities_in_message(tracker)
    if len(found) != 2 or any(marker for _, marker in found) or found[0][0] == found[1][0]:
        return None
    text = tracker.latest_message.get("text") or ""
    q = question(tracker, lang)
    modes = entity_values(tracker, "transport")  # without the modes ruled out ("ohne Auto")
    if commute_named(tracker) or not (modes or q.asks("how_long") or names_travel(text)):
        return None
    origin, destination = found[0][0], found[1][0]
    say_route(dispatcher, origin, destination, modes or ["train"], lang, route_kind(q))
    return [
        SlotSet("trip_waiting", None),
        SlotSet("topic", travel_topic(origin, destination, modes)),
        SlotSet("subject", None),
    ]


def commute_named(tracker: Tracker) -> bool:
    """A city of the message is where the user lives or works ("ich wohne in Trier")."""
    text = tracker.latest_message.get("text") or ""
    starts = [
        e.get("start") for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "city"
    ]
    return any(
        action_words().ends_with(text[:start], m)
        for start in starts
        if isinstance(start, int)
        for m in ("home_marker", "work_marker")
    )


def rest_of_trip(tracker: Tracker, lang: str) -> Optional[Question]:
    """What the message asks once its cities and the "to"/"from" words before them are left
    out ("depuis Metz" asks nothing, though "depuis" alone reads as "since"; "depuis quand
    Metz ?" does); None when where the cities are is not known."""
    text = tracker.latest_message.get("text") or ""
    spans = sorted(
        (e["start"], e["end"])
        for e in tracker.latest_message.get("entities", []) or []
        if e.get("entity") == "city" and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    )
    if not spans:
        return None
    rest: List[str] = []
    at = 0
    markers = {"to_marker", "from_marker"}
    for start, end in spans:
        if any(action_words().ends_with(text[at:start], m) for m in ("home_marker", "work_marker")):
            # "i live in ... and work in ...": the words, without the phrase before the city
            found = words(text[at:start])
            rest.extend(found[: -_marker_length(found)])
            at = end
            continue
        before = text[at:start].split()
        if before and markers & set(action_words().concepts_of(before[-1])):
            before = before[:-1]
        rest.extend(before)
        at = end
    rest.extend(text[at:].split())
    return question_of(" ".join(rest), lang)


def _marker_length(found: List[str]) -> int:
    """How many of the last `found` words are a home or work phrase ("live in", "bosse a"):
    the shortest ending that holds one."""
    for n in range(1, min(len(found), 4) + 1):
        if any(action_words().ends_with(" ".join(found[-n:]), m) for m in ("home_marker", "work_marker")):
            return n
    return 0


#: What a message that names a trip may say besides its cities (data/lexicon concepts): how to
#: travel, by what, yes or no. "le maire de Metz ?" names a mayor, so it is no trip.
TRIP_CONCEPTS = {
    "travel",
    "train",
    "bus",
    "car",
    "commute",
    "affirmation",
    "negation",
    "greeting",
    "thanks",
}


def only_a_trip(rest: Question, station_after: bool = False) -> bool:
    """True when what the message says besides its cities asks nothing but a route's time or
    frequency, and names nothing but ways to travel; and the station, when it follows the
    city ("from luxembourg gare", not "la gare de Metz")."""
    if set(rest.kinds) - {"how_long", "frequency"} or rest.relation or rest.roles:
        return False
    if STORE.service_topics_in(rest.text, loose=False):
        return False  # "et il fait quel temps demain à lux ?": the weather, not the way there
    return set(project_lexicon().concepts_of(rest.text)) <= TRIP_CONCEPTS | (
        {"station"} if station_after else set()
    )


def station_after_city(tracker: Tracker) -> bool:
    """A station word follows the message's last city and none comes before it: "from
    luxembourg gare", "ab Trier Hbf" (a start), not "et la gare de Metz ?" (the station)."""
    text = tracker.latest_message.get("text") or ""
    ends = [e.get("end") for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "city"]
    ends = [end for end in ends if isinstance(end, int)]
    if not ends:
        return False
    cut = max(ends)
    station = project_lexicon().concepts_of
    return "station" in station(text[cut:]) and "station" not in station(text[:cut])


def answer_station_follow_up(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "il y a un TGV ?" right after a city's station: that station's answer about its
    trains (Trier has had no IC/ICE since 2014); None otherwise."""
    city = tracker.get_slot("city")
    if tracker.get_slot("topic") != "city.station" or city not in STORE.cities or names_own_subject(tracker):
        return None
    if "train" not in project_lexicon().concepts_of(tracker.latest_message.get("text") or ""):
        return None
    fact = STORE.fact(f"city.{city}.station")
    if fact is None:
        return None
    say_fact(dispatcher, fact, lang, text=fact.answer_for("what", lang))
    return [SlotSet("topic", "city.station")]


#: The `trip_waiting` slot: a trip whose other end the dropped travel form was asking for
#: ("to:metz"), so that "aus Saarbrücken", after a question in between, still completes it.
def waiting_trip(tracker: Tracker) -> Tuple[Optional[str], Optional[str]]:
    """(origin, destination) of the trip still waiting for its other end, either may be None."""
    end, _, city = (tracker.get_slot("trip_waiting") or "").partition(":")
    if city not in STORE.cities:
        return None, None
    return (None, city) if end == "to" else (city, None)


def asks_price(text: str) -> bool:
    """A question about fares, which the store does not have: it asks what something costs
    (the `cost` kind of data/question_kinds.yml) or names tickets (the `fare` concept of
    data/lexicon), in any language."""
    return question_of(text).asks("cost") or "fare" in project_lexicon().concepts_of(text)


OFFICE_CONTACT = "office.contact"


def names_esch(tracker: Tracker) -> bool:
    """The message names Esch-sur-Alzette, where the office's building is."""
    return mentions_esch(tracker.latest_message.get("text") or "")


#: lexicon concepts that make a message about getting somewhere
TRAVEL_CONCEPTS = {"travel", "train", "bus", "car"}


def names_travel(text: str) -> bool:
    """The message speaks of getting somewhere (a TRAVEL_CONCEPTS word: "train", "hin")."""
    return bool(set(project_lexicon().concepts_of(text)) & TRAVEL_CONCEPTS)


def answer_disruption(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[Dict[str, Any]]]:
    """A strike, cancellation or delay ("demain y a grève SNCF, comment je vais au boulot ?")
    about getting somewhere: no live news here, the operators have it; None otherwise."""
    text = tracker.latest_message.get("text") or ""
    if not action_words().says(text, "disruption"):
        return None
    pending = (tracker.active_loop or {}).get("name") == "travel_form" or any(waiting_trip(tracker))
    found = cities_in_message(tracker)
    if not (names_travel(text) or route_topic(tracker) or found or pending):
        return None
    if len({city for city, _ in found}) == 2 and not action_words().says(text, "strike"):
        return None  # "the meeting is cancelled, so only Trier to Metz and back": that route
    dispatcher.utter_message(response="utter_travel_disruption")
    return [SlotSet("topic", route_topic(tracker))]


def answer_fares(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "c quoi le prix du billet ?", "gibt es das Saar-Lor-Lux-Ticket noch?": fares and tickets
    between the cities are the operators', which the store does not have; the last route's
    name when there is one. None when the message names a city or a city service (a bus
    ticket in Trier is that city's transport), asks where to buy one or about riding for free,
    or follows a project or event (a concert's tickets)."""
    text = tracker.latest_message.get("text") or ""
    if (
        "fare" not in project_lexicon().concepts_of(text)
        or action_words().says(text, "booking")
        or action_words().says(text, "free_of_charge")  # riding a city's buses for free
    ):
        return None
    cross_border = action_words().says(text, "cross_border_ticket")
    found = cities_in_message(tracker)
    # "tickets" is one of public transport's names; a commuter's ticket ("abonnement
    # frontalier", "Ticket für Pendler") is a fare, not the cross-border job advisers
    other_topics = set(STORE.service_topics_in(text)) - {"public_transport", "jobs"}
    if (
        len({city for city, _ in found}) == 2
        and latest_intent(tracker) != "ask_travel"  # the travel answer gives the fare note and the route
        and not other_topics
    ):
        # "c quoi le prix pour un billet metz luxembourg": that route's fare, from the operators
        origin, destination = assign(found, None, None, None)
        if origin and destination and origin != destination:
            dispatcher.utter_message(
                response="utter_travel_fare_unknown", route=route_label(origin, destination, lang)
            )
            return [SlotSet("topic", travel_topic(origin, destination, []))]
    if not cross_border and (
        found
        or tracker.get_slot("travel_from")  # the trip's own fare answer, with the connection
        or tracker.get_slot("travel_to")
        or other_topics
        or entity_values(tracker, "project")  # "ein Ticket für alle vier Städte": the card question
        or (tracker.get_slot("subject") or "").startswith("project")
    ):
        return None
    topic = route_topic(tracker)
    origin, destination = route_of_topic(topic)
    city = tracker.get_slot("city")
    local = (
        [p for p in STORE.pointers("public_transport", city) if p.city == city]
        if city in STORE.cities
        else []
    )
    if not (origin and destination) and not cross_border and local:
        # "and the tram tickets?" in a conversation about Luxembourg City: its own public
        # transport (free there), not the operators of trips between the cities
        from actions.services import say_pointer

        say_pointer(dispatcher, local[0], lang)
        return [SlotSet("service", "public_transport"), SlotSet("topic", "service"), SlotSet("city", city)]
    if origin and destination:
        dispatcher.utter_message(
            response="utter_travel_fare_unknown", route=route_label(origin, destination, lang)
        )
    else:
        dispatcher.utter_message(response="utter_travel_fares")
    return [SlotSet("topic", topic)]


#: Which of the cities long-distance trains (TGV, ICE) and planes serve
AIRPORTS_STATIONS = "travel.airports_stations"
_STOPS = re.compile(r"\b(?:stop\w*|halt\w*|hält|arret\w*|arrete\w*|dessert|desservent)\b")


def answer_long_distance(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "j'ai lu que les 4 villes ont toutes une gare TGV, c'est exact ?", "4 ICE stations in
    QuattroPole?": which cities long-distance trains serve (Trier none since 2014), not the
    regional connections. None unless the message names long-distance trains with a station
    or a stop, or when it names one city (its own station fact answers)."""
    text = tracker.latest_message.get("text") or ""
    if not action_words().says(text, "long_distance") or len(cities_in_message(tracker)) == 1:
        return None
    if (tracker.get_slot("topic") or "").startswith("city."):
        return None  # "hält da ein ICE?" right after a city's station: that station
    concepts = set(project_lexicon().concepts_of(text))
    if not (concepts & {"station", "train", "travel"} or _STOPS.search(fold(text))):
        return None
    say_fact(dispatcher, AIRPORTS_STATIONS, lang)
    return [SlotSet("subject", None), SlotSet("facts", [AIRPORTS_STATIONS])]


def long_distance_from_one_city(tracker: Tracker) -> bool:
    """ "can i get an ICE train from trier to somewhere?": long-distance trains asked of one
    city, with no other end: that city's station, not a route to ask for."""
    text = tracker.latest_message.get("text") or ""
    return action_words().says(text, "long_distance") and len(cities_in_message(tracker)) == 1


def answer_city_long_distance(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Et depuis quand Trèves n'a plus de TGV/ICE ?", which the NLU could not place: long-
    distance trains and one city named are that city's station. None otherwise."""
    if not long_distance_from_one_city(tracker):
        return None
    city = cities_in_message(tracker)[0][0]
    key = f"city.{city}.station"
    if STORE.fact(key) is None:
        return None
    say_fact(dispatcher, key, lang)
    return [SlotSet("topic", "city.station"), SlotSet("city", city), SlotSet("facts", [key])]


#: A route's known direct train, in the order the reply gives them
DIRECT_TRAIN_RESPONSES = (
    (True, "utter_travel_direct_trains"),
    (False, "utter_travel_no_direct_trains"),
    (None, "utter_travel_direct_trains_unknown"),
)


def answer_all_routes(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "do I need a car or is the train fine for all 4?", "kommt man zwischen allen vier Städten
    mit dem Zug hin?": which of the six routes have a direct train, which have none and for
    which it is not known (each route's `direct_train`), then the car's hour when a car is
    named too. A tour of three or four cities named ("what order should i do them in?") gets
    the same, said to be no itinerary. None unless the message names the train and all four
    cities and no one city, or such a tour."""
    text = tracker.latest_message.get("text") or ""
    modes = entity_values(tracker, "transport")
    cities = {city for city, _ in cities_in_message(tracker)}
    # "visiting luxembourg, metz, saarbrucken and trier in one week: what order?": no one route
    # ... but "Luxemburg, oder doch Trier? wie weit ist das von Saarbrücken?" asks one distance
    tour = len(cities) >= 3 and (
        action_words().says(text, "order")
        or (names_travel(text) and not action_words().says(text, "distance"))
    )
    if not (tour or ("train" in modes and names_all_cities(text) and not cities)):
        return None
    found = cities_in_message(tracker)
    bases = set(home_cities(tracker)) or {city for city, marker in found if marker == "from"}
    if tour and len(bases) == 1 and not action_words().says(text, "order"):
        # "I'm staying in Luxembourg. How many minutes by train to Trier and to Metz?": the
        # route from there to each, not a tour
        base = next(iter(bases))
        others = [city for city in dict.fromkeys(c for c, _ in found) if city != base]
        # (the short time alone would not say which route it is: each route's own text)
        kind = route_kind(question_of(text, lang)) if len(others) == 1 else None
        for other in others:
            say_route(dispatcher, base, other, modes or ["train"], lang, kind)
        return [SlotSet("topic", travel_topic(base, others[-1], modes))]
    if tour:
        dispatcher.utter_message(response="utter_travel_no_itinerary")
    for direct, response in DIRECT_TRAIN_RESPONSES:
        routes = [route_label(r.a, r.b, lang) for r in STORE.routes if r.direct_train is direct]
        if routes:
            dispatcher.utter_message(response=response, routes=", ".join(routes))
    if "car" in modes:
        say_fact(dispatcher, "travel.car", lang)
    dispatcher.utter_message(response="utter_travel_note")
    return [SlotSet("topic", None)]


def answer_bike_carriage(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> Optional[List[Dict[str, Any]]]:
    """ "kann ich mein Fahrrad im Zug mitnehmen?": the operators' rules, which the store does
    not have; not the cycling map. None when the message asks no such thing."""
    text = tracker.latest_message.get("text") or ""
    if "bike" not in entity_values(tracker, "transport") or not action_words().says(text, "bike_carriage"):
        return None
    dispatcher.utter_message(response="utter_travel_bike_carriage")
    # "wir sind aus Trier und wollen mit dem Rad nach Luxemburg": that route is what a later
    # "wie lange dauert das mit dem Zug?" is about
    origin, destination = assign(cities_in_message(tracker), None, None, None)
    if origin and destination and origin != destination:
        return [SlotSet("topic", travel_topic(origin, destination, ["train"]))]
    return [SlotSet("topic", route_topic(tracker))]


def answer_outside_trip(
    dispatcher: CollectingDispatcher, tracker: Tracker, asked: bool = False
) -> Optional[List[Dict[str, Any]]]:
    """A trip to or from a place outside the four ("je bosse à Luxembourg et j'habite vers
    Thionville, le train ça met combien ?"): no route there; the member city stays the trip's
    end, so "et depuis Metz ?" completes it. `asked`: the message is known to be about travel;
    else it must name a way to travel. None when no such place is named."""
    place = outside_place(tracker)
    text = tracker.latest_message.get("text") or ""
    if place is None or not (asked or names_travel(text) or entity_values(tracker, "transport")):
        return None
    # "paris" as typed is still a name
    dispatcher.utter_message(response="utter_route_outside", place=place[:1].upper() + place[1:])
    found = [(c, m) for c, m in cities_in_message(tracker) if m]
    waiting = f"{found[0][1]}:{found[0][0]}" if len(found) == 1 else None
    events = [SlotSet("travel_from", None), SlotSet("travel_to", None), SlotSet("trip_waiting", waiting)]
    lang = reply_language(tracker) or "en"
    stations = _stations_naming(place, [c for c, _ in cities_in_message(tracker)], lang)
    if stations:
        # "whats the quickest of the 4 to get to paris from": what the stations' facts say of it
        dispatcher.utter_message(response="utter_closest")
        for key in stations:
            say_fact(dispatcher, key, lang)
        events.append(SlotSet("facts", stations))
    return events


def _stations_naming(place: str, cities: Sequence[str], lang: str) -> List[str]:
    """The member cities' station facts that name `place` ("Paris": the TGV from Luxembourg,
    Metz and Saarbrücken); of the cities named, if the message names any."""
    named = []
    for city in STORE.cities:
        key = f"city.{city}.station"
        fact = STORE.fact(key)
        if fact is not None and re.search(rf"\b{re.escape(fold(place))}\b", fold(fact.text_for(lang))):
            named.append((city, key))
    if cities:  # "von Trier nach Frankfurt": Trier's station says nothing of Frankfurt
        return [key for city, key in named if city in cities]
    return [key for _, key in named]


def goes_to_esch(tracker: Tracker) -> bool:
    """A way to Esch ("und dann weiter nach Esch", "wie komme ich nach Esch?"), not a question
    about what is there ("le siège est à Esch ?")."""
    text = tracker.latest_message.get("text") or ""
    words = action_words()
    if ends_with_tag(text) or _MOVED.search(fold(text)):
        return False  # "the office moved to Esch in 2016, correct?": a claim about the office
    return names_esch(tracker) and (
        names_travel(text)
        or words.says(text, "onward")
        or words.says(text, "distance")
        or bool(_TO_ESCH.search(fold(text)))  # "und wenn ich nach esch will?"
    )


_TO_ESCH = re.compile(r"\b(?:nach|to|vers|jusqu'?a|bis)\s+esch\b")
#: Moving house or office ("the office moved to Esch"): no trip
_MOVED = re.compile(r"\b(?:moved|relocated|umgezogen|gezogen|demenage|demenagee|installee?)\b")


#: What a question about a trip never asks: "wann wurde das Haus eingeweiht? … für en Ausflug"
#: asks a date, whatever travel word the message has (not "until": "jusqu'à Esch" is a trip)
NOT_TRIP_KINDS = {"when", "since", "who", "why", "what", "legal_form", "winner"}
#: what a question about the way somewhere asks
TRIP_KINDS = {"how_long", "frequency"}


def asks_a_trip(q: Question) -> bool:
    """The message speaks of travel and asks nothing a trip does not answer."""
    return names_travel(q.text) and not set(q.kinds) & NOT_TRIP_KINDS


def trip_to_office(tracker: Tracker) -> bool:
    """A way to the office rather than between two member cities: the message names Esch, or
    the conversation is about the office and the message names no city to go to ("c est loin
    de metz ?", "how do I get there by train from Luxembourg?")."""
    if names_esch(tracker):
        return True
    if tracker.get_slot("subject") != "organ:office":
        return False
    if any(waiting_trip(tracker)) or action_words().says(
        tracker.latest_message.get("text") or "", "resume_trip"
    ):
        return False  # "ok back to the trip, by train please" after a question about the office
    found = cities_in_message(tracker)
    return len(found) <= 1 and all(marker != "to" for _, marker in found)


def answer_distance(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "how far apart are the 4 cities?": the network's one-hour rule; "c loin d'ici ?" or "is
    it far to Luxembourg?" with one city and another one in the conversation: that route and
    the drive. None when the message asks no distance, names two cities (a route) or is about
    the office."""
    if not action_words().says(tracker.latest_message.get("text") or "", "distance") or trip_to_office(
        tracker
    ):
        return None
    found = list(dict.fromkeys(city for city, _ in cities_in_message(tracker)))
    here = tracker.get_slot("city")
    if len(found) > 1 or (found and (here not in STORE.cities or here == found[0])):
        return None
    if found:
        say_route(dispatcher, here, found[0], ["train"], lang, note=False)
        say_route(dispatcher, here, found[0], ["car"], lang, note=False)
        return [SlotSet("topic", travel_topic(here, found[0], []))]
    car = STORE.fact("travel.car")
    if car is None:
        return None
    say_fact(dispatcher, car, lang)
    return [SlotSet("topic", "travel")]


def answer_office_trip(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
    """Where the office's building is (at Esch-sur-Alzette station, not one of the four
    cities), the train from the city the user starts in to Luxembourg, and Luxembourg's free
    public transport for the last leg; no travel time to Esch is stored. Parking there is not
    known either: the reply says so and gives the office's contact."""
    if "parking" in STORE.service_topics_in(tracker.latest_message.get("text") or "", loose=False):
        # "gibts da Parkplätze?": not known; the building is at the station, the office can say
        dispatcher.utter_message(response="utter_office_parking_unknown")
        contact = STORE.fact(OFFICE_CONTACT)
        if contact is not None:
            say_fact(dispatcher, contact, lang, text=contact.answer_for("contact", lang))
        return [SlotSet("topic", "office")]
    house = STORE.fact(OFFICE_HOUSE)
    if house is not None:
        say_fact(dispatcher, house, lang, text=house.answer_for("where", lang))
    found = [city for city, _ in cities_in_message(tracker)]
    origin = tracker.get_slot("travel_from") or (found[0] if found else None)
    if origin in STORE.cities and origin != "luxembourg":
        say_route(
            dispatcher,
            origin,
            "luxembourg",
            entity_values(tracker, "transport") or ["train"],
            lang,
            note=False,
        )
    transport = STORE.pointers("public_transport", "luxembourg")
    dispatcher.utter_message(response="utter_travel_to_esch")
    if transport:
        from actions.services import say_pointer

        say_pointer(dispatcher, transport[0], lang)
    return [
        SlotSet("travel_from", None),
        SlotSet("travel_to", None),
        SlotSet("travel_mode", None),
        SlotSet("trip_waiting", None),
        SlotSet("topic", "office"),
    ]


class ActionAnswerTravel(FactAction):
    def name(self) -> str:
        return "action_answer_travel"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        if trip_to_office(tracker):
            if question(tracker, lang).kind in ("hours", "phone") and not names_esch(tracker):
                # "opening hours?" right after the office's address, which the NLU took for a
                # timetable: the office's hours are not known
                from actions.answers import answer_follow_up

                events = answer_follow_up(dispatcher, tracker, question(tracker, lang), lang)
                if events is not None:
                    return events
            # "c est loin de metz ?" after the office, "wie komm ich nach Esch?"
            return answer_office_trip(dispatcher, tracker, lang)
        outside = answer_outside_trip(dispatcher, tracker, asked=True)
        if outside is not None:  # "how long from Saarbrücken to Paris?": no route outside
            return outside
        if long_distance_from_one_city(tracker):
            station = answer_city_long_distance(dispatcher, tracker, lang)
            if station is not None:  # "can i get an ICE from trier to somewhere?"
                return [*station, SlotSet("travel_from", None), SlotSet("travel_to", None)]
        q = question(tracker, lang)
        if "tourism" in STORE.service_topic_places(q.text, loose=False) and not (set(q.kinds) & TRIP_KINDS):
            # "whats there to do in metz, worth a day trip from trier?": what to see there, not
            # the train
            from actions.services import ActionAnswerCityService

            return ActionAnswerCityService().answer(dispatcher, tracker, lang)
        origin, destination = tracker.get_slot("travel_from"), tracker.get_slot("travel_to")
        if (tracker.active_loop or {}).get("name") == "travel_form":
            # a travel question the waiting form could not take ("combien de temps en voiture
            # ?" while it asks where from): what holds without the other end, then the form
            # asks again (data/rules/travel.yml)
            say_without_ends(dispatcher, tracker, entity_values(tracker, "transport"), lang)
            # the start the form gets next is for the trip asked first, not by car
            return [SlotSet("travel_mode", None)]
        mode = tracker.get_slot("travel_mode")
        if mode in ruled_out_modes(tracker):
            mode = None  # "saarbrucken to luxembourg without a car": the slot took the car anyway
        # "lohnt sich auto oder zug mehr?": every means named; the slot holds only the first
        modes = entity_values(tracker, "transport") or ([mode] if mode else [])
        done = [
            SlotSet("travel_from", None),
            SlotSet("travel_to", None),
            SlotSet("travel_mode", None),
            SlotSet("trip_waiting", None),
            # the route is the conversation's subject now (`topic`), not the office or the
            # organ asked about before: "y a pas un bus plutôt ?" is about the route
            SlotSet("subject", None),
        ]
        if (origin == destination or not (origin and destination)) and asks_local_transport(tracker):
            # "kann ich in Luxemburg gratis Bus fahren?": the city's public transport (the
            # form filled both ends with the one city, and validated neither)
            from actions.services import ActionAnswerCityService

            return [*done, *ActionAnswerCityService().answer(dispatcher, tracker, lang)]
        if origin and origin == destination:
            # "how long does it take to drive to trier?": the form filled both ends with the
            # one city; it is where the trip goes, not a route from Trier to Trier
            origin = None
        booking = asks_booking(tracker)
        if booking:  # "can you book me a train ticket?": the operators do; connections we have
            dispatcher.utter_message(response="utter_travel_no_booking")
            if not (origin and destination):
                return done
        elif asks_price(tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(response="utter_travel_no_price")
        if not (origin or destination) and not cities_in_message(tracker):
            # "mit dem Auto wie lange?" right after a route: the route stays the subject, so
            # "und was kostet das Ticket?" is still about it
            origin, destination = route_of_topic(tracker.get_slot("topic"))
        q = question(tracker, lang)
        timetable = asks_timetable(q)
        last = route_of_topic(route_topic(tracker))
        lacking = route_lacks(q, origin, destination)
        if lacking is not None and origin and destination:
            # "the direct train trier metz. since when does it run": not known; right after the
            # route nothing more, else the route as what is known
            say_route_lacks(dispatcher, lacking, origin, destination, lang)
            if set(last) == {origin, destination}:
                return [*done, SlotSet("topic", travel_topic(origin, destination, modes))]
            timetable = False
        if timetable and set(last) == {origin, destination} and not cities_in_message(tracker):
            # "et le dernier train ?" after this route: no timetables, and not the route again
            dispatcher.utter_message(response="utter_travel_no_timetable_only")
            return [*done, SlotSet("topic", travel_topic(origin, destination, modes))]
        if timetable:  # "wann fährt der nächste Zug?": no timetables here
            dispatcher.utter_message(response="utter_travel_no_timetable")
        kind = route_kind(q)
        route = STORE.route(origin, destination) if origin and destination else None
        if route is not None and set(last) == {origin, destination} and action_words().says(q.text, "direct"):
            # "direkt oder umsteigen?" right after this route: yes or no, not the route again
            say_direct(dispatcher, route, origin, destination, lang, modes)
            return [*done, SlotSet("topic", travel_topic(origin, destination, modes))]
        if kind is None and set(last) == {origin, destination} and modes:
            kind = time_kind(route, modes)  # "y a pas un bus plutôt ?" right after this route: its time
        say_route(
            dispatcher,
            origin,
            destination,
            modes,
            lang,
            kind,
            note=not said_last_turn(tracker, "utter_travel_note"),
            # "wie lange dauert das?" right after this route: a time it lacks is said to be
            # unknown, without the route again
            again=set(last) != {origin, destination}
            or ("car" in modes_of_topic(tracker.get_slot("topic")) and "car" not in modes),
        )
        return [*done, SlotSet("topic", travel_topic(origin, destination, modes))]


class ActionAnswerRegionTransport(FactAction):
    def name(self) -> str:
        return "action_answer_region_transport"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        self.say_key(dispatcher, "travel.airports_stations", lang)
        return [SlotSet("topic", TRAVEL_TOPIC)]
