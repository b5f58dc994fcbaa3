"""Slack: Rasa's connector with a configurable Web API address (tests, proxies, GovSlack)."""

from __future__ import annotations

import os
from typing import Any, Optional, Text

from rasa.core.channels.channel import OutputChannel
from rasa.core.channels.slack import SlackBot, SlackInput

from bot.channels.links import SkipsWidgetData, slack_mrkdwn

# Base address of the Slack Web API, default https://slack.com/api/ (e.g. a test stub).
API_URL_ENV = "SLACK_API_URL"


class LinkingSlackBot(SkipsWidgetData, SlackBot):
    """Rasa's Slack output; a fact reply's citation line becomes ``<url|label>``."""

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        thread = {"thread_ts": self.thread_id} if self.thread_id else {}
        for part in text.strip().split("\n\n"):
            await self.client.chat_postMessage(
                channel=recipient,
                as_user=True,
                text=slack_mrkdwn(part) or part,
                type="mrkdwn",
                unfurl_links=False,
                **thread,
            )


class ConfigurableSlackInput(SlackInput):
    """Rasa's Slack input; replies go to the Web API at $SLACK_API_URL when it is set."""

    def get_output_channel(
        self, channel: Optional[Text] = None, thread_id: Optional[Text] = None
    ) -> OutputChannel:
        bot = LinkingSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)
        api_url = os.environ.get(API_URL_ENV)
        if api_url:
            bot.client.base_url = api_url.rstrip("/") + "/"
        return bot
