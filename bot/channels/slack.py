"""Slack: Rasa's connector with a configurable Web API address (tests, proxies, GovSlack)."""

from __future__ import annotations

import os
from typing import Optional, Text

from rasa.core.channels.channel import OutputChannel
from rasa.core.channels.slack import SlackBot, SlackInput

# Base address of the Slack Web API, default https://slack.com/api/ (e.g. a test stub).
API_URL_ENV = "SLACK_API_URL"


class ConfigurableSlackInput(SlackInput):
    """Rasa's Slack input; replies go to the Web API at $SLACK_API_URL when it is set."""

    def get_output_channel(
        self, channel: Optional[Text] = None, thread_id: Optional[Text] = None
    ) -> OutputChannel:
        bot = SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)
        api_url = os.environ.get(API_URL_ENV)
        if api_url:
            bot.client.base_url = api_url.rstrip("/") + "/"
        return bot
