"""What the assistant says when it did not understand.

Rasa's built-in affirmation step speaks English only; ours asks to rephrase in the conversation
language instead. When the message was in a language we don't speak (or Luxembourgish), the
notice sent by action_detect_language already answered it, so no second message follows."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

ANSWERED_BY_NOTICE = {"unsupported", "luxembourgish"}


def ask_to_rephrase(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    if tracker.get_slot("language_notice") not in ANSWERED_BY_NOTICE:
        dispatcher.utter_message(response="utter_ask_rephrase")


class ActionAskRephrase(Action):
    def name(self) -> Text:
        return "action_ask_rephrase"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        ask_to_rephrase(dispatcher, tracker)
        return []


class ActionDefaultAskAffirmation(ActionAskRephrase):
    """Replaces Rasa's English-only affirmation step with the rephrase request."""

    def name(self) -> Text:
        return "action_default_ask_affirmation"
