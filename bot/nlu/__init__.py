"""Rasa graph components of the assistant (loaded by the Rasa server, never by the actions)."""

from bot.nlu import rasa_fixes  # noqa: F401  (keeps slot-mapping actions' messages)
