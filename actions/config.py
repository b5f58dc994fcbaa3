"""Configuration of the action server, read in one place."""

from __future__ import annotations

import os

#: Where to send people when the store does not know an answer.
NETWORK_WEBSITE = os.environ.get("QP_NETWORK_WEBSITE", "https://www.quattropole.org")

#: The facts store folder; empty means the project's data/facts.
FACTS_PATH = os.environ.get("QP_FACTS_PATH") or None
