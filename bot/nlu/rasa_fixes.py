"""A targeted fix for one Rasa 3.6 bug, applied when the Rasa server loads our components.

Rasa lets a custom slot-mapping action send messages: `ActionExtractSlots._run_custom_action`
keeps the action's `BotUttered` events on purpose. But `_execute_validation_action` then keeps
only the `SlotSet` events, so those messages are silently dropped. Our `action_detect_language`
(the `language` slot's mapping action) sends the "I don't speak that language" and
Luxembourgish notices that way. The patch keeps the messages and changes nothing else.
"""

from __future__ import annotations

from typing import Any, List

from rasa.core.actions.action import ActionExtractSlots
from rasa.shared.core.events import BotUttered, Event

_original = ActionExtractSlots._execute_validation_action


async def _execute_validation_action_keeping_messages(
    self: ActionExtractSlots, extraction_events: List[Event], *args: Any, **kwargs: Any
) -> List[Event]:
    messages = [event for event in extraction_events if isinstance(event, BotUttered)]
    return messages + await _original(self, extraction_events, *args, **kwargs)


if not getattr(ActionExtractSlots, "_qp_keeps_messages", False):
    ActionExtractSlots._execute_validation_action = _execute_validation_action_keeping_messages
    ActionExtractSlots._qp_keeps_messages = True
