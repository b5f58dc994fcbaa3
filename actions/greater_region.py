"""The Greater Region (Großregion / Grande Région) the four cities belong to."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Answer, Subject, answer_kind, region_subject, subject_events
from actions.common import FactAction, say_fact
from bot.language.kinds import Question

KEYS = ["greater_region.basics", "greater_region.figures"]


def answer_region(dispatcher: CollectingDispatcher, q: Question, lang: str) -> List[Dict[str, Any]]:
    """A question about the Greater Region that another action got ("ich meine die
    Großregion, nicht QuattroPole. Seit wann gibt es die?"): the kind asked if the region's
    facts know it, else what the region is."""
    subject = region_subject(KEYS)
    found = answer_kind(dispatcher, subject, q, lang) if q.kinds else None
    if found is None:
        for key in KEYS:
            say_fact(dispatcher, key, lang)
        found = Answer(list(KEYS), subject)
    return [*subject_events(found.subject or subject, found.keys), SlotSet("topic", "greater_region")]


class ActionAnswerGreaterRegion(FactAction):
    def name(self) -> str:
        return "action_answer_greater_region"

    def subject(self, tracker: Tracker) -> Subject:
        return region_subject(KEYS)

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        self.say_keys(dispatcher, KEYS, lang)
        return [SlotSet("topic", "greater_region")]
