"""scripts/retention.py deletes conversations idle longer than QP_RETENTION_DAYS, and only those."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.helpers import fresh_postgres_database
from tests.reliability.conftest import ROOT, require

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
        events = [UserUttered("Hallo", timestamp=now - ages[0] * DAY),
                  BotUttered("Hallo!", timestamp=now - ages[1] * DAY)]
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def _senders(endpoints: Path) -> set:
    import sqlalchemy as sa

    sys.path.insert(0, str(ROOT / "scripts"))
    from retention import database_url

    engine = sa.create_engine(database_url(endpoints))
    with engine.connect() as connection:
        senders = {row[0] for row in connection.execute(sa.text("SELECT sender_id FROM events"))}
    engine.dispose()
    return senders


def _retention(endpoints: Path, *args: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "retention.py"), "--endpoints", str(endpoints),
         *args], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _check(endpoints: Path) -> None:
    _fill(endpoints)
    assert _senders(endpoints) == {"old", "older_than_90", "active"}
    out = _retention(endpoints, "--dry-run", QP_RETENTION_DAYS="90")
    assert "Would delete 2 conversations (4 events)" in out
    assert _senders(endpoints) == {"old", "older_than_90", "active"}
    out = _retention(endpoints, QP_RETENTION_DAYS="150")
    assert "Deleted 1 conversations (2 events) idle for more than 150 days" in out
    assert _senders(endpoints) == {"older_than_90", "active"}
    _retention(endpoints)  # default: 90 days
    assert _senders(endpoints) == {"active"}


def test_retention_on_sqlite(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(
        {"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(tmp_path / "c.db")}}
    ))
    _check(endpoints)


@pytest.mark.integration
def test_retention_on_postgresql(tmp_path, monkeypatch):
    require("PostgreSQL")
    with fresh_postgres_database() as name:
        env = dict(QP_DB_HOST="127.0.0.1", QP_DB_PORT="5432", QP_DB_NAME=name,
                   QP_DB_USER="postgres", QP_DB_PASSWORD="", QP_REDIS_HOST="127.0.0.1",
                   QP_REDIS_PORT="6379", QP_REDIS_PASSWORD="")
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        _check(ROOT / "endpoints.prod.yml")
