"""Tracker fixtures for the action tests, built in code (no server)."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(
    intent: str,
    text: str = "",
    entities: List[Dict[str, Any]] | None = None,
    slots: Dict[str, Any] | None = None,
    events: List[Dict[str, Any]] | None = None,
) -> Tracker:
    ents = []
    for entity in entities or []:
        ents.append({"start": None, "end": None, **entity})
    latest = {
        "intent": {"name": intent, "confidence": 1.0},
        "entities": ents,
        "text": text,
        "metadata": {},
    }
    return Tracker(
        sender_id="test",
        slots={"language": "en", **(slots or {})},
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run_action(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


@pytest.fixture
def tracker_factory():
    return make_tracker
