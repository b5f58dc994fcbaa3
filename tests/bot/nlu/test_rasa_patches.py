"""bot/nlu/rasa_patches.py: applied only when asked, Rasa's behaviour minus the wasted time,
and one canary per patch that fails once Rasa no longer has the problem (then drop the patch).
Also the one door we use instead of a third patch: Rasa keeps the messages of
`action_validate_slot_mappings`."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
from pathlib import Path

import pytest
import rasa.shared.utils.common
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import ActionExtractSlots, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import bot
from bot.nlu import rasa_patches

ROOT = Path(__file__).resolve().parents[3]
ORIGINAL = {name: owner.__dict__[name] for owner, name, _ in rasa_patches.PATCHES}


@pytest.fixture()
def patched(monkeypatch):
    """The patches, undone after the test (so the canaries see Rasa as it is)."""
    for owner, name, replacement in rasa_patches.PATCHES:
        monkeypatch.setattr(owner, name, replacement)
    monkeypatch.setattr(rasa_patches, "_response_validator", None)


def test_importing_our_packages_changes_nothing_in_rasa() -> None:
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        if module.name.startswith("bot.insights"):  # reports: plotting libraries, no Rasa
            continue
        importlib.import_module(module.name)
    for owner, name, _ in rasa_patches.PATCHES:
        assert owner.__dict__[name] is ORIGINAL[name], f"{owner.__name__}.{name} was patched on import"


def test_only_rasa_3_6_is_patched(monkeypatch) -> None:
    for owner, name, _ in rasa_patches.PATCHES:
        monkeypatch.setattr(owner, name, ORIGINAL[name])
    assert rasa_patches.apply("3.7.0") is False
    assert all(owner.__dict__[name] is ORIGINAL[name] for owner, name, _ in rasa_patches.PATCHES)
    assert rasa_patches.apply("3.6.21") is True
    assert RemoteAction.__dict__["_validate_action_result"] is rasa_patches.validate_action_result


# -- 1. action-server replies: validated as before, validator built once ---------------------
def test_action_results_are_still_validated(patched) -> None:
    action = RemoteAction("action_x", None)
    good = {"events": [{"event": "slot", "name": "language", "value": "fr"}], "responses": []}
    assert action._validate_action_result(good)
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": [{"event": "no_such_event"}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


def _count_schema_checks(monkeypatch) -> list:
    checks: list = []
    validator_class = validator_for(RemoteAction.action_response_format_spec())
    original = validator_class.check_schema

    def counting(schema, *args, **kwargs):
        checks.append(1)
        return original(schema, *args, **kwargs)

    monkeypatch.setattr(validator_class, "check_schema", counting)
    return checks


def test_the_validator_is_built_once(patched, monkeypatch) -> None:
    checks = _count_schema_checks(monkeypatch)
    action = RemoteAction("action_x", None)
    for _ in range(3):
        action._validate_action_result({"events": [], "responses": []})
    assert len(checks) == 1


def test_canary_rasa_checks_the_schema_on_every_reply(monkeypatch) -> None:
    """Fails once Rasa validates replies without re-checking the schema: drop patch 1."""
    checks = _count_schema_checks(monkeypatch)
    action = RemoteAction("action_x", None)
    for _ in range(3):
        action._validate_action_result({"events": [], "responses": []})
    assert len(checks) == 3


# -- 2. event classes by type name: as before, found once ------------------------------------
@pytest.mark.parametrize(
    "type_name, cls",
    [("user", UserUttered), ("bot", BotUttered), ("slot", SlotSet), ("action", ActionExecuted)],
)
def test_event_types_resolve_as_before(patched, type_name, cls) -> None:
    assert Event.resolve_by_type(type_name) is cls
    assert Event.resolve_by_type(type_name) is cls  # from the cache


def test_unknown_event_types_still_fail_or_fall_back(patched) -> None:
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None


def _count_subclass_walks(monkeypatch) -> list:
    walks: list = []
    original = rasa.shared.utils.common.all_subclasses

    def counting(cls):
        walks.append(cls)
        return original(cls)

    monkeypatch.setattr(rasa.shared.utils.common, "all_subclasses", counting)
    return walks


def test_event_classes_are_looked_up_once(patched, monkeypatch) -> None:
    Event.resolve_by_type("slot")
    walks = _count_subclass_walks(monkeypatch)
    for _ in range(3):
        Event.resolve_by_type("slot")
    assert Event not in walks


def test_canary_rasa_walks_every_event_class_for_every_event(monkeypatch) -> None:
    """Fails once Rasa resolves event types without walking the subclasses: drop patch 2."""
    walks = _count_subclass_walks(monkeypatch)
    for _ in range(3):
        Event.resolve_by_type("slot")
    assert walks.count(Event) == 3


# -- the door used instead of a patch --------------------------------------------------------
def test_rasa_keeps_the_messages_of_the_slot_validation_action(monkeypatch) -> None:
    """The language notices are sent by action_validate_slot_mappings (actions/language.py):
    Rasa 3.6 keeps that action's messages and slots (it drops a custom mapping action's)."""
    domain = Domain.load(ROOT / "domain.yml")
    called = []

    async def action_server(self, output_channel, nlg, tracker, domain):
        called.append(self.name())
        return [SlotSet("language", "fr"), BotUttered("Je ne parle pas espagnol.")]

    monkeypatch.setattr(RemoteAction, "run", action_server)
    tracker = DialogueStateTracker.from_events("t", [UserUttered("¿Hola?")], slots=domain.slots)
    events = asyncio.run(
        ActionExtractSlots(action_endpoint=None).run(
            CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), tracker, domain
        )
    )
    assert called == ["action_validate_slot_mappings"]
    assert SlotSet("language", "fr") in events and BotUttered("Je ne parle pas espagnol.") in events
