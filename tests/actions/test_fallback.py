"""The fallback actions: rephrase unless a language notice already answered."""

from __future__ import annotations

import pytest

from tests.actions.conftest import make_tracker, run_action


@pytest.mark.parametrize(
    "notice, expected",
    [
        (None, ["utter_ask_rephrase"]),
        ("choose", ["utter_ask_rephrase"]),
        ("unsupported", []),
        ("luxembourgish", []),
    ],
)
def test_rephrase_unless_a_language_notice_already_answered(notice, expected) -> None:
    from actions.fallback import ActionAskRephrase

    messages, _ = run_action(
        ActionAskRephrase(), make_tracker("nlu_fallback", slots={"language_notice": notice})
    )
    assert [m["response"] for m in messages] == expected
