"""Faults of issue 19: the tracker database failing mid-conversation (SQLite locked,
PostgreSQL restarted under pooled connections), the Redis lock store going down, the action
server answering 5xx or invalid JSON, Rasa killed mid-turn, a missing or damaged model.

Each gets a reply in the user's language or a clear start-up error, and what was stored
before stays stored. PostgreSQL and Redis are the real local services, reached through a TCP
proxy that the test cuts: the services themselves are shared and never stopped."""

from __future__ import annotations

import http.client
import http.server
import json
import os
import signal
import socket
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers import fresh_postgres_database
from tests.reliability.conftest import (
    ACTIONS_PORT,
    APOLOGY,
    MODEL,
    ROOT,
    Chat,
    Stack,
    env_vars,
    post,
    require,
    require_model,
)

pytestmark = pytest.mark.integration

#: Ports of this module's own servers (the reliability block; see conftest.py).
PROD_RASA, PROD_ACTIONS, PROD_WEB, PG_PROXY, REDIS_PROXY = 22410, 22460, 23492, 22470, 22471


def stored(db_path: Path, sender: str) -> list:
    with sqlite3.connect(db_path, timeout=30) as db:
        return db.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()


def when_free(chat: Chat, text: str, timeout: float = 60) -> str:
    """The reply to `text` once the conversation is no longer busy with a late turn (429)."""
    deadline = time.monotonic() + timeout
    while True:
        status, reply = post(chat.url(), {"sender": chat.sender, "message": text})
        if status != 429 or time.monotonic() > deadline:
            assert status == 200, (status, reply)
            return "\n".join(m.get("text", "") for m in reply)
        time.sleep(1)


def user_texts(rows: list) -> list:
    return [json.loads(data)["text"] for kind, data in rows if kind == "user"]


# -- the action server answers nonsense ---------------------------------------------------------
class _BrokenActions(http.server.BaseHTTPRequestHandler):
    mode = "500"

    def do_GET(self) -> None:  # noqa: N802
        self._answer(200, b'{"status": "ok"}')

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.mode == "500":
            self._answer(500, b"<html>Internal Server Error</html>", "text/html")
        else:
            self._answer(200, b'{"events": [unterminated', "application/json")

    def _answer(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("mode", ["500", "invalid JSON"])
def test_action_server_answering_5xx_or_invalid_json_gets_an_apology(stack, db_path, mode):
    chat = Chat()
    assert "Je suis l'assistant" in chat.text("Bonjour")
    stack.stop_process("actions")
    handler = type("Handler", (_BrokenActions,), {"mode": mode})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", ACTIONS_PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert APOLOGY["fr"] in chat.text("Qui est le maire de Metz ?")
        assert APOLOGY["en"] in Chat().text("Who is the mayor of Trier?")
    finally:
        server.shutdown()
        server.server_close()
        stack.start_action_server()
    assert "Grosdidier" in chat.text("Qui est le maire de Metz ?")
    assert user_texts(stored(db_path, chat.sender)) == [
        "Bonjour",
        "Qui est le maire de Metz ?",
        "Qui est le maire de Metz ?",
    ]


# -- SQLite locked mid-conversation -------------------------------------------------------------
def test_sqlite_locked_mid_conversation(stack, db_path):
    chat = Chat()
    assert "Leibe" in chat.text("Wer ist Bürgermeister von Trier?")
    before = stored(db_path, chat.sender)
    blocker = sqlite3.connect(db_path, timeout=30, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another writer holds the file: reads and writes wait
    try:
        start = time.monotonic()
        reply = chat.text("Und wer ist Bürgermeister von Metz?")
        assert APOLOGY["de"] in reply, reply
        assert time.monotonic() - start < 40
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    # The turn that timed out goes on once the file is free; until then the conversation
    # is busy (429 with a note), then it continues.
    assert "Grosdidier" in when_free(chat, "Wer ist Bürgermeister von Metz?")
    after = stored(db_path, chat.sender)
    assert after[: len(before)] == before  # nothing stored before was lost


# -- a missing or damaged model -----------------------------------------------------------------
@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated"])
def test_missing_or_damaged_model_is_a_clear_start_up_error(tmp_path, damage):
    require_model()
    model = tmp_path / "quattropole.tar.gz"
    if damage == "garbage":
        model.write_bytes(b"this is not a model" * 100)
    elif damage == "truncated":
        model.write_bytes(MODEL.read_bytes()[: MODEL.stat().st_size // 2])
    stack = Stack(
        22409,
        22459,
        23489,
        db=tmp_path / "c.db",
        model=model,
        endpoints=ROOT / "endpoints.yml",
        start_actions=False,
    )
    with pytest.raises(RuntimeError) as error:
        stack.start_rasa()
    stack.stop()
    message = str(error.value)
    assert str(model) in message and "make train" in message
    assert ("No trained model" if damage == "missing" else "damaged") in message
    assert "rasa" not in stack.processes  # refused before starting Rasa


# -- Rasa killed in the middle of a turn --------------------------------------------------------
def test_rasa_killed_mid_turn_then_restarted_keeps_the_conversation(stack, db_path):
    chat = Chat()
    assert "Je suis l'assistant" in chat.text("Bonjour")
    assert "Grosdidier" in chat.text("Qui est le maire de Metz ?")
    before = stored(db_path, chat.sender)
    actions = stack.processes["actions"]
    os.killpg(actions.pid, signal.SIGSTOP)  # the next turn hangs in its custom action
    try:
        with ThreadPoolExecutor(1) as pool:
            pending = pool.submit(lambda: Chat(sender=chat.sender).say("Et le maire de Trier ?"))
            time.sleep(3)
            rasa = stack.processes.pop("rasa")
            os.killpg(rasa.pid, signal.SIGKILL)
            rasa.wait()
            with pytest.raises((OSError, http.client.HTTPException)):
                pending.result(timeout=60)  # the connection dies with the server
    finally:
        os.killpg(actions.pid, signal.SIGCONT)
    stack.start_rasa()
    after = stored(db_path, chat.sender)
    assert after[: len(before)] == before
    reply = chat.text("Qui est le maire de Trier ?")
    assert "Leibe" in reply and APOLOGY["fr"] not in reply


# -- PostgreSQL restarted and Redis down, under a two-service setup ----------------------------
class TcpProxy:
    """127.0.0.1:`port` -> 127.0.0.1:`upstream`; cut() drops every connection and refuses new
    ones (the service is down or restarting), resume() accepts again."""

    def __init__(self, port: int, upstream: int) -> None:
        self.port, self.upstream = port, upstream
        self.listener: socket.socket | None = None
        self.connections: list = []
        self.lock = threading.Lock()

    def resume(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for sock in (source, target):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        if self.listener is not None:
            try:
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
            except OSError:
                pass
            self.listener.close()
            self.listener = None
        with self.lock:
            connections, self.connections = self.connections, []
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            except OSError:
                pass


@pytest.fixture(scope="module")
def services_stack():
    require_model()
    require("PostgreSQL")
    require("Redis")
    postgres, redis = TcpProxy(PG_PROXY, 5432), TcpProxy(REDIS_PROXY, 6379)
    postgres.resume()
    redis.resume()
    with fresh_postgres_database() as name:
        settings = dict(
            QP_ENDPOINTS="endpoints.prod.yml",
            QP_DB_HOST="127.0.0.1",
            QP_DB_PORT=str(PG_PROXY),
            QP_DB_NAME=name,
            QP_DB_USER="postgres",
            QP_DB_PASSWORD="",
            QP_REDIS_HOST="127.0.0.1",
            QP_REDIS_PORT=str(REDIS_PROXY),
            QP_REDIS_PASSWORD="",
        )
        with env_vars(**settings):
            with Stack(PROD_RASA, PROD_ACTIONS, PROD_WEB) as running:
                yield running, postgres, redis, name
    postgres.cut()
    redis.cut()


def _postgres_user_texts(database: str, sender: str) -> list:
    import psycopg2

    with psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname=database) as db:
        with db.cursor() as cursor:
            cursor.execute(
                "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id", (sender,)
            )
            return [json.loads(data)["text"] for (data,) in cursor.fetchall()]


def test_postgresql_restart_under_pooled_connections(services_stack):
    stack, postgres, _, database = services_stack
    chats = [Chat(port=stack.rasa_port) for _ in range(4)]
    for chat in chats:  # several pooled connections in use
        assert "Leibe" in chat.text("Wer ist Bürgermeister von Trier?")
    postgres.cut()  # the server goes away ...
    try:
        # ... during a message: Rasa's FailSafeTrackerStore falls back to memory for the
        # outage (that turn is not written to PostgreSQL), so the user still gets an answer,
        # or at worst the apology, in German.
        reply = chats[0].text("Und Metz?")
        assert "Metz" in reply or APOLOGY["de"] in reply, reply
    finally:
        postgres.resume()  # ... and comes back: every pooled connection is now dead
    replies = [chat.text("Wer ist Bürgermeister von Metz?") for chat in chats]
    for reply in replies:  # at worst an apology for a stale connection, never silence
        assert "Grosdidier" in reply or APOLOGY["de"] in reply, reply
    assert "Grosdidier" in chats[1].text("Wer ist Bürgermeister von Metz?")
    for chat in chats:
        texts = _postgres_user_texts(database, chat.sender)
        assert texts[0] == "Wer ist Bürgermeister von Trier?", texts  # stored before: kept


def test_redis_lock_store_down_during_operation(services_stack):
    stack, _, redis, database = services_stack
    chat = Chat(port=stack.rasa_port)
    assert "Je suis l'assistant" in chat.text("Bonjour")
    redis.cut()
    try:
        reply = chat.text("Qui est le maire de Metz ?")
        assert APOLOGY["fr"] in reply, reply
        assert APOLOGY["en"] in Chat(port=stack.rasa_port).text("Who is the mayor of Trier?")
    finally:
        redis.resume()
    assert "Grosdidier" in chat.text("Qui est le maire de Metz ?")
    assert _postgres_user_texts(database, chat.sender)[0] == "Bonjour"
