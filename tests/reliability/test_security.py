"""Security of the running server: no HTTP API, CORS only for the configured origins, and no
secrets in the repository."""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.request

import pytest
import yaml

from tests.reliability.conftest import RASA_PORT, ROOT, WEB_PORT, Chat

BASE = f"http://localhost:{RASA_PORT}"


def _request(path: str, method: str = "GET", headers: dict | None = None, data: bytes | None = None):
    request = urllib.request.Request(BASE + path, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.mark.integration
@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/conversations/{sender}/tracker"),
        ("POST", "/conversations/{sender}/messages"),
        ("POST", "/conversations/{sender}/execute"),
        ("POST", "/model/parse"),
        ("PUT", "/model"),
    ],
)
def test_http_api_is_off(stack, method, path):
    chat = Chat()
    chat.say("Hallo")  # the conversation exists; its tracker must still not be readable
    status, _ = _request(
        path.format(sender=chat.sender),
        method,
        {"Content-Type": "application/json"},
        b"{}" if method != "GET" else None,
    )
    assert status in (401, 403, 404, 405), status


@pytest.mark.integration
def test_cors_only_for_configured_origins(stack):
    body = b'{"sender": "cors-test", "message": "Hallo"}'
    headers = {"Content-Type": "application/json"}
    status, allowed = _request(
        "/webhooks/rest/webhook", "POST", {**headers, "Origin": f"http://localhost:{WEB_PORT}"}, body
    )
    assert status == 200
    assert allowed.get("Access-Control-Allow-Origin") == f"http://localhost:{WEB_PORT}"
    for origin in ("http://evil.example", f"http://localhost:{WEB_PORT}.evil.example"):
        _, denied = _request("/webhooks/rest/webhook", "POST", {**headers, "Origin": origin}, body)
        assert "Access-Control-Allow-Origin" not in denied, origin
        _, preflight = _request(
            "/webhooks/rest/webhook",
            "OPTIONS",
            {"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        assert "Access-Control-Allow-Origin" not in preflight, origin


SECRET = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|xox[abp]-[0-9A-Za-z-]{10,}"
    r"|ghp_[0-9A-Za-z]{30,}|\b\d{8,10}:[A-Za-z0-9_-]{35}\b"  # Telegram bot token
)
PLACEHOLDER = re.compile(r"test|example|dummy|fake|placeholder", re.I)
SECRET_KEYS = {"password", "token", "secret", "access_token", "api_key", "jwt_key"}


def _repo_files() -> list:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def _secret_values(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).lower() in SECRET_KEYS and value not in (None, ""):
                if not (isinstance(value, str) and re.fullmatch(r"\$\{\w+\}", value)):
                    yield f"{path}{key}"
            yield from _secret_values(value, f"{path}{key}.")
    elif isinstance(node, list):
        for item in node:
            yield from _secret_values(item, path)


def test_no_secrets_in_the_repository():
    found = []
    for path in _repo_files():
        if path.suffix in {".gz", ".png", ".jpg", ".ico", ".woff", ".woff2", ".db"}:
            continue
        try:
            text = path.read_text()
        except (UnicodeDecodeError, OSError):
            continue
        for match in SECRET.finditer(text):
            if not PLACEHOLDER.search(match.group(0)):  # test stubs say so in the value
                found.append(str(path.relative_to(ROOT)))
    for name in ("endpoints.yml", "endpoints.prod.yml", "credentials.yml"):
        found += [f"{name}: {key}" for key in _secret_values(yaml.safe_load((ROOT / name).read_text()))]
    assert not found, f"secrets (use ${{VAR}} and the environment instead): {found}"
