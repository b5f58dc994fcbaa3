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


def test_a_question_about_the_service_just_answered_is_not_a_request_for_help() -> None:
    from actions.fallback import ActionAnswerCapabilities

    slots = {"language": "en", "topic": "service", "service": "id_documents", "city": "trier"}
    tracker = make_tracker("ask_capabilities", text="what documents do i need", slots=slots)
    messages, _ = run_action(ActionAnswerCapabilities(), tracker)
    assert [m.get("response") for m in messages] == ["utter_service_details", "utter_service_pointer"]


@pytest.mark.parametrize("text", ["what can you do?", "help", "are you a bot?"])
def test_a_request_for_help_after_a_service_gets_the_capabilities(text: str) -> None:
    from actions.fallback import ActionAnswerCapabilities

    slots = {"language": "en", "topic": "service", "service": "id_documents", "city": "trier"}
    tracker = make_tracker("ask_capabilities", text=text, slots=slots)
    messages, _ = run_action(ActionAnswerCapabilities(), tracker)
    assert [m.get("response") for m in messages] == ["utter_capabilities"]
