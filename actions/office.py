"""The joint office (Geschäftsstelle / secrétariat général) and the Haus der Großregion."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Subject, organ_subject
from actions.common import FactAction, latest_intent

KEY_BY_INTENT = {
    "ask_office_location": "office.location",
    "ask_office_contact": "office.contact",
    "ask_office_tasks": "office.tasks",
    "ask_house_greater_region": "office.house_greater_region",
}


class ActionAnswerOffice(FactAction):
    def name(self) -> str:
        return "action_answer_office"

    def subject(self, tracker: Tracker) -> Subject:
        key = KEY_BY_INTENT.get(latest_intent(tracker), "office.location")
        return organ_subject("office", [key], "office.")

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker)
        self.say_key(dispatcher, KEY_BY_INTENT.get(intent, "office.location"), lang)
        return [SlotSet("topic", intent)]
