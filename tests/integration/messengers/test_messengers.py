"""Telegram, Slack and Facebook Messenger webhooks, posted as the platforms post them; replies read from the stub."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.request

import pytest

from .conftest import FACEBOOK_SECRET, SLACK_SECRET, TELEGRAM_BOT

pytestmark = pytest.mark.integration


def post(url: str, body: bytes, headers: dict) -> str:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=90) as response:
        return response.read().decode()


def telegram_update(chat_id: int, text: str, language_code: str) -> dict:
    """An Update exactly as Telegram posts it for a private text message."""
    return {
        "update_id": 815000000 + chat_id % 1000,
        "message": {
            "message_id": 17,
            "from": {
                "id": chat_id,
                "is_bot": False,
                "first_name": "Camille",
                "username": f"camille{chat_id}",
                "language_code": language_code,
            },
            "chat": {
                "id": chat_id,
                "first_name": "Camille",
                "username": f"camille{chat_id}",
                "type": "private",
            },
            "date": int(time.time()),
            "text": text,
        },
    }


def telegram(stack, api_stub, chat_id: int, text: str, language_code: str) -> str:
    url = f"http://localhost:{stack.rasa_port}/webhooks/telegram/webhook"
    body = json.dumps(telegram_update(chat_id, text, language_code)).encode()
    assert post(url, body, {"Content-Type": "application/json"}) == "success"
    calls = api_stub.wait_for(
        lambda c: c["path"].endswith("/sendMessage") and c["params"].get("chat_id") == str(chat_id)
    )
    assert calls, f"no sendMessage to {chat_id}:\n{stack.log_tail('rasa')}"
    return "\n".join(c["params"]["text"] for c in calls)


def test_telegram_registers_webhook_and_checks_bot(stack, api_stub):
    paths = [c["path"] for c in api_stub.calls]
    assert any(p.endswith("/setWebhook") for p in paths), paths
    hook = next(c for c in api_stub.calls if c["path"].endswith("/setWebhook"))
    assert hook["params"]["url"] == "https://bot.example.org/webhooks/telegram/webhook"
    assert TELEGRAM_BOT


def test_telegram_french_question(stack, api_stub):
    reply = telegram(stack, api_stub, 5550001, "Qui est le maire de Sarrebruck ?", "fr")
    assert "Conradt" in reply
    assert "Source" in reply or "maire" in reply, reply


def test_telegram_language_code_is_the_first_hint(stack, api_stub):
    """A message with no language in it ("Trier") is answered in the user's app language."""
    german = telegram(stack, api_stub, 5550002, "Trier", "de")
    french = telegram(stack, api_stub, 5550003, "Trier", "fr-FR")
    assert german != french
    assert any(w in german for w in (" ist ", " die ", " der ", "Stadt")), german
    assert any(w in french for w in (" est ", " la ", " le ", "ville")), french


def slack_signed(body: bytes) -> dict:
    timestamp = str(int(time.time()))
    digest = hmac.new(
        SLACK_SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256
    ).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
    }


def slack_event(user: str, channel: str, text: str) -> dict:
    """An Events API `message.im` callback as Slack posts it."""
    ts = f"{time.time():.6f}"
    return {
        "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        "team_id": "T0QPTEST1",
        "api_app_id": "A0QPTEST1",
        "event": {
            "client_msg_id": "5d0c6b3e-0000-4000-8000-000000000001",
            "type": "message",
            "text": text,
            "user": user,
            "ts": ts,
            "team": "T0QPTEST1",
            "channel": channel,
            "event_ts": ts,
            "channel_type": "im",
        },
        "type": "event_callback",
        "event_id": "Ev0QPTEST1",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": "T0QPTEST1",
                "user_id": "U0QPBOT01",
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


def test_slack_rejects_an_unsigned_event(stack):
    url = f"http://localhost:{stack.rasa_port}/webhooks/slack/webhook"
    body = json.dumps(slack_event("U0QPUSER1", "D0QPDM001", "Hallo")).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": str(int(time.time())),
        "X-Slack-Signature": "v0=" + "0" * 64,
    }
    with pytest.raises(urllib.error.HTTPError) as error:
        post(url, body, headers)
    assert error.value.code == 400


def test_slack_german_question(stack, api_stub):
    url = f"http://localhost:{stack.rasa_port}/webhooks/slack/webhook"
    body = json.dumps(slack_event("U0QPUSER2", "D0QPDM002", "Wer ist Bürgermeister von Trier?")).encode()
    post(url, body, slack_signed(body))
    calls = api_stub.wait_for(
        lambda c: c["path"].endswith("/chat.postMessage") and c["params"].get("channel") == "D0QPDM002"
    )
    assert calls, stack.log_tail("rasa")
    reply = "\n".join(c["params"]["text"] for c in calls)
    assert "Leibe" in reply
    assert "Bürgermeister" in reply or "Quelle" in reply, reply


def facebook_event(psid: str, text: str) -> dict:
    """A Messenger Platform `messages` webhook event as Facebook posts it."""
    now = int(time.time() * 1000)
    return {
        "object": "page",
        "entry": [
            {
                "id": "104857600000001",
                "time": now,
                "messaging": [
                    {
                        "sender": {"id": psid},
                        "recipient": {"id": "104857600000001"},
                        "timestamp": now,
                        "message": {"mid": f"m_{psid}_{now}", "text": text},
                    }
                ],
            }
        ],
    }


def test_facebook_webhook_verification(stack):
    url = (
        f"http://localhost:{stack.rasa_port}/webhooks/facebook/webhook"
        "?hub.mode=subscribe&hub.verify_token=qp-verify-me&hub.challenge=1158201444"
    )
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.read().decode() == "1158201444"


def test_facebook_french_question(stack, api_stub):
    url = f"http://localhost:{stack.rasa_port}/webhooks/facebook/webhook"
    body = json.dumps(facebook_event("6100000000000042", "Qui est le maire de Sarrebruck ?")).encode()
    unsigned = post(url, body, {"Content-Type": "application/json", "X-Hub-Signature": "sha1=00"})
    assert unsigned == "not validated"
    signature = "sha1=" + hmac.new(FACEBOOK_SECRET.encode(), body, hashlib.sha1).hexdigest()
    assert post(url, body, {"Content-Type": "application/json", "X-Hub-Signature": signature}) == "success"
    calls = api_stub.wait_for(
        lambda c: (
            c["path"].endswith("/me/messages")
            and (c["params"].get("recipient") or {}).get("id") == "6100000000000042"
            and "message" in c["params"]
        )
    )
    assert calls, stack.log_tail("rasa")
    assert all(c["path"] == "/facebook/v2.6/me/messages" for c in calls)
    reply = "\n".join(c["params"]["message"].get("text", "") for c in calls)
    assert "Conradt" in reply
    assert "Source" in reply or "maire" in reply, reply
