"""Issue 19 against the running stack: bounded input, conversations bound to their owner,
origins, the action server's token, one turn at a time, rate limits, the web page server and
the conversation data."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import stat
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.reliability.conftest import (
    ACTIONS_PORT,
    RASA_PORT,
    WEB_PORT,
    Chat,
    post,
)

pytestmark = pytest.mark.integration

URL = f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook"
BUSY = {
    "de": "ich beantworte noch Ihre vorige Nachricht",
    "fr": "je réponds encore à votre message précédent",
    "en": "still answering your previous message",
}
REFUSED = {
    "de": "nehme ich hier nicht an",
    "fr": "Je n'accepte pas de commandes",
    "en": "I don't take commands",
    None: "Please ask in words",
}
LIMITED = {
    "de": "sehr viele Nachrichten",
    "fr": "beaucoup de messages",
    "en": "a lot of messages",
    None: "Please wait a minute",
}


def user_events(db_path: Path, sender: str) -> list:
    with sqlite3.connect(db_path) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(data) for (data,) in rows]


def events(db_path: Path, sender: str) -> list:
    with sqlite3.connect(db_path) as db:
        return db.execute(
            "SELECT type_name, action_name FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()


def texts(reply: list) -> str:
    return "\n".join(m.get("text", "") for m in reply)


def get(url: str, headers: dict | None = None, method: str = "GET", data: bytes | None = None):
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# -- bounded input ----------------------------------------------------------------------------
def test_a_5_mb_body_is_refused_and_nothing_is_stored(stack, db_path):
    sender = f"big-{uuid.uuid4().hex[:8]}"
    body = {"sender": sender, "message": "Hallo", "metadata": {"language": "de", "blob": "x" * 5_000_000}}
    status, reply = post(URL, body)
    assert status == 413, (status, reply)
    assert user_events(db_path, sender) == []


def test_deeply_nested_metadata_is_refused_without_a_traceback(stack, db_path):
    sender = f"deep-{uuid.uuid4().hex[:8]}"
    nested = '{"a":' * 500 + "1" + "}" * 500
    raw = ('{"sender": "%s", "message": "Hallo", "metadata": %s}' % (sender, nested)).encode()
    log_before = len(stack.log_tail("rasa", 100_000))
    status, reply = post(URL, None, raw=raw)
    assert status == 400 and "deeper" in reply["error"]
    assert user_events(db_path, sender) == []
    assert "RecursionError" not in stack.log_tail("rasa", 100_000)[log_before:]


def test_unknown_metadata_keys_are_dropped_and_feedback_is_kept(stack, db_path):
    chat = Chat()
    chat.say("Bonjour", language="fr", evil={"nested": ["x"] * 50}, sql="'; DROP TABLE x")
    feedback = {"rating": "down", "facts": ["metz.mayor"], "comment": "old name", "extra": 1}
    reply = chat.say("/feedback", qp_feedback=feedback)
    assert REFUSED["fr"] not in texts(reply)
    first, second = (event.get("metadata") or {} for event in user_events(db_path, chat.sender))
    assert first.get("language") == "fr" and "evil" not in first and "sql" not in first
    assert second["qp_feedback"] == {"rating": "down", "facts": ["metz.mayor"], "comment": "old name"}


# -- typed commands -----------------------------------------------------------------------------
def test_typed_restart_and_intents_are_refused_politely(stack, db_path):
    chat = Chat()
    assert "Je suis l'assistant" in chat.text("Bonjour")
    before = events(db_path, chat.sender)
    for command in ("/restart", '/ask_board{"city": "metz"}', "/session_start"):
        assert REFUSED["fr"] in chat.text(command), command
    assert events(db_path, chat.sender) == before  # nothing ran, nothing was reset
    assert "Grosdidier" in chat.text("Qui est le maire de Metz ?")


def test_payloads_of_the_assistants_own_buttons_are_accepted(stack):
    chat = Chat()
    reply = chat.say("What can you do?")
    payloads = [
        b["payload"] for m in reply for b in m.get("buttons") or [] if b.get("payload", "").startswith("/")
    ]
    assert payloads, reply
    assert REFUSED["en"] not in chat.text(payloads[0])
    # ... and the widget's own language switcher
    assert REFUSED["en"] not in chat.text('/switch_language{"language":"de"}')
    # a payload never offered in this conversation is not
    assert REFUSED[None] in Chat().text(payloads[0])  # no language yet: trilingual


# -- one turn at a time, rate limits -----------------------------------------------------------
def test_concurrent_messages_get_a_fast_429_and_the_store_matches_what_was_seen(stack, db_path):
    chat = Chat()
    assert "Je suis l'assistant" in chat.text("Bonjour")
    questions = [
        "Qui est le maire de Metz ?",
        "Combien d'habitants a Trier ?",
        "Où est le secrétariat ?",
        "Qui est le maire de Trier ?",
        "Et Luxembourg ?",
    ]

    def send(text):
        start = time.monotonic()
        status, reply = post(URL, {"sender": chat.sender, "message": text})
        return text, status, reply, time.monotonic() - start

    with ThreadPoolExecutor(len(questions)) as pool:
        results = list(pool.map(send, questions))
    answered = [r for r in results if r[1] == 200]
    busy = [r for r in results if r[1] == 429]
    assert len(answered) >= 1 and len(answered) + len(busy) == len(questions), results
    assert busy, results
    for _, _, reply, elapsed in busy:
        assert BUSY["fr"] in texts(reply) and elapsed < 5, (reply, elapsed)
    stored = [event["text"] for event in user_events(db_path, chat.sender)]
    assert stored == ["Bonjour"] + [r[0] for r in answered] or (
        sorted(stored) == sorted(["Bonjour"] + [r[0] for r in answered])
    )


def test_rate_limit_per_conversation(stack):
    chat = Chat()
    statuses = [post(URL, {"sender": chat.sender, "message": ""})[0] for _ in range(20)]
    assert statuses == [200] * 20
    status, reply = post(URL, {"sender": chat.sender, "message": "Hallo"})
    assert status == 429 and any(text in texts(reply) for text in LIMITED.values()), reply
    assert post(URL, {"sender": Chat().sender, "message": ""})[0] == 200  # others go on


# -- socket.io: ownership and origins ---------------------------------------------------------
async def _session(token=None, session_id=None, origin=None):
    import socketio

    client = socketio.AsyncClient()
    confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
    received: list = []
    client.on("session_confirm", lambda data: confirmed.done() or confirmed.set_result(data))
    client.on("bot_uttered", lambda data: received.append(data.get("text", "")))
    headers = {"Origin": origin} if origin else {}
    await client.connect(f"http://127.0.0.1:{RASA_PORT}", transports=["polling"], headers=headers)
    request = {}
    if token is not None:
        request["session_token"] = token
    if session_id is not None:
        request["session_id"] = session_id
    await client.emit("session_request", request)
    data = await asyncio.wait_for(confirmed, 10)
    return client, data, received


async def _wait_for(received: list, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not received and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.5)


def test_socketio_session_cannot_be_taken_over(stack, db_path):
    import jwt

    async def scenario():
        owner, mine, owner_received = await _session()
        await owner.emit("user_uttered", {"message": "Hallo"})
        await _wait_for(owner_received)
        assert owner_received
        victim = mine["session_id"]
        forged = jwt.encode({"sid": victim}, "a-guessed-secret-of-sufficient-length-xx", algorithm="HS256")
        attackers = []
        for request in ({"session_id": victim}, {"token": forged}, {"token": victim}):
            attacker, theirs, attacker_received = await _session(**request)
            assert theirs["session_id"] != victim
            await attacker.emit(
                "user_uttered", {"message": "Wer ist Bürgermeister von Trier?", "session_id": victim}
            )
            attackers.append((attacker, attacker_received))
        owner_received.clear()
        await _wait_for(attackers[-1][1])
        assert owner_received == []  # the owner sees nothing of the attackers' turns
        # The owner comes back with the token: the same conversation.
        again, resumed, _ = await _session(token=mine["session_token"])
        assert resumed["session_id"] == victim
        # (a long-polling disconnect waits for the open poll: all at once)
        await asyncio.gather(
            owner.disconnect(), again.disconnect(), *(client.disconnect() for client, _ in attackers)
        )
        return victim

    victim = asyncio.run(scenario())
    assert [event["text"] for event in user_events(db_path, victim)] == ["Hallo"]


def test_socketio_and_rest_refuse_a_foreign_origin(stack, db_path):
    handshake = f"http://127.0.0.1:{RASA_PORT}/socket.io/?EIO=4&transport=polling"
    assert get(handshake, {"Origin": "http://evil.example"})[0] == 400
    assert get(handshake, {"Origin": f"http://localhost:{WEB_PORT}"})[0] == 200
    assert get(handshake)[0] == 200  # no Origin: not a browser page

    async def evil():
        import socketio

        with pytest.raises(socketio.exceptions.ConnectionError):
            await _session(origin="http://evil.example")

    asyncio.run(evil())
    sender = f"origin-{uuid.uuid4().hex[:8]}"
    status, _ = post(URL, {"sender": sender, "message": "Hallo"}, headers={"Origin": "http://evil.example"})
    assert status == 403 and user_events(db_path, sender) == []


# -- the action server ------------------------------------------------------------------------
def test_action_server_needs_the_token_and_never_echoes(stack):
    base = f"http://127.0.0.1:{ACTIONS_PORT}"
    token = stack.env["QP_ACTION_TOKEN"]
    assert get(base + "/health")[0] == 200
    assert get(base + "/actions")[0] == 401
    call = json.dumps(
        {
            "next_action": "action_answer_city_fact",
            "tracker": {"sender_id": "forged", "slots": {}, "latest_message": {}, "events": []},
            "domain": {},
        }
    ).encode()
    json_header = {"Content-Type": "application/json"}
    assert get(base + "/webhook", json_header, "POST", call)[0] == 401
    assert get(base + "/webhook", {**json_header, "Authorization": "Bearer wrong"}, "POST", call)[0] == 401
    auth = {**json_header, "Authorization": f"Bearer {token}"}
    assert get(base + "/actions", auth)[0] == 200
    for raw in (
        b"{not json SECRET-MARKER",
        b'["SECRET-MARKER"]',
        b'{"x": "SECRET-MARKER"}',
        b'{"next_action": "action_answer_city_fact", "tracker": "SECRET-MARKER"}',
    ):
        status, _, body = get(base + "/webhook", auth, "POST", raw)
        assert status == 400 and b"SECRET-MARKER" not in body, (raw, status, body)


def _non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # no packet is sent
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_every_service_listens_on_loopback_only(stack):
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address")
    for port in (RASA_PORT, ACTIONS_PORT, WEB_PORT):
        with socket.socket() as probe:
            probe.settimeout(2)
            assert probe.connect_ex((address, port)) != 0, port


# -- the web page server ----------------------------------------------------------------------
def test_web_server_serves_only_the_widget_with_safe_headers(stack):
    base = f"http://127.0.0.1:{WEB_PORT}"
    for path in (
        "/vendor/",
        "/.gitignore",
        "/package.json",
        "/package-lock.json",
        "/vendor/socket.io-client.LICENSE",
        "/../scripts/run.py",
        "/%2e%2e/Makefile",
    ):
        status, _, body = get(base + path)
        assert status == 404 and b"<a href" not in body, path
    status, headers, _ = get(base + "/")
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert f"ws://127.0.0.1:{RASA_PORT}" in policy
    for path in ("/chat.js", "/vendor/socket.io.min.js", "/chat.css", "/config.json"):
        status, headers, _ = get(base + path)
        assert status == 200 and headers["X-Content-Type-Options"] == "nosniff", path


# -- data -------------------------------------------------------------------------------------
def test_conversation_file_is_private(stack, db_path):
    Chat().say("Hallo")
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


# -- opened to the network: QP_HOST ------------------------------------------------------------
NET_RASA, NET_WEB = 22411, 23493


def test_qp_host_without_rest_token_refuses_to_start(tmp_path):
    from tests.reliability.conftest import Stack, env_vars

    with env_vars(QP_HOST="0.0.0.0", QP_REST_TOKEN=None):
        stack = Stack(NET_RASA, ACTIONS_PORT, NET_WEB, db=tmp_path / "c.db", start_actions=False)
        with pytest.raises(RuntimeError, match="QP_REST_TOKEN"):
            stack.start_rasa()
        stack.stop()
    assert "rasa" not in stack.processes


@pytest.fixture(scope="module")
def network_stack(stack, tmp_path_factory):
    """A second Rasa opened with QP_HOST=0.0.0.0 (traffic is still sent to 127.0.0.1 only);
    it uses the session stack's action server."""
    from tests.reliability.conftest import Stack, env_vars

    db = tmp_path_factory.mktemp("network") / "c.db"
    with env_vars(QP_HOST="0.0.0.0", QP_REST_TOKEN="network-test-token"):
        with Stack(NET_RASA, ACTIONS_PORT, NET_WEB, db=db, start_actions=False) as running:
            yield running


NET_URL = f"http://127.0.0.1:{NET_RASA}/webhooks/rest/webhook"
NET_AUTH = {"Authorization": "Bearer network-test-token"}


def test_rest_opened_to_the_network_needs_the_bearer_token(network_stack):
    body = {"sender": f"net-{uuid.uuid4().hex[:8]}", "message": "Hallo"}
    status, reply = post(NET_URL, body)
    assert status == 401 and "Bearer" in reply["error"]
    assert post(NET_URL, body, headers={"Authorization": "Bearer wrong"})[0] == 401
    status, reply = post(NET_URL, body, headers=NET_AUTH)
    assert status == 200 and "Hallo" in texts(reply)


def test_rate_limit_per_client_address(network_stack):
    """120 a minute from one address, whatever the conversation ids (only with QP_HOST)."""
    run = uuid.uuid4().hex[:6]

    def send(i):
        return post(NET_URL, {"sender": f"client-{run}-{i}", "message": ""}, headers=NET_AUTH)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(send, range(140)))
    statuses = [status for status, _ in results]
    assert 110 <= statuses.count(200) <= 125 and statuses.count(429) >= 15, statuses
    limited = [reply for status, reply in results if status == 429]
    assert all(LIMITED[None] in texts(reply) for reply in limited)


def test_rate_limits_off_for_load_tests(stack, tmp_path):
    from tests.reliability.conftest import Stack, env_vars

    with env_vars(QP_RATE_LIMIT="off", QP_HOST=None, QP_REST_TOKEN=None):
        with Stack(
            NET_RASA + 1, ACTIONS_PORT, NET_WEB + 1, db=tmp_path / "c.db", start_actions=False
        ) as loose:
            url = f"http://127.0.0.1:{loose.rasa_port}/webhooks/rest/webhook"
            sender = f"load-{uuid.uuid4().hex[:8]}"
            statuses = [post(url, {"sender": sender, "message": ""})[0] for _ in range(30)]
    assert statuses == [200] * 30  # the session stack answers the 21st with 429


def test_socketio_second_message_while_answering_gets_a_short_note(stack):
    async def scenario():
        client, _, received = await _session()
        await client.emit("user_uttered", {"message": "Bonjour"})
        await _wait_for(received)
        received.clear()
        await client.emit("user_uttered", {"message": "Qui est le maire de Metz ?"})
        await client.emit("user_uttered", {"message": "Et celui de Trier ?"})
        await _wait_for(received)
        await asyncio.sleep(3)
        await client.disconnect()
        return received

    received = asyncio.run(scenario())
    assert any(BUSY["fr"] in text for text in received), received
    assert any("Grosdidier" in text for text in received), received
