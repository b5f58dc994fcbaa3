"""scripts/retention.py deletes the events older than QP_RETENTION_DAYS, and only those, even
in a conversation that is still active; `make forget` erases one conversation; `make run`
(Stack) runs the retention on its own."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT, fresh_postgres_database
from tests.reliability.conftest import require

DAY = 86400


def _fill(endpoints: Path) -> None:
    """Three conversations: idle 200 days, idle 100 days, active today (started 200 days ago)."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import read_endpoint_config

    store = TrackerStore.create(read_endpoint_config(str(endpoints), "tracker_store"))
    now = time.time()
    for sender, ages in {"old": (200, 200), "older_than_90": (100, 100), "active": (200, 0)}.items():
        events = [
            UserUttered("Hallo", timestamp=now - ages[0] * DAY),
            BotUttered("Hallo!", timestamp=now - ages[1] * DAY),
        ]
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def _events(endpoints: Path) -> list:
    import sqlalchemy as sa

    from bot.store_url import database_url

    engine = sa.create_engine(database_url(endpoints))
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT sender_id, type_name FROM events ORDER BY id"))
        found = [tuple(row) for row in rows]
    engine.dispose()
    return found


def _senders(endpoints: Path) -> set:
    import sqlalchemy as sa

    from bot.store_url import database_url

    engine = sa.create_engine(database_url(endpoints))
    with engine.connect() as connection:
        senders = {row[0] for row in connection.execute(sa.text("SELECT sender_id FROM events"))}
    engine.dispose()
    return senders


def _retention(endpoints: Path, *args: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "scripts.retention", "--endpoints", str(endpoints), *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _check(endpoints: Path) -> None:
    _fill(endpoints)
    assert _senders(endpoints) == {"old", "older_than_90", "active"}
    out = _retention(endpoints, "--dry-run", QP_RETENTION_DAYS="90")
    assert "Would delete 5 events older than 90 days from 3 conversations" in out
    assert _senders(endpoints) == {"old", "older_than_90", "active"}
    out = _retention(endpoints, QP_RETENTION_DAYS="150")
    assert "Deleted 3 events older than 150 days from 2 conversations" in out
    assert _senders(endpoints) == {"older_than_90", "active"}
    _retention(endpoints)  # default: 90 days
    # The active conversation keeps its recent answer; its 200-day-old message is gone.
    assert _events(endpoints) == [("active", "bot")]


def test_retention_on_sqlite(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        yaml.safe_dump({"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(tmp_path / "c.db")}})
    )
    _check(endpoints)


@pytest.mark.integration
def test_retention_on_postgresql(tmp_path, monkeypatch):
    require("PostgreSQL")
    with fresh_postgres_database() as name:
        env = dict(
            QP_DB_HOST="127.0.0.1",
            QP_DB_PORT="5432",
            QP_DB_NAME=name,
            QP_DB_USER="postgres",
            QP_DB_PASSWORD="",
            QP_REDIS_HOST="127.0.0.1",
            QP_REDIS_PORT="6379",
            QP_REDIS_PASSWORD="",
            QP_ACTION_TOKEN="unused-here",
        )
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        _check(ROOT / "endpoints.prod.yml")


def _sqlite_endpoints(tmp_path: Path) -> Path:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        yaml.safe_dump({"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(tmp_path / "c.db")}})
    )
    return endpoints


def test_make_forget_erases_one_conversation(tmp_path):
    endpoints = _sqlite_endpoints(tmp_path)
    _fill(endpoints)
    result = subprocess.run(
        ["make", "-s", "forget", "SENDER=active"],
        cwd=ROOT,
        env={**os.environ, "QP_ENDPOINTS": str(endpoints)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Deleted 2 events of conversation 'active'" in result.stdout
    assert _senders(endpoints) == {"old", "older_than_90"}
    usage = subprocess.run(["make", "-s", "forget"], cwd=ROOT, capture_output=True, text=True)
    assert usage.returncode != 0 and "SENDER=" in usage.stderr


def test_the_stack_runs_retention_on_its_own(tmp_path):
    """At start and then every QP_RETENTION_INTERVAL hours, without anyone typing make purge."""
    from tests.reliability.conftest import Stack

    db = tmp_path / "c.db"
    endpoints = _sqlite_endpoints(tmp_path)
    _fill(endpoints)
    interval_hours = 2 / 3600  # every two seconds
    stack = Stack(
        22408,
        22458,
        23488,
        db=db,
        endpoints=ROOT / "endpoints.yml",
        env={"QP_RETENTION_INTERVAL": str(interval_hours)},
    )
    stack.logs.mkdir(parents=True, exist_ok=True)
    stack.start_retention()  # what Stack.start() does after starting the servers
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _senders(endpoints) != {"active"}:
            time.sleep(0.5)
        assert _events(endpoints) == [("active", "bot")]
        _fill(endpoints)  # new old events: the next periodic run removes them as well
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(_events(endpoints)) > 2:
            time.sleep(0.5)
        assert _events(endpoints) == [("active", "bot"), ("active", "bot")]
    finally:
        stack.stop()
