"""The three Rasa fixes keep Rasa's behaviour, minus the bug or the wasted time."""

from __future__ import annotations

import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import ActionExtractSlots, RemoteAction
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered

import bot.nlu  # noqa: F401  (applies the fixes)


def test_slot_mapping_actions_keep_their_messages() -> None:
    action = ActionExtractSlots(action_endpoint=None)
    events = [SlotSet("language", "de"), BotUttered("Moien!")]

    async def run():
        return await action._execute_validation_action(events, None, None, None, _Domain())

    result = asyncio.run(run())
    assert BotUttered("Moien!") in result and SlotSet("language", "de") in result


class _Domain:
    user_actions: list = []


def test_action_results_are_still_validated() -> None:
    action = RemoteAction("action_x", None)
    good = {"events": [{"event": "slot", "name": "language", "value": "fr"}], "responses": []}
    assert action._validate_action_result(good)
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": [{"event": "no_such_event"}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


def test_the_validator_is_built_once() -> None:
    from bot.nlu import rasa_fixes

    action = RemoteAction("action_x", None)
    action._validate_action_result({"events": [], "responses": []})
    built = rasa_fixes._response_validator
    action._validate_action_result({"events": [], "responses": []})
    assert built is not None and rasa_fixes._response_validator is built


@pytest.mark.parametrize(
    "type_name, cls",
    [("user", UserUttered), ("bot", BotUttered), ("slot", SlotSet), ("action", ActionExecuted)],
)
def test_event_types_resolve_as_before(type_name, cls) -> None:
    assert Event.resolve_by_type(type_name) is cls
    assert Event.resolve_by_type(type_name) is cls  # from the cache


def test_unknown_event_types_still_fail_or_fall_back() -> None:
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None
