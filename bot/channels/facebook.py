"""Facebook Messenger: Rasa's connector with a configurable Graph API address.

`fbmessenger` fixes https://graph.facebook.com in the client that Rasa creates inside its
webhook handler, so this class re-declares Rasa's three routes (the same code) with a
`Messenger` whose client posts to $FACEBOOK_GRAPH_URL when that is set (tests, proxies).
"""

from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from fbmessenger import MessengerClient
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.links import SkipsWidgetData

logger = logging.getLogger(__name__)

# Base address of the Graph API including the version, e.g. https://graph.facebook.com/v2.6
GRAPH_URL_ENV = "FACEBOOK_GRAPH_URL"


def _client(page_access_token: Text) -> MessengerClient:
    client = MessengerClient(page_access_token)
    graph_url: Optional[Text] = os.environ.get(GRAPH_URL_ENV)
    if graph_url:
        client.graph_url = graph_url.rstrip("/")
    return client


class WidgetFreeMessengerBot(SkipsWidgetData, MessengerBot):
    """Rasa's Messenger output without the web widget's custom JSON (see links.py)."""


class ConfigurableMessenger(Messenger):
    def __init__(
        self, page_access_token: Text, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        super().__init__(page_access_token, on_new_message)
        self.client = _client(page_access_token)

    async def _handle_user_message(
        self, text: Text, sender_id: Text, metadata: Optional[Dict[Text, Any]]
    ) -> None:
        """Rasa 3.6's code, with `WidgetFreeMessengerBot` as the output channel."""
        out_channel = WidgetFreeMessengerBot(self.client)
        await out_channel.send_action(sender_id, sender_action="mark_seen")
        user_msg = UserMessage(text, out_channel, sender_id, input_channel=self.name(), metadata=metadata)
        await out_channel.send_action(sender_id, sender_action="typing_on")
        try:
            await self.on_new_message(user_msg)
        except Exception:  # as Rasa: one failing turn must not break the webhook
            logger.exception("Exception when trying to handle webhook for facebook message.")
        finally:
            await out_channel.send_action(sender_id, sender_action="typing_off")


class ConfigurableFacebookInput(FacebookInput):
    """Rasa's Facebook input; replies go to the Graph API at $FACEBOOK_GRAPH_URL if set."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        fb_webhook = Blueprint("fb_webhook", __name__)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            if request.args.get("hub.verify_token") == self.fb_verify:
                return response.text(request.args.get("hub.challenge"))
            return response.text("failure, invalid token")

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            signature = request.headers.get("X-Hub-Signature") or ""
            if not self.validate_hub_signature(self.fb_secret, request.body, signature):
                return response.text("not validated")
            messenger = ConfigurableMessenger(self.fb_access_token, on_new_message)
            await messenger.handle(request.json, self.get_metadata(request))
            return response.text("success")

        return fb_webhook

    def get_output_channel(self) -> OutputChannel:
        return WidgetFreeMessengerBot(_client(self.fb_access_token))
