"""Tracker fixtures for the action tests, built in code (no server), and the check that a
message states a fact with its source."""

from __future__ import annotations

import asyncio
import functools
import json
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import citation_text
from actions.store import STORE
from bot.language.format import format_as_of
from tests.helpers import real_domain

CITIES = ("luxembourg", "metz", "saarbruecken", "trier")


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


@functools.lru_cache(maxsize=None)
def _domain_json() -> str:
    return json.dumps(real_domain().as_dict())


def domain() -> Dict[str, Any]:
    """The real domain.yml as Rasa sends it to the action server (a fresh copy per call)."""
    return json.loads(_domain_json())


def run_action(action, tracker: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain()))
    return dispatcher.messages, events


@pytest.fixture
def tracker_factory():
    return make_tracker


def assert_says(message: dict, key: str, lang: str) -> None:
    fact = STORE.fact(key)
    assert fact is not None, f"store lacks {key}"
    # a time-bound fact tells its date once: after the text, or in its own words
    dated = fact.time_bound and message["response"].startswith("utter_fact_dated")
    assert message["response"].startswith("utter_fact")
    assert dated or not fact.time_bound or "as_of" not in message
    assert message["fact"] == fact.text_for(lang)
    citation = STORE.citation(fact, lang)
    if message["response"].endswith("_plain"):  # its source was already shown in this reply
        assert "source" not in message
    else:
        # a readable label, the date of the page if it has one, then the address
        assert message["source"] == citation_text(citation)
        assert message["source"].startswith(citation.label) and message["source"].endswith(citation.url)
    assert message["custom"]["qp"]["facts"] == [key]
    assert message["custom"]["qp"]["sources"] == [citation.as_dict()]
    if dated:
        assert message["as_of"] == format_as_of(fact.as_of, lang)


def term_event_keys(person: str) -> list:
    """The keys of the dated facts within `person`'s presidency term, in date order."""
    term = next(t for t in STORE.presidents() if t.person == person)
    last = term.end.months_index(True) if term.end is not None else 10**6
    return [
        STORE.key_of(f) for f in STORE.events() if term.start.months_index() <= f.event.months_index() <= last
    ]
