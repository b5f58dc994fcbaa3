"""Citation lines as links in Telegram and Slack; widget data kept away from messengers."""

from __future__ import annotations

import asyncio
from typing import Any, List

from bot.channels.links import SkipsWidgetData, slack_mrkdwn, split_citation, telegram_html

REPLY = (
    "Le maire de Trèves est Wolfram Leibe <SPD> & co. (état : septembre 2022)\n"
    "Source : Stadt Trier – trier.de (2022) – https://www.trier.de/a?b=1&c=2"
)


def test_split_citation() -> None:
    body, prefix, label, url = split_citation(REPLY)
    assert body.startswith("Le maire") and prefix == "Source :"
    assert label == "Stadt Trier – trier.de (2022)" and url == "https://www.trier.de/a?b=1&c=2"
    assert split_citation("Hallo! Wie kann ich helfen?") is None
    assert split_citation("Quelle: https://www.trier.de") is None  # no label, nothing to link


def test_telegram_html_link() -> None:
    html = telegram_html(REPLY)
    assert html.endswith(
        'Source : <a href="https://www.trier.de/a?b=1&amp;c=2">Stadt Trier – trier.de (2022)</a>'
    )
    assert "&lt;SPD&gt; &amp; co." in html
    assert telegram_html("Guten Tag") is None


def test_slack_link() -> None:
    text = slack_mrkdwn(REPLY)
    assert text.endswith("Source : <https://www.trier.de/a?b=1&c=2|Stadt Trier – trier.de (2022)>")
    assert "&lt;SPD&gt; &amp; co." in text


class _Recorder:
    def __init__(self) -> None:
        self.sent: List[Any] = []

    async def send_custom_json(self, recipient_id: str, json_message: Any, **kwargs: Any) -> None:
        self.sent.append(json_message)


class _Output(SkipsWidgetData, _Recorder):
    pass


def test_widget_data_is_not_posted_to_messengers() -> None:
    out = _Output()
    asyncio.run(out.send_custom_json("u", {"qp": {"facts": ["x"]}}))
    asyncio.run(out.send_custom_json("u", {"qp": {}, "blocks": [1]}))
    asyncio.run(out.send_custom_json("u", {"text": "hi"}))
    assert out.sent == [{"blocks": [1]}, {"text": "hi"}]
