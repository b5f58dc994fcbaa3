"""The conversation language, decided in `action_validate_slot_mappings`.

Rasa's `action_extract_slots` runs that action (a rasa_sdk `ValidationAction`) after every
user message and keeps the messages it sends, so the language notices reach the user. It
reads the NLU's `language_detection` (from `bot.nlu.language_detector`), a `language` entity
from a language button, channel metadata, and the current slots, and lets
`bot.language.decide` choose. It holds no user-facing text: notices are responses in domain.yml.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from actions.common import facts_just_said, question, reply_language, say_fact
from actions.store import STORE
from bot.language import DETECTION_KEY, Detection, decide, detect, fold
from bot.language.concepts import action_words
from bot.language.detect import normalize_language

logger = logging.getLogger(__name__)

NOTICE_RESPONSES = {
    "unsupported": "utter_notice_unsupported",
    "luxembourgish": "utter_notice_luxembourgish",
}
HINT_KEYS = ("language", "language_code", "lang", "locale")
#: The slots the language decision sets (custom mappings in domain.yml).
LANGUAGE_SLOTS = ("language", "language_explicit", "language_writes", "language_notice", "language_settled")


def _metadata(tracker: Tracker) -> Mapping[str, Any]:
    metadata = tracker.latest_message.get("metadata")
    return metadata if isinstance(metadata, Mapping) else {}


def _hint(metadata: Mapping[str, Any]) -> str | None:
    """Channel language: page `lang`, Telegram `language_code` ("de-DE"), REST `language`."""
    for key in HINT_KEYS:
        language = normalize_language(metadata.get(key))
        if language:
            return language
    return None


def _choice(tracker: Tracker, metadata: Mapping[str, Any]) -> str | None:
    """An explicit choice outside the text: a language button's entity or a widget's choice."""
    for entity in tracker.latest_message.get("entities") or []:
        if isinstance(entity, Mapping) and entity.get("entity") == "language":
            language = normalize_language(entity.get("value"))
            if language:
                return language
    return normalize_language(metadata.get("language_choice"))


def _detection(tracker: Tracker, metadata: Mapping[str, Any]) -> Detection:
    stored = tracker.latest_message.get(DETECTION_KEY)
    if isinstance(stored, Mapping):
        return Detection.from_dict(stored)
    text = tracker.latest_message.get("text")
    return detect(text if isinstance(text, str) else "", metadata)


class ActionDetectLanguage(ValidationAction):
    """`action_validate_slot_mappings`: sets `language`, `language_explicit`,
    `language_writes`, `language_notice` and `language_settled` after each user message."""

    def domain_slots(self, domain: DomainDict) -> list[str]:
        """The language slots, whether or not Rasa sent the domain: the action endpoint's
        `enable_selective_domain` (endpoints.yml) sends it to validate_travel_form only."""
        return list(LANGUAGE_SLOTS)

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return [slot for slot in domain_slots if slot in LANGUAGE_SLOTS]

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        metadata = _metadata(tracker)
        current = normalize_language(tracker.get_slot("language"))
        explicit = bool(tracker.get_slot("language_explicit"))
        decision = decide(
            current,
            explicit,
            _detection(tracker, metadata),
            hint=_hint(metadata),
            choice=_choice(tracker, metadata),
            writes=tracker.get_slot("language_writes"),
            settled=bool(tracker.get_slot("language_settled")),
        )
        slots: dict[str, Any] = {}
        if decision.language != current:
            slots["language"] = decision.language
        if decision.explicit != explicit:
            slots["language_explicit"] = decision.explicit
        if decision.writes != tracker.get_slot("language_writes"):
            slots["language_writes"] = decision.writes
        if decision.settled != bool(tracker.get_slot("language_settled")):
            slots["language_settled"] = decision.settled
        slots["language_notice"] = decision.notice
        response = NOTICE_RESPONSES.get(decision.notice or "")
        if response:
            dispatcher.utter_message(response=response)
        return slots

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The decision needs no further check: the language slots as `extract_language`
        set them (other slots Rasa extracted stay as they are)."""
        recent = tracker.slots_to_validate()
        return [SlotSet(slot, recent[slot]) for slot in LANGUAGE_SLOTS if slot in recent]


#: A message that speaks of a language at all (folded): "auf Deutsch", "tu parles anglais ?",
#: "which languages", "Lëtzebuergesch"; "coming from germany" does not
_SPEAKS_OF_LANGUAGE = re.compile(
    r"\b(?:deutsch\w*|german|allemand\w*|franz\w*|french|francais\w*|english|englisch\w*|anglais\w*"
    r"|luxemburgisch\w*|luxembourgeois\w*|luxembourgish|letzebuergesch|lux|sprache\w*|language\w*|langue\w*"
    r"|sprich\w*|sprechen|speak\w*|parle\w*|schreib\w*|write|ecri\w*|dutch|italien\w*|italian|spanisch|spanish"
    r"|espagnol|portugu\w*|englais|engl|dt|moien)\b"
)


class ActionSwitchLanguage(Action):
    """ "in English please" switches (action_validate_slot_mappings already set the slot) and says so;
    a message the NLU took for a switch but that asks for no language ("kann ich auch Englisch
    schreiben?") gets the answer about the assistant's languages, not a false "from now on"."""

    def name(self) -> str:
        return "action_switch_language"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[EventType]:
        metadata = _metadata(tracker)
        requested = _detection(tracker, metadata).requested or _choice(tracker, metadata)
        if requested:
            said = [k for k in facts_just_said(tracker) if STORE.fact(k) is not None]
            text = tracker.latest_message.get("text") or ""
            if said and action_words().says(text, "repeat_that"):
                # "can you say that in English?": the last answer's facts, in that language
                for key in said:
                    say_fact(dispatcher, key, requested)
                return []
            dispatcher.utter_message(response="utter_language_switched")
            return []
        from actions.answers import answer_named_fact
        from actions.fallback import ActionAskRephrase, answer_bot_languages

        lang = reply_language(tracker)
        named = answer_named_fact(dispatcher, question(tracker, lang), lang) if lang else None
        if named is not None:  # "le guide il est en français ?": the guide's languages
            return named
        if not _SPEAKS_OF_LANGUAGE.search(fold(tracker.latest_message.get("text") or "")):
            # "are buses free in luxembourg? also for me coming from germany?": a country, no
            # language; the NLU's guess is no question about the assistant's languages
            return await ActionAskRephrase().run(dispatcher, tracker, domain)
        return answer_bot_languages(dispatcher, tracker)
