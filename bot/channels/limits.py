"""The input limits of the web channels, in one place (docs/deployment.md lists them).

Everything here is checked before Rasa sees a message:

- the size of a request (REST body, socket.io packet): `MAX_BODY_BYTES`;
- the message metadata: at most `MAX_METADATA_BYTES` serialised and `MAX_METADATA_DEPTH`
  levels deep (else the request is refused), and only the keys of `METADATA_KEYS`, each with a
  bounded value (other keys and invalid values are dropped);
- how many messages one conversation and one client address may send (`RateLimits`);
  `QP_RATE_LIMIT=off` switches these off for benchmarks and load tests.

The values are far above what a person typing or clicking reaches and far below what would
cost the server: see the comments at each value.
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional, Text, Tuple

from aiolimiter import AsyncLimiter

#: A request body. The text itself is cut at `max_message_chars` (1000) with a note, so this
#: only has to let a pasted long text through to be cut: 1000 characters as JSON escapes are
#: 12 KB; 64 KB leaves room for a pasted page. The 5 MB bodies of issue 19 are refused (413).
MAX_BODY_BYTES = 64 * 1024
#: Metadata serialised as JSON. The largest legitimate one is a feedback with 20 fact keys and
#: a 500-character comment (about 3 KB).
MAX_METADATA_BYTES = 8 * 1024
#: {"qp_feedback": {"facts": [...]}} is 3 levels deep; deeper metadata is refused.
MAX_METADATA_DEPTH = 4
#: Language codes and locales ("de", "fr-LU", "de_DE.UTF-8").
MAX_LANGUAGE_CHARS = 35
MAX_FEEDBACK_FACTS, MAX_FACT_KEY_CHARS, MAX_FEEDBACK_COMMENT_CHARS = 20, 100, 500
FEEDBACK_RATINGS = ("up", "down")

#: Messages per conversation: a person types a question in 3 s at the fastest, and clicks
#: buttons perhaps once a second for a few clicks; 20 a minute and 300 an hour is never reached.
CONVERSATION_RATE = ((20, 60), (300, 3600))
#: Messages per client address, only when the server is opened with QP_HOST (locally every
#: client is the machine itself). Several people behind one NAT share an address: 120 a minute
#: is six people at full speed. Behind a reverse proxy set SANIC_PROXIES_COUNT (docs).
CLIENT_RATE = ((120, 60), (2000, 3600))
#: Limiters kept in memory; the least recently used are forgotten beyond this.
MAX_TRACKED_KEYS = 20_000


def _language(value: Any) -> Optional[Text]:
    if isinstance(value, str) and 0 < len(value) <= MAX_LANGUAGE_CHARS:
        return value
    return None


def _flag(value: Any) -> Optional[bool]:
    return value if isinstance(value, bool) else None


def _feedback(value: Any) -> Optional[Dict[Text, Any]]:
    """{"rating": "up"|"down", "facts": [<=20 keys of <=100 chars], "comment": <=500 chars}."""
    if not isinstance(value, Mapping) or value.get("rating") not in FEEDBACK_RATINGS:
        return None
    facts = value.get("facts") or []
    comment = value.get("comment") or ""
    if not isinstance(facts, list) or len(facts) > MAX_FEEDBACK_FACTS:
        return None
    if not all(isinstance(f, str) and 0 < len(f) <= MAX_FACT_KEY_CHARS for f in facts):
        return None
    if not isinstance(comment, str) or len(comment) > MAX_FEEDBACK_COMMENT_CHARS:
        return None
    return {"rating": value["rating"], "facts": list(facts), "comment": comment}


#: The metadata keys the channels use, each with the check of its value. `language` and its
#: synonyms are a page's or platform's language hint (actions/language.py HINT_KEYS),
#: `language_choice` the widget's language switcher, `qp_truncated` is set by the guard,
#: `qp_feedback` is the widget's feedback control (text `/feedback`).
METADATA_KEYS: Dict[Text, Callable[[Any], Any]] = {
    "language": _language,
    "language_code": _language,
    "lang": _language,
    "locale": _language,
    "language_choice": _language,
    "qp_truncated": _flag,
    "qp_feedback": _feedback,
}


def depth(value: Any) -> int:
    """Nesting depth of a JSON value (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, Mapping):
            children = list(node.values())
        elif isinstance(node, (list, tuple)):
            children = list(node)
        else:
            deepest = max(deepest, level)
            continue
        deepest = max(deepest, level + 1)
        stack.extend((child, level + 1) for child in children)
    return deepest


def clean_metadata(metadata: Any) -> Tuple[Optional[Dict[Text, Any]], Optional[Text]]:
    """(the allowed part of `metadata`, None), or (None, why it is refused)."""
    if metadata is None:
        return {}, None
    if not isinstance(metadata, Mapping):
        return None, "'metadata' must be a JSON object."
    if depth(metadata) > MAX_METADATA_DEPTH:
        return None, f"'metadata' is nested deeper than {MAX_METADATA_DEPTH} levels."
    try:
        size = len(json.dumps(metadata, ensure_ascii=False).encode("utf-8", "replace"))
    except (TypeError, ValueError):
        return None, "'metadata' must be plain JSON."
    if size > MAX_METADATA_BYTES:
        return None, f"'metadata' is larger than {MAX_METADATA_BYTES} bytes."
    kept: Dict[Text, Any] = {}
    for key, check in METADATA_KEYS.items():
        if key in metadata:
            value = check(metadata[key])
            if value is not None:
                kept[key] = value
    return kept, None


def rate_limits_on() -> bool:
    return (os.environ.get("QP_RATE_LIMIT") or "on").strip().lower() not in (
        "off",
        "0",
        "false",
        "no",
    )


class _Limiters:
    """One leaky bucket per key and window, forgetting the least recently used keys."""

    def __init__(self, rates: Tuple[Tuple[int, float], ...]) -> None:
        self.rates = rates
        self.buckets: "OrderedDict[Text, Tuple[AsyncLimiter, ...]]" = OrderedDict()

    async def allow(self, key: Text) -> bool:
        buckets = self.buckets.pop(key, None) or tuple(
            AsyncLimiter(count, period) for count, period in self.rates
        )
        self.buckets[key] = buckets
        while len(self.buckets) > MAX_TRACKED_KEYS:
            self.buckets.popitem(last=False)
        if not all(bucket.has_capacity() for bucket in buckets):
            return False
        for bucket in buckets:
            await bucket.acquire()  # returns at once: has_capacity() said so just now
        return True


@dataclass
class RateLimits:
    """Per conversation always, per client address when `per_client` (QP_HOST is set)."""

    per_client: bool = False
    enabled: bool = True

    def __post_init__(self) -> None:
        self.conversations = _Limiters(CONVERSATION_RATE)
        self.clients = _Limiters(CLIENT_RATE)

    @classmethod
    def from_environment(cls) -> "RateLimits":
        from bot.channels.access import network_host

        return cls(per_client=network_host() is not None, enabled=rate_limits_on())

    async def allow(self, conversation: Text, client: Optional[Text]) -> bool:
        if not self.enabled:
            return True
        if self.per_client and client and not await self.clients.allow(client):
            return False
        return await self.conversations.allow(conversation)
