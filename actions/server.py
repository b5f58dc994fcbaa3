"""The action server's door: only Rasa, with the shared token, may call it.

rasa_sdk 3.6 serves every request: anyone who reaches the port can list the actions
(`GET /actions`) or run them on a forged conversation (`POST /webhook`), and a malformed body
gets a 500 that echoes it. This module is a rasa_sdk plugin (its `attach_sanic_app_extensions`
hook, registered by `python -m actions`) that adds, in front of rasa_sdk's own routes:

- 401 unless the request carries `Authorization: Bearer $QP_ACTION_TOKEN` (`/health` stays
  open for the start-up check and liveness probes). Rasa sends the header from
  endpoints.yml (`action_endpoint.headers`); `make run` generates the token.
- 400 `{"error": ...}` for a `/webhook` body that is not a JSON object with `next_action`
  (string) and `tracker` (object); 413 beyond `MAX_BODY_BYTES`.
- 500 `{"error": "internal error"}` for any other failure, without the request body.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import zlib
from typing import Any, Optional, Text

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

TOKEN_ENV = "QP_ACTION_TOKEN"
#: A tracker window of 5 turns with the domain is about 100 KB; 5 MB is far beyond it.
MAX_BODY_BYTES = 5 * 1024 * 1024
OPEN_PATHS = ("/health",)

hookimpl = pluggy.HookimplMarker("rasa_sdk")


def authorized(header: Optional[Text], token: Text) -> bool:
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)


def webhook_error(request: Request) -> Optional[Text]:
    """What is wrong with a /webhook body, or None."""
    try:
        raw = request.body or b""
        if request.headers.get("Content-Encoding") == "deflate":
            raw = zlib.decompressobj().decompress(raw, MAX_BODY_BYTES + 1)
        call: Any = json.loads(raw)
    except (ValueError, zlib.error, RecursionError):
        return "The body is not valid JSON."
    if not isinstance(call, dict):
        return "The body must be a JSON object."
    if not isinstance(call.get("next_action"), str):
        return "'next_action' must be a string."
    if not isinstance(call.get("tracker"), dict):
        return "'tracker' must be an object."
    if not isinstance(call.get("domain") or {}, dict):
        return "'domain' must be an object."
    return None


class ActionServerGuard:
    """The rasa_sdk plugin; `token` is the shared secret."""

    def __init__(self, token: Text) -> None:
        self.token = token

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        token = self.token

        @app.middleware("request")
        async def check(request: Request) -> Optional[HTTPResponse]:
            if request.path in OPEN_PATHS:
                return None
            if not authorized(request.headers.get("Authorization"), token):
                return response.json(
                    {"error": "unauthorized"}, status=401, headers={"WWW-Authenticate": "Bearer"}
                )
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"error": "body too large"}, status=413)
            if request.path == "/webhook" and request.method == "POST":
                error = webhook_error(request)
                if error:
                    return response.json({"error": error}, status=400)
            return None

        async def failure(request: Request, exception: Exception) -> HTTPResponse:
            status = getattr(exception, "status_code", 500) or 500
            if status >= 500:
                logger.error("Request to %s failed.", request.path, exc_info=exception)
                return response.json({"error": "internal error"}, status=500)
            return response.json({"error": getattr(exception, "message", "") or "bad request"}, status=status)

        # Replaces rasa_sdk's handler, which echoes the request body.
        app.error_handler.add(Exception, failure)


def token_from_environment() -> Optional[Text]:
    return os.environ.get(TOKEN_ENV) or None
