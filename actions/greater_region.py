"""The Greater Region (Großregion / Grande Région) the four cities belong to."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Answer, Subject, answer_kind, fact_named_by_words, region_subject, subject_events
from actions.common import FactAction, question, say_fact
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
        subject = region_subject(KEYS)
        named = fact_named_by_words(subject, question(tracker, lang), lang)
        if named is not None and named[0] not in KEYS:
            # "was ist das Bonner Abkommen?": the one fact of the region the question names (its
            # history), not what the region is
            say_fact(dispatcher, named[0], lang)
            return [*subject_events(subject, [named[0]]), SlotSet("topic", "greater_region")]
        self.say_keys(dispatcher, KEYS, lang)
        return [SlotSet("topic", "greater_region")]
