"""The citation line of a fact reply, as each chat channel shows a link.

A fact reply ends with a line "Quelle: <label> (<date>) – <url>" (the words come from
domain.yml). Plain channels (REST, rasa shell) show it as it is; Telegram and Slack turn the
label into a link in their own markup, so a long address never wraps over several lines.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable, Optional, Tuple

# "<prefix>: <label> – <url>" on the last line; the prefix is one or two words
# ("Quelle:", "Source :", "Source:"), the label has no line break, the url no space.
CITATION = re.compile(r"^(?P<prefix>[^\n:–]{1,20}?\s?:)\s(?P<label>[^\n]+?) – (?P<url>https?://\S+)\s*$")


def split_citation(text: str) -> Optional[Tuple[str, str, str, str]]:
    """(body, prefix, label, url) when the last line of `text` is a citation, else None."""
    body, _, last = text.rstrip().rpartition("\n")
    match = CITATION.match(last)
    if not match:
        return None
    return body, match["prefix"], match["label"], match["url"]


def render(text: str, escape: Callable[[str], str], link: Callable[[str, str], str]) -> Optional[str]:
    """`text` with its citation line as a link, the rest escaped; None without a citation."""
    parts = split_citation(text)
    if parts is None:
        return None
    body, prefix, label, url = parts
    head = escape(body) + "\n" if body else ""
    return f"{head}{escape(prefix)} {link(label, url)}"


def telegram_html(text: str) -> Optional[str]:
    """Telegram HTML (parse_mode="HTML"): ``<a href="url">label</a>``."""
    return render(
        text,
        lambda t: html.escape(t, quote=False),
        lambda label, url: f'<a href="{html.escape(url)}">{html.escape(label, quote=False)}</a>',
    )


def _slack_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_mrkdwn(text: str) -> Optional[str]:
    """Slack mrkdwn: ``<url|label>``."""
    return render(
        text,
        _slack_escape,
        lambda label, url: (
            f"<{url.replace('|', '%7C').replace('>', '%3E')}|{_slack_escape(label).replace('|', '/')}>"
        ),
    )


WIDGET_KEY = "qp"


class SkipsWidgetData:
    """Output-channel mixin: the fact replies' custom JSON ``{"qp": {...}}`` is for the web
    widget and feedback; messengers would post it as a message (Slack, Facebook) or fail.
    Other custom JSON passes on unchanged."""

    async def send_custom_json(self, recipient_id: str, json_message: Any, **kwargs: Any) -> None:
        if isinstance(json_message, dict) and WIDGET_KEY in json_message:
            json_message = {k: v for k, v in json_message.items() if k != WIDGET_KEY}
            if not json_message:
                return
        await super().send_custom_json(recipient_id, json_message, **kwargs)  # type: ignore[misc]
