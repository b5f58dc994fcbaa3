"""The socket.io channel with the same checks and reply guarantee as `SafeRestInput`.

credentials.yml registers it as `bot.channels.socket_io.SafeSocketIOInput:` instead of
`socketio:` (same settings, same /socket.io path and events). Rasa's handler is replaced by one
that ignores malformed events (not an object, no session id) with a warning instead of an
exception, treats a null message as empty and runs the turn through `TurnGuard`.

It also replaces the `session_request` handler: Rasa 3.6 calls `sio.enter_room()` without
`await`, which python-socketio 5.x made a coroutine, so with `session_persistence: true` the
client never joined its session's room and never received a bot message.
"""

from __future__ import annotations

import inspect
import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.channels.guard import GuardSettings, TurnGuard, valid_sender

logger = logging.getLogger(__name__)


class CountingSocketIOOutput(SocketIOOutput):
    """Counts the messages sent, so the guard can tell a silent turn."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.sent = 0

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        """Emit custom JSON as one `bot_uttered` event ``{"custom": {...}}``.

        Rasa 3.6 calls ``sio.emit(event, **json_message)``, which raises TypeError for any key
        that is not an argument of ``emit`` (e.g. the fact replies' ``{"qp": ...}``).
        """
        await self._send_message(recipient_id, {"custom": json_message})


class SafeSocketIOInput(SocketIOInput):
    guard: TurnGuard = TurnGuard()

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SafeSocketIOInput":
        channel = super().from_credentials(credentials)
        channel.guard = TurnGuard(GuardSettings.from_credentials(credentials))
        return channel  # type: ignore[return-value]

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        sio = self.sio
        app: Dict[Text, Any] = {}

        @webhook.listener("before_server_start")
        async def remember_app(server: Any, _loop: Any) -> None:
            app["server"] = server

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not valid_sender(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict):
                logger.warning("Ignored a socket.io message that is not an object.")
                return
            sender_id = data.get("session_id") if self.session_persistence else sid
            if not valid_sender(sender_id):
                logger.warning("Ignored a socket.io message without a valid session_id.")
                return
            text = data.get("message")
            if text is not None and not isinstance(text, str):
                logger.warning("Ignored a socket.io message whose text is not a string.")
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = None
            output = CountingSocketIOOutput(sio, self.bot_message_evt)
            await self.guard.handle(
                app["server"].ctx.agent,
                on_new_message,
                text,
                output,
                sender_id,
                self.name(),
                metadata if isinstance(metadata, dict) else None,
                sent=lambda: output.sent,
            )

        return webhook
