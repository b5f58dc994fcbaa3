"""One user turn, guarded: every turn gets a reply in the user's language, never silence.

Rasa 3.6 swallows a failing custom action (action server down, 5xx, timeout after Rasa's fixed
5 minutes) with a log line, and the turn can end without any message. The channels in this
package run each turn through `TurnGuard`, which

- cleans the text (control characters, lone surrogates, NUL: PostgreSQL rejects it) and answers
  an empty message with `utter_input_empty` without running the dialogue;
- caps the text at `max_message_chars` and adds the note `utter_input_too_long`;
- waits at most `reply_timeout` seconds; past that the user gets `utter_action_failed` while the
  turn finishes in the background (Rasa still records it; the apology is recorded after it,
  and the conversation counts as busy until then);
- answers a turn that failed or produced no message with `utter_action_failed`, recorded in the
  tracker as a bot message;
- runs one message per conversation at a time: a message that arrives while the previous one
  is being answered (in this process, or on another replica holding the conversation's lock)
  gets `utter_input_busy` at once and is not run, so what is stored is what the user saw;
- applies the rate limits of `bot.channels.limits` (`utter_input_rate_limited`);
- refuses typed commands (`/restart`, `/intent{...}`, which Rasa would run as intents) with
  `utter_input_command_refused`, unless they are a payload the assistant's own buttons offered
  in this conversation or one the widget sends itself (`WIDGET_PAYLOADS`).

`handle` does the checks for one message; `run_turn` runs one turn of it (Rasa's handler,
the timeout, the apology), so a message may be run as several turns inside one `handle`.

All texts are domain responses rendered by the agent's NLG, so their language follows the same
`language` slot conditions as every other response. When the slot is not set (the first turn, or
`action_validate_slot_mappings` failed with the action server), the language comes from the turn's
`language_detection` parse data or, if there is none, from `bot.language.detect`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Mapping, Optional, Set, Text

from rasa.core.actions.action import create_bot_utterance
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.limits import RateLimits
from bot.language import DETECTION_KEY, LANGS, detect
from bot.language.detect import WHOLE_MESSAGE_CONFIDENCE, WHOLE_MESSAGE_KEY
from bot.language.split import PART_KEY, split_questions, strip_courtesy

logger = logging.getLogger(__name__)

ACTION_FAILED = "utter_action_failed"
INPUT_EMPTY = "utter_input_empty"
INPUT_TOO_LONG = "utter_input_too_long"
INPUT_BUSY = "utter_input_busy"
INPUT_RATE_LIMITED = "utter_input_rate_limited"
COMMAND_REFUSED = "utter_input_command_refused"
#: The payloads the web chat widget itself sends: its feedback control (with the metadata
#: `qp_feedback`) and its language switcher. Other commands must come from the assistant's
#: own buttons in the same conversation.
WIDGET_PAYLOADS = frozenset(["/feedback"] + [f'/switch_language{{"language":"{code}"}}' for code in LANGS])
#: Rasa reads any text that starts with this as an intent (`/restart`, `/greet{"a": 1}`).
COMMAND_PREFIX = "/"
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


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def strip_markup(text: Text) -> Text:
    """ "<p>who is the president?</p>" -> "who is the president?": HTML tags pasted into the
    chat are not words of the question (the widget shows them as typed, never as markup). A
    message of tags only is kept as it is."""
    stripped = " ".join(_TAG.sub(" ", text).split())
    return stripped or text


def cap_text(text: Text, limit: int) -> tuple[Text, bool]:
    """Cut `text` to at most `limit` characters, at a space when one is near the end."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip(), True


def is_command(text: Text) -> bool:
    """Rasa would read this text as an intent with entities instead of parsing it."""
    return text.startswith(COMMAND_PREFIX)


def valid_sender(sender: Any) -> bool:
    return (
        isinstance(sender, str)
        and 0 < len(sender.strip()) <= MAX_SENDER_CHARS
        and clean_text(sender) == sender
    )


class Outcome:
    """What `TurnGuard.handle` did with a message (REST answers 429 for BUSY and LIMITED)."""

    ANSWERED = "answered"
    EMPTY = "empty"
    BUSY = "busy"
    LIMITED = "rate_limited"
    REFUSED = "refused"


@dataclass
class Turn:
    """One turn run by `TurnGuard.run_turn`; `late` is the turn still running after a timeout."""

    replied: bool
    late: Optional["asyncio.Future[Any]"] = None


class NoRepeats(OutputChannel):
    """The channel's output for one user message, except that a text already sent in reply to
    this message is not sent again: two questions of one message whose answers meet ("… ? born
    in luxembourg city") or a form asking the same twice never show the same bubble twice."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent: Set[Text] = set()

    def name(self) -> Text:  # the wrapped channel's, for its responses
        return self.inner.name()

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

    def _again(self, recipient_id: Text, text: Optional[Text]) -> bool:
        """True when `text` was sent already; otherwise it counts as sent now."""
        said = " ".join((text or "").split())
        if said and said in self.sent:
            logger.info("Not sending a text again in the same reply (conversation %s).", recipient_id)
            return True
        if said:
            self.sent.add(said)
        return False

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if not self._again(recipient_id, message.get("text")):
            await self.inner.send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        if not self._again(recipient_id, text):
            await self.inner.send_text_message(recipient_id, text, **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        if not self._again(recipient_id, text):
            await self.inner.send_text_with_buttons(recipient_id, text, buttons, **kwargs)

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        await self.inner.send_custom_json(recipient_id, json_message, **kwargs)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.inner.send_image_url(recipient_id, image, **kwargs)

    async def send_attachment(self, recipient_id: Text, attachment: Text, **kwargs: Any) -> None:
        await self.inner.send_attachment(recipient_id, attachment, **kwargs)

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        if not self._again(recipient_id, text):
            await self.inner.send_quick_replies(recipient_id, text, quick_replies, **kwargs)

    async def send_elements(
        self, recipient_id: Text, elements: Iterable[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.inner.send_elements(recipient_id, elements, **kwargs)


class TurnGuard:
    """Runs one message through Rasa's message handler with the guarantees described above."""

    def __init__(self, settings: Optional[GuardSettings] = None, limits: Optional[RateLimits] = None) -> None:
        self.settings = settings or GuardSettings()
        self.limits = limits if limits is not None else RateLimits.from_environment()
        #: Conversations with a message in progress in this process (one turn at a time).
        self.active: Set[Text] = set()

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
        client: Optional[Text] = None,
    ) -> Text:
        """Handle one message; `sent()` counts the messages `output` has sent so far.

        `metadata` has passed `bot.channels.limits.clean_metadata`; `client` is the sender's
        address for the per-client rate limit. Returns an `Outcome`.
        """
        text = strip_markup(clean_text(text))
        if not await self.limits.allow(sender_id, client):
            # No database read for a flood: the language comes from the text or metadata.
            logger.warning("Rate limit reached (conversation %s, client %s).", sender_id, client)
            language = self._language(None, text, metadata)
            await self._utter(agent, INPUT_RATE_LIMITED, language, output, sender_id)
            return Outcome.LIMITED
        if not text:
            tracker = await self._tracker(agent, sender_id)
            language = self._language(tracker, "", metadata)
            await self._utter(agent, INPUT_EMPTY, language, output, sender_id)
            return Outcome.EMPTY
        if sender_id in self.active or self._locked(agent, sender_id):
            # Waiting in Rasa's lock queue would answer long after the widget gave up, and
            # record answers the user never saw: say so at once instead, and record nothing.
            tracker = await self._tracker(agent, sender_id)
            await self._utter(agent, INPUT_BUSY, self._language(tracker, text, metadata), output, sender_id)
            return Outcome.BUSY
        self.active.add(sender_id)
        late: List["asyncio.Future[Any]"] = []
        try:
            if is_command(text) and not await self._offered(agent, sender_id, text):
                tracker = await self._tracker(agent, sender_id)
                language = self._language(tracker, text, metadata)
                await self._utter(agent, COMMAND_REFUSED, language, output, sender_id)
                return Outcome.REFUSED
            text, truncated = cap_text(text, self.settings.max_message_chars)
            if truncated:
                metadata = {**(metadata or {}), "qp_truncated": True}
            # a thanks before a question is not what is asked; two questions are two turns
            replied = False
            output = NoRepeats(output)
            parts = split_questions(strip_courtesy(text))
            whole = detect(text) if len(parts) > 1 else None
            for index, part in enumerate(parts):
                # a later part may say nothing: the answer before it already covered it
                part_metadata = {**(metadata or {}), PART_KEY: index} if index else metadata
                if whole is not None and whole.language and whole.confidence >= WHOLE_MESSAGE_CONFIDENCE:
                    # each question is in the language of the whole message ("was is quattropole
                    # und wie viele städte sind da drin": not English for the first three words)
                    part_metadata = {**(part_metadata or {}), WHOLE_MESSAGE_KEY: whole.language}
                turn = await self.run_turn(
                    agent,
                    on_new_message,
                    part,
                    output,
                    sender_id,
                    input_channel,
                    part_metadata,
                    sent,
                    may_be_silent=replied,
                )
                replied = replied or turn.replied
                if turn.late is not None:  # the next turn would wait for this one's lock
                    late.append(turn.late)
                    break
            if truncated:
                tracker = await self._tracker(agent, sender_id)
                language = self._language(tracker, text, metadata)
                await self._utter(agent, INPUT_TOO_LONG, language, output, sender_id)
            return Outcome.ANSWERED
        finally:
            if late:  # the conversation stays busy until the late turn has finished
                late[0].add_done_callback(lambda _: self.active.discard(sender_id))
            else:
                self.active.discard(sender_id)

    async def run_turn(
        self,
        agent: Any,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Text,
        output: OutputChannel,
        sender_id: Text,
        input_channel: Text,
        metadata: Optional[Dict[Text, Any]],
        sent: Callable[[], int],
        may_be_silent: bool = False,
    ) -> Turn:
        """Run one turn: Rasa's handler, the reply timeout, the apology for a silent turn.

        `may_be_silent`: a later question of the same message whose answer the one before
        already gave may send nothing (actions.common), and gets no apology.

        A turn that times out goes on in the background: the user gets the apology at once,
        and it is recorded after the turn's own events once the turn has finished. Run a
        second turn only when `late` is None (it would wait for the first one's lock).
        """
        before = sent()
        message = UserMessage(text, output, sender_id, input_channel=input_channel, metadata=metadata)
        task = asyncio.ensure_future(on_new_message(message))
        timed_out = failed = False
        try:
            await asyncio.wait_for(asyncio.shield(task), self.settings.reply_timeout)
        except asyncio.TimeoutError:
            timed_out = True
            logger.error(
                "No reply within %.0f s (conversation %s); sending %s while the turn "
                "finishes in the background.",
                self.settings.reply_timeout,
                sender_id,
                ACTION_FAILED,
            )
        except Exception:
            failed = True
            logger.exception("The turn failed (conversation %s).", sender_id)

        silent = sent() == before
        if not (timed_out or failed or silent):
            return Turn(replied=True)
        if silent and may_be_silent and not (timed_out or failed):
            return Turn(replied=False)  # the second question's answer was already given
        if not (timed_out or failed):
            logger.error(
                "The turn produced no message (conversation %s): a custom action "
                "probably failed; sending %s.",
                sender_id,
                ACTION_FAILED,
            )
        tracker = await self._tracker(agent, sender_id)
        language = self._language(tracker, text, metadata)
        if not timed_out:
            # A turn that raised was not saved: record the user's message too, so the
            # transcript shows what the user saw (their message, then the apology).
            user = UserUttered(text, input_channel=input_channel, metadata=metadata)
            await self._utter(
                agent, ACTION_FAILED, language, output, sender_id, record=True, user=user if failed else None
            )
            return Turn(replied=False)
        # Recording needs the conversation lock, which the late turn still holds.
        await self._utter(agent, ACTION_FAILED, language, output, sender_id)
        late = asyncio.ensure_future(self._after_late_turn(task, agent, language, sender_id))
        return Turn(replied=False, late=late)

    async def _after_late_turn(
        self, task: "asyncio.Future[Any]", agent: Any, language: Optional[Text], sender_id: Text
    ) -> None:
        try:
            await task
        except Exception:
            logger.exception("A turn that timed out failed later (conversation %s).", sender_id)
        await self._record(agent, ACTION_FAILED, language, sender_id)

    @staticmethod
    def _locked(agent: Any, sender_id: Text) -> bool:
        """A turn of this conversation in progress on another replica (shared lock store)."""
        try:
            lock = agent.lock_store.get_lock(sender_id)
            if lock is None:
                return False
            lock.remove_expired_tickets()
            return bool(lock.tickets)
        except Exception:
            logger.exception("Could not read the lock of conversation %s.", sender_id)
            return False

    async def _offered(self, agent: Any, sender_id: Text, text: Text) -> bool:
        """A widget payload, or one of a button the assistant showed in this conversation."""
        if text in WIDGET_PAYLOADS:
            return True
        tracker = await self._tracker(agent, sender_id)
        if tracker is None:
            return False
        for event in tracker.events:
            if isinstance(event, BotUttered):
                for button in (event.data or {}).get("buttons") or []:
                    if isinstance(button, Mapping) and button.get("payload") == text:
                        return True
        return False

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
            detection = latest.parse_data.get(DETECTION_KEY) or {}
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
        user: Optional[UserUttered] = None,
    ) -> None:
        """Render `response` from the domain in `language`, send it, optionally record it
        (after the user message `user` when the failed turn did not store it)."""
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
            await self._record_message(agent, message, sender_id, user)

    async def _record(self, agent: Any, response: Text, language: Optional[Text], sender_id: Text) -> None:
        try:
            message = await render(agent, response, language, "rest")
        except Exception:
            logger.exception("Could not render %s.", response)
            return
        if message is not None:
            await self._record_message(agent, message, sender_id)

    @staticmethod
    async def _record_message(
        agent: Any,
        message: Dict[Text, Any],
        sender_id: Text,
        user: Optional[UserUttered] = None,
    ) -> None:
        """Append the bot message (after `user`, unless that is the last user message)."""
        try:
            async with agent.lock_store.lock(sender_id):
                tracker = await agent.tracker_store.retrieve(sender_id)
                if tracker is None and user is not None:
                    tracker = DialogueStateTracker(sender_id, agent.domain.slots)
                if tracker is not None:
                    if user is not None and tracker.latest_message.text != user.text:
                        tracker.update(user)
                    tracker.update(create_bot_utterance(dict(message)))
                    await agent.tracker_store.save(tracker)
        except Exception:
            logger.exception(
                "Could not record %s in conversation %s.", message.get("utter_action"), sender_id
            )


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
