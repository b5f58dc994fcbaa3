"""The joint office (Geschäftsstelle / secrétariat général) and the Haus der Großregion."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Subject, organ_subject
from actions.common import FactAction, latest_intent, say_fact
from actions.store import STORE
from bot.language import fold
from bot.language.concepts import action_words

KEY_BY_INTENT = {
    "ask_office_location": "office.location",
    "ask_office_contact": "office.contact",
    "ask_office_tasks": "office.tasks",
    "ask_house_greater_region": "office.house_greater_region",
}


#: The building's facts (office.house_*) and the office's own.
HOUSE_PREFIX = "office.house"
OFFICE_SCOPE = ("office.location", "office.contact", "office.phone", "office.tasks", "office.management")


#: The building's open day, the closest thing to a visit the store knows
OPEN_DAY = "office.house_anniversary"
#: A question about visiting the building just named is short ("kann man das besichtigen?")
VISIT_WORDS = 14


#: The office's building named (folded): "Haus der Großregion", "Maison de la Grande Région"
_HOUSE = re.compile(r"\b(?:haus der grossregion|maison de la grande region|house of the greater region)\b")


def answer_visit(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "kann man das besichtigen?" right after the office or its building: whether visitors
    are shown round is not known; the open day of its tenth anniversary is the closest thing.
    None when the conversation is not about the office, or the message asks no visit."""
    text = tracker.latest_message.get("text") or ""
    facts = tracker.get_slot("facts") or []
    # "kann man das Haus der Großregion in Esch besuchen?": the building named, however long
    named = bool(_HOUSE.search(fold(text)))
    if not (named or any(str(k).startswith("office.") for k in facts)) or not action_words().says(
        text, "visit_place"
    ):
        return None
    if (len(text.split()) > VISIT_WORDS and not named) or any(
        e.get("entity") in ("city", "project") for e in tracker.latest_message.get("entities") or []
    ):
        return None  # "i want to visit Metz next, what is there?": a question of its own
    dispatcher.utter_message(response="utter_unknown_visit", pointer=STORE.network_website)
    if OPEN_DAY not in facts:
        say_fact(dispatcher, OPEN_DAY, lang)
    return [SlotSet("subject", "organ:office"), SlotSet("facts", [OPEN_DAY])]


class ActionAnswerOffice(FactAction):
    def name(self) -> str:
        return "action_answer_office"

    def answer_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        from actions.services import ActionAnswerCityService, names_service

        text = tracker.latest_message.get("text") or ""
        if names_service(tracker, lang) and not action_words().says(text, "own_office"):
            # "where's the foreigners office in saarbrücken?", "no i mean the Bürgeramt, where
            # is the office": a city's office for that service, not QuattroPole's in Esch
            return ActionAnswerCityService().answer(dispatcher, tracker, lang)
        return super().answer_question(dispatcher, tracker, lang)

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
