"""Messenger channels against local stand-ins for the platforms' APIs.

The Rasa server runs with credentials.messengers.yml merged in (all variables set, see
`ENV`), its Telegram and Slack API addresses pointed at `ApiStub`, a local HTTP server that
records every call and answers like the platform would. Tests post webhook payloads as the
platforms send them and read the replies from the stub. Ports 45005/45055/48080, stub 45099
(or free ones when those are taken).
"""

from __future__ import annotations

import cgi
import io
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.runtime.stack import MODEL, Stack
from tests.helpers import free_port

STUB_PORT = 45099
TELEGRAM_TOKEN = "123456789:AAH-test-token_for-local-stub"
TELEGRAM_BOT = "quattropole_test_bot"
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
FACEBOOK_SECRET = "0c9d1f4e2b7a4c3d9e8f7a6b5c4d3e2f"


def environment(stub_port: int) -> dict:
    """Every messenger variable set: test secrets, API addresses on the stub."""
    return {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_BOT_NAME": TELEGRAM_BOT,
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
        "TELEGRAM_API_URL": f"http://127.0.0.1:{stub_port}/telegram",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": f"http://127.0.0.1:{stub_port}/slack/api/",
        "FACEBOOK_VERIFY_TOKEN": "qp-verify-me",
        "FACEBOOK_APP_SECRET": FACEBOOK_SECRET,
        "FACEBOOK_PAGE_ACCESS_TOKEN": "EAAtestPageToken",
        "FACEBOOK_GRAPH_URL": f"http://127.0.0.1:{stub_port}/facebook/v2.6",
    }


class ApiStub(ThreadingHTTPServer):
    """Records {path, params} of each call; answers as Telegram, Slack or Facebook's API would."""

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), _StubHandler)
        self.calls: list = []
        self.lock = threading.Lock()

    def wait_for(self, predicate, timeout: float = 60) -> list:
        """Calls matching `predicate`, once at least one came and 1.5 s passed without more."""
        deadline = time.monotonic() + timeout
        found: list = []
        while time.monotonic() < deadline:
            with self.lock:
                now = [c for c in self.calls if predicate(c)]
            if now and len(now) == len(found):
                return now
            found = now
            time.sleep(1.5)
        return found


class _StubHandler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def _params(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        kind = self.headers.get("Content-Type", "")
        params: dict = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        if kind.startswith("application/json"):
            params.update(json.loads(body or b"{}"))
        elif kind.startswith("multipart/form-data"):
            form = cgi.FieldStorage(
                fp=io.BytesIO(body),
                headers=self.headers,
                environ={"REQUEST_METHOD": "POST", "CONTENT_TYPE": kind},
            )
            params.update({key: form.getfirst(key) for key in form.keys()})
        elif body:
            params.update(urllib.parse.parse_qsl(body.decode()))
        return params

    def do_POST(self) -> None:  # noqa: N802
        params = self._params()
        path = urllib.parse.urlsplit(self.path).path
        with self.server.lock:
            self.server.calls.append({"path": path, "params": params})
        method = path.rsplit("/", 1)[-1]
        if path.startswith("/telegram/"):
            if method == "getMe":
                result = {"id": 42, "is_bot": True, "first_name": "QuattroPole", "username": TELEGRAM_BOT}
            elif method == "sendMessage":
                result = {
                    "message_id": len(self.server.calls),
                    "date": int(time.time()),
                    "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
                    "text": params.get("text", ""),
                }
            else:
                result = True
            body = {"ok": True, "result": result}
        elif path.startswith("/facebook/"):
            recipient = (params.get("recipient") or {}).get("id")
            body = {"recipient_id": recipient, "message_id": f"m_{len(self.server.calls)}"}
        else:  # Slack Web API
            body = {"ok": True, "channel": params.get("channel"), "ts": f"{time.time():.6f}"}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST


@pytest.fixture(scope="module")
def api_stub():
    stub = ApiStub(free_port(STUB_PORT))
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    yield stub
    stub.shutdown()
    stub.server_close()


@pytest.fixture(scope="module")
def stack(api_stub, tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` first (make test does).")
    db = tmp_path_factory.mktemp("channels-db") / "conversations.db"
    ports = dict(rasa_port=free_port(45005), actions_port=free_port(45055), web_port=free_port(48080))
    running = Stack(**ports, db=db, env=environment(api_stub.server_address[1]))
    with running:
        yield running
