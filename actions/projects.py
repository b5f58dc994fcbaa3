"""What the network does: the project overview and each project's details."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import FactAction, entity_values


class ActionAnswerProjects(FactAction):
    def name(self) -> str:
        return "action_answer_projects"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        projects = entity_values(tracker, "project")
        if projects:
            self.say_keys(dispatcher, [f"project.{p}" for p in projects], lang)
        else:
            self.say_key(dispatcher, "projects.overview", lang)
        return [SlotSet("topic", "projects")]
