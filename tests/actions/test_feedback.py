"""action_feedback: confirms a rating from the web chat and leaves the conversation's state alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.feedback import ActionFeedback, parse_feedback
from tests.actions.conftest import make_tracker, run_action

ROOT = Path(__file__).resolve().parents[2]


def feedback_tracker(metadata: dict, slots: dict | None = None):
    tracker = make_tracker("feedback", text="/feedback", slots=slots)
    tracker.latest_message["metadata"] = metadata
    return tracker


@pytest.mark.parametrize("rating", ["up", "down"])
def test_rating_is_confirmed_and_sets_no_slot(rating: str) -> None:
    slots = {"language": "fr", "city": "metz", "topic": "city.mayor"}
    meta = {"qp_feedback": {"rating": rating, "facts": ["city.metz.mayor"]}, "language": "fr"}
    messages, events = run_action(ActionFeedback(), feedback_tracker(meta, slots))
    assert [m["response"] for m in messages] == ["utter_feedback_thanks"]
    assert events == []  # city, topic and language stay: the next follow-up still works


def test_comment_after_thumbs_down_is_read() -> None:
    meta = {"qp_feedback": {"rating": "down", "facts": ["travel.metz.trier"], "comment": "x" * 900}}
    feedback = parse_feedback(meta)
    assert feedback is not None
    assert feedback.rating == "down" and feedback.facts == ["travel.metz.trier"]
    assert len(feedback.comment) == 500


@pytest.mark.parametrize(
    "metadata",
    [
        {},
        None,
        {"qp_feedback": "up"},
        {"qp_feedback": {"rating": "meh"}},
        {"qp_feedback": {"rating": "up", "facts": "city.trier.mayor"}},
    ],
)
def test_typed_or_malformed_feedback_is_not_a_rating(metadata) -> None:
    assert parse_feedback(metadata) is None
    messages, events = run_action(ActionFeedback(), feedback_tracker(metadata or {}))
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]
    assert events == []


def test_thanks_exist_in_every_language() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    variations = domain["responses"]["utter_feedback_thanks"]
    langs = {c["value"] for v in variations for c in v.get("condition", [])}
    assert langs == {"de", "fr", "en"}
    assert "feedback" in domain["intents"] and "action_feedback" in domain["actions"]
