"""Bad input over REST and socket.io: a polite reply in the user's language, or a 400 for a
malformed request; never a 5xx, a hang or a silent turn.

`test_rasa_rest_input_today` records what Rasa's own RestInput does with the same requests
(in-process, with a stub agent), which is why credentials.yml uses bot.channels instead.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
import urllib.request
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import APOLOGY, RASA_PORT, Chat, post

pytestmark = pytest.mark.integration

URL = f"http://localhost:{RASA_PORT}/webhooks/rest/webhook"
EMPTY = {
    "de": "Ihre Nachricht ist leer.",
    "fr": "Votre message est vide.",
    "en": "Your message is empty.",
    None: "Ihre Nachricht ist leer. · Votre message est vide. · Your message is empty.",
}
TOO_LONG = {
    "de": "Ihre Nachricht war sehr lang",
    "fr": "Votre message était très long",
    "en": "Your message was very long",
}

MALFORMED = [
    ("not JSON", b"{not json"),
    ("a JSON list", b"[1, 2]"),
    ("a JSON string", b'"hello"'),
    ("no sender", b'{"message": "Hallo"}'),
    ("numeric sender", b'{"sender": 5, "message": "Hallo"}'),
    ("empty sender", b'{"sender": " ", "message": "Hallo"}'),
    ("sender too long", json.dumps({"sender": "x" * 300, "message": "Hallo"}).encode()),
    ("null message", b'{"sender": "s1", "message": null}'),
    ("no message", b'{"sender": "s1"}'),
    ("numeric message", b'{"sender": "s1", "message": 5}'),
    ("metadata a list", b'{"sender": "s1", "message": "Hallo", "metadata": [1]}'),
]


# -- Rasa's RestInput, for comparison -------------------------------------------------------
def test_rasa_rest_input_today():
    from rasa.core.channels.rest import RestInput
    from sanic import Sanic

    seen = []

    async def handler(message):
        seen.append((message.sender_id, message.text))
        await message.output_channel.send_text_message(message.sender_id, "ok")

    app = Sanic(f"rest_probe_{uuid.uuid4().hex[:6]}")
    app.blueprint(RestInput().blueprint(handler), url_prefix="/webhooks/rest")
    loop = asyncio.new_event_loop()

    def serve():
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(
            app.create_server(host="127.0.0.1", port=22498, return_asyncio_server=True)
        )
        loop.run_until_complete(server.startup())
        loop.run_forever()

    threading.Thread(target=serve, daemon=True).start()
    url = "http://127.0.0.1:22498/webhooks/rest/webhook"
    for _ in range(50):
        try:
            urllib.request.urlopen("http://127.0.0.1:22498/webhooks/rest/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    today = {
        name: (post(url, None, raw=raw)[0], seen[-1] if seen else None)
        for name, raw in MALFORMED[:4] + MALFORMED[7:10]
    }
    loop.call_soon_threadsafe(loop.stop)
    assert today["not JSON"][0] == 400
    assert today["a JSON list"][0] == 500  # AttributeError: 'list' has no 'get'
    assert today["no sender"] == (200, ("default", "Hallo"))  # everyone shares "default"
    assert today["null message"] == (200, ("s1", None))  # the dialogue runs on None
    assert today["numeric message"][0] == 200  # the exception is logged, the reply is []


# -- SafeRestInput ---------------------------------------------------------------------------
@pytest.mark.parametrize("name, raw", MALFORMED, ids=[name for name, _ in MALFORMED])
def test_malformed_request_gets_400(stack, name, raw):
    status, body = post(URL, None, raw=raw)
    assert status == 400 and body["error"], (name, status, body)


@pytest.mark.parametrize("text", ["", "   ", " \n\t ", "\x00\x07"])
def test_empty_message_gets_the_empty_note(stack, text):
    assert Chat().text(text) == EMPTY[None]  # no language known yet: trilingual


def test_empty_message_in_a_french_conversation_gets_french(stack):
    chat = Chat()
    assert "Je suis l'assistant" in chat.text("Bonjour")
    assert EMPTY["fr"] in chat.text("   ")


def test_very_long_message_is_capped_with_a_note(stack, db_path):
    chat = Chat()
    text = "Wer ist Bürgermeister von Trier? " + "Bitte sagen Sie es mir. " * 500
    assert len(text) > 10_000
    start = time.monotonic()
    reply = chat.say(text)
    assert time.monotonic() - start < 30
    # An answer (which one is up to the NLU on the cut text), then the note, in German.
    assert len(reply) >= 2 and TOO_LONG["de"] in reply[-1]["text"]
    with sqlite3.connect(db_path) as db:
        (stored,) = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (chat.sender,)
        ).fetchone()
    assert len(json.loads(stored)["text"]) <= 1000


@pytest.mark.parametrize(
    "text",
    [
        "😀🎉👍",
        "Hallo\x00\x07\x1b[31m",
        "<script>alert('x')</script>",
        "<b>Wer</b> ist Bürgermeister von <i>Metz</i>?",
        "'; DROP TABLE events; --",
        "1 OR 1=1; SELECT * FROM events",
        "x\ud800y",  # lone surrogate (valid JSON escape, invalid Unicode)
        "\u202eHallo",
    ],
)
def test_odd_text_gets_a_reply(stack, db_path, text):
    chat = Chat()
    reply = chat.say(text)
    # a fact's sources and keys ride on its text as `custom` (bot/channels/rest.py)
    assert reply and all(m.get("text") or m.get("buttons") or m.get("custom") for m in reply)
    assert any(m.get("text") for m in reply)
    assert "<script>" not in json.dumps(reply)
    with sqlite3.connect(db_path) as db:  # still there, and nothing stored with NUL
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (chat.sender,)
        ).fetchall()
    assert len(rows) == 1 and "\\u0000" not in rows[0][0]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=1500))
def test_any_text_gets_a_reply_and_the_server_stays_up(stack, text):
    status, reply = post(URL, {"sender": f"prop-{uuid.uuid4().hex[:8]}", "message": text})
    assert status == 200 and reply, (text, status, reply)
    assert not any(APOLOGY[lang] in m.get("text", "") for m in reply for lang in APOLOGY)


# -- socket.io ---------------------------------------------------------------------------------
async def _socket_turns(events: list, wait: float = 6.0) -> list:
    """Send socket.io `user_uttered` events; return the bot texts received per event."""
    import socketio

    client = socketio.AsyncClient()
    received: list = []
    confirmed = asyncio.Event()
    session = uuid.uuid4().hex

    @client.on("session_confirm")
    async def on_confirm(_data):
        confirmed.set()

    @client.on("bot_uttered")
    async def on_bot(data):
        received.append(data.get("text", ""))

    # Long polling: this environment's aiohttp is too old for python-socketio's websocket client.
    await client.connect(f"http://localhost:{RASA_PORT}", transports=["polling"])
    await client.emit("session_request", {"session_id": session})
    await asyncio.wait_for(confirmed.wait(), 10)
    replies = []
    for event in events:
        received.clear()
        data = {**event, "session_id": session} if isinstance(event, dict) else event
        await client.emit("user_uttered", data)
        deadline, first = time.monotonic() + wait, None
        while time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            if received and first is None:
                first = time.monotonic()
            if first is not None and time.monotonic() - first > 1.5:  # all parts arrived
                break
        replies.append(" ".join(received))
    await client.disconnect()
    return replies


def test_socketio_bad_input(stack):
    long_text = "Who is the mayor of Metz? " + "Please tell me. " * 700
    replies = asyncio.run(
        _socket_turns(
            [
                {"message": "Hello"},
                {"message": ""},
                {"message": None},
                "not an object",  # ignored with a warning, nothing breaks
                {"message": 42},  # ignored likewise
                {"message": long_text},
                {"message": "😀"},
            ]
        )
    )
    hello, empty, null, not_object, number, long_reply, emoji = replies
    assert "I'm the QuattroPole assistant" in hello
    assert EMPTY["en"] in empty and EMPTY["en"] in null
    assert not_object == "" and number == ""
    assert TOO_LONG["en"] in long_reply and long_reply.index(TOO_LONG["en"]) > 0
    assert emoji
