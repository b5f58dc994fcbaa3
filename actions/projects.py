"""What the network does: the project overview and each project's details."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Subject, project_subject, subject_events
from actions.common import FactAction, entity_values, latest_intent
from actions.store import STORE


def latest_event(project: str) -> List[str]:
    """The project's next event, else its last one ("the 2026 final took place on ..."), so an
    answer about the music prize says where it stands today."""
    prefix = f"project.{project}."
    event = STORE.next_event(prefix) or STORE.last_event(prefix)
    key = STORE.key_of(event) if event is not None else None
    return [key] if key else []


class ActionAnswerProjects(FactAction):
    def name(self) -> str:
        return "action_answer_projects"

    def subject(self, tracker: Tracker) -> Subject:
        projects = entity_values(tracker, "project")
        if not projects and latest_intent(tracker) == "ask_project_detail":
            # "Wann ist die nächste Verleihung?" right after the music prize: that project
            previous = (tracker.get_slot("subject") or "").partition(":")
            projects = [previous[2]] if previous[0] == "project" else []
        return project_subject(projects[0] if len(projects) == 1 else None)

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        projects = entity_values(tracker, "project")
        subject = self.subject(tracker)
        if len(projects) == 1:
            keys = [f"project.{projects[0]}", *latest_event(projects[0])]
            self.say_keys(dispatcher, keys, lang)
            # both facts said are the conversation's: "c'était quand exactement ?" is the final
            return [SlotSet("topic", "projects"), *subject_events(subject, keys)]
        if projects:
            self.say_keys(dispatcher, [f"project.{p}" for p in projects], lang)
        elif subject.id.startswith("project:"):
            self.say_keys(dispatcher, subject.keys, lang)
        else:
            self.say_key(dispatcher, "projects.overview", lang)
        return [SlotSet("topic", "projects")]
