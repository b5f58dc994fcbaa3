"""Rasa graph components of the assistant (loaded by the Rasa server, never by the actions).

Importing them changes nothing in Rasa; the Rasa server applies `bot.nlu.rasa_patches` itself."""
