"""Faults: the action server down or hanging, an invalid facts store, an unreachable tracker
store. The user always gets an answer in their language; a broken setup refuses to start."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.reliability.conftest import (
    APOLOGY,
    REPLY_TIMEOUT,
    ROOT,
    Chat,
    Stack,
    env_vars,
    port_open,
)

pytestmark = pytest.mark.integration

QUESTIONS = [
    ("Wer ist Bürgermeister von Trier?", "de"),
    ("Qui est le maire de Metz ?", "fr"),
    ("Who is the mayor of Saarbrücken?", "en"),
]


def _bot_texts(db_path: Path, sender: str) -> list:
    with sqlite3.connect(db_path) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'bot' ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(data).get("text") or "" for (data,) in rows]


def test_action_server_down_gets_an_apology_in_the_users_language(stack, db_path):
    german = Chat()
    assert "Leibe" in german.text("Wer ist Bürgermeister von Trier?")
    stack.stop_process("actions")
    try:
        assert not port_open(stack.actions_port)
        # A conversation that already speaks German, and first turns in each language (the
        # language slot cannot be set then: its mapping action runs on the action server).
        assert APOLOGY["de"] in german.text("und Metz?")
        for question, language in QUESTIONS:
            chat = Chat()
            reply = chat.text(question)
            assert APOLOGY[language] in reply, (question, reply)
            # Recorded as the bot's answer, so the transcript shows what the user saw.
            assert any(APOLOGY[language] in text for text in _bot_texts(db_path, chat.sender))
        # Rule-only turns (no custom action) are answered as usual; without the language
        # action a first thanks gets the trilingual default. A greeting runs
        # action_answer_greet (it may be a question the NLU took for one), so it gets the
        # apology in its language like any question.
        thanks = Chat().text("Danke")
        assert "Gern geschehen" in thanks and APOLOGY["de"] not in thanks
        assert APOLOGY["de"] in Chat().text("Hallo")
    finally:
        stack.start_action_server()
    assert "Grosdidier" in german.text("und Metz?")


def test_hanging_action_server_gets_an_apology_within_the_reply_timeout(stack):
    chat = Chat()
    assert "Je suis l'assistant" in chat.text("Bonjour")
    actions = stack.processes["actions"]
    os.killpg(actions.pid, signal.SIGSTOP)  # accepts connections, never answers
    try:
        for question, language in [("Qui est le maire de Metz ?", "fr")] + QUESTIONS[:1]:
            start = time.monotonic()
            reply = (chat if language == "fr" else Chat()).text(question)
            elapsed = time.monotonic() - start
            assert APOLOGY[language] in reply, reply
            assert elapsed < REPLY_TIMEOUT + 10, elapsed
    finally:
        os.killpg(actions.pid, signal.SIGCONT)
    # The turn that timed out finishes in the background; the conversation goes on.
    time.sleep(2)
    assert "Grosdidier" in chat.text("Qui est le maire de Metz ?")


def test_invalid_facts_store_stops_the_action_server_naming_file_and_field(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(ROOT / "data" / "facts", facts)
    cities = facts / "cities.yml"
    text = cities.read_text()
    assert "website: https://metz.fr" in text
    cities.write_text(text.replace("website: https://metz.fr", "website: metz-website", 1))
    process = subprocess.run(
        [sys.executable, "-m", "actions", "--port", "22459"],
        cwd=ROOT,
        env={**os.environ, "QP_FACTS_PATH": str(facts)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode != 0
    assert str(cities) in process.stderr
    assert "cities.metz.website" in process.stderr


def _endpoints_with_closed_postgres(tmp_path: Path) -> Path:
    closed = 22099
    assert not port_open(closed)
    config = yaml.safe_load((ROOT / "endpoints.prod.yml").read_text())
    config["tracker_store"].update(url="127.0.0.1", port=closed, db="qp", username="postgres", password="")
    config.pop("lock_store")
    path = tmp_path / "endpoints.closed.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def test_unreachable_tracker_store_refuses_to_start_naming_the_setting(tmp_path):
    stack = Stack(
        22407, 22457, 23487, endpoints=_endpoints_with_closed_postgres(tmp_path), start_actions=False
    )
    with pytest.raises(RuntimeError) as error:
        stack.start_rasa()
    stack.stop()
    message = str(error.value)
    assert "tracker_store" in message and "127.0.0.1:22099" in message
    assert "rasa" not in stack.processes  # refused before starting Rasa


def test_missing_environment_variable_is_named_before_rasa_starts():
    with env_vars(QP_DB_HOST="", QP_DB_PORT="", QP_DB_NAME=None):
        stack = Stack(22407, 22457, 23487, endpoints=ROOT / "endpoints.prod.yml")
        with pytest.raises(RuntimeError, match="QP_DB_NAME"):
            stack.check_services()


def test_rasa_alone_would_serve_with_a_broken_sql_tracker_store(tmp_path, caplog):
    """Why scripts/run.py checks first: Rasa 3.6 logs an error and starts anyway."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(_endpoints_with_closed_postgres(tmp_path)), "tracker_store")
    store = TrackerStore.create(config)
    assert "Could not create tables" in caplog.text
    with pytest.raises(Exception, match="Connection refused"):
        asyncio.run(store.retrieve("someone"))
