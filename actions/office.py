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


#: The building's facts (office.house_*) and the office's own.
HOUSE_PREFIX = "office.house"
OFFICE_SCOPE = ("office.location", "office.contact", "office.tasks", "office.management")


class ActionAnswerOffice(FactAction):
    def name(self) -> str:
        return "action_answer_office"

    def subject(self, tracker: Tracker) -> Subject:
        """The office, or the building it works in: the ~30 people working in the whole Haus
        der Großregion are not the office's staff."""
        key = KEY_BY_INTENT.get(latest_intent(tracker), "office.location")
        subject = organ_subject("office", [key], "office.")
        scope = (HOUSE_PREFIX,) if key.startswith(HOUSE_PREFIX) else OFFICE_SCOPE
        return Subject(subject.id, subject.keys, scope, subject.pointer, subject.name)

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker)
        self.say_key(dispatcher, KEY_BY_INTENT.get(intent, "office.location"), lang)
        return [SlotSet("topic", intent)]
