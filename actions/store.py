"""The facts store, loaded and validated once when the action server starts.

An invalid store raises `bot.facts.FactsError` here, so the server refuses to start instead of
answering wrongly (see actions/__main__.py)."""

from __future__ import annotations

from pathlib import Path

from actions.config import FACTS_PATH
from bot.facts import FactsError, FactsStore, default_store, load_store

STORE: FactsStore = load_store(Path(FACTS_PATH)) if FACTS_PATH else default_store()
if not STORE.network_website:
    raise FactsError(f"{FACTS_PATH or 'data/facts'}: the network's `website` is missing")
#: Where to send people when the store does not know an answer: the network's website, a fact
#: of the store (`website` in data/facts/network.yml).
NETWORK_WEBSITE: str = STORE.network_website
