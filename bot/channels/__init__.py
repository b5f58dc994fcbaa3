"""Rasa input channels: thin subclasses of Rasa's connectors, named by path in credentials*.yml.

- `rest`, `socket_io` (+ `guard`): the web channels with input checks and a reply for every turn.
- `telegram`, `slack`, `facebook`: the messengers (credentials.messengers.yml). They add the
  user's language as a hint in the message metadata (`metadata.language`, read by the
  language decision in actions/language.py) where the platform tells it, and let the platform's API address be
  configured, so tests and self-hosted API servers can stand in for the real one.
"""
