"""The REST channel with input checks and a reply for every turn.

credentials.yml registers it as `bot.channels.rest.SafeRestInput:` instead of `rest:`; the URL
stays /webhooks/rest/webhook and the body stays
`{"sender": "...", "message": "...", "metadata": {...}}`.

What Rasa's `RestInput` does (tests/reliability/test_bad_input.py::test_rasa_rest_input_today)
and what this one does instead:

| request | RestInput (3.6) | SafeRestInput |
|---|---|---|
| not JSON, or JSON that is not an object | 400 / 500 | 400 `{"error": ...}` |
| no `sender`, or not a string | conversation "default", shared by all | 400 |
| `sender` longer than 255 characters | accepted (PostgreSQL's VARCHAR(255) rejects it) | 400 |
| `message` missing or null / not a string | the dialogue runs on None / 200 `[]` | 400 |
| empty or whitespace-only message | the dialogue runs on "" | `utter_input_empty` |
| control characters, NUL, lone surrogates | stored as is (NUL fails in PostgreSQL) | removed |
| very long message | the NLU runs on all of it | capped, plus `utter_input_too_long` |
| action server down or slow | empty reply `[]` | `utter_action_failed` |
| `input_channel` / `?stream=true` in the request | honoured | ignored |
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import GuardSettings, TurnGuard, valid_sender


class SafeRestInput(RestInput):
    """`RestInput` whose turns go through `TurnGuard`."""

    guard: TurnGuard = TurnGuard()

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SafeRestInput":
        channel = cls()
        channel.guard = TurnGuard(GuardSettings.from_credentials(credentials))
        return channel

    @staticmethod
    def parse_body(request: Request) -> Tuple[Optional[Dict[Text, Any]], Optional[Text]]:
        """(body, None) for a well-formed request, else (None, what is wrong)."""
        try:
            body = request.json
        except InvalidUsage:
            return None, "The body is not valid JSON."
        if not isinstance(body, dict):
            return None, "The body must be a JSON object."
        if not valid_sender(body.get("sender")):
            return None, "'sender' must be a non-empty string of at most 255 characters."
        if not isinstance(body.get("message"), str):
            return None, "'message' must be a string."
        if not isinstance(body.get("metadata") or {}, dict):
            return None, "'metadata' must be a JSON object."
        return body, None

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint(f"safe_rest_{id(self)}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body, error = self.parse_body(request)
            if body is None:
                return response.json({"error": error}, status=400)
            collector = CollectingOutputChannel()
            await self.guard.handle(
                request.app.ctx.agent,
                on_new_message,
                body["message"],
                collector,
                body["sender"],
                self.name(),
                body.get("metadata") or None,
                sent=lambda: len(collector.messages),
            )
            return response.json(collector.messages)

        return webhook
