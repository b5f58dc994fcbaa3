"""Servers for the integration tests, started the way `make run` starts them (bot.runtime.stack)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bot.runtime.stack import MODEL, Stack

ROOT = Path(__file__).resolve().parents[2]

from tests.helpers import free_port, post_json  # noqa: E402


class Chat:
    """One conversation over the REST channel."""

    def __init__(self, stack: Stack, sender: str | None = None) -> None:
        self.url = f"http://localhost:{stack.rasa_port}/webhooks/rest/webhook"
        self.sender = sender or f"test-{uuid.uuid4().hex[:10]}"

    def say(self, text: str, **metadata) -> list:
        body = {"sender": self.sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        return post_json(self.url, body)

    def text(self, text: str, **metadata) -> str:
        return "\n".join(m.get("text", "") for m in self.say(text, **metadata))


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("db") / "conversations.db"


@pytest.fixture(scope="session")
def stack(db_path):
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` first (make test does).")
    ports = dict(rasa_port=free_port(15005), actions_port=free_port(15055), web_port=free_port(18080))
    with Stack(**ports, db=db_path) as running:
        yield running
