"""Who may talk to the web channels: allowed origins, the REST token, web chat session tokens.

Settings (environment; scripts/run.py sets them for the Rasa process, docs/deployment.md):

- `QP_HOST`: unset, empty or a loopback address means "this machine only" (the default of
  `make run`). Any other value (e.g. 0.0.0.0) opens the server to the network; the REST
  channel then needs `Authorization: Bearer $QP_REST_TOKEN` on every request.
- `QP_WEB_ORIGINS`: the comma-separated origins allowed to use REST from a browser and the
  socket.io channel (scripts/run.py: the chat page's own origins plus QP_CORS_ORIGINS). Unset,
  socket.io accepts only its own origin.
- `QP_SESSION_SECRET`: the key that signs web chat session tokens. Every replica needs the
  same one; scripts/run.py keeps one in .run/session.key when it is not set.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import secrets
import uuid
from typing import List, Optional, Text

import jwt

logger = logging.getLogger(__name__)

SESSION_ALGORITHM = "HS256"
#: Used only when the Rasa server was started without QP_SESSION_SECRET (not by make run):
#: tokens then stop working at the next restart, and the chat starts a new conversation.
_PROCESS_SECRET = secrets.token_urlsafe(32)


def is_loopback(host: Optional[Text]) -> bool:
    if not host or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def network_host() -> Optional[Text]:
    """QP_HOST when it opens the server to the network, else None."""
    host = (os.environ.get("QP_HOST") or "").strip()
    return None if is_loopback(host) else host


def rest_token() -> Optional[Text]:
    return os.environ.get("QP_REST_TOKEN") or None


def rest_authorized(authorization: Optional[Text]) -> bool:
    """Loopback-only servers need no token; network-facing ones need the bearer token."""
    if network_host() is None:
        return True
    token = rest_token()
    if not token:
        logger.error("QP_HOST opens the REST channel but QP_REST_TOKEN is not set: refused.")
        return False
    scheme, _, given = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)


def allowed_origins() -> Optional[List[Text]]:
    """The origins of QP_WEB_ORIGINS, or None when it is not set (socket.io: same origin)."""
    value = os.environ.get("QP_WEB_ORIGINS")
    if value is None:
        return None
    return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]


def origin_allowed(origin: Optional[Text]) -> bool:
    """A request without Origin is not from a browser page; with one, it must be listed."""
    if not origin:
        return True
    origins = allowed_origins()
    if origins is None:
        return True  # no list configured: Rasa's --cors decides for REST
    return origin.rstrip("/") in origins or "*" in origins


def _secret() -> Text:
    return os.environ.get("QP_SESSION_SECRET") or _PROCESS_SECRET


def new_session() -> tuple[Text, Text]:
    """(session id, signed token) for a new web chat session."""
    session_id = uuid.uuid4().hex
    return session_id, session_token(session_id)


def session_token(session_id: Text) -> Text:
    return jwt.encode({"sid": session_id}, _secret(), algorithm=SESSION_ALGORITHM)


def session_of(token: object) -> Optional[Text]:
    """The session id a token was issued for, or None if it is not a token we signed."""
    if not isinstance(token, str) or len(token) > 512:
        return None
    try:
        payload = jwt.decode(token, _secret(), algorithms=[SESSION_ALGORITHM])
    except jwt.PyJWTError:
        return None
    session_id = payload.get("sid")
    return session_id if isinstance(session_id, str) and session_id else None
