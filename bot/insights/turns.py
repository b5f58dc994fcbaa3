"""What happened in each user turn, read from a conversation's stored events.

A turn is one user message and everything up to the next one: the slot events that set the
conversation's language, the actions and the bot messages. The names that mark a fallback, an
"I don't know" answer and feedback are defined here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

from bot.insights.source import StoredEvent
from bot.language import DETECTION_KEY

LANGUAGE_SLOT = "language"
FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIONS = ("action_ask_rephrase", "action_default_fallback")
OUT_OF_SCOPE_INTENT = "out_of_scope"
FEEDBACK_INTENT = "feedback"
FEEDBACK_METADATA = "qp_feedback"
# A bot response counts as "I don't know" when a word of its name is one of these
# (utter_fact_unknown, utter_unknown_city, utter_travel_no_bus, utter_travel_no_price).
UNKNOWN_RESPONSE_WORDS = ("unknown", "no")


def is_unknown_response(name: Optional[str]) -> bool:
    """Whether the response named `name` tells the user that the assistant does not know."""
    if not name:
        return False
    return any(word in UNKNOWN_RESPONSE_WORDS for word in re.split(r"[_\W]+", name.lower()))


@dataclass
class Turn:
    """One user message and the assistant's reaction to it."""

    timestamp: float
    text: str
    intent: Optional[str]
    language: Optional[str]
    fallback: bool = False
    unknown: bool = False
    reply_seconds: Optional[float] = None
    facts: List[str] = field(default_factory=list)

    @property
    def out_of_scope(self) -> bool:
        return self.intent == OUT_OF_SCOPE_INTENT

    @property
    def unanswered(self) -> List[str]:
        """Why this question went unanswered: fallback, unknown, out_of_scope (or nothing)."""
        reasons = (
            ("fallback", self.fallback),
            ("unknown", self.unknown),
            ("out_of_scope", self.out_of_scope),
        )
        return [name for name, flag in reasons if flag]


@dataclass
class Feedback:
    """One rating of one answer (its facts), with the comments given for it, each with the
    rating it came with."""

    timestamp: float
    rating: str
    facts: Tuple[str, ...]
    language: Optional[str]
    comments: List[Tuple[str, str]] = field(default_factory=list)


@dataclass
class Switch:
    timestamp: float
    source: str
    target: str


@dataclass
class Conversation:
    """The turns, feedback and language switches of one conversation (no sender id kept)."""

    turns: List[Turn] = field(default_factory=list)
    feedback: List[Feedback] = field(default_factory=list)
    switches: List[Switch] = field(default_factory=list)


def parse_conversation(events: Iterable[StoredEvent]) -> Conversation:
    """Turns, feedback and language switches from one conversation's events in stored order."""
    conversation = Conversation()
    language: Optional[str] = None
    turn: Optional[Turn] = None
    for event in events:
        if event.type_name == "slot" and event.data.get("name") == LANGUAGE_SLOT:
            value = event.data.get("value")
            if value and language and value != language:
                conversation.switches.append(Switch(event.timestamp, language, value))
            language = value or language
            if turn is not None and value:
                turn.language = value
        elif event.type_name == "user":
            turn = _user_event(conversation, event, language)
        elif turn is not None:
            _reaction(turn, event)
    return conversation


def _user_event(conversation: Conversation, event: StoredEvent, language: Optional[str]) -> Optional[Turn]:
    """A new turn for a question; feedback is recorded and starts no turn."""
    parse = event.data.get("parse_data") or {}
    intent = event.intent_name or (parse.get("intent") or {}).get("name")
    metadata = event.data.get("metadata") or {}
    if intent == FEEDBACK_INTENT or FEEDBACK_METADATA in metadata:
        _add_feedback(conversation, event.timestamp, metadata.get(FEEDBACK_METADATA), language)
        return None
    detected = (parse.get(DETECTION_KEY) or {}).get("language")
    turn = Turn(event.timestamp, event.data.get("text") or "", intent, language or detected)
    turn.fallback = intent == FALLBACK_INTENT
    conversation.turns.append(turn)
    return turn


def _reaction(turn: Turn, event: StoredEvent) -> None:
    if event.type_name == "action" and event.action_name in FALLBACK_ACTIONS:
        turn.fallback = True
    elif event.type_name == "bot":
        if turn.reply_seconds is None:
            turn.reply_seconds = max(0.0, event.timestamp - turn.timestamp)
        metadata = event.data.get("metadata") or {}
        if is_unknown_response(metadata.get("utter_action") or metadata.get("template_name")):
            turn.unknown = True
        for key in _answer_facts(event.data):
            if key not in turn.facts:
                turn.facts.append(key)


def _answer_facts(data: Dict[str, Any]) -> List[str]:
    """The fact keys a bot message says it used (`data.custom.qp.facts`)."""
    custom = (data.get("data") or {}).get("custom") or {}
    qp = custom.get("qp") if isinstance(custom, dict) else None
    facts = qp.get("facts") if isinstance(qp, dict) else None
    return [str(key) for key in facts] if isinstance(facts, list) else []


def _add_feedback(
    conversation: Conversation, timestamp: float, payload: Any, language: Optional[str]
) -> None:
    """One vote per answer (facts) and conversation: a later event for the same facts
    replaces the rating if it gives one and adds its comment."""
    if not isinstance(payload, dict):
        return
    rating = payload.get("rating")
    facts = tuple(str(key) for key in payload.get("facts") or [])
    comment = (payload.get("comment") or "").strip()
    earlier = next((f for f in reversed(conversation.feedback) if f.facts == facts), None)
    if earlier is None:
        if rating not in ("up", "down"):
            return
        earlier = Feedback(timestamp, rating, facts, language)
        conversation.feedback.append(earlier)
    elif rating in ("up", "down"):
        earlier.rating = rating
    if comment:
        earlier.comments.append((rating if rating in ("up", "down") else earlier.rating, comment))
