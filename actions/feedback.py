"""A citizen's rating of an answer, sent by the web chat's thumbs up/down.

The widget sends the text `/feedback` (parsed as intent `feedback`) with the metadata
`{"qp_feedback": {"rating": "up"|"down", "facts": [fact keys], "comment": "..."}}`. Rasa
stores that metadata in the conversation's user event, where staff count it (the insights
report). This action only confirms in the conversation language: it sets no slot, so the
conversation's city and topic stay as they were for the next question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

RATINGS = ("up", "down")
#: Longest comment kept in the reply logic (the widget allows as many characters).
COMMENT_MAX = 500


@dataclass(frozen=True)
class Feedback:
    rating: str
    facts: List[str] = field(default_factory=list)
    comment: str = ""


def parse_feedback(metadata: Any) -> Optional[Feedback]:
    """The feedback in a message's metadata, or None when there is none or it is malformed."""
    if not isinstance(metadata, Mapping):
        return None
    raw = metadata.get("qp_feedback")
    if not isinstance(raw, Mapping) or raw.get("rating") not in RATINGS:
        return None
    facts = raw.get("facts") or []
    if not isinstance(facts, list):
        return None
    comment = raw.get("comment") or ""
    return Feedback(
        rating=raw["rating"],
        facts=[str(key) for key in facts if isinstance(key, str) and key],
        comment=comment[:COMMENT_MAX] if isinstance(comment, str) else "",
    )


class ActionFeedback(Action):
    def name(self) -> Text:
        return "action_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if parse_feedback(tracker.latest_message.get("metadata")) is None:
            # Someone typed "/feedback" by hand: nothing was rated.
            dispatcher.utter_message(response="utter_ask_rephrase")
        else:
            dispatcher.utter_message(response="utter_feedback_thanks")
        return []
