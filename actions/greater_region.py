"""The Greater Region (Großregion / Grande Région) the four cities belong to."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Subject, region_subject
from actions.common import FactAction

KEYS = ["greater_region.basics", "greater_region.figures"]


class ActionAnswerGreaterRegion(FactAction):
    def name(self) -> str:
        return "action_answer_greater_region"

    def subject(self, tracker: Tracker) -> Subject:
        return region_subject(KEYS)

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        self.say_keys(dispatcher, KEYS, lang)
        return [SlotSet("topic", "greater_region")]
