"""Fixtures shared by the tests of the `bot` package."""

from __future__ import annotations

import pytest

from bot.facts import FactsStore, load_store


@pytest.fixture(scope="session")
def store() -> FactsStore:
    """The real facts store (data/facts), loaded once."""
    return load_store()
