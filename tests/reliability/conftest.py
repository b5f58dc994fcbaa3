"""Servers and services for the reliability tests.

The servers start through `bot.runtime.stack.Stack`, like `make run`, on their own ports
(Rasa 22405, actions 22455, web 23480; the replica test 22416/22417, 22466, 23490/23491;
test_hardening 22411, 23493; test_faults_storage 22409-22410, 22459-22460, 22470-22471 (TCP
proxies), 23489, 23492; test_retention 22408, 22458, 23488). PostgreSQL, Redis and RabbitMQ
are the real local services; a test that needs one skips, saying so, only when nothing
listens on its port.
"""

from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

from bot.runtime.stack import MODEL, Stack

ROOT = Path(__file__).resolve().parents[2]

RASA_PORT, RASA_PORT_B, ACTIONS_PORT, WEB_PORT, WEB_PORT_B = 22405, 22406, 22455, 23480, 23481
#: Seconds before the guard apologises instead of waiting (credentials.yml says 20).
REPLY_TIMEOUT = 8
SERVICES = {"PostgreSQL": 5432, "Redis": 6379, "RabbitMQ": 5672}

#: What the user sees when part of the system fails (domain.yml utter_action_failed).
APOLOGY = {
    "de": "Entschuldigung, gerade kann ich diese Frage nicht beantworten",
    "fr": "Désolé, je ne peux pas répondre à cette question pour le moment",
    "en": "Sorry, I can't answer this question right now",
    None: "Entschuldigung · Désolé · Sorry",
}


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    try:
        socket.create_connection((host, port), timeout=2).close()
        return True
    except OSError:
        return False


def require(service: str) -> None:
    port = SERVICES[service]
    if not port_open(port):
        pytest.skip(f"{service} is not running on 127.0.0.1:{port}")


def require_model() -> None:
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` first (make test does).")


def post(
    url: str, body: Any, raw: bytes | None = None, headers: dict | None = None, timeout: float = 90
) -> tuple[int, Any]:
    """(status, parsed JSON body) of a POST; `raw` sends bytes as they are."""
    data = raw if raw is not None else json.dumps(body).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text or b"null")
        except ValueError:
            return error.code, text.decode(errors="replace")


class Chat:
    """One conversation over the REST channel of one Rasa server (`port`)."""

    def __init__(self, port: int = RASA_PORT, sender: str | None = None) -> None:
        self.port = port
        self.sender = sender or f"rel-{uuid.uuid4().hex[:12]}"

    def url(self, port: int | None = None) -> str:
        return f"http://localhost:{port or self.port}/webhooks/rest/webhook"

    def say(self, text: Any, port: int | None = None, **metadata: Any) -> list:
        body = {"sender": self.sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        status, reply = post(self.url(port), body)
        assert status == 200, (status, reply)
        return reply

    def text(self, text: Any, port: int | None = None, **metadata: Any) -> str:
        return "\n".join(m.get("text", "") for m in self.say(text, port, **metadata))


class env_vars:
    """Set (None: unset) environment variables for the processes a Stack starts; restore after."""

    def __init__(self, **values: str | None) -> None:
        self.values, self.saved = values, {}

    def __enter__(self) -> None:
        for key, value in self.values.items():
            self.saved[key] = os.environ.get(key)
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def __exit__(self, *exc: object) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reliability") / "conversations.db"


@pytest.fixture(scope="session")
def stack(db_path) -> Iterator[Stack]:
    """Actions + Rasa (SQLite, the default endpoints.yml) + web page, like `make run`."""
    require_model()
    with env_vars(QP_REPLY_TIMEOUT=str(REPLY_TIMEOUT), QP_ENDPOINTS="endpoints.yml"):
        with Stack(RASA_PORT, ACTIONS_PORT, WEB_PORT, db=db_path) as running:
            yield running
