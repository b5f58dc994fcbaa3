"""Events: "Gibt es bald Veranstaltungen?", "Any events next month?".

The store knows dated events (the music prize final, anniversaries). Compared with today, the
next one is the answer; when there is none after today, the reply says so, gives the last one
(told as past) and points to the cities' event calendars."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import FactAction, is_later_part, say_fact
from actions.store import STORE
from bot.facts.clock import today


class ActionAnswerEvents(FactAction):
    def name(self) -> str:
        return "action_answer_events"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
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
        return [SlotSet("topic", "events")]


def say_events_between(dispatcher: CollectingDispatcher, lang: str, first: int, last: int) -> List[str]:
    """Tell the store's dated events from month `first` to month `last` (months since year 0,
    as `PartialDate.months_index`), each with its date; their keys, [] when there is none."""
    found = [f for f in STORE.events() if f.event is not None and first <= f.event.months_index() <= last]
    for fact in found:
        say_fact(dispatcher, fact, lang)
    return [STORE.key_of(f) or "" for f in found]
