"""Configuration of the action server, read in one place."""

from __future__ import annotations

import os

#: The facts store folder; empty means the project's data/facts.
FACTS_PATH = os.environ.get("QP_FACTS_PATH") or None
