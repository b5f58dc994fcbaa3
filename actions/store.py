"""The facts store, loaded and validated once when the action server starts.

An invalid store raises `bot.facts.FactsError` here, so the server refuses to start instead of
answering wrongly (see actions/__main__.py)."""

from __future__ import annotations

from pathlib import Path

from actions.config import FACTS_PATH
from bot.facts import FactsStore, default_store, load_store

STORE: FactsStore = load_store(Path(FACTS_PATH)) if FACTS_PATH else default_store()
