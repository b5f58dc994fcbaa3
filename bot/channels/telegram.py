"""Telegram: Rasa's connector plus the user's `language_code` as the first language hint."""

from __future__ import annotations

import asyncio
import os
from typing import Any, Dict, Optional, Text

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic.request import Request

from bot.channels.links import SkipsWidgetData, telegram_html

# Base address of the Bot API, e.g. a self-hosted telegram-bot-api server or a test stub.
API_URL_ENV = "TELEGRAM_API_URL"


def language_of(update: Dict[Text, Any]) -> Optional[Text]:
    """The sender's `language_code` ("de", "fr", "pt-br" -> "pt") from a Telegram Update."""
    for key in ("message", "edited_message", "callback_query"):
        sender = (update.get(key) or {}).get("from") or {}
        code = sender.get("language_code")
        if isinstance(code, str) and code.strip():
            return code.strip().split("-")[0].split("_")[0].lower()
    return None


class LanguageAwareTelegramOutput(SkipsWidgetData, TelegramOutput):
    """Rasa's Telegram output, talking to the Bot API at `api_url` when one is given."""

    def __init__(self, access_token: Optional[Text], api_url: Optional[Text] = None) -> None:
        server = TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """Rasa's, but a fact reply's citation line becomes a link on its label (HTML)."""
        for part in text.strip().split("\n\n"):
            linked = telegram_html(part)
            if linked is None:
                await self.send_message(recipient_id, part)
            else:
                await self.send_message(
                    recipient_id, linked, parse_mode="HTML", disable_web_page_preview=True
                )


class LanguageAwareTelegramInput(TelegramInput):
    """Rasa's Telegram input; each message carries {"language": <user's language_code>}."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "LanguageAwareTelegramInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # the call above raises (NoReturn through `cls` is not seen)
        channel = cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
        )
        channel.api_url = credentials.get("api_url") or os.environ.get(API_URL_ENV) or None
        return channel

    api_url: Optional[Text] = None

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        update = request.json if isinstance(request.json, dict) else {}
        language = language_of(update)
        return {"language": language} if language else None

    def get_output_channel(self) -> LanguageAwareTelegramOutput:
        """Rasa's, with the configurable API address and one fix.

        Rasa registers the webhook in a throw-away event loop (`asyncio.run`), and aiogram
        keeps the HTTP session it opened there: every later call, from the server's loop,
        then fails with "Event loop is closed" (500 on each update). We close that session
        inside the throw-away loop, so aiogram opens a new one in the server's loop.
        """
        channel = LanguageAwareTelegramOutput(self.access_token, self.api_url)

        async def register() -> None:
            try:
                await channel.set_webhook(url=self.webhook_url)
            finally:
                await channel.session.close()

        try:
            asyncio.run(register())
        except TelegramAPIError as error:
            raise RasaException("Failed to set channel webhook: " + str(error)) from error
        return channel
