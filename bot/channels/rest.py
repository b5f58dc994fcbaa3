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
| body larger than 64 KB (`limits.MAX_BODY_BYTES`) | accepted | 413 |
| metadata too deep or too large | stored (5 MB stored four times) | 400 / 413 |
| metadata keys other than `limits.METADATA_KEYS` | stored | dropped |
| `Origin` header of a page not in QP_WEB_ORIGINS | served (no CORS header) | 403 |
| no `Authorization: Bearer $QP_REST_TOKEN` with QP_HOST set | served | 401 |
| a second message while the first is answered | queued (20 s, then an apology) | 429, `utter_input_busy` |
| more than the rate limits (`limits.py`) | served | 429, `utter_input_rate_limited` |
| `/restart`, `/intent{...}` not offered by a button | run | `utter_input_command_refused` |
| a fact's custom JSON (its keys and sources) | an element of its own, without text | on its text's element (`custom`) |
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.access import origin_allowed, rest_authorized
from bot.channels.guard import GuardSettings, Outcome, TurnGuard, valid_sender
from bot.channels.limits import MAX_BODY_BYTES, clean_metadata

#: Outcomes answered with 429 Too Many Requests (the body still holds the polite note).
TOO_MANY = (Outcome.BUSY, Outcome.LIMITED)


class RestCollector(CollectingOutputChannel):
    """Rasa's collector, except that custom JSON sent right after a text (a fact's keys and
    sources, see web/chat.js) rides on that text's element as `custom`: a REST client gets one
    element per message, not a text-less one after every fact."""

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        last = self.messages[-1] if self.messages else None
        if last and last.get("recipient_id") == recipient_id and last.get("text") and "custom" not in last:
            last["custom"] = json_message
            return
        await super().send_custom_json(recipient_id, json_message, **kwargs)


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
        """(body, None) for a well-formed request, else (None, what is wrong).

        The metadata of the returned body is reduced to the allowed keys (limits.py).
        """
        try:
            body = request.json
        except (InvalidUsage, ValueError, RecursionError):
            return None, "The body is not valid JSON."
        if not isinstance(body, dict):
            return None, "The body must be a JSON object."
        if not valid_sender(body.get("sender")):
            return None, "'sender' must be a non-empty string of at most 255 characters."
        if not isinstance(body.get("message"), str):
            return None, "'message' must be a string."
        metadata, error = clean_metadata(body.get("metadata"))
        if metadata is None:
            return None, error
        return {**body, "metadata": metadata}, None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"safe_rest_{id(self)}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not rest_authorized(request.headers.get("Authorization")):
                return response.json(
                    {"error": "This server needs 'Authorization: Bearer <QP_REST_TOKEN>'."},
                    status=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            if not origin_allowed(request.headers.get("Origin")):
                return response.json({"error": "This origin is not allowed."}, status=403)
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json(
                    {"error": f"The body is larger than {MAX_BODY_BYTES} bytes."}, status=413
                )
            body, error = self.parse_body(request)
            if body is None:
                status = 413 if error and "larger" in error else 400
                return response.json({"error": error}, status=status)
            collector = RestCollector()
            outcome = await self.guard.handle(
                request.app.ctx.agent,
                on_new_message,
                body["message"],
                collector,
                body["sender"],
                self.name(),
                body["metadata"] or None,
                sent=lambda: len(collector.messages),
                client=request.remote_addr or request.ip,
            )
            return response.json(collector.messages, status=429 if outcome in TOO_MANY else 200)

        return webhook
