"""The Greater Region (Großregion / Grande Région) the four cities belong to."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import FactAction


class ActionAnswerGreaterRegion(FactAction):
    def name(self) -> str:
        return "action_answer_greater_region"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        self.say_keys(dispatcher, ["greater_region.basics", "greater_region.figures"], lang)
        return [SlotSet("topic", "greater_region")]
