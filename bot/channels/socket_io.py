"""The socket.io channel with the same checks and reply guarantee as `SafeRestInput`.

credentials.yml registers it as `bot.channels.socket_io.SafeSocketIOInput:` instead of
`socketio:` (same settings, same /socket.io path and events). Rasa's handler is replaced by one
that ignores malformed events (not an object, no session id) with a warning instead of an
exception, treats a null message as empty and runs the turn through `TurnGuard`.

It also replaces the `session_request` handler: Rasa 3.6 calls `sio.enter_room()` without
`await`, which python-socketio 5.x made a coroutine, so with `session_persistence: true` the
client never joined its session's room and never received a bot message.

Conversations belong to the browser they were issued to. Rasa trusts the `session_id` a
client sends, so anyone who learns one can read and write that conversation. Here the server
issues every session: `session_request {session_token}` resumes the session the (signed)
token names, anything else starts a new one, and `session_confirm` answers
`{session_id, session_token}`. The connection is bound to that session; the `session_id` of
a `user_uttered` event is ignored. Origins (QP_WEB_ORIGINS) and packet size
(limits.MAX_BODY_BYTES) are enforced by the socket.io server itself.
"""

from __future__ import annotations

import inspect
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.channels.access import allowed_origins, new_session, session_of
from bot.channels.guard import GuardSettings, TurnGuard
from bot.channels.limits import MAX_BODY_BYTES, clean_metadata

logger = logging.getLogger(__name__)


class CountingSocketIOOutput(SocketIOOutput):
    """Counts the messages sent, so the guard can tell a silent turn."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.sent = 0

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """Rasa calls this for every bot message (text, buttons, images, custom JSON)."""
        self.sent += 1
        await super().send_response(recipient_id, message)

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        """Emit custom JSON as one `bot_uttered` event ``{"custom": {...}}``.

        Rasa 3.6 calls ``sio.emit(event, **json_message)``, which raises TypeError for any key
        that is not an argument of ``emit`` (e.g. the fact replies' ``{"qp": ...}``).
        """
        await self.sio.emit(self.bot_message_evt, {"custom": json_message}, room=recipient_id)


class SafeSocketIOInput(SocketIOInput):
    guard: TurnGuard = TurnGuard()

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SafeSocketIOInput":
        channel = super().from_credentials(credentials)
        channel.guard = TurnGuard(GuardSettings.from_credentials(credentials))
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        sio = self.sio
        app: Dict[Text, Any] = {}

        @webhook.listener("before_server_start")
        async def remember_app(server: Any, _loop: Any) -> None:
            app["server"] = server

        # Rasa creates the server with cors_allowed_origins=[], which turns the check off.
        origins = allowed_origins()
        sio.eio.cors_allowed_origins = origins  # None: only the server's own origin
        sio.eio.max_http_buffer_size = MAX_BODY_BYTES
        sessions: Dict[Text, Text] = {}  # socket id -> the session it was issued

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            sessions.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any) -> None:
            token = data.get("session_token") if isinstance(data, dict) else None
            session_id = session_of(token)
            if session_id is None:
                session_id, token = new_session()
            previous = sessions.get(sid)
            if previous is not None and previous != session_id:
                leave = sio.leave_room(sid, previous, namespace=self.namespace)
                if inspect.isawaitable(leave):
                    await leave
            sessions[sid] = session_id
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit(
                "session_confirm",
                {"session_id": session_id, "session_token": token},
                room=sid,
                namespace=self.namespace,
            )

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict):
                logger.warning("Ignored a socket.io message that is not an object.")
                return
            sender_id = sessions.get(sid) if self.session_persistence else sid
            if sender_id is None:
                logger.warning("Ignored a socket.io message before its session_request.")
                return
            text = data.get("message")
            if text is not None and not isinstance(text, str):
                logger.warning("Ignored a socket.io message whose text is not a string.")
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except (ValueError, RecursionError):
                    metadata = None
            metadata, error = clean_metadata(metadata)
            if metadata is None:
                logger.warning("Ignored a socket.io message: %s", error)
                return
            output = CountingSocketIOOutput(sio, self.bot_message_evt)
            await self.guard.handle(
                app["server"].ctx.agent,
                on_new_message,
                text,
                output,
                sender_id,
                self.name(),
                metadata or None,
                sent=lambda: output.sent,
                client=_client_address(sio, sid, self.namespace),
            )

        return webhook


def _client_address(sio: Any, sid: Text, namespace: Optional[Text]) -> Optional[Text]:
    """The peer address of a socket.io connection (Sanic's, so SANIC_PROXIES_COUNT applies)."""
    try:
        environ = sio.get_environ(sid, namespace=namespace) or {}
    except Exception:
        return None
    request = environ.get("sanic.request")
    if request is not None:
        return request.remote_addr or request.ip
    return environ.get("REMOTE_ADDR")
