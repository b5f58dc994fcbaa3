"""Short follow-ups without a subject of their own: "Seit wann?", "und davor?", "c'était quand ?".

They are answered about the conversation's subject (the `subject` and `facts` slots, see
actions.answers). Without one, the assistant asks what the question is about."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import answer_by_concepts, answer_follow_up, answer_personal
from actions.cities import (
    ActionAnswerCity,
    another_unknown_place,
    answer_cities_together,
    asks_other_cities,
    rank_by_population,
)
from actions.common import FactAction, entity_values, facts_just_said, question, say_part_not_answered
from actions.events import answer_events_in_year
from actions.fallback import answer_doubt, answer_source_request
from actions.services import ActionAnswerCityService, answer_service_follow_up
from bot.language.concepts import action_words


class ActionAnswerFollowUp(FactAction):
    def name(self) -> str:
        return "action_answer_follow_up"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        q = question(tracker, lang)
        cited = answer_source_request(dispatcher, tracker, lang)
        if cited is not None:  # "source for that?"
            return cited
        if action_words().says(q.text, "doubt"):  # "are you sure about that?", "c'est dépassé"
            doubted = answer_doubt(dispatcher, tracker, q)
            if doubted is not None:
                return doubted
        together = answer_cities_together(dispatcher, tracker, lang)
        if together is not None:  # "und alle 4 zusammen?" after Metz's population
            return together
        if (tracker.get_slot("topic") or "").startswith("city.") and asks_other_cities(tracker):
            # "und die anderen?" after a city's mayor: the other cities' mayors
            return ActionAnswerCity().answer(dispatcher, tracker, lang)
        if another_unknown_place(dispatcher, tracker, q):
            return []
        ranking = rank_by_population(dispatcher, q.text, lang)
        if ranking is not None:  # "and the oldest?" after the biggest
            return ranking
        # (a route follow-up was already tried: FactAction.answer_question, before this)
        events = answer_events_in_year(dispatcher, tracker, lang)  # "et l'an dernier ?"
        if events is None:
            events = answer_service_follow_up(dispatcher, tracker, lang)
        if events is None:
            events = answer_follow_up(dispatcher, tracker, q, lang)
        if events is None:
            events = answer_personal(dispatcher, tracker, q, lang)
        if events is None and not q.kinds:
            # "how was she elected?" after her term: the subject's fact about elections
            events = answer_by_concepts(dispatcher, tracker, q, lang, facts_just_said(tracker))
        if events is None and entity_values(tracker, "service"):
            # "ok and what about museums?" after a city: where to go for that, in that city
            return ActionAnswerCityService().answer(dispatcher, tracker, lang)
        if events is None:
            if not say_part_not_answered(dispatcher, tracker):  # "… und wie wird man das?"
                dispatcher.utter_message(response="utter_follow_up_unclear")
            return []
        return events
