"""Fixtures for the insights tests: the known conversations in a SQLite tracker store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Dict

import pytest

from bot.facts import default_store
from bot.insights.figures import Period
from bot.insights.report import build
from bot.tracker_store import WindowedSQLTrackerStore
from tests.bot.insights import known

GENERATED = dt.datetime(2026, 11, 5, 8, 0, tzinfo=dt.timezone.utc)


def known_period() -> Period:
    since = dt.datetime.combine(known.SINCE, dt.time(), dt.timezone.utc).timestamp()
    until = dt.datetime.combine(known.UNTIL + dt.timedelta(days=1), dt.time(), dt.timezone.utc).timestamp()
    return Period(since, until)


def build_known(url: str) -> Dict[str, Any]:
    return build(url, known_period(), default_store().keys(), 90, generated=GENERATED)


@pytest.fixture(scope="session")
def domain():
    return known.domain()


@pytest.fixture(scope="session")
def sqlite_db(tmp_path_factory, domain) -> Path:
    """A SQLite tracker store holding the known conversations."""
    path = tmp_path_factory.mktemp("insights") / "conversations.db"
    store = WindowedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))
    known.fill(store)
    store.engine.dispose()
    return path


@pytest.fixture(scope="session")
def sqlite_report(sqlite_db) -> Dict[str, Any]:
    return build_known(f"sqlite:///{sqlite_db}")
