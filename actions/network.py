"""Questions about QuattroPole itself: what it is, members, inhabitants, languages, history."""

from __future__ import annotations

import re
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


#: "What does QuattroPole do?" asks what it is and what it works on: the overview is followed by
#: the fields and projects instead of the aims.
WHAT_IT_DOES = re.compile(
    r"\b(do|does|doing|macht|machen|tut|tun|fait|font|faites)\b", re.IGNORECASE
)
WHAT_IT_DOES_KEYS = ["network.overview", "projects.overview"]


class ActionAnswerNetwork(FactAction):
    def name(self) -> str:
        return "action_answer_network"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker)
        keys = KEYS_BY_INTENT.get(intent, KEYS_BY_INTENT["ask_quattropole_overview"])
        text = tracker.latest_message.get("text") or ""
        if intent == "ask_quattropole_overview" and WHAT_IT_DOES.search(text):
            keys = WHAT_IT_DOES_KEYS
        self.say_keys(dispatcher, keys, lang)
        return [SlotSet("topic", intent)]
