"""Reading turns from stored events: languages, unknown answers, feedback votes."""

from __future__ import annotations

from bot.insights.source import StoredEvent
from bot.insights.turns import is_unknown_response, parse_conversation


def event(kind: str, t: float, **data) -> StoredEvent:
    return StoredEvent("s", kind, t, data.pop("intent", None), data.pop("action", None), data)


def user(t: float, text: str, intent: str = "greet", detected: str | None = None, **meta):
    parse = {"intent": {"name": intent}, "language_detection": {"language": detected}}
    return event("user", t, text=text, intent=intent, parse_data=parse, metadata=meta)


def feedback(t: float, rating: str | None, facts: list, comment: str = ""):
    payload = {
        "facts": facts,
        **({"rating": rating} if rating else {}),
        **({"comment": comment} if comment else {}),
    }
    return user(t, "/feedback", "feedback", qp_feedback=payload)


def test_unknown_responses_by_name():
    for name in ("utter_fact_unknown", "utter_unknown_city", "utter_travel_no_bus", "utter_travel_no_price"):
        assert is_unknown_response(name), name
    for name in ("utter_greet", "utter_city_fact", "utter_nothing", "utter_know_more", None):
        assert not is_unknown_response(name), name


def test_language_from_slot_else_detection_and_switches():
    conversation = parse_conversation(
        [
            user(1, "Hello", detected="en"),  # no slot yet: detection
            event("slot", 1.1, name="language", value="de"),  # the slot decides the turn
            event("bot", 1.5, text="Hallo", metadata={"utter_action": "utter_greet"}),
            user(2, "Bonjour"),
            event("slot", 2.1, name="language", value="fr"),
            user(3, "Merci"),
        ]
    )
    assert [t.language for t in conversation.turns] == ["de", "fr", "fr"]
    assert [(s.source, s.target) for s in conversation.switches] == [("de", "fr")]
    assert conversation.turns[0].reply_seconds == 0.5
    assert conversation.turns[2].reply_seconds is None


def test_fallback_unknown_and_facts_of_a_turn():
    conversation = parse_conversation(
        [
            user(1, "asdf", "nlu_fallback"),
            event("action", 1.1, action="action_ask_rephrase"),
            user(2, "Budget?", "ask_city_overview"),
            event("bot", 2.2, metadata={"utter_action": "utter_fact_unknown"}),
            user(3, "Maire?", "ask_city_mayor"),
            event("bot", 3.2, data={"custom": {"qp": {"facts": ["city.metz.mayor"]}}}),
            event("action", 3.3, action="action_default_fallback"),
        ]
    )
    first, second, third = conversation.turns
    assert first.unanswered == ["fallback"]
    assert second.unanswered == ["unknown"]
    assert third.facts == ["city.metz.mayor"] and third.unanswered == ["fallback"]


def test_a_comment_joins_the_earlier_vote_for_the_same_facts():
    conversation = parse_conversation(
        [
            user(1, "Maire?"),
            feedback(2, "down", ["city.metz.mayor"]),
            feedback(3, "down", ["city.metz.mayor"], "outdated"),
            feedback(4, None, ["city.metz.mayor"], "since 2020"),
            feedback(5, "up", ["city.trier.mayor"]),
            feedback(6, "sideways", ["city.trier.overview"]),  # not a rating: ignored
            feedback(7, "up", ["city.metz.mayor"], "fixed now"),  # changed their mind
        ]
    )
    assert conversation.turns[0].text == "Maire?" and len(conversation.turns) == 1
    votes = [(f.rating, f.facts, f.comments) for f in conversation.feedback]
    assert votes == [
        ("up", ("city.metz.mayor",), [("down", "outdated"), ("down", "since 2020"), ("up", "fixed now")]),
        ("up", ("city.trier.mayor",), []),
    ]
