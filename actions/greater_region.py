"""The Greater Region (Großregion / Grande Région) the four cities belong to."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import FactAction


class ActionAnswerGreaterRegion(FactAction):
    def name(self) -> Text:
        return "action_answer_greater_region"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[Text, Any]]:
        self.say_key(dispatcher, "greater_region.basics", lang)
        return [SlotSet("topic", "greater_region")]
