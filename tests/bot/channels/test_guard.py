"""TurnGuard (bot/channels/guard.py): every message gets a reply in the user's language.

The guard runs against Rasa's own in-memory tracker and lock stores, the real domain and its
NLG; Rasa's message handler is replaced by small handlers that answer, stay silent, fail or
take too long. The texts expected are the domain's response variations for the language.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, List, Optional

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered

from bot.channels.guard import (
    ACTION_FAILED,
    COMMAND_REFUSED,
    INPUT_BUSY,
    INPUT_EMPTY,
    INPUT_RATE_LIMITED,
    INPUT_TOO_LONG,
    GuardSettings,
    Outcome,
    TurnGuard,
)
from bot.channels.limits import RateLimits
from bot.language.detect import WHOLE_MESSAGE_KEY
from bot.language.split import PART_KEY, split_questions
from tests.helpers import real_domain

QUESTIONS = {
    "de": "Wie viele Einwohner hat Trier?",
    "fr": "Combien d'habitants compte Metz ?",
    "en": "How many people live in Trier?",
}
SENDER = "guard-test"


class Agent:
    """What the guard uses of Rasa's Agent: domain, NLG, tracker store and lock store."""

    def __init__(self) -> None:
        self.domain = real_domain()
        self.nlg = TemplatedNaturalLanguageGenerator(self.domain.responses)
        self.tracker_store = InMemoryTrackerStore(self.domain)
        self.lock_store = InMemoryLockStore()

    def tracker(self):
        return asyncio.run(self.tracker_store.retrieve(SENDER))

    def start_conversation(self, *events) -> None:
        tracker = asyncio.run(self.tracker_store.get_or_create_tracker(SENDER))
        for event in events:
            tracker.update(event)
        asyncio.run(self.tracker_store.save(tracker))


class Handler:
    """Stands in for Rasa's `on_new_message`; records the messages it was given."""

    def __init__(self, agent: Agent, behaviour: str = "answer", delay: float = 0.0) -> None:
        self.agent, self.behaviour, self.delay = agent, behaviour, delay
        self.received: List[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.behaviour == "fail":
            raise RuntimeError("the action server is down")
        store = self.agent.tracker_store
        tracker = await store.get_or_create_tracker(message.sender_id)
        tracker.update(UserUttered(message.text, input_channel=message.input_channel))
        if self.behaviour == "answer" or (
            self.behaviour == "quiet-second" and PART_KEY not in (message.metadata or {})
        ):
            reply = f"answer to {message.text}"
            tracker.update(BotUttered(reply))
            await message.output_channel.send_text_message(message.sender_id, reply)
        await store.save(tracker)


class Deny:
    """Rate limits that refuse everything."""

    async def allow(self, conversation: str, client: Optional[str]) -> bool:
        return False


def variation(response: str, lang: Optional[str]) -> str:
    """The domain's text of `response` for the `language` slot value `lang`."""
    for candidate in real_domain().responses[response]:
        conditions = candidate.get("condition") or []
        if lang is None and not conditions:
            return candidate["text"]
        if any(c.get("name") == "language" and c.get("value") == lang for c in conditions):
            return candidate["text"]
    raise AssertionError(f"{response} has no variation for {lang}")


def handle(
    agent: Agent,
    handler: Callable,
    text: Optional[str],
    guard: Optional[TurnGuard] = None,
    metadata: Optional[Dict[str, Any]] = None,
) -> tuple:
    guard = guard or TurnGuard(limits=RateLimits(enabled=False))
    output = CollectingOutputChannel()
    outcome = asyncio.run(
        guard.handle(agent, handler, text, output, SENDER, "rest", metadata, lambda: len(output.messages))
    )
    return outcome, [m.get("text") for m in output.messages]


@pytest.fixture
def agent() -> Agent:
    return Agent()


@pytest.mark.parametrize("lang", sorted(QUESTIONS))
def test_a_failing_turn_gets_an_apology_in_the_users_language_and_is_recorded(agent, lang):
    outcome, said = handle(agent, Handler(agent, "fail"), QUESTIONS[lang])
    assert outcome == Outcome.ANSWERED
    assert said == [variation(ACTION_FAILED, lang)]
    # the failed turn saved nothing: the transcript gets the user's message, then the apology
    events = [e for e in agent.tracker().events if isinstance(e, (UserUttered, BotUttered))]
    assert [(type(e), e.text) for e in events] == [
        (UserUttered, QUESTIONS[lang]),
        (BotUttered, variation(ACTION_FAILED, lang)),
    ]


def test_a_silent_turn_gets_the_apology_recorded_after_the_users_message_once(agent):
    outcome, said = handle(agent, Handler(agent, "silent"), QUESTIONS["fr"])
    assert said == [variation(ACTION_FAILED, "fr")]
    texts = [e.text for e in agent.tracker().events if isinstance(e, (UserUttered, BotUttered))]
    assert texts == [QUESTIONS["fr"], variation(ACTION_FAILED, "fr")]


def test_an_answered_turn_is_left_alone(agent):
    handler = Handler(agent)
    outcome, said = handle(agent, handler, QUESTIONS["en"])
    assert (outcome, said) == (Outcome.ANSWERED, [f"answer to {QUESTIONS['en']}"])
    assert [m.text for m in handler.received] == [QUESTIONS["en"]]


def test_the_conversations_language_slot_chooses_the_reply_language(agent):
    agent.start_conversation(SlotSet("language", "fr"))
    outcome, said = handle(agent, Handler(agent, "fail"), "ok")
    assert said == [variation(ACTION_FAILED, "fr")]


def test_without_any_language_the_reply_is_the_multilingual_variation(agent):
    outcome, said = handle(agent, Handler(agent, "fail"), "ok")
    assert said == [variation(ACTION_FAILED, None)]


def test_two_questions_in_one_message_are_two_turns(agent):
    text = "Wie viele Einwohner hat Trier? Und wer ist der Bürgermeister von Metz?"
    handler = Handler(agent)
    outcome, said = handle(agent, handler, text)
    parts = split_questions(text)
    assert len(parts) == 2
    assert [m.text for m in handler.received] == parts
    assert said == [f"answer to {part}" for part in parts]


def test_a_thanks_before_a_question_is_not_a_turn_of_its_own(agent):
    handler = Handler(agent)
    handle(agent, handler, "super danke. und von metz nach luxemburg?")
    assert [m.text for m in handler.received] == ["und von metz nach luxemburg?"]


@pytest.mark.parametrize("text", ["", "   ", "\x00\t\n", None])
def test_an_empty_message_is_answered_without_running_the_dialogue(agent, text):
    handler = Handler(agent)
    outcome, said = handle(agent, handler, text)
    assert (outcome, said, handler.received) == (Outcome.EMPTY, [variation(INPUT_EMPTY, None)], [])


def test_control_characters_are_cleaned_before_the_turn(agent):
    handler = Handler(agent)
    handle(agent, handler, "How many people\x00 live\tin Trier?\x07")
    assert [m.text for m in handler.received] == ["How many people live in Trier?"]


def test_a_long_message_is_cut_and_the_user_told_in_their_language(agent):
    handler = Handler(agent)
    guard = TurnGuard(GuardSettings(max_message_chars=40), RateLimits(enabled=False))
    text = "Wie viele Einwohner hat Trier heute, und wie viele waren es vor zwanzig Jahren?"
    outcome, said = handle(agent, handler, text, guard)
    [message] = handler.received
    assert len(message.text) <= 40 and text.startswith(message.text)
    assert message.metadata["qp_truncated"] is True
    assert said == [f"answer to {message.text}", variation(INPUT_TOO_LONG, "de")]


@pytest.mark.parametrize("command", ["/restart", '/ask_city_mayor{"city": "metz"}'])
def test_a_typed_command_is_refused_and_not_run(agent, command):
    agent.start_conversation(SlotSet("language", "de"))
    handler = Handler(agent)
    outcome, said = handle(agent, handler, command)
    assert (outcome, said, handler.received) == (Outcome.REFUSED, [variation(COMMAND_REFUSED, "de")], [])


def test_a_payload_of_the_assistants_own_buttons_and_the_widgets_own_are_run(agent):
    payload = '/choose_city{"city": "metz"}'
    agent.start_conversation(
        BotUttered("Which city?", data={"buttons": [{"title": "Metz", "payload": payload}]})
    )
    handler = Handler(agent)
    assert handle(agent, handler, payload)[0] == Outcome.ANSWERED
    assert handle(agent, handler, "/feedback")[0] == Outcome.ANSWERED
    assert [m.text for m in handler.received] == [payload, "/feedback"]


def test_a_message_while_the_previous_one_is_answered_is_busy_and_not_run(agent):
    guard = TurnGuard(limits=RateLimits(enabled=False))
    slow = Handler(agent, delay=0.3)
    second = Handler(agent)

    async def both() -> tuple:
        first_out, second_out = CollectingOutputChannel(), CollectingOutputChannel()

        def run(handler, text, output):
            return guard.handle(
                agent, handler, text, output, SENDER, "rest", None, lambda: len(output.messages)
            )

        first = asyncio.ensure_future(run(slow, QUESTIONS["en"], first_out))
        await asyncio.sleep(0.05)
        busy = await run(second, "And Metz?", second_out)
        return await first, busy, first_out.messages, second_out.messages

    first, busy, first_said, second_said = asyncio.run(both())
    assert (first, busy) == (Outcome.ANSWERED, Outcome.BUSY)
    assert [m["text"] for m in second_said] == [variation(INPUT_BUSY, "en")]
    assert second.received == []
    assert [m["text"] for m in first_said] == [f"answer to {QUESTIONS['en']}"]
    assert guard.active == set()  # free again once the first turn is done
    assert "And Metz?" not in [e.text for e in agent.tracker().events if isinstance(e, UserUttered)]


def test_a_conversation_locked_by_another_replica_is_busy(agent):
    lock = agent.lock_store.create_lock(SENDER)
    lock.issue_ticket(60)
    agent.lock_store.save_lock(lock)
    handler = Handler(agent)
    outcome, said = handle(agent, handler, QUESTIONS["de"])
    assert (outcome, said, handler.received) == (Outcome.BUSY, [variation(INPUT_BUSY, "de")], [])


def test_a_rate_limited_message_is_refused_in_its_language(agent):
    handler = Handler(agent)
    outcome, said = handle(agent, handler, QUESTIONS["fr"], TurnGuard(limits=Deny()))
    assert (outcome, said, handler.received) == (Outcome.LIMITED, [variation(INPUT_RATE_LIMITED, "fr")], [])


def test_a_slow_turn_gets_the_apology_at_once_then_finishes_and_is_recorded_after(agent):
    guard = TurnGuard(GuardSettings(reply_timeout=0.05), RateLimits(enabled=False))
    slow = Handler(agent, delay=0.4)
    text = "Wie viele Einwohner hat Trier? Und wer ist der Bürgermeister von Metz?"

    async def run() -> tuple:
        output = CollectingOutputChannel()
        outcome = await guard.handle(
            agent, slow, text, output, SENDER, "rest", None, lambda: len(output.messages)
        )
        at_once = [m["text"] for m in output.messages]
        busy_meanwhile = SENDER in guard.active
        await asyncio.sleep(0.8)  # the late turn ends, then the apology is recorded
        return outcome, at_once, busy_meanwhile, [m["text"] for m in output.messages]

    outcome, at_once, busy_meanwhile, later = asyncio.run(run())
    first = split_questions(text)[0]
    assert outcome == Outcome.ANSWERED
    assert at_once == [variation(ACTION_FAILED, "de")]
    assert busy_meanwhile and guard.active == set()
    # the second question is not run while the first one still holds the conversation
    assert [m.text for m in slow.received] == [first]
    assert later == [variation(ACTION_FAILED, "de"), f"answer to {first}"]
    texts = [e.text for e in agent.tracker().events if isinstance(e, (UserUttered, BotUttered))]
    assert texts == [first, f"answer to {first}", variation(ACTION_FAILED, "de")]


def test_a_second_question_may_add_nothing_to_the_first_ones_answer(agent):
    text = "Wie viele Einwohner hat Trier? Und wer ist der Bürgermeister von Metz?"
    handler = Handler(agent, "quiet-second")
    outcome, said = handle(agent, handler, text)
    parts = split_questions(text)
    assert [m.text for m in handler.received] == parts
    # each question carries the whole message's language (German here)
    assert handler.received[1].metadata == {PART_KEY: 1, WHOLE_MESSAGE_KEY: "de"}
    assert said == [f"answer to {parts[0]}"]  # no apology for the quiet second turn


def test_each_question_of_a_message_is_in_the_whole_messages_language(agent):
    text = "was is quattropole und wie viele städte sind da drin"
    handler = Handler(agent)
    handle(agent, handler, text)
    assert [m.text for m in handler.received] == split_questions(text)
    assert len(handler.received) == 2
    assert [m.metadata.get(WHOLE_MESSAGE_KEY) for m in handler.received] == ["de", "de"]


@pytest.mark.parametrize(
    ("text", "turn"),
    [
        ("<p>who is the president?</p>", "who is the president?"),
        ("<b>Wer</b> ist Bürgermeister von <i>Metz</i>?", "Wer ist Bürgermeister von Metz ?"),
        ("<script></script>", "<script></script>"),  # nothing but tags: kept, and answered
    ],
)
def test_html_tags_are_not_words_of_the_question(agent, text, turn):
    handler = Handler(agent)
    handle(agent, handler, text)
    assert [m.text for m in handler.received] == [turn]


def test_a_text_already_sent_in_reply_to_this_message_is_not_sent_again() -> None:
    import asyncio

    from rasa.core.channels.channel import CollectingOutputChannel

    from bot.channels.guard import NoRepeats

    inner = CollectingOutputChannel()
    out = NoRepeats(inner)
    said = "I have no information on “Civil status”. Please see https://www.vdl.lu."
    no_info = {"text": said}  # Rasa's send_response takes the text out of the dict it gets
    asyncio.run(out.send_response("u", dict(no_info)))
    asyncio.run(out.send_response("u", {"text": "Which city are you starting from?", "buttons": []}))
    asyncio.run(out.send_response("u", dict(no_info)))  # the later part's same answer
    asyncio.run(out.send_response("u", {"text": "Which  city are you starting from?"}))
    asyncio.run(out.send_response("u", {"custom": {"qp": {}}}))  # no text: always sent
    assert [m.get("text") for m in inner.messages] == [
        no_info["text"],
        "Which city are you starting from?",
        None,
    ]
    assert out.name() == inner.name()
