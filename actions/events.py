"""Events: "Gibt es bald Veranstaltungen?", "Any events next month?".

The store knows dated events (the music prize final, anniversaries). Compared with today, the
next one is the answer; when there is none after today, the reply says so, gives the last one
(told as past) and points to the cities' event calendars."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import network_subject, project_subject, subject_events
from actions.common import FactAction, is_later_part, latest_intent, question, say_fact
from actions.store import STORE
from bot.facts.clock import today


class ActionAnswerEvents(FactAction):
    def name(self) -> str:
        return "action_answer_events"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        in_year = answer_events_in_year(dispatcher, tracker, lang)
        if in_year is not None:  # "quels événements cette année ?"
            return in_year
        now = today()
        upcoming = STORE.next_event(None, now)
        if upcoming is not None:
            say_fact(dispatcher, upcoming, lang)
            return [SlotSet("topic", "events")]
        dispatcher.utter_message(response="utter_no_upcoming_events", pointer=STORE.network_website)
        past = STORE.last_event(None, now)
        # "wie hoch ist der Preis dotiert und wann ist das nächste Finale?": the first part's
        # answer told that final already; in a turn of its own it is worth saying again
        told = (
            past is not None
            and is_later_part(tracker)
            and STORE.key_of(past) in (tracker.get_slot("facts") or [])
        )
        if past is not None and not told:
            dispatcher.utter_message(response="utter_last_event")
            say_fact(dispatcher, past, lang)
            key = STORE.key_of(past)
            if key:
                # "and when was the last one?" next is about this event
                project = key.split(".")[1] if key.startswith("project.") else None
                subject = project_subject(project) if project else network_subject([key])
                return [SlotSet("topic", "events"), *subject_events(subject, [key])]
        return [SlotSet("topic", "events")]


def say_events_between(dispatcher: CollectingDispatcher, lang: str, first: int, last: int) -> List[str]:
    """Tell the store's dated events from month `first` to month `last` (months since year 0,
    as `PartialDate.months_index`), each with its date; their keys, [] when there is none."""
    found = [f for f in STORE.events() if f.event is not None and first <= f.event.months_index() <= last]
    for fact in found:
        say_fact(dispatcher, fact, lang)
    return [STORE.key_of(f) or "" for f in found]


def answer_events_in_year(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "quels événements cette année ?", and "et l'an dernier ?" right after events: the dated
    events of that one year, each with its date, or that the store knows none then; None when
    the message names no one year, or (as a follow-up) the conversation was not about events."""
    q = question(tracker, lang)
    about_events = latest_intent(tracker) == "ask_events" or tracker.get_slot("topic") == "events"
    if len(set(q.years)) != 1 or not about_events:
        return None
    now = today()
    upcoming = STORE.next_event(None, now)
    ahead_this_year = upcoming is not None and upcoming.event is not None and upcoming.event.year == now.year
    if q.asks("next") and q.years[0] == now.year and not ahead_this_year:
        # "quels sont les prochains événements cette année ?": none ahead, before this year's
        # past ones (told as past), so the April final does not read as upcoming
        dispatcher.utter_message(response="utter_no_upcoming_events", pointer=STORE.network_website)
    keys = say_year_events(dispatcher, lang, q.years[0])
    return [SlotSet("topic", "events"), SlotSet("facts", keys or None)]


def say_year_events(dispatcher: CollectingDispatcher, lang: str, year: int) -> List[str]:
    """Tell the store's dated events of `year`, each with its date, or that it knows none then
    (and where to look); their keys."""
    keys = say_events_between(dispatcher, lang, year * 12, year * 12 + 11)
    if not keys:
        dispatcher.utter_message(
            response="utter_no_events_in_year", year=str(year), pointer=STORE.network_website
        )
    return keys
