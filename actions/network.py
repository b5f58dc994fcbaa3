"""Questions about QuattroPole itself: what it is, members, inhabitants, languages, history."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import FactAction, latest_intent

KEYS_BY_INTENT = {
    "ask_quattropole_overview": ["network.overview", "network.purpose"],
    "ask_quattropole_members": ["network.members"],
    "ask_quattropole_population": ["network.population"],
    "ask_quattropole_languages": ["network.languages"],
    "ask_quattropole_history": ["network.history", "network.founders"],
}


class ActionAnswerNetwork(FactAction):
    def name(self) -> str:
        return "action_answer_network"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker)
        keys = KEYS_BY_INTENT.get(intent, KEYS_BY_INTENT["ask_quattropole_overview"])
        self.say_keys(dispatcher, keys, lang)
        return [SlotSet("topic", intent)]
