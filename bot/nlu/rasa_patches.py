"""The two replacements of private Rasa 3.6 code the Rasa server still needs, and the command
that applies them: `python -m bot.nlu.rasa_patches run ...` is `rasa run ...` with them.

Nothing here happens on import: `apply()` patches, and only `main()` (the Rasa server started
by scripts/run.py) calls it. Both are speed-ups that change no result; on a Rasa other than 3.6
they are left out with a warning, because the code they replace may have changed. Each has a
canary test (tests/nlu/test_rasa_patches.py) that fails once Rasa no longer has the problem, so
the patch can go.

1. Every action-server reply is checked with `jsonschema.validate`, which first re-checks the
   large event schema against its meta-schema: about half of the Rasa server's time per message
   (profile in docs/benchmarks.md). The patch validates against the same schema with a
   validator built once.
2. `Event.resolve_by_type` walks every Event subclass for every event it deserialises, so
   loading a long conversation costs far more than it should. The patch remembers the classes
   it has found (the answer for a type name never changes).

(The language notices, which once needed a third patch, are sent by
`action_validate_slot_mappings`, whose messages Rasa keeps: see actions/language.py.)
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Callable, Dict, List, Optional, Text, Tuple, Type

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event

logger = logging.getLogger(__name__)

SUPPORTED_VERSION = "3.6."

# -- 1. validate action-server replies with a validator built once --------------------------
_response_validator: Any = None


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """`RemoteAction._validate_action_result`, with the validator built once."""
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


# -- 2. remember event classes by type name -----------------------------------------------
_original_resolve_by_type = Event.resolve_by_type
_event_classes: Dict[Text, Type[Event]] = {}


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """`Event.resolve_by_type`, remembering what it found."""
    found = _event_classes.get(type_name)
    if found is not None:
        return found
    found = _original_resolve_by_type(type_name, default)
    if found is not None and found is not default:
        _event_classes[type_name] = found
    return found


#: (owner, attribute, replacement) of every patch.
PATCHES: List[Tuple[type, Text, Callable[..., Any]]] = [
    (RemoteAction, "_validate_action_result", validate_action_result),
    (Event, "resolve_by_type", staticmethod(resolve_by_type)),
]


def apply(version: Text = rasa.__version__) -> bool:
    """Apply the patches to this process's Rasa if it is 3.6; else warn and change nothing."""
    if not version.startswith(SUPPORTED_VERSION):
        logger.warning(
            "bot.nlu.rasa_patches is written for Rasa %sx, not %s: the patches are not applied "
            "(check whether their canary tests still fail, then update or drop them).",
            SUPPORTED_VERSION,
            version,
        )
        return False
    for owner, name, replacement in PATCHES:
        setattr(owner, name, replacement)
    return True


def main() -> None:
    """The `rasa` command line, with the patches applied first."""
    from rasa.__main__ import main as rasa_main

    apply()
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
