"""One user turn, guarded: every turn gets a reply in the user's language, never silence.

Rasa 3.6 swallows a failing custom action (action server down, 5xx, timeout after Rasa's fixed
5 minutes) with a log line, and the turn can end without any message. The channels in this
package run each turn through `TurnGuard`, which

- cleans the text (control characters, lone surrogates, NUL: PostgreSQL rejects it) and answers
  an empty message with `utter_input_empty` without running the dialogue;
- caps the text at `max_message_chars` and adds the note `utter_input_too_long`;
- waits at most `reply_timeout` seconds; past that the user gets `utter_action_failed` while the
  turn finishes in the background (Rasa still records it in the tracker store);
- answers a turn that failed or produced no message with `utter_action_failed`, recorded in the
  tracker as a bot message.

All texts are domain responses rendered by the agent's NLG, so their language follows the same
`language` slot conditions as every other response. When the slot is not set (the first turn, or
`action_detect_language` failed with the action server), the language comes from the turn's
`language_detection` parse data or, if there is none, from `bot.language.detect`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import unicodedata
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Text

from rasa.core.actions.action import create_bot_utterance
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.language import LANGS, detect
from bot.language.split import split_questions

logger = logging.getLogger(__name__)

ACTION_FAILED = "utter_action_failed"
INPUT_EMPTY = "utter_input_empty"
INPUT_TOO_LONG = "utter_input_too_long"
#: Used when a model trained before the responses above were added is still running.
FALLBACK = "utter_default"
LANGUAGE_SLOT = "language"
#: Rasa's SQL tracker store keeps `sender_id` in a VARCHAR(255).
MAX_SENDER_CHARS = 255


@dataclass(frozen=True)
class GuardSettings:
    """Limits of one turn. credentials.yml sets them per channel; the environment overrides."""

    max_message_chars: int = 1000
    reply_timeout: float = 20.0

    @classmethod
    def from_credentials(cls, credentials: Optional[Mapping[Text, Any]]) -> "GuardSettings":
        credentials = credentials or {}
        chars = os.environ.get("QP_MAX_MESSAGE_CHARS") or credentials.get("max_message_chars")
        timeout = os.environ.get("QP_REPLY_TIMEOUT") or credentials.get("reply_timeout")
        return cls(
            max_message_chars=int(chars) if chars else cls.max_message_chars,
            reply_timeout=float(timeout) if timeout else cls.reply_timeout,
        )


def clean_text(text: Optional[Text]) -> Text:
    """Drop control characters (tabs and newlines become spaces) and lone surrogates."""
    if not text:
        return ""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            if char in "\t\n\r":
                out.append(" ")
        elif category != "Cs":
            out.append(char)
    return "".join(out).strip()


def cap_text(text: Text, limit: int) -> tuple[Text, bool]:
    """Cut `text` to at most `limit` characters, at a space when one is near the end."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip(), True


def valid_sender(sender: Any) -> bool:
    return (
        isinstance(sender, str)
        and 0 < len(sender.strip()) <= MAX_SENDER_CHARS
        and clean_text(sender) == sender
    )


class TurnGuard:
    """Runs one turn through Rasa's message handler with the guarantees described above."""

    def __init__(self, settings: Optional[GuardSettings] = None) -> None:
        self.settings = settings or GuardSettings()

    async def handle(
        self,
        agent: Any,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Optional[Text],
        output: OutputChannel,
        sender_id: Text,
        input_channel: Text,
        metadata: Optional[Dict[Text, Any]],
        sent: Callable[[], int],
    ) -> None:
        """Handle one message; `sent()` counts the messages `output` has sent so far."""
        text = clean_text(text)
        if not text:
            tracker = await self._tracker(agent, sender_id)
            language = self._language(tracker, "", metadata)
            await self._utter(agent, INPUT_EMPTY, language, output, sender_id)
            return
        text, truncated = cap_text(text, self.settings.max_message_chars)
        if truncated:
            metadata = {**(metadata or {}), "qp_truncated": True}
        parts = split_questions(text)
        for part in parts[:-1]:  # two questions in one message: one turn each, in order
            await self.turn(agent, on_new_message, part, output, sender_id, input_channel,
                            metadata, sent, truncated=False)
        await self.turn(agent, on_new_message, parts[-1], output, sender_id, input_channel,
                        metadata, sent, truncated)

    async def turn(
        self,
        agent: Any,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Text,
        output: OutputChannel,
        sender_id: Text,
        input_channel: Text,
        metadata: Optional[Dict[Text, Any]],
        sent: Callable[[], int],
        truncated: bool,
    ) -> None:
        """Run one turn: a reply within the timeout, or the apology; never silence."""
        before = sent()
        message = UserMessage(
            text, output, sender_id, input_channel=input_channel, metadata=metadata
        )
        task = asyncio.ensure_future(on_new_message(message))
        timed_out = failed = False
        try:
            await asyncio.wait_for(asyncio.shield(task), self.settings.reply_timeout)
        except asyncio.TimeoutError:
            timed_out = True
            task.add_done_callback(_log_late_failure)
            logger.error(
                "No reply within %.0f s (conversation %s); sending %s while the turn "
                "finishes in the background.",
                self.settings.reply_timeout, sender_id, ACTION_FAILED,
            )
        except Exception:
            failed = True
            logger.exception("The turn failed (conversation %s).", sender_id)

        tracker = None
        silent = sent() == before
        if timed_out or failed or silent or truncated:
            tracker = await self._tracker(agent, sender_id)
        if timed_out or failed or silent:
            if not (timed_out or failed):
                logger.error(
                    "The turn produced no message (conversation %s): a custom action "
                    "probably failed; sending %s.", sender_id, ACTION_FAILED,
                )
            language = self._language(tracker, text, metadata)
            # Recording needs the conversation lock, which a turn that timed out still holds.
            await self._utter(
                agent, ACTION_FAILED, language, output, sender_id, record=not timed_out
            )
        if truncated:
            language = self._language(tracker, text, metadata)
            await self._utter(agent, INPUT_TOO_LONG, language, output, sender_id)

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    async def _tracker(agent: Any, sender_id: Text) -> Optional[DialogueStateTracker]:
        try:
            return await agent.tracker_store.retrieve(sender_id)
        except Exception:
            logger.exception("Could not read the tracker of conversation %s.", sender_id)
            return None

    @staticmethod
    def _language(
        tracker: Optional[DialogueStateTracker], text: Text, metadata: Optional[Mapping]
    ) -> Optional[Text]:
        """Explicit request, else the conversation's language, else the message's."""
        detection: Mapping[Text, Any] = {}
        latest = tracker.latest_message if tracker is not None else None
        if latest is not None and latest.text == text:
            detection = latest.parse_data.get("language_detection") or {}
        if not detection:
            detection = detect(text, metadata).as_dict()
        slot = tracker.get_slot(LANGUAGE_SLOT) if tracker is not None else None
        for candidate in (
            detection.get("requested"),
            slot,
            detection.get("language") if detection.get("evidence") else None,
        ):
            if candidate in LANGS:
                return candidate
        return None

    async def _utter(
        self,
        agent: Any,
        response: Text,
        language: Optional[Text],
        output: OutputChannel,
        sender_id: Text,
        record: bool = False,
    ) -> None:
        """Render `response` from the domain in `language`, send it, optionally record it."""
        try:
            message = await render(agent, response, language, output.name())
            if message is None:
                logger.error("No response %s or %s in the domain.", response, FALLBACK)
                return
            await output.send_response(sender_id, dict(message))
        except Exception:
            logger.exception("Could not send %s to conversation %s.", response, sender_id)
            return
        if record:
            try:
                async with agent.lock_store.lock(sender_id):
                    tracker = await agent.tracker_store.retrieve(sender_id)
                    if tracker is not None:
                        tracker.update(create_bot_utterance(dict(message)))
                        await agent.tracker_store.save(tracker)
            except Exception:
                logger.exception("Could not record %s in conversation %s.", response, sender_id)


async def render(
    agent: Any, response: Text, language: Optional[Text], channel: Text
) -> Optional[Dict[Text, Any]]:
    """The domain response `response` (or `utter_default`) with `language` as the slot value."""
    domain = agent.domain
    if response not in domain.responses:
        logger.warning("The model has no response %s (retrain); using %s.", response, FALLBACK)
        response = FALLBACK
        if response not in domain.responses:
            return None
    view = DialogueStateTracker("guard", domain.slots)
    if language and LANGUAGE_SLOT in view.slots:
        view.update(SlotSet(LANGUAGE_SLOT, language))
    message = await agent.nlg.generate(response, view, channel)
    if message is not None:
        message["utter_action"] = response
    return message


def _log_late_failure(task: "asyncio.Future[Any]") -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("A turn that timed out failed later.", exc_info=task.exception())
