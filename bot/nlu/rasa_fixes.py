"""Targeted fixes for three Rasa 3.6 problems, applied when the Rasa server loads our components.

1. Messages of slot-mapping actions are dropped. Rasa lets a custom slot-mapping action send
   messages (`ActionExtractSlots._run_custom_action` keeps its `BotUttered` events on purpose),
   but `_execute_validation_action` then keeps only the `SlotSet` events. Our
   `action_detect_language` sends the "I don't speak that language" and Luxembourgish notices
   that way. The fix keeps the messages and changes nothing else.
2. Every action-server reply is checked with `jsonschema.validate`, which first re-checks the
   large event schema against its meta-schema: about half of the Rasa server's time per message
   (profile in docs/benchmarks.md). The fix validates against the same schema with a validator
   built once.
3. `Event.resolve_by_type` walks every Event subclass for every event it deserialises, so
   loading a long conversation costs far more than it should. The fix remembers the classes it
   has found (the answer for a type name never changes).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Type

from rasa.core.actions.action import ActionExtractSlots, RemoteAction
from rasa.shared.core.events import BotUttered, Event

# -- 1. keep the messages of slot-mapping actions -----------------------------------------
_original_validation_action = ActionExtractSlots._execute_validation_action


async def _execute_validation_action_keeping_messages(
    self: ActionExtractSlots, extraction_events: List[Event], *args: Any, **kwargs: Any
) -> List[Event]:
    messages = [event for event in extraction_events if isinstance(event, BotUttered)]
    return messages + await _original_validation_action(self, extraction_events, *args, **kwargs)


# -- 2. validate action-server replies with a validator built once --------------------------
_response_validator: Any = None


def _validate_action_result_once_compiled(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    global _response_validator
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for

    if _response_validator is None:
        schema = RemoteAction.action_response_format_spec()
        validator_class = validator_for(schema)
        validator_class.check_schema(schema)
        _response_validator = validator_class(schema)
    try:
        _response_validator.validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid."
        )
        raise error


# -- 3. remember event classes by type name -----------------------------------------------
_original_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[Text, Type[Event]] = {}


def _resolve_by_type_cached(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    found = _event_classes.get(type_name)
    if found is not None:
        return found
    found = _original_resolve_by_type(type_name, default)
    if found is not None and found is not default:
        _event_classes[type_name] = found
    return found


if not getattr(ActionExtractSlots, "_qp_fixed", False):
    ActionExtractSlots._execute_validation_action = _execute_validation_action_keeping_messages
    RemoteAction._validate_action_result = _validate_action_result_once_compiled
    Event.resolve_by_type = staticmethod(_resolve_by_type_cached)
    ActionExtractSlots._qp_fixed = True
