"""Questions about one of the four cities, and follow-ups such as "und Trier?"."""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import FactAction, entity_values, latest_intent
from actions.store import STORE

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

# "... of Paris?", "... von Nancy", "... à Thionville ?": a place named after a preposition.
# If that place is not one of our cities, the question is about somewhere we do not cover.
_NAMED_PLACE = re.compile(
    r"\b(?:of|in|for|von|in|für|de|du|à|a|pour|en)\s+(?P<place>[A-ZÀ-Ý][\w'’-]+)",
    re.UNICODE,
)


def named_unknown_place(text: str) -> str | None:
    """A capitalised place after a preposition that is not a QuattroPole city, if any."""
    for match in _NAMED_PLACE.finditer(text or ""):
        place = match.group("place")
        if STORE.resolve_city(place) is None:
            return place
    return None


class ActionAnswerCity(FactAction):
    def name(self) -> str:
        return "action_answer_city"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker)
        topic = TOPIC_BY_INTENT.get(intent) or self._previous_topic(tracker)
        cities = entity_values(tracker, "city")
        if not cities:
            text = tracker.latest_message.get("text") or ""
            if intent == "inform_city" or named_unknown_place(text):
                dispatcher.utter_message(response="utter_unknown_city")
                return []
            context_city = tracker.get_slot("city")
            if context_city not in STORE.cities:
                dispatcher.utter_message(response="utter_ask_city")
                return [SlotSet("topic", CITY_TOPIC_PREFIX + topic)]
            cities = [context_city]
        for city in cities:
            self.say_key(
                dispatcher, f"city.{city}.{topic}", lang, pointer=STORE.city_website(city)
            )
        return [SlotSet("topic", CITY_TOPIC_PREFIX + topic), SlotSet("city", cities[-1])]

    @staticmethod
    def _previous_topic(tracker: Tracker) -> str:
        previous = tracker.get_slot("topic") or ""
        if previous.startswith(CITY_TOPIC_PREFIX):
            return previous[len(CITY_TOPIC_PREFIX):]
        return "overview"
