"""Known conversations for the insights tests, stored through Rasa's own tracker store.

Every event is a real Rasa event saved by `WindowedSQLTrackerStore.save`, as the running bot
saves it. The figures the report must find are in `EXPECTED`; the period is 2026-11-02 to
2026-11-04 (UTC). One conversation lies before the period and one started before it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any, Dict, List, Optional

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import WindowedSQLTrackerStore

SINCE, UNTIL = dt.date(2026, 11, 2), dt.date(2026, 11, 4)
EMAIL = "jean.dupont@example.fr"
PHONE = "+49 171 2345678"
IBAN = "DE89 3704 0044 0532 0130 00"
SENDERS = (
    "sender-alpha-7f3",
    "sender-beta-9c1",
    "sender-gamma-2d4",
    "sender-delta-5e8",
    "sender-epsilon-1a0",
)


def at(day: int, seconds: float, month: int = 11) -> float:
    """A UTC timestamp on 2026-`month`-`day` at 10:00 plus `seconds`."""
    return dt.datetime(2026, month, day, 10, tzinfo=dt.timezone.utc).timestamp() + seconds


class Script:
    """Builds one conversation's events turn by turn, with controlled time stamps."""

    def __init__(self, day: int, month: int = 11) -> None:
        self.day, self.month, self.clock = day, month, 0.0
        self.events: List[Event] = [ActionExecuted("action_listen", timestamp=self._now())]

    def _now(self) -> float:
        self.clock += 0.001
        return at(self.day, self.clock, self.month)

    def turn(
        self,
        text: str,
        intent: str,
        reply: float,
        response: str,
        language: Optional[str] = None,
        facts: Optional[List[str]] = None,
        actions: tuple = (),
        metadata: Optional[Dict[str, Any]] = None,
    ) -> Script:
        self.clock += 60  # a minute between turns
        parse = {
            "intent": {"name": intent, "confidence": 0.9},
            "entities": [],
            "text": text,
            "language_detection": {"language": language, "confidence": 0.9},
        }
        asked = self._now()
        self.events.append(
            UserUttered(text, parse["intent"], parse_data=parse, metadata=metadata or {}, timestamp=asked)
        )
        if language:
            self.events.append(SlotSet("language", language, timestamp=self._now()))
        for action in actions:
            self.events.append(ActionExecuted(action, timestamp=self._now()))
        custom = {"qp": {"facts": facts}} if facts else None
        self.events.append(
            BotUttered(
                text=f"({response})",
                data={"custom": custom},
                metadata={"utter_action": response},
                timestamp=asked + reply,
            )
        )
        self.clock += reply
        self.events.append(ActionExecuted("action_listen", timestamp=self._now()))
        return self

    def feedback(self, rating: str, facts: List[str], comment: str = "") -> Script:
        self.clock += 30
        payload = {"rating": rating, "facts": facts, **({"comment": comment} if comment else {})}
        self.events.append(
            UserUttered(
                "/feedback",
                {"name": "feedback", "confidence": 1.0},
                metadata={"qp_feedback": payload},
                timestamp=self._now(),
            )
        )
        self.events.append(ActionExecuted("action_listen", timestamp=self._now()))
        return self


def conversations() -> List[List[Event]]:
    fallback = ("action_ask_rephrase",)
    a = (
        Script(2)
        .turn("Hallo", "greet", 0.5, "utter_greet", "de")
        .turn(
            "Wer ist Bürgermeister von Trier?",
            "ask_city_mayor",
            1.0,
            "utter_city_fact",
            facts=["city.trier.mayor"],
        )
        .feedback("up", ["city.trier.mayor"])
        .turn("Wie ist das Wetter in Trier?", "nlu_fallback", 2.0, "utter_ask_rephrase", actions=fallback)
        .turn(
            "Wie wird das Wetter in Trier morgen?",
            "nlu_fallback",
            2.0,
            "utter_ask_rephrase",
            actions=fallback,
        )
    )
    b = (
        Script(2)
        .turn("Bonjour", "greet", 0.5, "utter_greet", "fr")
        .turn(
            "Qui est le maire de Metz ?", "ask_city_mayor", 1.0, "utter_city_fact", facts=["city.metz.mayor"]
        )
        .feedback("down", ["city.metz.mayor"])
        .feedback("down", ["city.metz.mayor"], f"Le maire a changé. Écrivez-moi : {EMAIL}")
        .turn("Quel est le budget de Metz ?", "ask_city_overview", 1.5, "utter_fact_unknown")
    )
    c = (
        Script(3)
        .turn("Hello", "greet", 0.5, "utter_greet", "en")
        .turn("Who won the football match?", "out_of_scope", 1.0, "utter_out_of_scope")
        .turn(
            "Wie viele Einwohner hat Luxemburg?",
            "ask_city_population",
            1.0,
            "utter_city_fact",
            "de",
            facts=["city.luxembourg.population"],
        )
        .feedback("down", ["city.luxembourg.population"], f"Zahl ist alt, ruf an: {PHONE}")
        .turn(
            "What is the weather in Trier?", "nlu_fallback", 2.0, "utter_ask_rephrase", "en", actions=fallback
        )
        .turn("Is there a bus from Metz to Trier?", "ask_travel", 1.0, "utter_travel_no_bus")
    )
    d = Script(30, month=10).turn("Hallo", "greet", 0.5, "utter_greet", "de")
    d.day, d.month, d.clock = 4, 11, 0.0
    d.turn(
        f"Meine IBAN ist {IBAN}, wie ist das Wetter?",
        "nlu_fallback",
        3.0,
        "utter_ask_rephrase",
        actions=fallback,
    )
    e = Script(20, month=10).turn("Bonjour", "greet", 0.5, "utter_greet", "fr")
    return [a.events, b.events, c.events, d.events, e.events]


def fill(store: WindowedSQLTrackerStore) -> None:
    """Saves the known conversations into `store`."""

    async def save_all() -> None:
        for sender, events in zip(SENDERS, conversations()):
            tracker = DialogueStateTracker.from_events(sender, events, store.domain.slots)
            await store.save(tracker)

    asyncio.run(save_all())


def domain() -> Domain:
    from bot.store_url import ROOT

    return Domain.load(str(ROOT / "domain.yml"))


EXPECTED = {
    "conversations": 4,
    "messages": 13,
    "messages_by_language": {"de": 6, "fr": 3, "en": 4},
    "switches": {"total": 2, "conversations": 1, "pairs": {"en→de": 1, "de→en": 1}},
    "unanswered_all": {"messages": 13, "fallback": 4, "unknown": 2, "out_of_scope": 1},
    "unanswered_by_language": {
        "de": {
            "messages": 6,
            "fallback": 3,
            "unknown": 0,
            "out_of_scope": 0,
            "fallback_rate": 0.5,
            "unknown_rate": 0.0,
        },
        "fr": {
            "messages": 3,
            "fallback": 0,
            "unknown": 1,
            "out_of_scope": 0,
            "fallback_rate": 0.0,
            "unknown_rate": 0.3333,
        },
        "en": {
            "messages": 4,
            "fallback": 1,
            "unknown": 1,
            "out_of_scope": 1,
            "fallback_rate": 0.25,
            "unknown_rate": 0.25,
        },
    },
    "messages_per_day": {
        "2026-11-02": {"de": 4, "fr": 3, "en": 0},
        "2026-11-03": {"de": 1, "fr": 0, "en": 4},
        "2026-11-04": {"de": 1, "fr": 0, "en": 0},
    },
    "conversations_per_day": {
        "2026-11-02": {"de": 1, "fr": 1, "en": 0},
        "2026-11-03": {"de": 0, "fr": 0, "en": 1},
        "2026-11-04": {"de": 1, "fr": 0, "en": 0},
    },
    "topics_de": [["nlu_fallback", 3], ["ask_city_mayor", 1], ["ask_city_population", 1], ["greet", 1]],
    "feedback": [
        {"fact": "city.luxembourg.population", "up": 0, "down": 1, "comments": 1},
        {"fact": "city.metz.mayor", "up": 0, "down": 1, "comments": 1},
        {"fact": "city.trier.mayor", "up": 1, "down": 0, "comments": 0},
    ],
    "facts_used": {"city.trier.mayor": 1, "city.metz.mayor": 1, "city.luxembourg.population": 1},
    "reply_time": {
        "2026-11-02": {"n": 7, "median": 1.0, "p95": 2.0},
        "2026-11-03": {"n": 5, "median": 1.0, "p95": 1.8},
        "2026-11-04": {"n": 1, "median": 3.0, "p95": 3.0},
    },
    "unanswered_questions": 7,
}
