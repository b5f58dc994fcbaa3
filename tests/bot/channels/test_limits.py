"""bot/channels/limits.py and access.py without a server: metadata, rate limits, tokens."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels import access
from bot.channels.limits import (
    CONVERSATION_RATE,
    MAX_METADATA_DEPTH,
    RateLimits,
    clean_metadata,
    depth,
)


def test_only_known_keys_with_valid_values_are_kept():
    kept, error = clean_metadata(
        {
            "language": "fr",
            "language_choice": "de",
            "qp_truncated": True,
            "evil": "x" * 100,
            "locale": "x" * 200,
            "lang": 3,
            "qp_feedback": {"rating": "up", "facts": ["metz.mayor"], "comment": "merci", "x": 1},
        }
    )
    assert error is None
    assert kept == {
        "language": "fr",
        "language_choice": "de",
        "qp_truncated": True,
        "qp_feedback": {"rating": "up", "facts": ["metz.mayor"], "comment": "merci"},
    }


@pytest.mark.parametrize(
    "feedback",
    [
        {"rating": "meh"},
        {"rating": "down", "facts": ["k"] * 21},
        {"rating": "down", "facts": ["k" * 101]},
        {"rating": "down", "comment": "c" * 501},
        "up",
    ],
)
def test_invalid_feedback_is_dropped(feedback):
    assert clean_metadata({"qp_feedback": feedback}) == ({}, None)


def test_deep_large_or_non_object_metadata_is_refused():
    deep: dict = {}
    node = deep
    for _ in range(500):
        node["a"] = {}
        node = node["a"]
    assert depth(deep) == 501
    assert clean_metadata(deep)[0] is None and "deeper" in clean_metadata(deep)[1]
    assert depth({"a": {"b": [1]}}) == 3 <= MAX_METADATA_DEPTH
    assert clean_metadata({"language": "de", "x": "y" * 10_000})[1].startswith("'metadata' is larger")
    assert clean_metadata(["de"])[0] is None
    assert clean_metadata(None) == ({}, None)


def test_rate_limits_per_conversation_and_client():
    async def run():
        per_minute = CONVERSATION_RATE[0][0]
        limits = RateLimits(per_client=False)
        results = [await limits.allow("c1", "1.2.3.4") for _ in range(per_minute + 1)]
        assert results == [True] * per_minute + [False]
        assert await limits.allow("c2", "1.2.3.4")  # another conversation, no client limit
        clients = RateLimits(per_client=True)
        allowed = [await clients.allow(f"c{i}", "5.6.7.8") for i in range(200)]
        assert 100 <= allowed.count(True) <= 130  # 120 a minute from one address
        assert await clients.allow("other", "9.9.9.9")
        off = RateLimits(per_client=True, enabled=False)
        assert all([await off.allow("c", "1.1.1.1") for _ in range(500)])

    asyncio.run(run())


def test_rate_limit_setting(monkeypatch):
    monkeypatch.setenv("QP_RATE_LIMIT", "off")
    assert not RateLimits.from_environment().enabled
    monkeypatch.delenv("QP_RATE_LIMIT")
    monkeypatch.delenv("QP_HOST", raising=False)
    limits = RateLimits.from_environment()
    assert limits.enabled and not limits.per_client
    monkeypatch.setenv("QP_HOST", "0.0.0.0")
    assert RateLimits.from_environment().per_client


def test_rest_token_needed_only_when_opened_to_the_network(monkeypatch):
    monkeypatch.delenv("QP_HOST", raising=False)
    monkeypatch.delenv("QP_REST_TOKEN", raising=False)
    assert access.rest_authorized(None)
    for host in ("127.0.0.1", "localhost", "::1"):
        monkeypatch.setenv("QP_HOST", host)
        assert access.rest_authorized(None)
    monkeypatch.setenv("QP_HOST", "0.0.0.0")
    assert not access.rest_authorized("Bearer anything")  # no token configured: closed
    monkeypatch.setenv("QP_REST_TOKEN", "s3cret-test")
    assert not access.rest_authorized(None)
    assert not access.rest_authorized("Bearer wrong")
    assert not access.rest_authorized("Basic s3cret-test")
    assert access.rest_authorized("Bearer s3cret-test")


def test_origins(monkeypatch):
    monkeypatch.setenv("QP_WEB_ORIGINS", "http://localhost:8080,https://www.metz.fr/")
    assert access.origin_allowed(None)
    assert access.origin_allowed("https://www.metz.fr")
    assert not access.origin_allowed("http://evil.example")
    assert not access.origin_allowed("http://localhost:8080.evil.example")


def test_session_tokens(monkeypatch):
    monkeypatch.setenv("QP_SESSION_SECRET", "one-test-secret-that-is-long-enough-for-hs256")
    session_id, token = access.new_session()
    assert access.session_of(token) == session_id
    assert access.session_of(session_id) is None  # a bare id is not a token
    assert access.session_of(None) is None
    monkeypatch.setenv("QP_SESSION_SECRET", "another-test-secret-that-is-long-enough-for-hs256")
    assert access.session_of(token) is None  # forged with another key
